using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules;

/// <summary>
/// Several rules run as one analyzer. The analyzer driver keeps per-symbol state for every analyzer that
/// registers a symbol action, whatever the action does and whichever symbol kinds it asks for: measured on
/// the 500-file synthetic repository, twelve analyzers with a no-op symbol action each allocate 5–10 MB
/// (2–3 %) more over a whole compile, one analyzer with twelve such actions 0–3 MB, within the noise
/// (<c>benchmarks/LambdaAnalyzers.Benchmarks</c>, <c>allocations</c>). Each rule stays its own
/// <see cref="DiagnosticAnalyzer"/> in its own file, with its own tests; only the group carries
/// <c>[DiagnosticAnalyzer]</c>, so the compiler loads the group and not the rules.
/// </summary>
public abstract class RuleGroupAnalyzer : DiagnosticAnalyzer
{
    private readonly ImmutableArray<DiagnosticAnalyzer> _rules;

    private protected RuleGroupAnalyzer(ImmutableArray<DiagnosticAnalyzer> rules)
    {
        _rules = rules;
        var descriptors = ImmutableArray.CreateBuilder<DiagnosticDescriptor>();
        var ids = new HashSet<string>();
        foreach (var rule in rules)
        {
            foreach (var descriptor in rule.SupportedDiagnostics)
            {
                if (ids.Add(descriptor.Id))
                {
                    descriptors.Add(descriptor);
                }
            }
        }

        SupportedDiagnostics = descriptors.ToImmutable();
    }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>The rules of the group, in the order they register (each can run alone, as a rule's tests and the benchmarks run it).</summary>
    public ImmutableArray<DiagnosticAnalyzer> Rules => _rules;

    public sealed override void Initialize(AnalysisContext context)
    {
        // Every rule of a group skips generated code and runs concurrently (RuleGroupContext checks the first).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        foreach (var rule in _rules)
        {
            rule.Initialize(new RuleGroupContext(context, rule, GeneratedCodeAnalysisFlags.None));
        }
    }
}
