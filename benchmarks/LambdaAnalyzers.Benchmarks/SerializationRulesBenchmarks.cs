using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LambdaAnalyzers.Rules.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// The serialization rules over type graphs of 50 to 400 types. Each run analyses a fresh clone of
/// the compilation (the model caches per compilation); the baseline runs a no-op analyzer over the
/// same clone, so the difference is the rules' own cost. The "PerDoubling" column divides each mean
/// by the mean at half the size: about 2 means linear growth.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerDoublingConfig))]
public class SerializationRulesBenchmarks
{
    // Only what the generated source needs, so reference loading does not drown the measurement.
    private static readonly ImmutableArray<MetadataReference> Framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p) is "System.Private.CoreLib.dll" or "System.Runtime.dll" or "System.Collections.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToImmutableArray();

        private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
        new LAM0100UnwritableOutputAnalyzer(), new LAM0101UncreatableInputAnalyzer(), new LAM0103SilentDataLossAnalyzer());

    private CSharpCompilation _compilation = null!;

    [Params(50, 100, 200, 400)]
    public int Types { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _compilation = CSharpCompilation.Create(
            "Graph",
            new[] { CSharpSyntaxTree.ParseText(TypeGraphSource.Create(Types), new CSharpParseOptions(LanguageVersion.CSharp12)) },
            Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var diagnostics = SerializationRules().GetAwaiter().GetResult();
        if (diagnostics.Length == 0)
        {
            throw new InvalidOperationException("The graph should produce findings; the benchmark would measure nothing.");
        }
    }

    /// <summary>The same work without the rules: binding the clone and running a no-op analyzer.</summary>
    [Benchmark(Baseline = true)]
    public Task<ImmutableArray<Diagnostic>> NoRules() =>
        _compilation.Clone().WithAnalyzers(EmptyAnalyzer.Only).GetAnalyzerDiagnosticsAsync();

    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> SerializationRules() =>
        _compilation.Clone().WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync();
}
