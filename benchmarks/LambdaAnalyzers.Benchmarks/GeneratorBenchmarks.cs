using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using LambdaAnalyzers.Benchmarks.Synthetic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// The package's generators over a synthetic repository: the first run (a new driver, as after
/// opening the project) and the re-run after a one-line edit inside a service method (what the IDE
/// pays per keystroke in an unrelated file). The edited compilation is cloned per operation so no
/// semantic model is reused from the previous one.
/// </summary>
[Config(typeof(SingleShotConfig))]
public class GeneratorBenchmarks
{
    private SyntheticCompilation _synthetic = null!;
    private GeneratorDriver _warm = null!;
    private CSharpCompilation _edited = null!;

    [ParamsSource(typeof(SingleShotConfig), nameof(SingleShotConfig.Sizes))]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _synthetic = SyntheticCompilation.Create(Files);
        _synthetic.EnsureNoErrors();
        _warm = _synthetic.CreateDriver().RunGenerators(_synthetic.Compilation);
        if (_warm.GetRunResult().GeneratedTrees.Length == 0)
        {
            throw new InvalidOperationException("The generators should produce files for the synthetic repository.");
        }

        _edited = _synthetic.WithUnrelatedEdit();
    }

    [Benchmark(Baseline = true)]
    public GeneratorDriver FirstRun() => _synthetic.CreateDriver().RunGenerators(_synthetic.Compilation.Clone());

    [Benchmark]
    public GeneratorDriver RerunAfterUnrelatedEdit() => _warm.RunGenerators(_edited.Clone());
}
