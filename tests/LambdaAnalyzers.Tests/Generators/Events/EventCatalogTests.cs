using LambdaAnalyzers.Testing;
using LambdaAnalyzers.Tests.Infrastructure.Generators;

namespace LambdaAnalyzers.Tests.Generators.Events;

/// <summary>The catalog: one golden file per group, all of it compiling without a warning.</summary>
public sealed class EventCatalogTests
{
    private static readonly string Golden = RepoPaths.Combine("tests", "LambdaAnalyzers.Tests", "Golden", "Events", "Catalog");

    [Fact]
    public void Output_matches_golden_files() =>
        GeneratorHarness.AssertGolden(EventsTestInput.Run(EventsTestInput.OptIn(EventsTestInput.AllSources)).Result, Golden);

    [Fact]
    public void Output_compiles_without_warnings() =>
        GeneratorHarness.AssertCompiles(EventsTestInput.Run(EventsTestInput.OptIn(EventsTestInput.AllSources)).Output);
}
