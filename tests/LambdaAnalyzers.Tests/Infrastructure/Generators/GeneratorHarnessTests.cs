using System;
using System.Linq;
using LambdaAnalyzers.Testing;
using Xunit.Sdk;

namespace LambdaAnalyzers.Tests.Infrastructure.Generators;

/// <summary>The generator harness itself: each check passes on good output and fails on bad.</summary>
public sealed class GeneratorHarnessTests
{
    private const string Attribute = """
        namespace Demo;
        [System.AttributeUsage(System.AttributeTargets.Method)]
        public sealed class GreetAttribute : System.Attribute { }
        """;

    private const string Handlers = """
        namespace Demo;
        public class Hello
        {
            [Greet] public void World() { }
            [Greet] public void Person(string name) { }
        }
        """;

    private static readonly string Golden = RepoPaths.Combine("tests", "LambdaAnalyzers.Tests", "Golden", "GeneratorHarness");

    private static Microsoft.CodeAnalysis.Compilation Input() =>
        GeneratorHarness.Compile(TestReferences.Framework, Attribute, Handlers);

    [Fact]
    public void Output_matches_its_golden_file() =>
        GeneratorHarness.AssertGolden(GeneratorHarness.Run(new GreetingGenerator(), Input()).Result, Golden);

    [Fact]
    public void Golden_comparison_fails_on_different_output()
    {
        if (GoldenFile.Accepting)
        {
            return;
        }

        var input = GeneratorHarness.ReplaceFile(Input(), "Source1.cs", Handlers.Replace("Person", "Someone", StringComparison.Ordinal));
        Assert.Throws<XunitException>(() => GeneratorHarness.AssertGolden(GeneratorHarness.Run(new GreetingGenerator(), input).Result, Golden));
    }

    [Fact]
    public void Generated_code_compiles_and_runs()
    {
        var assembly = GeneratorHarness.Load(GeneratorHarness.Run(new GreetingGenerator(), Input()).Output);
        var all = (string[])assembly.GetType("Demo.Greetings")!.GetProperty("All")!.GetValue(null)!;
        Assert.Equal(new[] { "Hello.Person/1", "Hello.World/0" }, all);
    }

    [Fact]
    public void An_unrelated_file_leaves_every_step_cached() =>
        GeneratorHarness.AssertAllCached(
            new GreetingGenerator(),
            Input(),
            GeneratorHarness.AddUnrelatedFile,
            new[] { GreetingGenerator.ModelStep, GreetingGenerator.CollectedStep });

    [Fact]
    public void A_method_body_edit_leaves_every_step_cached() =>
        GeneratorHarness.AssertAllCached(
            new GreetingGenerator(),
            Input(),
            c => GeneratorHarness.ReplaceFile(c, "Source1.cs", Handlers.Replace("World() { }", "World() { _ = 1; }", StringComparison.Ordinal)),
            new[] { GreetingGenerator.ModelStep, GreetingGenerator.CollectedStep });

    [Fact]
    public void A_signature_edit_is_Modified_and_the_cached_check_reports_it()
    {
        static Microsoft.CodeAnalysis.Compilation Edit(Microsoft.CodeAnalysis.Compilation c) =>
            GeneratorHarness.ReplaceFile(c, "Source1.cs", Handlers.Replace("World()", "World(int times)", StringComparison.Ordinal));

        GeneratorHarness.AssertModified(new GreetingGenerator(), Input(), Edit, GreetingGenerator.ModelStep);
        Assert.Throws<XunitException>(() =>
            GeneratorHarness.AssertAllCached(new GreetingGenerator(), Input(), Edit, new[] { GreetingGenerator.ModelStep }));
    }

    [Fact]
    public void Compile_check_reports_broken_output()
    {
        var broken = GeneratorHarness.Compile(TestReferences.Framework, "class Broken { int M() => \"text\"; }");
        Assert.Throws<XunitException>(() => GeneratorHarness.AssertCompiles(broken));
        Assert.NotEmpty(broken.GetDiagnostics().Where(d => d.Id == "CS0029"));
    }
}
