using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Sdk;

namespace LambdaAnalyzers.Tests.Infrastructure.Generators;

/// <summary>
/// Runs an incremental generator the way the compiler does, for the three kinds of generator
/// test: golden files of its output, compile-and-run of that output, and cached-step checks.
/// </summary>
internal static class GeneratorHarness
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12);

    public static CSharpCompilation Compile(IEnumerable<MetadataReference> references, params string[] sources) =>
        CSharpCompilation.Create(
            "GeneratorTest",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(SdkSuppressions));

    /// <summary>What the .NET SDK suppresses in every build (CS1701/CS1702: assembly version unification).</summary>
    private static readonly ImmutableDictionary<string, ReportDiagnostic> SdkSuppressions = ImmutableDictionary<string, ReportDiagnostic>.Empty
        .Add("CS1701", ReportDiagnostic.Suppress)
        .Add("CS1702", ReportDiagnostic.Suppress);

    /// <summary>A driver that records every tracked step, as the cached-step assertions need.</summary>
    public static GeneratorDriver CreateDriver(params IIncrementalGenerator[] generators) =>
        CSharpGeneratorDriver.Create(
            generators.Select(g => g.AsSourceGenerator()),
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once and returns the compilation with its output added.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result, GeneratorDriver Driver) Run(IIncrementalGenerator generator, Compilation input)
    {
        var driver = CreateDriver(generator).RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return (output, driver.GetRunResult(), driver);
    }

    /// <summary>Each generated file equals <c>{goldenDirectory}/{hintName}</c> (see <see cref="GoldenFile"/>).</summary>
    public static void AssertGolden(GeneratorDriverRunResult result, string goldenDirectory)
    {
        var generated = result.Results.SelectMany(r => r.GeneratedSources).ToList();
        foreach (var source in generated)
        {
            GoldenFile.AssertMatches(Path.Combine(goldenDirectory, source.HintName), source.SourceText.ToString());
        }

        if (!GoldenFile.Accepting && Directory.Exists(goldenDirectory))
        {
            var expected = Directory.GetFiles(goldenDirectory).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal);
            var actual = generated.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>No errors or warnings in the compilation the generator produced.</summary>
    public static void AssertCompiles(Compilation output)
    {
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count > 0)
        {
            throw new XunitException("The generated code does not compile cleanly:\n" + string.Join("\n", problems));
        }
    }

    /// <summary>Emits the compilation and loads it in a collectible context, so tests can run generated code.</summary>
    public static Assembly Load(Compilation output)
    {
        AssertCompiles(output);
        using var image = new MemoryStream();
        var emit = output.Emit(image);
        if (!emit.Success)
        {
            throw new XunitException("Emit failed:\n" + string.Join("\n", emit.Diagnostics));
        }

        image.Position = 0;
        return new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(image);
    }

    /// <summary>
    /// Runs the generator on <paramref name="before"/>, then on the edited compilation with the same
    /// driver, and returns the reason each output of each named step had in the second run.
    /// </summary>
    public static ImmutableDictionary<string, ImmutableArray<IncrementalStepRunReason>> SecondRunReasons(
        IIncrementalGenerator generator,
        Compilation before,
        Func<Compilation, Compilation> edit,
        IReadOnlyCollection<string> trackedSteps)
    {
        var driver = CreateDriver(generator).RunGenerators(before);
        var steps = driver.RunGenerators(edit(before)).GetRunResult().Results.Single().TrackedSteps;
        var reasons = ImmutableDictionary.CreateBuilder<string, ImmutableArray<IncrementalStepRunReason>>(StringComparer.Ordinal);
        foreach (var name in trackedSteps)
        {
            if (!steps.TryGetValue(name, out var runs))
            {
                throw new XunitException($"Tracked step '{name}' did not run. Steps that ran: {string.Join(", ", steps.Keys)}");
            }

            reasons[name] = runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToImmutableArray();
        }

        return reasons.ToImmutable();
    }

    /// <summary>After <paramref name="edit"/>, every output of every named step is Cached or Unchanged.</summary>
    public static void AssertAllCached(
        IIncrementalGenerator generator,
        Compilation before,
        Func<Compilation, Compilation> edit,
        IReadOnlyCollection<string> trackedSteps)
    {
        foreach (var (step, reasons) in SecondRunReasons(generator, before, edit, trackedSteps))
        {
            var recomputed = reasons.Where(r => r is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
            if (recomputed.Count > 0)
            {
                throw new XunitException($"Step '{step}' was not cached after the edit: {string.Join(", ", reasons)}");
            }
        }
    }

    /// <summary>After <paramref name="edit"/>, the named step produced at least one Modified output.</summary>
    public static void AssertModified(
        IIncrementalGenerator generator,
        Compilation before,
        Func<Compilation, Compilation> edit,
        string trackedStep)
    {
        var reasons = SecondRunReasons(generator, before, edit, new[] { trackedStep })[trackedStep];
        if (!reasons.Contains(IncrementalStepRunReason.Modified))
        {
            throw new XunitException($"Step '{trackedStep}' was expected to be Modified after the edit but was: {string.Join(", ", reasons)}");
        }
    }

    /// <summary>The compilation with one more, unrelated source file.</summary>
    public static Compilation AddUnrelatedFile(Compilation compilation) =>
        compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("internal static class Unrelated { public static int Value => 42; }", ParseOptions, path: "Unrelated.cs"));

    /// <summary>The compilation with the source file at <paramref name="path"/> replaced by <paramref name="newText"/>.</summary>
    public static Compilation ReplaceFile(Compilation compilation, string path, string newText)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(newText, ParseOptions, path: path));
    }
}
