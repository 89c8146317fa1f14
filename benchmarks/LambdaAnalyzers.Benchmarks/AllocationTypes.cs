using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Benchmarks.Synthetic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// <c>allocation-types [files] [runs] [name]</c>: which types make up the bytes the package (or the analyzers whose
/// type name contains <c>name</c>) allocates on top of the compiler, from the runtime's allocation sampling (one
/// event about every 100 KB, with the type of the object that crossed it; in-process, no tools needed). The
/// largest differences to the baseline name what to look at next: the compiler's bound nodes are binding, the
/// driver's closures and state machines are per-analyzer bookkeeping, the package's own types are its models.
/// Sampled, so rows under about 0.3 MB are noise.
/// </summary>
internal static class AllocationTypes
{
    public static async Task RunAsync(int files, int runs, string? only)
    {
        var synthetic = SyntheticCompilation.Create(files);
        synthetic.EnsureNoErrors();
        synthetic.CreateDriver().RunGeneratorsAndUpdateCompilation(synthetic.Compilation, out var withGenerated, out _);

        var baseline = AnalyzerAllocations.Baseline();
        var analyzers = only is null
            ? SyntheticCompilation.PackageAnalyzers
            : SyntheticCompilation.PackageAnalyzers.Where(a => a.GetType().Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToImmutableArray();
        var variants = new[] { ImmutableArray.Create<DiagnosticAnalyzer>(baseline), analyzers.Add(baseline) };
        var sampled = new[] { new ConcurrentDictionary<string, long>(StringComparer.Ordinal), new ConcurrentDictionary<string, long>(StringComparer.Ordinal) };
        using var listener = new AllocationListener();
        for (var run = 0; run < runs + 1; run++)
        {
            for (var variant = 0; variant < variants.Length; variant++)
            {
                // The first run warms up and is not counted.
                listener.Into = run == 0 ? null : sampled[variant];
                await AnalyzerAllocations.CompileAsync(withGenerated, variants[variant], synthetic.AnalyzerOptions).ConfigureAwait(false);
                listener.Into = null;
            }
        }

        double PerRun(long bytes) => bytes / (double)runs / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files} files, {runs} runs, {(only is null ? "the package" : "analyzers matching '" + only + "'")}: sampled {PerRun(sampled[0].Values.Sum()):0.0} MB per run for the baseline, {PerRun(sampled[1].Values.Sum()):0.0} MB with the analyzers."));
        Console.WriteLine();
        Console.WriteLine("| type | extra MB per run |");
        Console.WriteLine("|---|---:|");
        var rows = sampled[0].Keys.Union(sampled[1].Keys)
            .Select(type => (Type: type, Extra: PerRun(BytesOf(sampled[1], type) - BytesOf(sampled[0], type))))
            .OrderByDescending(row => row.Extra)
            .Take(30);
        foreach (var (type, extra) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{type}` | {extra:0.00} |"));
        }
    }

    private static long BytesOf(ConcurrentDictionary<string, long> sampled, string type) => sampled.TryGetValue(type, out var bytes) ? bytes : 0;

    /// <summary>Sums the runtime's allocation-tick events by type name into <see cref="Into"/> while it is set.</summary>
    private sealed class AllocationListener : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;

        public volatile ConcurrentDictionary<string, long>? Into;

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                // Verbose GC events include GCAllocationTick.
                EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (Into is not { } into || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true
                || eventData.PayloadNames is not { } names || eventData.Payload is not { } payload)
            {
                return;
            }

            var typeIndex = names.IndexOf("TypeName");
            var amountIndex = names.IndexOf("AllocationAmount64");
            if (typeIndex < 0 || amountIndex < 0)
            {
                return;
            }

            var type = payload[typeIndex] as string ?? "(unknown)";
            var amount = Convert.ToInt64(payload[amountIndex], CultureInfo.InvariantCulture);
            into.AddOrUpdate(type, amount, (_, total) => total + amount);
        }
    }
}
