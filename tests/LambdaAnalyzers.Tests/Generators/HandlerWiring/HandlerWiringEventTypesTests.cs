using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Generators.Events;
using LambdaAnalyzers.Generators.HandlerWiring;
using LambdaAnalyzers.Runtime;
using LambdaAnalyzers.Testing;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Generators.Events;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Generators.HandlerWiring;

/// <summary>
/// Handlers that take or return generated event types: the invoker reads and writes them through the generated
/// resolver, so they need no serializer and never reach a reflection-based one.
/// </summary>
public sealed class HandlerWiringEventTypesTests
{
    private const string Queue = """
        using System.Threading.Tasks;
        using LambdaAnalyzers.Events;
        using LambdaAnalyzers.Runtime;

        [assembly: LambdaEvents(LambdaEventSources.Sqs | LambdaEventSources.HttpApi)]

        public static class Queue
        {
            [LambdaHandler]
            public static SQSBatchResponse Drain(SQSEvent batch)
            {
                var response = new SQSBatchResponse();
                foreach (var message in batch.Records)
                {
                    if (message.Body == "poison")
                    {
                        response.BatchItemFailures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                    }
                }

                return response;
            }

            [LambdaHandler]
            public static Task<APIGatewayHttpApiV2ProxyResponse> Echo(APIGatewayHttpApiV2ProxyRequest request) =>
                Task.FromResult(new APIGatewayHttpApiV2ProxyResponse { StatusCode = 200, Body = request.RequestContext.Http.Method + " <" + request.RawPath + ">" });
        }
        """;

    private static (Compilation Output, GeneratorDriverRunResult Result) Run(params string[] sources) => Run(Array.Empty<(string, string, string)>(), sources);

    /// <summary>The wiring, events and System.Text.Json generators together, as a build runs them.</summary>
    private static (Compilation Output, GeneratorDriverRunResult Result) Run((string Path, string TypeName, string Json)[] samples, params string[] sources) =>
        Run(samples, GeneratorHarness.Compile(TestReferences.LambdaProject, sources));

    /// <summary>An executable: the generated bootstrap is its handlers' only caller, so what it cannot wire is LAM0400's finding.</summary>
    private static (Compilation Output, GeneratorDriverRunResult Result) RunExecutable(params string[] sources)
    {
        var compilation = GeneratorHarness.Compile(TestReferences.LambdaProject, sources);
        return Run(Array.Empty<(string, string, string)>(), compilation.WithOptions(compilation.Options.WithOutputKind(OutputKind.ConsoleApplication)));
    }

    private static (Compilation Output, GeneratorDriverRunResult Result) Run((string Path, string TypeName, string Json)[] samples, Compilation input)
    {
        var generators = new IIncrementalGenerator[] { new HandlerWiringGenerator(), new EventsGenerator(), LambdaAnalyzers.Tests.Serialization.SystemTextJsonGenerator.Generator };
        var driver = EventsTestInput.Driver(generators, null, samples)
            .RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return (output, driver.GetRunResult());
    }

    [Fact]
    public void The_invokers_use_the_generated_resolver_and_no_serializer()
    {
        var (output, result) = Run(Queue);

        Assert.Empty(result.Diagnostics);
        GeneratorHarness.AssertCompiles(output);
        GoldenFile.AssertMatches(RepoPaths.Combine("tests", "LambdaAnalyzers.Tests", "Golden", "HandlerWiringEvents", "LambdaHandlers.g.cs"), Handlers(result));
    }

    [Fact]
    public async Task A_generated_SQS_batch_is_read_and_the_batch_response_written_with_the_AWS_names()
    {
        var assembly = GeneratorHarness.Load(Run(Queue).Output);

        var response = await InvokeAsync(assembly, "Drain", """{"Records":[{"messageId":"m-1","body":"ok"},{"messageId":"m-2","body":"poison"}]}""");

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m-2"}]}""", response);
    }

    [Fact]
    public async Task Responses_are_written_with_the_relaxed_escaping_of_the_Lambda_serializers()
    {
        var assembly = GeneratorHarness.Load(Run(Queue).Output);

        var response = await InvokeAsync(assembly, "Echo", """{"version":"2.0","rawPath":"/a&b","requestContext":{"http":{"method":"GET"}}}""");

        Assert.Equal("""{"statusCode":200,"body":"GET </a&b>","isBase64Encoded":false}""", response);
    }

    [Fact]
    public async Task A_handler_mixing_a_generated_type_and_a_user_type_still_needs_a_serializer()
    {
        var (output, result) = RunExecutable(Queue, """
            public sealed class Summary { public int Count { get; set; } }

            public static class Counter
            {
                [LambdaAnalyzers.Runtime.LambdaHandler]
                public static Summary Count(LambdaAnalyzers.Events.SQSEvent batch) => new() { Count = batch.Records.Count };
            }
            """);

        Assert.Empty(result.Diagnostics);
        Assert.DoesNotContain("Counter", Handlers(result), StringComparison.Ordinal);
        var diagnostic = Assert.Single((await output.WithAnalyzers(RuleCatalog.Analyzers).GetAnalyzerDiagnosticsAsync()).Where(d => d.Id == "LAM0400"));
        Assert.Contains("needs a serializer", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unresolved_type_the_events_generator_does_not_write_is_not_wired_and_left_to_the_compiler()
    {
        var (output, result) = RunExecutable("""
            using LambdaAnalyzers.Events;

            [assembly: LambdaAnalyzers.Runtime.LambdaEvents(LambdaAnalyzers.Runtime.LambdaEventSources.Sqs)]

            public static class Streams
            {
                [LambdaAnalyzers.Runtime.LambdaHandler]
                public static void Read(KinesisEvent records) { }
            }
            """);

        // Not wired (it would need a serializer for a type nothing writes); the compiler's CS0246 is the finding, and
        // LAM0400 concludes nothing from a type that does not bind.
        Assert.Empty(result.Diagnostics);
        Assert.DoesNotContain(result.Results.SelectMany(r => r.GeneratedSources), s => s.HintName == "LambdaHandlers.g.cs");
        Assert.Contains(output.GetDiagnostics(), d => d.Id == "CS0246");
        Assert.DoesNotContain(await output.WithAnalyzers(RuleCatalog.Analyzers).GetAnalyzerDiagnosticsAsync(), d => d.Id == "LAM0400");
    }

    private const string Detail = """
        using System.Text.Json;
        using LambdaAnalyzers.Events;
        using LambdaAnalyzers.Runtime;

        [assembly: LambdaEvents(LambdaEventSources.EventBridge)]

        // Only for the string results: the events are read through the generated resolver.
        [assembly: Amazon.Lambda.Core.LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

        public static class Bus
        {
            [LambdaHandler]
            public static string Untyped(CloudWatchEvent<JsonElement> e) => e.DetailType + ":" + e.Detail.GetProperty("orderId").GetString();

            [LambdaHandler]
            public static string Inferred(CloudWatchEvent<OrderPlaced> e) => e.DetailType + ":" + e.Detail!.OrderId + ":" + e.Detail.Total;
        }
        """;

    private const string PlacedSample = """{"orderId":"o-1","total":12.5}""";

    private const string BusEvent = """{"version":"0","id":"1","detail-type":"OrderPlaced","source":"shop","account":"1","time":"2024-05-01T12:00:00Z","region":"eu-west-1","resources":[],"detail":{"orderId":"o-9","total":7.25}}""";

    [Fact]
    public async Task An_EventBridge_event_with_a_JsonElement_or_an_inferred_detail_is_read_through_the_resolver()
    {
        var (output, result) = Run(new[] { ("events/order-placed.json", "OrderPlaced", PlacedSample) }, Detail);

        Assert.Empty(result.Diagnostics);
        var handlers = Handlers(result);
        Assert.Contains("LambdaEventsJsonResolver.Default.WithDetail<global::System.Text.Json.JsonElement>()", handlers, StringComparison.Ordinal);
        Assert.Contains("LambdaEventsJsonResolver.Default.WithDetail<global::LambdaAnalyzers.Events.OrderPlaced>()", handlers, StringComparison.Ordinal);
        var assembly = GeneratorHarness.Load(output);
        Assert.Equal("\"OrderPlaced:o-9\"", await InvokeAsync(assembly, "Untyped", BusEvent));
        Assert.Equal("\"OrderPlaced:o-9:7.25\"", await InvokeAsync(assembly, "Inferred", BusEvent));
    }

    [Fact]
    public async Task An_EventBridge_event_with_a_user_detail_type_reads_the_detail_through_the_users_context()
    {
        var (output, result) = Run("""
            using System.Text.Json.Serialization;
            using Amazon.Lambda.Serialization.SystemTextJson;
            using LambdaAnalyzers.Events;
            using LambdaAnalyzers.Runtime;

            [assembly: LambdaEvents(LambdaEventSources.EventBridge)]
            [assembly: Amazon.Lambda.Core.LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<ShopJson>))]

            public sealed class Placed
            {
                [JsonPropertyName("orderId")]
                public string OrderId { get; set; } = "";
            }

            [JsonSerializable(typeof(Placed))]
            [JsonSerializable(typeof(string))]
            public partial class ShopJson : JsonSerializerContext
            {
            }

            public static class Bus
            {
                [LambdaHandler]
                public static string Typed(CloudWatchEvent<Placed> e) => e.Source + ":" + e.Detail!.OrderId;
            }
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Contains("JsonTypeInfoResolver.Combine(global::LambdaAnalyzers.Events.LambdaEventsJsonResolver.Default.WithDetail<global::Placed>(), global::ShopJson.Default)", Handlers(result), StringComparison.Ordinal);
        var assembly = GeneratorHarness.Load(output);
        Assert.Equal("\"shop:o-9\"", await InvokeAsync(assembly, "Typed", BusEvent));
    }

    private static string Handlers(GeneratorDriverRunResult result) =>
        result.Results.Single(r => r.Generator.GetGeneratorType() == typeof(HandlerWiringGenerator))
            .GeneratedSources.Single(s => s.HintName == "LambdaHandlers.g.cs").SourceText.ToString();

    private static async Task<string> InvokeAsync(Assembly assembly, string handler, string payload)
    {
        var invocation = (LambdaInvocation)Activator.CreateInstance(
            typeof(LambdaInvocation),
            BindingFlags.Instance | BindingFlags.NonPublic,
            binder: null,
            args: new object?[] { "req", DateTimeOffset.UtcNow.AddMinutes(1), "arn:aws:lambda:us-east-1:123456789012:function:queue", "Root=1-abc", null, null, string.Empty, (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(payload) },
            culture: null)!;
        var type = assembly.GetType($"LambdaAnalyzers.Generated.LambdaHandlers+{handler}", throwOnError: true)!;
        type.GetMethod("Initialize")!.Invoke(null, null);
        using var response = new MemoryStream();
        await (ValueTask)type.GetMethod("InvokeAsync")!.Invoke(null, new object[] { invocation, response, CancellationToken.None })!;
        return Encoding.UTF8.GetString(response.ToArray());
    }
}
