using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Serialization;

/// <summary>
/// LAM0100: the handler's output (unwrapped from <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>)
/// reaches a member the serializer in force throws on when writing. Each finding names the path.
/// </summary>
// The compiler loads SymbolRulesAnalyzer, which runs this rule, rather than the rule itself.
#pragma warning disable RS1001 // No [DiagnosticAnalyzer] attribute: on purpose, see above.
public sealed class LAM0100UnwritableOutputAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.UnwritableOutput,
        title: "The serializer cannot write the handler's output",
        messageFormat: "Handler '{0}' returns data {1} cannot write: '{2}' is {3}; every invoke fails after the handler ran",
        RuleCategories.Serialization,
        DiagnosticSeverity.Error,
        description: "The serializer in force writes the handler's result after the handler has run. Delegates, reflection types, pointers, native-sized integers, ref structs, Stream members other than MemoryStream and open type parameters make it throw, so the function fails although the handler succeeded. Ignore the member, give it a converter, or return a data type.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        SerializedHandlers.Register(context, (handler, report, cancellationToken) =>
        {
            if (handler.Output is not { } output)
            {
                return;
            }

            foreach (var problem in handler.Model.Problems(output, Direction.Write, cancellationToken))
            {
                if (!problem.IsDataLoss)
                {
                    report(Diagnostic.Create(Rule, handler.Location, handler.Name, handler.Model.Profile.DisplayName, problem.Finding, problem.Reason));
                }
            }
        });
    }
}
