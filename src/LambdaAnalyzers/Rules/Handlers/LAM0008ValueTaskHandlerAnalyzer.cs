using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Handlers;

/// <summary>
/// LAM0008: a <c>ValueTask</c>/<c>ValueTask&lt;T&gt;</c> handler loaded by the managed runtime. That
/// runtime special-cases only <c>Task</c>: a ValueTask is treated as an ordinary value to
/// serialize, not awaited. Our generated bootstrap awaits it, so those handlers are fine.
/// </summary>
// The compiler loads SymbolRulesAnalyzer, which runs this rule, rather than the rule itself.
#pragma warning disable RS1001 // No [DiagnosticAnalyzer] attribute: on purpose, see above.
public sealed class LAM0008ValueTaskHandlerAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.ValueTaskHandler,
        title: "The managed Lambda runtime does not await ValueTask handlers",
        messageFormat: "Handler '{0}' returns '{1}', which the managed Lambda runtime does not await; return Task instead",
        RuleCategories.Handlers,
        DiagnosticSeverity.Warning,
        description: "The managed .NET runtime awaits handlers that return Task or Task<T>. A ValueTask is not special-cased: it is handed to the serializer as a value, so the work is not awaited and the response is not the handler's result.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        RuntimeLoadedHandlers.Register(context, ShapeProblemKind.ValueTask, static (symbolContext, shape, model, problems) =>
            symbolContext.ReportDiagnostic(RuntimeLoadedHandlers.Report(Rule, shape.Method, model, shape.Method.Name, problems[0].Reason)));
    }
}
