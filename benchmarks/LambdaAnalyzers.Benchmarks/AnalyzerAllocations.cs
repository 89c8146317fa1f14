using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Benchmarks.Synthetic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// <c>allocations [files] [runs]</c>: the bytes the package's analyzers allocate on top of the compiler,
/// whole and one analyzer at a time, as a ratio to a baseline in the same run. Allocation counts barely
/// move between runs, where times on a shared 2-core machine move by more than the differences looked
/// for; they measure work (binding, models), not first-run costs such as JIT. The baseline binds every
/// method body and emits (a no-op semantic-model action makes the driver bind each file); the probe
/// <c>no-op operation action</c> shows what an operation action costs by existing: the driver builds the
/// operations of every body, which no rule of the package may cause (<c>LambdaProjectTests</c>). The two
/// symbol-action probes show why the rules that look at symbols run in one analyzer (<c>RuleGroupAnalyzer</c>):
/// the driver's per-symbol work is per analyzer that registers a symbol action.
/// An analyzer alone pays for the shared models it asks for first; the rows do not add up to the package.
/// <c>allocations [files] [runs] [name]</c> measures only the analyzers whose type name contains <c>name</c>
/// (with the baseline), for a quicker before/after of one change.
/// </summary>
internal static class AnalyzerAllocations
{
    public static async Task RunAsync(int files, int runs, string? only = null)
    {
        var synthetic = SyntheticCompilation.Create(files);
        synthetic.EnsureNoErrors();
        synthetic.CreateDriver().RunGeneratorsAndUpdateCompilation(synthetic.Compilation, out var withGenerated, out _);

        var baseline = Baseline();
        var operationProbe = new EmptyAnalyzer("BENCH0003", static c => c.RegisterOperationAction(_ => { }, OperationKind.Literal));
        var variants = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>
        {
            ("baseline (compiler, every file bound, emit)", ImmutableArray.Create<DiagnosticAnalyzer>(baseline)),
            ("probe: a no-op operation action", ImmutableArray.Create<DiagnosticAnalyzer>(baseline, operationProbe)),
            ("the package", SyntheticCompilation.PackageAnalyzers.Add(baseline)),
            ("probe: 12 analyzers, a no-op symbol action each", Probes(12, static c => c.RegisterSymbolAction(_ => { }, SymbolKind.Method)).Add(baseline)),
            ("probe: 1 analyzer, 12 no-op symbol actions", ImmutableArray.Create<DiagnosticAnalyzer>(baseline, new EmptyAnalyzer("BENCH0200", static c =>
            {
                for (var i = 0; i < 12; i++)
                {
                    c.RegisterSymbolAction(_ => { }, SymbolKind.Method);
                }
            }))),
        };
        variants.AddRange(SyntheticCompilation.PackageAnalyzers.Select(a => (a.GetType().Name, ImmutableArray.Create(baseline, a))));

        // A group's rules alone too (each pays for the shared models it asks for first), named "group/rule".
        variants.AddRange(SyntheticCompilation.PackageAnalyzers.OfType<LambdaAnalyzers.Rules.RuleGroupAnalyzer>()
            .SelectMany(group => group.Rules.Select(rule => (group.GetType().Name + "/" + rule.GetType().Name, ImmutableArray.Create(baseline, rule)))));
        if (only is not null)
        {
            var baselineName = variants[0].Name;
            variants.RemoveAll(v => v.Name != baselineName && !v.Name.Contains(only, StringComparison.OrdinalIgnoreCase));
        }

        var megabytes = variants.ToDictionary(v => v.Name, _ => new List<double>());
        for (var run = 0; run < runs + 1; run++)
        {
            foreach (var (name, analyzers) in variants)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                await CompileAsync(withGenerated, analyzers, synthetic.AnalyzerOptions).ConfigureAwait(false);
                if (run > 0)
                {
                    megabytes[name].Add((GC.GetTotalAllocatedBytes(precise: true) - before) / 1e6);
                }
            }
        }

        var baselineMb = Median(megabytes[variants[0].Name]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files} files, {runs} runs (medians); baseline {baselineMb:0} MB allocated."));
        Console.WriteLine();
        Console.WriteLine("| analyzers | MB allocated | extra over the baseline | ratio |");
        Console.WriteLine("|---|---:|---:|---:|");
        var fixedRows = only is null ? 5 : 1;
        foreach (var (name, _) in variants.Take(fixedRows).Concat(variants.Skip(fixedRows).OrderByDescending(v => Median(megabytes[v.Name]))))
        {
            var mb = Median(megabytes[name]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {mb:0} | {mb - baselineMb:0.0} | {mb / baselineMb:0.000} |"));
        }
    }

    /// <summary>The baseline's analyzer: a no-op semantic-model action makes the driver bind every file, as a build's compile does.</summary>
    internal static DiagnosticAnalyzer Baseline() => new EmptyAnalyzer("BENCH0002", static c => c.RegisterSemanticModelAction(_ => { }));

    /// <summary>What is measured: the analyzers over a fresh copy of the compilation, then emit.</summary>
    internal static async Task CompileAsync(Compilation withGenerated, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options)
    {
        var withAnalyzers = withGenerated.Clone().WithAnalyzers(analyzers, options);
        await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        withAnalyzers.Compilation.Emit(Stream.Null);
    }

    /// <summary><paramref name="count"/> no-op analyzers, each registering with <paramref name="register"/>.</summary>
    private static ImmutableArray<DiagnosticAnalyzer> Probes(int count, Action<AnalysisContext> register) =>
        Enumerable.Range(0, count)
            .Select(i => (DiagnosticAnalyzer)new EmptyAnalyzer("BENCH01" + i.ToString("00", CultureInfo.InvariantCulture), register))
            .ToImmutableArray();

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
