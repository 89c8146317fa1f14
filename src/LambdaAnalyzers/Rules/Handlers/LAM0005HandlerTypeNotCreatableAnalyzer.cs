using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Handlers;

/// <summary>
/// LAM0005: the managed runtime cannot use the handler's type: a generic type (even for a static
/// handler), an interface or enum, an abstract class with an instance handler, or a class without
/// the public parameterless constructor <c>Activator.CreateInstance</c> needs.
/// </summary>
// The compiler loads SymbolRulesAnalyzer, which runs this rule, rather than the rule itself.
#pragma warning disable RS1001 // No [DiagnosticAnalyzer] attribute: on purpose, see above.
public sealed class LAM0005HandlerTypeNotCreatableAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.HandlerTypeNotCreatable,
        title: "The Lambda runtime cannot create the handler type",
        messageFormat: "Handler type '{0}' cannot be used by the Lambda runtime: {1}",
        RuleCategories.Handlers,
        DiagnosticSeverity.Error,
        description: "For an instance handler the managed .NET runtime creates one instance of the handler type with its public parameterless constructor during Init. Generic types are rejected even for static handlers; abstract classes only work with static handlers.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        // The runtime creates the type the handler string names (the shape's LoadedType), which may inherit the method.
        RuntimeLoadedHandlers.Register(context, ShapeProblemKind.Type, static (symbolContext, shape, model, problems) =>
            symbolContext.ReportDiagnostic(RuntimeLoadedHandlers.Report(Rule, shape.Method, model, shape.LoadedType.Name, problems[0].Reason)));
    }
}
