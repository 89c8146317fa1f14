using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using LambdaAnalyzers.Benchmarks.Synthetic;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// <c>generator-time [files] [runs]</c>: where the generators' own time goes. Each run hands a fresh driver a
/// fresh clone of the synthetic compilation, so every run is a first run for the driver; the first run of the
/// process also pays the JIT. Prints each generator's time and, per tracked step, the time summed over its runs.
/// </summary>
internal static class GeneratorTime
{
    public static void Run(int files, int runs)
    {
        var synthetic = SyntheticCompilation.Create(files);
        synthetic.EnsureNoErrors();
        var steps = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var run = 0; run < runs; run++)
        {
            var compilation = synthetic.Compilation.Clone();
            var clock = Stopwatch.StartNew();
            var result = synthetic.CreateDriver().RunGenerators(compilation).GetRunResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: {clock.Elapsed.TotalMilliseconds:0.0} ms, every generator"));
            for (var i = 0; i < result.Results.Length; i++)
            {
                foreach (var (step, stepRuns) in result.Results[i].TrackedSteps)
                {
                    var key = SyntheticCompilation.PackageGenerators[i].GetType().Name + "/" + step;
                    if (!steps.TryGetValue(key, out var times))
                    {
                        steps[key] = times = new List<double>();
                    }

                    times.Add(stepRuns.Sum(s => s.ElapsedTime.TotalMilliseconds));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| step | first run (ms) | later runs, median (ms) |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (step, times) in steps.OrderByDescending(s => s.Value[0]))
        {
            var later = times.Skip(1).OrderBy(t => t).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {times[0]:0.0} | {(later.Count == 0 ? double.NaN : later[later.Count / 2]):0.0} |"));
        }
    }
}
