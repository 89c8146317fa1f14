using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LambdaAnalyzers.Events.Benchmarks.HandWritten;

namespace LambdaAnalyzers.Events.Benchmarks;

/// <summary>
/// Per payload, three ways to read or write it: the generated codec (<c>LambdaEventsJsonResolver</c>), System.Text.Json's
/// source generator over equivalent hand-written types (the baseline of each category) and reflection-based
/// System.Text.Json over the same hand-written types. The inputs are the documented samples <c>lambda-shim events</c>
/// prints: http-api, and sqs with its first record repeated into a batch of ten.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EventJsonBenchmarks
{
    private static readonly JsonSerializerOptions Reflection = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private byte[] _httpApi = null!;
    private byte[] _sqsBatch = null!;
    private APIGatewayProxyResponse _generatedResponse = null!;
    private RestApiResponse _handWrittenResponse = null!;

    [GlobalSetup]
    public void Setup()
    {
        _httpApi = Resource("http-api.json");
        var sqs = JsonNode.Parse(Resource("sqs.json"))!;
        var record = sqs["Records"]![0]!;
        var records = new JsonArray();
        for (var i = 0; i < 10; i++)
        {
            var copy = record.DeepClone();
            copy["messageId"] = $"0f1a7c52-8d34-4c9e-9b1e-2f6d5a3c7e{i:D2}";
            records.Add(copy);
        }

        _sqsBatch = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["Records"] = records });

        var headers = new Dictionary<string, string> { ["content-type"] = "application/json", ["x-request-id"] = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef" };
        var multi = new Dictionary<string, IList<string>> { ["set-cookie"] = new List<string> { "session=abc123; Path=/; HttpOnly", "theme=dark; Path=/" } };
        const string body = "{\"orderId\":\"o-1042\",\"status\":\"placed\",\"total\":59.90,\"lines\":[{\"sku\":\"a-1\",\"qty\":2},{\"sku\":\"b-7\",\"qty\":1}]}";
        _generatedResponse = new APIGatewayProxyResponse { StatusCode = 201, Headers = headers, MultiValueHeaders = multi, Body = body };
        _handWrittenResponse = new RestApiResponse { StatusCode = 201, Headers = headers, MultiValueHeaders = multi, Body = body };
    }

    [Benchmark, BenchmarkCategory("Read HTTP API v2 request")]
    public APIGatewayHttpApiV2ProxyRequest? HttpApiGenerated() => JsonSerializer.Deserialize(_httpApi, LambdaEventsJsonResolver.Default.APIGatewayHttpApiV2ProxyRequest);

    [Benchmark(Baseline = true), BenchmarkCategory("Read HTTP API v2 request")]
    public HttpApiRequest? HttpApiSourceGenerated() => JsonSerializer.Deserialize(_httpApi, HandWrittenContext.Default.HttpApiRequest);

    [Benchmark, BenchmarkCategory("Read HTTP API v2 request")]
    public HttpApiRequest? HttpApiReflection() => JsonSerializer.Deserialize<HttpApiRequest>(_httpApi, Reflection);

    [Benchmark, BenchmarkCategory("Read SQS batch of 10")]
    public SQSEvent? SqsGenerated() => JsonSerializer.Deserialize(_sqsBatch, LambdaEventsJsonResolver.Default.SQSEvent);

    [Benchmark(Baseline = true), BenchmarkCategory("Read SQS batch of 10")]
    public SqsEvent? SqsSourceGenerated() => JsonSerializer.Deserialize(_sqsBatch, HandWrittenContext.Default.SqsEvent);

    [Benchmark, BenchmarkCategory("Read SQS batch of 10")]
    public SqsEvent? SqsReflection() => JsonSerializer.Deserialize<SqsEvent>(_sqsBatch, Reflection);

    [Benchmark, BenchmarkCategory("Write API Gateway response")]
    public byte[] ResponseGenerated() => JsonSerializer.SerializeToUtf8Bytes(_generatedResponse, LambdaEventsJsonResolver.Default.APIGatewayProxyResponse);

    [Benchmark(Baseline = true), BenchmarkCategory("Write API Gateway response")]
    public byte[] ResponseSourceGenerated() => JsonSerializer.SerializeToUtf8Bytes(_handWrittenResponse, HandWrittenContext.Default.RestApiResponse);

    [Benchmark, BenchmarkCategory("Write API Gateway response")]
    public byte[] ResponseReflection() => JsonSerializer.SerializeToUtf8Bytes(_handWrittenResponse, Reflection);

    private static byte[] Resource(string name)
    {
        using var stream = typeof(EventJsonBenchmarks).Assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
