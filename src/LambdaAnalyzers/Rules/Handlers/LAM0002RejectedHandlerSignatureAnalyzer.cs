using System.Collections.Immutable;
using System.Linq;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Handlers;

/// <summary>
/// LAM0002: a handler signature the managed runtime rejects at Init: more than two parameters, a
/// second parameter that is not <c>ILambdaContext</c>, <c>params</c>/varargs, a generic or an
/// abstract method (docs/platform/handlers.md, "Accepted and rejected handlers").
/// </summary>
// The compiler loads SymbolRulesAnalyzer, which runs this rule, rather than the rule itself.
#pragma warning disable RS1001 // No [DiagnosticAnalyzer] attribute: on purpose, see above.
public sealed class LAM0002RejectedHandlerSignatureAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.RejectedHandlerSignature,
        title: "The Lambda runtime rejects this handler signature",
        messageFormat: "Handler '{0}' is rejected by the Lambda runtime at Init: {1}",
        RuleCategories.Handlers,
        DiagnosticSeverity.Error,
        description: "The managed .NET runtime accepts handlers with no parameter, one (the input or ILambdaContext) or two (the input, then ILambdaContext). It rejects more parameters, a second parameter of another type, params or varargs parameters, generic methods and abstract methods, and the function fails to initialise.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        RuntimeLoadedHandlers.Register(context, ShapeProblemKind.Signature, static (symbolContext, shape, model, problems) =>
            symbolContext.ReportDiagnostic(RuntimeLoadedHandlers.Report(Rule, shape.Method, model, shape.Method.Name, string.Join("; ", problems.Select(static p => p.Reason)))));
    }
}
