using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LambdaAnalyzers.Benchmarks.Synthetic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// The whole LambdaAnalyzers package — every generator, then every analyzer — over a synthetic
/// function repository, against the compiler alone in the same run. Both operations produce all the
/// compilation's diagnostics (every method body bound, as a build does); the baseline runs a no-op
/// analyzer, so the difference is the package's own cost. Each operation starts from a fresh clone
/// (nothing cached from the last one); emit is left out of both.
/// </summary>
[Config(typeof(SingleShotConfig))]
public class WholePackageBenchmarks
{
    private SyntheticCompilation _synthetic = null!;

    [ParamsSource(typeof(SingleShotConfig), nameof(SingleShotConfig.Sizes))]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _synthetic = SyntheticCompilation.Create(Files);
        _synthetic.EnsureNoErrors();
        var diagnostics = WholePackage().GetAwaiter().GetResult();
        if (!diagnostics.Any(d => d.Id.StartsWith("LAM", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("The package should report on the synthetic repository; the benchmark would measure nothing.");
        }
    }

    [Benchmark(Baseline = true)]
    public Task<ImmutableArray<Diagnostic>> CompilerOnly() =>
        _synthetic.Compilation.Clone().WithAnalyzers(EmptyAnalyzer.Only, _synthetic.AnalyzerOptions).GetAllDiagnosticsAsync();

    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> WholePackage()
    {
        _synthetic.CreateDriver().RunGeneratorsAndUpdateCompilation(_synthetic.Compilation.Clone(), out var withGenerated, out _);
        return withGenerated.WithAnalyzers(SyntheticCompilation.PackageAnalyzers, _synthetic.AnalyzerOptions).GetAllDiagnosticsAsync();
    }
}
