using System;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using LambdaAnalyzers.Testing;
using LambdaAnalyzers.Tests.Infrastructure.Generators;

namespace LambdaAnalyzers.Tests.Generators.Events;

/// <summary>
/// Every sample event <c>lambda-shim events</c> gives users reads into its generated type and writes back with no field
/// lost or renamed, through the generated resolver and through reflection-based System.Text.Json alike.
/// </summary>
public sealed class EventRoundTripTests
{
    private static readonly Lazy<Assembly> Generated = new(() =>
        GeneratorHarness.Load(EventsTestInput.Run(EventsTestInput.OptIn(EventsTestInput.AllSources)).Output));

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var entry in SampleEventIndex.All)
        {
            data.Add(entry.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_sample_reads_into_its_type_and_writes_back_with_no_field_lost_or_renamed(string name)
    {
        var json = SampleEventIndex.Json(name);
        var type = TypeOf(name);

        var written = JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type, ResolverOptions()), type, ResolverOptions());

        JsonTrees.AssertNothingLostOrRenamed(json, written);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Reflection_based_System_Text_Json_uses_the_generated_converter_and_writes_the_same_bytes(string name)
    {
        var json = SampleEventIndex.Json(name);
        var type = TypeOf(name);
        var reflection = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        var written = JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type, reflection), type, reflection);

        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type, ResolverOptions()), type, ResolverOptions()), written);
    }

    [Fact]
    public void Every_catalog_source_has_a_sample_event() =>
        Assert.Equal(
            Enum.GetNames<LambdaAnalyzers.Runtime.LambdaEventSources>().Where(n => n != "None").Order(StringComparer.Ordinal),
            SampleEventIndex.All.Select(e => e.Source).Distinct().Order(StringComparer.Ordinal));

    internal static Assembly Assembly => Generated.Value;

    internal static JsonSerializerOptions ResolverOptions() => (JsonSerializerOptions)Resolver().GetType().GetProperty("Options")!.GetValue(Resolver())!;

    internal static object Resolver() => Generated.Value.GetType("LambdaAnalyzers.Events.LambdaEventsJsonResolver", throwOnError: true)!.GetProperty("Default")!.GetValue(null)!;

    /// <summary>The generated type a sample is of: <c>SQSEvent</c>, or a generic one closed over JsonElement (<c>CloudWatchEvent&lt;JsonElement&gt;</c>).</summary>
    internal static Type TypeOf(string sample)
    {
        var name = SampleEventIndex.All.Single(e => e.Name == sample).Type;
        if (name.EndsWith("<JsonElement>", StringComparison.Ordinal))
        {
            return Generated.Value.GetType("LambdaAnalyzers.Events." + name[..name.IndexOf('<')] + "`1", throwOnError: true)!.MakeGenericType(typeof(JsonElement));
        }

        return Generated.Value.GetType("LambdaAnalyzers.Events." + name.Replace('.', '+'), throwOnError: true)!;
    }
}
