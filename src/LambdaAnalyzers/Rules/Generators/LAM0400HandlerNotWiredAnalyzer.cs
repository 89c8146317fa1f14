using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.Rules.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Generators;

/// <summary>
/// LAM0400: a <c>[LambdaHandler]</c> method the handler wiring generator cannot wire, which would silently be missing
/// from the deployed function. It reports the first problem of the method's <see cref="HandlerHost.GeneratedWiring"/>
/// shape, and only when no runtime-shape rule (LAM0002, LAM0003, LAM0005, LAM0006, LAM0008) reports on the method:
/// one root cause, one diagnostic. In a class library the managed runtime loads the handler, so what it rejects is
/// those rules' finding and LAM0400 keeps what only the generated wiring cannot do (<c>ref</c>/<c>out</c> parameters,
/// <c>IAsyncEnumerable&lt;T&gt;</c>, <c>ResponseStreaming</c> without a <c>Stream</c>).
/// </summary>
// The compiler loads SymbolRulesAnalyzer, which runs this rule, rather than the rule itself.
#pragma warning disable RS1001 // No [DiagnosticAnalyzer] attribute: on purpose, see above.
public sealed class LAM0400HandlerNotWiredAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.HandlerNotWired,
        title: "[LambdaHandler] method cannot be wired",
        messageFormat: "No wiring is generated for handler '{0}': {1}",
        RuleCategories.Generators,
        DiagnosticSeverity.Warning,
        description: "The handler wiring generator writes an invoker, a handler string and, in executables, the bootstrap Main for each [LambdaHandler] method. A method whose shape no Lambda runtime can call, or whose input or output needs a serializer that is not declared, gets none; without this warning it would simply be missing from the deployed function.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (!LambdaProject.CanHoldHandlers(start.Compilation, start.Options, start.CancellationToken))
            {
                return;
            }

            var model = HandlerModel.For(start.Compilation, start.Options, start.CancellationToken);
            var types = model.Types;
            if (types.LambdaHandlerAttribute is null || types.LambdaRuntime is null)
            {
                // The generator wires nothing without LambdaAnalyzers.Runtime.
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, model), SymbolKind.Method);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, HandlerModel model)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!HasLambdaHandler(method, model) || model.DeclaredKindOf(method) is not { } kind)
        {
            return;
        }

        foreach (var problem in model.RuntimeShapeOf(method).Problems)
        {
            if (problem.Kind.IsReportedFor(kind))
            {
                return;
            }
        }

        var wiring = HandlerShape.Of(method, HandlerHost.GeneratedWiring, model.Types);
        if (!wiring.Problems.IsEmpty)
        {
            context.ReportDiagnostic(RuntimeLoadedHandlers.Report(Rule, method, model, method.Name, wiring.Problems[0].Reason));
        }
    }

    private static bool HasLambdaHandler(IMethodSymbol method, HandlerModel model)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, model.Types.LambdaHandlerAttribute))
            {
                return true;
            }
        }

        return false;
    }
}
