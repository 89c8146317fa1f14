using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Handlers;

/// <summary>
/// LAM0006: a handler that needs a serializer and has none. Only an input of exactly
/// <c>System.IO.Stream</c> and an output of <c>void</c>, <c>Task</c> or a <c>Stream</c> go without;
/// anything else needs <c>[LambdaSerializer]</c> on the method or its assembly, or Init fails.
/// </summary>
// The compiler loads SymbolRulesAnalyzer, which runs this rule, rather than the rule itself.
#pragma warning disable RS1001 // No [DiagnosticAnalyzer] attribute: on purpose, see above.
public sealed class LAM0006MissingSerializerAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.MissingSerializer,
        title: "Handler needs a serializer and has none",
        messageFormat: "Handler '{0}' {1}, but no [LambdaSerializer] is on the method or its assembly: the function fails at Init",
        RuleCategories.Handlers,
        DiagnosticSeverity.Error,
        description: "The managed .NET runtime passes the raw payload only to an input of exactly System.IO.Stream and writes only a Stream, void or Task result without help. Any other input or output type is converted by the serializer named with [LambdaSerializer] on the handler method or its assembly; without one the function fails to initialise.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        // The shape leaves out rejected signatures (LAM0002's: no invoke reaches a serializer) and unbound types, which
        // say nothing about the serializer's need. A ValueTask handler gets LAM0008 instead, never both.
        RuntimeLoadedHandlers.Register(context, ShapeProblemKind.Serializer, static (symbolContext, shape, model, problems) =>
        {
            if (!shape.Has(ShapeProblemKind.ValueTask))
            {
                symbolContext.ReportDiagnostic(RuntimeLoadedHandlers.Report(Rule, shape.Method, model, shape.Method.Name, problems[0].Reason));
            }
        });
    }
}
