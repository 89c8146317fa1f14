using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// For operations of seconds: one invocation per iteration (no pilot stage), one warm-up, many
/// iterations so the median is worth reading on a loaded machine, allocations measured. In process:
/// each operation takes seconds, so the harness's own overhead does not matter, and a shared build
/// machine cannot build BenchmarkDotNet's boilerplate project within its time limit.
/// Sizes: <c>LAMBDA_BENCH_FILES</c> (comma-separated file counts), default 100, 500 and 2,000.
/// </summary>
internal sealed class SingleShotConfig : ManualConfig
{
    public static IEnumerable<int> Sizes() =>
        (Environment.GetEnvironmentVariable("LAMBDA_BENCH_FILES") ?? "100,500,2000")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture));

    public SingleShotConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(9)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true)));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median);
    }
}
