using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Handlers;

/// <summary>
/// LAM0003: an <c>async void</c> handler. The managed runtime detects it (an async state machine
/// returning void) and rejects it at Init: nothing could await its work.
/// </summary>
// The compiler loads SymbolRulesAnalyzer, which runs this rule, rather than the rule itself.
#pragma warning disable RS1001 // No [DiagnosticAnalyzer] attribute: on purpose, see above.
public sealed class LAM0003AsyncVoidHandlerAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.AsyncVoidHandler,
        title: "Handler is async void",
        messageFormat: "Handler '{0}' is async void, which the Lambda runtime rejects at Init; return Task",
        RuleCategories.Handlers,
        DiagnosticSeverity.Error,
        description: "An async void method gives its caller nothing to await. The managed .NET runtime rejects such handlers when the function initialises; an async handler returns Task or Task<T>.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        RuntimeLoadedHandlers.Register(context, ShapeProblemKind.AsyncVoid, static (symbolContext, shape, model, _) =>
            symbolContext.ReportDiagnostic(RuntimeLoadedHandlers.Report(Rule, shape.Method, model, shape.Method.Name)));
    }
}
