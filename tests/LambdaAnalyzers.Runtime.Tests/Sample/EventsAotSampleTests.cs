using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim;
using LambdaAnalyzers.Testing;
using Xunit.Abstractions;

namespace LambdaAnalyzers.Runtime.Tests.Sample;

/// <summary>
/// samples/EventsAot under the shim: generated SQS and HTTP API types read and written by the generated codecs in a
/// Native AOT binary, and the same source built JIT, run by its generated Main or as a class library through the
/// reflection-based DefaultLambdaJsonSerializer, answering every event with the same bytes.
/// </summary>
public sealed class EventsAotSampleTests : IClassFixture<EventsAotPublish>
{
    private readonly EventsAotPublish _publish;
    private readonly ITestOutputHelper _output;

    public EventsAotSampleTests(EventsAotPublish publish, ITestOutputHelper output)
    {
        _publish = publish;
        _output = output;
    }

    public enum Build
    {
        /// <summary>The Native AOT <c>bootstrap</c>.</summary>
        Aot,

        /// <summary><c>dotnet bootstrap.dll</c>: the generated Main, JIT-compiled.</summary>
        Jit,

        /// <summary>The JIT build as a class library (<c>bootstrap::EventsAot.Functions::Drain</c>) with DefaultLambdaJsonSerializer.</summary>
        JitClassLibrary,
    }

    /// <summary>The sample's own events and the documented samples <c>lambda-shim events</c> prints, by handler.</summary>
    public static TheoryData<string, string> Events() => new()
    {
        { "drain", EventsAotPublish.EventPath("drain/orders.json") },
        { "drain", SampleEventIndex.Path("sqs") },
        { "echo", EventsAotPublish.EventPath("echo/post-order.json") },
        { "echo", EventsAotPublish.EventPath("echo/get-order.json") },
        { "echo", SampleEventIndex.Path("http-api") },
    };

    private async Task<InvocationResult> InvokeAsync(Build build, string handler, string eventPath)
    {
        var options = new LambdaShimOptions
        {
            FunctionName = "events-aot",
            Timeout = TimeSpan.FromSeconds(20),
            MemorySizeMB = 256,
        };
        switch (build)
        {
            case Build.Aot:
                options.Command = new[] { _publish.AotBootstrap };
                options.Handler = handler;
                break;
            case Build.Jit:
                options.CodePath = _publish.JitDirectory;
                options.Handler = handler;
                break;
            default:
                options.CodePath = _publish.JitDirectory;
                options.Handler = "bootstrap::EventsAot.Functions::" + char.ToUpperInvariant(handler[0]) + handler.Substring(1);
                break;
        }

        await using var fn = await LambdaShim.StartAsync(options);
        return await fn.InvokeAsync(await File.ReadAllTextAsync(eventPath));
    }

    [Fact]
    public void The_Native_AOT_publish_reports_no_trim_or_AOT_warning()
    {
        _output.WriteLine($"Native AOT publish: {_publish.AotPublishTime.TotalSeconds:F0} s; JIT publish: {_publish.JitPublishTime.TotalSeconds:F0} s");
        Assert.DoesNotMatch(@"\b(IL2\d{3}|IL3\d{3})\b", _publish.AotPublishOutput);
        Assert.True(File.Exists(_publish.AotBootstrap));
        Assert.False(File.Exists(Path.Combine(_publish.AotDirectory, "bootstrap.dll")), "the AOT publish is one native file, not IL");
    }

    [Fact]
    public async Task Drain_reports_the_message_that_is_not_an_order_as_a_batch_item_failure()
    {
        var result = await InvokeAsync(Build.Aot, "drain", EventsAotPublish.EventPath("drain/orders.json"));

        result.EnsureSuccess();
        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"9c8d7e6f-1a2b-4c3d-8e9f-0a1b2c3d4e5f"}]}""", result.PayloadText);
        Assert.Contains("Order message 5b2f1c9e-3f4a-4e0b-9d52-6a1e7c3b8f01 for tenant acme from arn:aws:sqs:eu-central-1:123456789012:orders, received 1 time(s)", result.Logs, StringComparison.Ordinal);
        Assert.Contains("Message 9c8d7e6f-1a2b-4c3d-8e9f-0a1b2c3d4e5f is not an order", result.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Echo_reads_the_HTTP_API_request_and_writes_the_response_with_AWS_wire_names()
    {
        var result = await InvokeAsync(Build.Aot, "echo", EventsAotPublish.EventPath("echo/post-order.json"));

        result.EnsureSuccess();
        Assert.Equal(
            """{"statusCode":201,"headers":{"content-type":"application/json","x-request-id":"Qk3vYgT2FiAEMbQ="},"cookies":["seen=1; Path=/; HttpOnly"],"body":"{\"method\":\"POST\",\"path\":\"/orders\",\"route\":\"POST /orders\",\"query\":\"dryRun=true\",\"cookies\":2,\"bodyLength\":21,\"user\":\"user-42\"}","isBase64Encoded":false}""",
            result.PayloadText);
    }

    [Theory]
    [MemberData(nameof(Events))]
    public async Task The_JIT_build_and_the_class_library_answer_with_the_same_bytes_as_the_AOT_build(string handler, string eventPath)
    {
        var aot = await InvokeAsync(Build.Aot, handler, eventPath);
        aot.EnsureSuccess();

        foreach (var build in new[] { Build.Jit, Build.JitClassLibrary })
        {
            var jit = await InvokeAsync(build, handler, eventPath);

            jit.EnsureSuccess();
            Assert.True(aot.Payload.SequenceEqual(jit.Payload), $"{build}: {jit.PayloadText}\nAOT: {aot.PayloadText}");
        }
    }
}
