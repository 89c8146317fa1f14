using System.Collections.Generic;
using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Serialization;

/// <summary>
/// LAM0103: data the serializer in force drops without an error: public fields System.Text.Json
/// skips, input properties nothing can set, members whose JSON names collide, and the members of
/// the implementations of an interface or abstract output type System.Text.Json writes as the
/// declared type. Not reported for an input type the serializer cannot create (LAM0101 is).
/// </summary>
// The compiler loads SymbolRulesAnalyzer, which runs this rule, rather than the rule itself.
#pragma warning disable RS1001 // No [DiagnosticAnalyzer] attribute: on purpose, see above.
public sealed class LAM0103SilentDataLossAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.SilentDataLoss,
        title: "The serializer silently drops handler data",
        messageFormat: "Handler '{0}': {1} loses '{2}', {3}",
        RuleCategories.Serialization,
        DiagnosticSeverity.Warning,
        description: "Some members never make it through the serializer, with no error: System.Text.Json skips public fields unless IncludeFields or [JsonInclude] says otherwise, input properties without a public setter stay at their default unless a constructor parameter sets them, two members whose JSON names match ignoring case collide, and a value declared as an interface or abstract class is written with the declared type's members only, dropping those its implementation adds.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        SerializedHandlers.Register(context, (handler, report, cancellationToken) =>
        {
            var reported = new HashSet<string>();
            if (handler.Input is { } input)
            {
                Report(handler, handler.Model.Problems(input, Direction.Read, cancellationToken), reported, report);
            }

            if (handler.Output is { } output)
            {
                Report(handler, handler.Model.Problems(output, Direction.Write, cancellationToken), reported, report);
            }
        });
    }

    private static void Report(SerializedHandler handler, ImmutableArray<SerializationProblem> problems, HashSet<string> reported, System.Action<Diagnostic> report)
    {
        // Nothing of a type the serializer cannot create is lost silently: reading it throws (LAM0101).
        var uncreatable = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var problem in problems)
        {
            if (problem.IsCreationFailure)
            {
                uncreatable.Add(problem.Type);
            }
        }

        foreach (var problem in problems)
        {
            if (problem.IsDataLoss && !(problem.Owner is { } owner && uncreatable.Contains(owner)) && reported.Add(problem.Kind + "|" + problem.Finding))
            {
                report(Diagnostic.Create(Rule, handler.Location, handler.Name, handler.Model.Profile.DisplayName, problem.Finding, problem.Reason));
            }
        }
    }
}
