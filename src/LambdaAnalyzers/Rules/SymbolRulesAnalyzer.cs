using System.Collections.Immutable;
using LambdaAnalyzers.Rules.Generators;
using LambdaAnalyzers.Rules.Handlers;
using LambdaAnalyzers.Rules.Lifecycle;
using LambdaAnalyzers.Rules.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules;

/// <summary>
/// The rules that look at each method or type symbol of the compilation, run as one analyzer
/// (<see cref="RuleGroupAnalyzer"/>): the runtime-shape rules (LAM0002, LAM0003, LAM0005, LAM0006, LAM0008), the
/// serialization rules (LAM0100–LAM0103), LAM0400, LAM0405 and the lifecycle rules that walk the invoke path
/// (<see cref="LifecycleAnalyzer"/>). LAM0401, which also analyzes generated code and reports at compilation end,
/// stays apart.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SymbolRulesAnalyzer : RuleGroupAnalyzer
{
    public SymbolRulesAnalyzer()
        : base(ImmutableArray.Create<DiagnosticAnalyzer>(
            new LAM0002RejectedHandlerSignatureAnalyzer(),
            new LAM0003AsyncVoidHandlerAnalyzer(),
            new LAM0005HandlerTypeNotCreatableAnalyzer(),
            new LAM0006MissingSerializerAnalyzer(),
            new LAM0008ValueTaskHandlerAnalyzer(),
            new LAM0100UnwritableOutputAnalyzer(),
            new LAM0101UncreatableInputAnalyzer(),
            new LAM0102TypeMissingFromContextAnalyzer(),
            new LAM0103SilentDataLossAnalyzer(),
            new LAM0400HandlerNotWiredAnalyzer(),
            new LAM0405GeneratedEventTypeInJsonContextAnalyzer(),
            new LifecycleAnalyzer()))
    {
    }
}
