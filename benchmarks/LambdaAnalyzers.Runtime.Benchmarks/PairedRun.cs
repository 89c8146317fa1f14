using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Runtime.Benchmarks;

/// <summary>
/// <c>--paired [rounds]</c>: a cross-check for a noisy machine, outside BenchmarkDotNet. Runs the two
/// benchmarks of <see cref="LoopOverheadBenchmarks"/> alternately (the order flips every round), so load
/// that comes and goes hits both alike, and reports per invoke the median wall time, the median process
/// CPU time (less sensitive than wall time to other processes on the machine), the bytes allocated, and
/// the median of the per-round differences.
/// </summary>
internal static class PairedRun
{
    private const int WarmupRounds = 3;

    public static async Task RunAsync(int rounds)
    {
        var benchmarks = new LoopOverheadBenchmarks();
        await benchmarks.SetupAsync().ConfigureAwait(false);
        try
        {
            for (var i = 0; i < WarmupRounds; i++)
            {
                await benchmarks.RawHttpClientLoop().ConfigureAwait(false);
                await benchmarks.LambdaRuntimeLoop().ConfigureAwait(false);
            }

            var raw = new List<Sample>(rounds);
            var loop = new List<Sample>(rounds);
            for (var round = 0; round < rounds; round++)
            {
                if (round % 2 == 0)
                {
                    raw.Add(await MeasureAsync(benchmarks.RawHttpClientLoop).ConfigureAwait(false));
                    loop.Add(await MeasureAsync(benchmarks.LambdaRuntimeLoop).ConfigureAwait(false));
                }
                else
                {
                    loop.Add(await MeasureAsync(benchmarks.LambdaRuntimeLoop).ConfigureAwait(false));
                    raw.Add(await MeasureAsync(benchmarks.RawHttpClientLoop).ConfigureAwait(false));
                }
            }

            var differences = raw.Zip(loop, (r, l) => new Sample(l.WallUs - r.WallUs, l.CpuUs - r.CpuUs, l.Bytes - r.Bytes)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} rounds of {LoopOverheadBenchmarks.Invocations} invokes per loop, alternating; {Environment.ProcessorCount} cores; per invoke:"));
            Console.WriteLine();
            Console.WriteLine("| | Wall (median) | CPU (median) | Allocated (median) |");
            Console.WriteLine("|---|---:|---:|---:|");
            Row("RawHttpClientLoop (baseline)", raw, signed: false);
            Row("LambdaRuntimeLoop", loop, signed: false);
            Row("difference, per round", differences, signed: true);
        }
        finally
        {
            await benchmarks.CleanupAsync().ConfigureAwait(false);
        }
    }

    private static async Task<Sample> MeasureAsync(Func<Task> loop)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        var wall = Stopwatch.GetTimestamp();
        await loop().ConfigureAwait(false);
        var wallUs = Stopwatch.GetElapsedTime(wall).TotalMicroseconds;
        var cpuUs = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        const double n = LoopOverheadBenchmarks.Invocations;
        return new Sample(wallUs / n, cpuUs / n, bytes / n);
    }

    private static void Row(string name, List<Sample> samples, bool signed)
    {
        var format = signed ? "+0.0;-0.0;0.0" : "0.0";
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {Median(samples.Select(s => s.WallUs)).ToString(format, CultureInfo.InvariantCulture)} us | {Median(samples.Select(s => s.CpuUs)).ToString(format, CultureInfo.InvariantCulture)} us | {Median(samples.Select(s => s.Bytes)).ToString(signed ? "+0;-0;0" : "0", CultureInfo.InvariantCulture)} B |"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private readonly record struct Sample(double WallUs, double CpuUs, double Bytes);
}
