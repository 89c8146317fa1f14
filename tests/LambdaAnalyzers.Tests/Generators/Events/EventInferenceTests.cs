using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using LambdaAnalyzers.Generators.Events;
using LambdaAnalyzers.Testing;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Tests.Generators.Events;

/// <summary>Types inferred from sample events (AdditionalFiles with LambdaEventType metadata): golden files, compile-and-run, caching.</summary>
public sealed class EventInferenceTests
{
    private static readonly string Golden = RepoPaths.Combine("tests", "LambdaAnalyzers.Tests", "Golden", "Events", "Inferred");

    /// <summary>Two samples of one order event: every kind of value, widening, nullability, times, keys that are not identifiers.</summary>
    private static readonly (string Path, string TypeName, string Json)[] OrderSamples =
    {
        ("events/order-placed/first.json", "OrderPlaced", """
            {
              "orderId": "o-1",
              "placedAt": "2024-05-01T12:00:00Z",
              "quantity": 2,
              "sequence": 1,
              "total": 12.5,
              "ratio": 0.25,
              "gift": false,
              "note": null,
              "customer": { "id": "c-1", "vip": true, "address": { "city": "Graz", "zip": "8010" } },
              "lines": [ { "sku": "a-1", "qty": 1, "price": 5 }, { "sku": "b-2", "qty": 1, "price": 7.5, "discount": 0.5 } ],
              "tags": [ "new", "web" ],
              "order-id": "legacy",
              "class": "standard",
              "2fa": true,
              "ToString": "x",
              "empty": [],
              "when": "soon"
            }
            """),
        ("events/order-placed/second.json", "OrderPlaced", """
            {
              "orderId": "o-2",
              "placedAt": "2024-05-02T08:30:00.123+02:00",
              "quantity": 3,
              "sequence": 9007199254740993,
              "total": 20,
              "ratio": 1.5e-3,
              "gift": true,
              "note": "ring twice",
              "customer": { "id": "c-2", "vip": false },
              "lines": [],
              "tags": [],
              "order-id": "legacy",
              "class": "express",
              "2fa": false,
              "ToString": "y",
              "empty": [],
              "when": "2024-05-03T00:00:00Z",
              "coupon": "SPRING"
            }
            """),
        ("events/shipped.json", "OrderShipped", """{ "orderId": "o-1", "carrier": { "name": "post" } }"""),
    };

    private static (Compilation Output, GeneratorDriverRunResult Result) Run() => EventsTestInput.Run(EventsTestInput.Compilation(), null, OrderSamples);

    [Fact]
    public void Output_matches_golden_files() => GeneratorHarness.AssertGolden(Run().Result, Golden);

    [Fact]
    public void Output_compiles_without_warnings_and_reports_nothing()
    {
        var (output, result) = Run();

        Assert.Empty(result.Diagnostics);
        GeneratorHarness.AssertCompiles(output);
    }

    [Fact]
    public void Types_follow_the_values_seen_in_every_sample()
    {
        var output = Run().Output;

        Assert.Equal("string", EventsTestInput.PropertyType(output, "OrderPlaced", "OrderId"));
        Assert.Equal("DateTimeOffset", EventsTestInput.PropertyType(output, "OrderPlaced", "PlacedAt"));
        Assert.Equal("string", EventsTestInput.PropertyType(output, "OrderPlaced", "When"));
        Assert.Equal("int", EventsTestInput.PropertyType(output, "OrderPlaced", "Quantity"));
        Assert.Equal("long", EventsTestInput.PropertyType(output, "OrderPlaced", "Sequence"));
        Assert.Equal("decimal", EventsTestInput.PropertyType(output, "OrderPlaced", "Total"));
        Assert.Equal("double", EventsTestInput.PropertyType(output, "OrderPlaced", "Ratio"));
        Assert.Equal("string?", EventsTestInput.PropertyType(output, "OrderPlaced", "Note"));
        Assert.Equal("string?", EventsTestInput.PropertyType(output, "OrderPlaced", "Coupon"));
        Assert.Equal("OrderPlacedCustomer", EventsTestInput.PropertyType(output, "OrderPlaced", "Customer"));
        Assert.Equal("OrderPlacedCustomerAddress?", EventsTestInput.PropertyType(output, "OrderPlacedCustomer", "Address"));
        Assert.Equal("decimal?", EventsTestInput.PropertyType(output, "OrderPlacedLine", "Discount"));
        Assert.Equal("OrderShippedCarrier", EventsTestInput.PropertyType(output, "OrderShipped", "Carrier"));
    }

    [Fact]
    public void Every_sample_reads_and_writes_back_with_no_field_lost_or_renamed_and_keys_kept_exactly()
    {
        var output = Run().Output;
        var assembly = GeneratorHarness.Load(output);
        var resolver = assembly.GetType("LambdaAnalyzers.Events.LambdaEventsJsonResolver", throwOnError: true)!.GetProperty("Default")!.GetValue(null)!;
        var options = (JsonSerializerOptions)resolver.GetType().GetProperty("Options")!.GetValue(resolver)!;
        foreach (var (_, typeName, json) in OrderSamples)
        {
            var type = assembly.GetType("LambdaAnalyzers.Events." + typeName, throwOnError: true)!;

            var written = JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type, options), type, options);

            JsonTrees.AssertNothingLostOrRenamed(json, written);
        }

        var first = JsonSerializer.Deserialize(OrderSamples[0].Json, assembly.GetType("LambdaAnalyzers.Events.OrderPlaced")!, options)!;
        Assert.Equal("legacy", first.GetType().GetProperty("OrderIdValue")!.GetValue(first));
        Assert.Equal("standard", first.GetType().GetProperty("Class")!.GetValue(first));
        Assert.Equal(true, first.GetType().GetProperty("_2fa")!.GetValue(first));
        Assert.Equal("x", first.GetType().GetProperty("ToStringValue")!.GetValue(first));
    }

    [Fact]
    public void Reads_are_case_exact_like_the_wire()
    {
        var assembly = GeneratorHarness.Load(Run().Output);
        var type = assembly.GetType("LambdaAnalyzers.Events.OrderShipped", throwOnError: true)!;

        var read = JsonSerializer.Deserialize("""{"OrderId":"wrong-case","orderId":"o-7","carrier":{"name":"post"}}""", type)!;

        Assert.Equal("o-7", type.GetProperty("OrderId")!.GetValue(read));
    }

    [Fact]
    public void The_namespace_property_places_inferred_types_and_nested_names_avoid_other_roots()
    {
        var (output, result) = EventsTestInput.Run(
            EventsTestInput.Compilation(),
            new Dictionary<string, string> { ["LambdaEventsNamespace"] = "Shop.Events" },
            ("events/a.json", "Order", """{"line":{"sku":"a"}}"""),
            ("events/b.json", "OrderLine", """{"sku":"b"}"""));

        Assert.Empty(result.Diagnostics);
        GeneratorHarness.AssertCompiles(output);
        Assert.NotNull(output.GetTypeByMetadataName("Shop.Events.OrderLine"));
        Assert.Equal("OrderLine2", EventsTestInput.PropertyType(output, "Order", "Line", "Shop.Events"));
    }

    [Fact]
    public void An_unrelated_source_edit_leaves_every_step_of_catalog_and_inference_cached()
    {
        var catalog = new Dictionary<string, string> { ["LambdaEventSources"] = "Sqs,HttpApi" };
        var driver = EventsTestInput.Driver(catalog, OrderSamples).RunGenerators(EventsTestInput.Compilation());

        var steps = driver.RunGenerators(GeneratorHarness.AddUnrelatedFile(EventsTestInput.Compilation())).GetRunResult().Results.Single().TrackedSteps;

        foreach (var name in EventsGenerator.TrackingNames.All)
        {
            Assert.True(steps.ContainsKey(name), $"{name} did not run");
            Assert.All(steps[name].SelectMany(s => s.Outputs), o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"{name}: {o.Reason}"));
        }
    }

    [Fact]
    public void Editing_one_types_sample_leaves_the_other_types_inference_cached()
    {
        var input = EventsTestInput.Compilation();
        var texts = OrderSamples.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Json)).ToArray();
        var driver = EventsTestInput.Driver(new IIncrementalGenerator[] { new EventsGenerator() }, null, texts, OrderSamples).RunGenerators(input);
        var shipped = texts.Single(t => t.Path == "events/shipped.json");

        var steps = driver
            .ReplaceAdditionalText(shipped, new InMemoryAdditionalText("events/shipped.json", """{ "orderId": "o-1", "carrier": { "name": "post", "tracking": "T1" } }"""))
            .RunGenerators(input)
            .GetRunResult().Results.Single().TrackedSteps;

        var inferred = steps[EventsGenerator.TrackingNames.InferredTypes].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(2, inferred.Count);
        Assert.Single(inferred, IncrementalStepRunReason.Modified);
        Assert.Single(inferred, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.All(steps[EventsGenerator.TrackingNames.Options].SelectMany(s => s.Outputs), o => Assert.NotEqual(IncrementalStepRunReason.Modified, o.Reason));
    }
}
