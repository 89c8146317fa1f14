using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Serialization;

/// <summary>
/// LAM0101: the handler's input reaches a type the serializer in force cannot create or read:
/// interfaces and abstract types without polymorphism metadata, no usable constructor, a
/// constructor parameter that binds to no member, several public constructors without a marked one.
/// </summary>
// The compiler loads SymbolRulesAnalyzer, which runs this rule, rather than the rule itself.
#pragma warning disable RS1001 // No [DiagnosticAnalyzer] attribute: on purpose, see above.
public sealed class LAM0101UncreatableInputAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.UncreatableInput,
        title: "The serializer cannot create the handler's input",
        messageFormat: "Handler '{0}' takes input {1} cannot create: '{2}' has {3}; every invoke fails before the handler runs",
        RuleCategories.Serialization,
        DiagnosticSeverity.Error,
        description: "The serializer in force creates the handler's input from the event JSON before the handler runs. An interface or abstract type without polymorphism metadata, a class without a constructor the serializer can use, or a constructor parameter matching no property makes it throw on every invoke.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        SerializedHandlers.Register(context, (handler, report, cancellationToken) =>
        {
            if (handler.Input is not { } input)
            {
                return;
            }

            foreach (var problem in handler.Model.Problems(input, Direction.Read, cancellationToken))
            {
                if (!problem.IsDataLoss)
                {
                    report(Diagnostic.Create(Rule, handler.Location, handler.Name, handler.Model.Profile.DisplayName, problem.Finding, Has(problem)));
                }
            }
        });
    }

    private static string Has(SerializationProblem problem) => problem.Kind switch
    {
        ProblemKind.AbstractWithoutPolymorphism => "no [JsonPolymorphic]/[JsonDerivedType] metadata (an interface or abstract type)",
        ProblemKind.NoUsableConstructor or ProblemKind.SeveralConstructors or ProblemKind.UnboundConstructorParameter => problem.Reason,
        _ => "a member the serializer refuses: " + problem.Reason,
    };
}
