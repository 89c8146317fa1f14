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
    public const string AllSources = "(LambdaAnalyzers.Runtime.LambdaEventSources)8191";

    /// <summary>A project that opts in through MSBuild properties or samples only (or not at all).</summary>
    public static Compilation Compilation(params string[] sources) =>
        GeneratorHarness.Compile(TestReferences.LambdaProject, sources.Length == 0 ? new[] { "internal static class Empty { }" } : sources);

    public static Compilation OptIn(string sources, params string[] extra) =>
        GeneratorHarness.Compile(
            TestReferences.LambdaProject,
            new[] { $"[assembly: LambdaAnalyzers.Runtime.LambdaEvents({sources})]" }.Concat(extra).ToArray());

    /// <summary>A driver of the events generator with MSBuild properties and sample files.</summary>
    public static GeneratorDriver Driver(IReadOnlyDictionary<string, string>? properties = null, params (string Path, string TypeName, string Json)[] samples) =>
        Driver(new IIncrementalGenerator[] { new EventsGenerator() }, properties, samples);

    /// <summary>A driver of <paramref name="generators"/> with MSBuild properties and sample files.</summary>
    public static GeneratorDriver Driver(IIncrementalGenerator[] generators, IReadOnlyDictionary<string, string>? properties, params (string Path, string TypeName, string Json)[] samples) =>
        Driver(generators, properties, samples.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Json)).ToArray(), samples);

    /// <summary>A driver over the given sample <paramref name="texts"/> (kept by the caller, to replace one later).</summary>
    public static GeneratorDriver Driver(IIncrementalGenerator[] generators, IReadOnlyDictionary<string, string>? properties, AdditionalText[] texts, (string Path, string TypeName, string Json)[] samples)
    {
        var metadata = samples.ToDictionary(
            s => s.Path,
            s => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["LambdaEventType"] = s.TypeName });
        return CSharpGeneratorDriver.Create(
            generators.Select(g => g.AsSourceGenerator()),
            texts,
            GeneratorHarness.ParseOptions,
            new TestBuildProperties(properties ?? new Dictionary<string, string>(), metadata),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>The events generator's output for <paramref name="sources"/>, as files for analyzer tests to compile with.</summary>
    public static IReadOnlyList<(string Name, string Text)> GeneratedSources(string sources) =>
        Generated.GetOrAdd(sources, s => Run(OptIn(s)).Result.GeneratedTrees.Select(t => (System.IO.Path.GetFileName(t.FilePath), t.ToString())).ToList());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<(string Name, string Text)>> Generated = new(System.StringComparer.Ordinal);

    /// <summary>The type of a generated property as C# writes it (<c>int</c>, <c>string?</c>, <c>OrderPlacedCustomer</c>).</summary>
    public static string PropertyType(Compilation output, string type, string property, string ns = "LambdaAnalyzers.Events") =>
        output.GetTypeByMetadataName(ns + "." + type)!
            .GetMembers(property).OfType<IPropertySymbol>().Single()
            .Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat.WithMiscellaneousOptions(
                SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes));

    public static (Compilation Output, GeneratorDriverRunResult Result) Run(Compilation input, IReadOnlyDictionary<string, string>? properties = null, params (string Path, string TypeName, string Json)[] samples)
    {
        var driver = Driver(properties, samples).RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return (output, driver.GetRunResult());
    }
}
