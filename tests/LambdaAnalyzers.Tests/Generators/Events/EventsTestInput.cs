using System.Collections.Generic;
using System.Linq;
using LambdaAnalyzers.Generators.Events;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LambdaAnalyzers.Tests.Generators.Events;

/// <summary>Compilations that opt in to generated event types, and the generator run over them.</summary>
internal static class EventsTestInput
{
    /// <summary>Every catalog source, as the attribute names them.</summary>
    public const string AllSources = "(LambdaAnalyzers.Runtime.LambdaEventSource)8191";

    public static Compilation OptIn(string sources, params string[] extra) =>
        GeneratorHarness.Compile(
            TestReferences.LambdaProject,
            new[] { $"[assembly: LambdaAnalyzers.Runtime.LambdaEvents({sources})]" }.Concat(extra).ToArray());

    /// <summary>Runs the events generator with MSBuild properties and sample files.</summary>
    public static GeneratorDriver Driver(IReadOnlyDictionary<string, string>? properties = null, params (string Path, string TypeName, string Json)[] samples)
    {
        var texts = samples.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Json)).ToArray();
        var metadata = samples.ToDictionary(
            s => s.Path,
            s => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["LambdaEventType"] = s.TypeName });
        return CSharpGeneratorDriver.Create(
            new[] { new EventsGenerator().AsSourceGenerator() },
            texts,
            GeneratorHarness.ParseOptions,
            new TestBuildProperties(properties ?? new Dictionary<string, string>(), metadata),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public static (Compilation Output, GeneratorDriverRunResult Result) Run(Compilation input, IReadOnlyDictionary<string, string>? properties = null, params (string Path, string TypeName, string Json)[] samples)
    {
        var driver = Driver(properties, samples).RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return (output, driver.GetRunResult());
    }
}
