using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Benchmarks.Synthetic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// <c>telemetry [files] [runs]</c>: per analyzer, the execution time and action counts the analyzer
/// driver records (<c>logAnalyzerExecutionTime</c>, <see cref="AnalysisResult.AnalyzerTelemetryInfo"/>),
/// median over several runs of a fresh clone, analyzers run one at a time (not concurrently) so each
/// time is its own. The per-compilation models (handler model, lifecycle, deployment files) are built
/// by whichever analyzer asks first and charged to it. Then the compiler-only time of the same
/// compilation for scale, and the generators' steps after a one-line unrelated edit.
/// </summary>
internal static class RuleTelemetry
{
    public static async Task RunAsync(int files, int runs)
    {
        var synthetic = SyntheticCompilation.Create(files);
        synthetic.EnsureNoErrors();
        synthetic.CreateDriver().RunGeneratorsAndUpdateCompilation(synthetic.Compilation, out var withGenerated, out _);

        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var counts = new Dictionary<string, AnalyzerTelemetryInfo>(StringComparer.Ordinal);
        var compilerOnly = new List<double>();
        var findings = string.Empty;
        for (var run = 0; run < runs + 1; run++)
        {
            var baseline = Stopwatch.StartNew();
            await withGenerated.Clone().WithAnalyzers(EmptyAnalyzer.Only, synthetic.AnalyzerOptions).GetAllDiagnosticsAsync().ConfigureAwait(false);
            baseline.Stop();

            var options = new CompilationWithAnalyzersOptions(synthetic.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
            var withAnalyzers = withGenerated.Clone().WithAnalyzers(SyntheticCompilation.PackageAnalyzers, options);
            var result = await withAnalyzers.GetAnalysisResultAsync(default).ConfigureAwait(false);
            findings = string.Join(", ", result.GetAllDiagnostics().GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}"));
            if (run == 0)
            {
                continue; // warm-up: JIT and the first load of every analyzer
            }

            compilerOnly.Add(baseline.Elapsed.TotalMilliseconds);
            foreach (var analyzer in SyntheticCompilation.PackageAnalyzers)
            {
                var info = result.AnalyzerTelemetryInfo[analyzer];
                var name = analyzer.GetType().Name;
                if (!times.TryGetValue(name, out var list))
                {
                    times[name] = list = new List<double>();
                }

                list.Add(info.ExecutionTime.TotalMilliseconds);
                counts[name] = info;
            }
        }

        var total = times.Values.Sum(Median);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files} files, {runs} runs (medians), analyzers one at a time; compiler alone (all diagnostics, no-op analyzer): {Median(compilerOnly):0} ms; sum of analyzer medians: {total:0} ms ({total / Median(compilerOnly):0.00} of the compiler alone)."));
        Console.WriteLine();
        Console.WriteLine("Findings: " + findings + ".");
        Console.WriteLine();
        Console.WriteLine("Time per analyzer, and the actions it registered (counts of registrations, not of calls):");
        Console.WriteLine();
        Console.WriteLine("| analyzer | time (ms) | share | symbol | symbol start | syntax node | operation | operation block (start) | compilation (start/end) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, list) in times.OrderByDescending(p => Median(p.Value)))
        {
            var c = counts[name];
            var ms = Median(list);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {ms:0.0} | {ms / total:P0} | {c.SymbolActionsCount} | {c.SymbolStartActionsCount} | {c.SyntaxNodeActionsCount} | {c.OperationActionsCount} | {c.OperationBlockActionsCount + c.OperationBlockStartActionsCount} | {c.CompilationActionsCount + c.CompilationStartActionsCount + c.CompilationEndActionsCount} |"));
        }

        Console.WriteLine();
        ReportGeneratorSteps(synthetic);
    }

    /// <summary>Which generator steps an unrelated one-line edit re-ran.</summary>
    private static void ReportGeneratorSteps(SyntheticCompilation synthetic)
    {
        var driver = synthetic.CreateDriver().RunGenerators(synthetic.Compilation);
        driver = driver.RunGenerators(synthetic.WithUnrelatedEdit());
        Console.WriteLine("Generator steps after a one-line edit in a service method (output counts by run reason):");
        Console.WriteLine();
        Console.WriteLine("| generator | step | reasons |");
        Console.WriteLine("|---|---|---|");
        foreach (var result in driver.GetRunResult().Results)
        {
            foreach (var (step, runs) in result.TrackedSteps.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                var reasons = runs.SelectMany(r => r.Outputs).GroupBy(o => o.Reason).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
                Console.WriteLine($"| {result.Generator.GetGeneratorType().Name} | {step} | {string.Join(", ", reasons)} |");
            }
        }
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
