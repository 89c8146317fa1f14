using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Internal;
using LambdaAnalyzers.Shim.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// Telemetry API rules (docs/platform/telemetry-api.md), one test per rule: the test registers an extension over raw
/// HTTP, subscribes a listener of its own, and plays the runtime (external mode).
/// </summary>
public sealed class TelemetryApiConformanceTests
{
    private const string RuntimeNext = "/2018-06-01/runtime/invocation/next";
    private const string Trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    private static Task<LambdaShim> StartAsync(Action<LambdaShimOptions>? configure = null)
    {
        var options = new LambdaShimOptions { Mode = ShimExecutionMode.External, FunctionName = "telemetry", Timeout = TimeSpan.FromSeconds(30), MemorySizeMB = 256 };
        configure?.Invoke(options);
        return LambdaShim.StartAsync(options);
    }

    private static string Subscription(string uri, string types = "[\"platform\",\"function\",\"extension\"]", string schema = "2022-12-13", int timeoutMs = 25) =>
        $"{{\"schemaVersion\":\"{schema}\",\"types\":{types},\"buffering\":{{\"timeoutMs\":{timeoutMs}}},\"destination\":{{\"protocol\":\"HTTP\",\"URI\":\"{uri}\"}}}}";

    private static async Task<T> Soon<T>(Task<T> task) => await task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>One invoke answered by the test as the runtime with <paramref name="body"/> (or an error when <paramref name="errorType"/> is set).</summary>
    private static async Task<InvocationResult> InvokeAsync(LambdaShim fn, string body, string? errorType = null)
    {
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}", new InvokeOptions { TraceId = Trace });
        var next = await Soon(RawHttp.GetAsync(endpoint, RuntimeNext));
        var id = next.Header("Lambda-Runtime-Aws-Request-Id")!;
        if (errorType is null)
        {
            await RawHttp.PostAsync(endpoint, $"/2018-06-01/runtime/invocation/{id}/response", body);
        }
        else
        {
            await RawHttp.PostAsync(endpoint, $"/2018-06-01/runtime/invocation/{id}/error", body, new Dictionary<string, string> { ["Lambda-Runtime-Function-Error-Type"] = errorType });
        }

        // Back in next at once, as a runtime is: the answer waits for that (up to a grace period on the shim's clock,
        // which a test's fake clock does not move).
        _ = RawHttp.GetAsync(endpoint, RuntimeNext);
        return await Soon(invoke);
    }

    [Fact]
    public async Task Subscription_during_Init_is_200_OK_and_receives_every_platform_event_with_its_documented_fields()
    {
        await using var listener = await TelemetryListener.StartAsync();
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var extension = await RawExtension.RegisterAsync(endpoint, "internal-t", "INVOKE");

        var subscribed = await extension.SubscribeAsync(Subscription(listener.Uri));
        _ = extension.NextAsync();
        var result = await InvokeAsync(fn, "{\"ok\":true}");
        _ = extension.NextAsync();

        Assert.Equal(200, subscribed.Status);
        Assert.Equal("\"OK\"", subscribed.Text);
        Assert.True(await listener.WaitForAsync(l => l.Types.Contains("platform.report")), string.Join(",", listener.Types));
        // (In external mode the test subscribes before the shim begins Init, hence the subscription's event comes first.)
        Assert.Equal(
            new[] { "platform.telemetrySubscription", "platform.initStart", "platform.initRuntimeDone", "platform.extension", "platform.initReport", "platform.start", "platform.runtimeDone", "platform.report" },
            listener.Types);
        foreach (var item in listener.Events)
        {
            Assert.True(DateTimeOffset.TryParse(item.GetProperty("time").GetString(), out _));
        }

        var initStart = listener.Single("platform.initStart").GetProperty("record");
        Assert.Equal("on-demand", initStart.GetProperty("initializationType").GetString());
        Assert.Equal("init", initStart.GetProperty("phase").GetString());
        Assert.StartsWith("lambda-shim:", initStart.GetProperty("runtimeVersion").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("arn:aws:lambda:us-east-1::runtime:", initStart.GetProperty("runtimeVersionArn").GetString(), StringComparison.Ordinal);
        Assert.Equal("telemetry", initStart.GetProperty("functionName").GetString());

        var subscription = listener.Single("platform.telemetrySubscription").GetProperty("record");
        Assert.Equal("internal-t", subscription.GetProperty("name").GetString());
        Assert.Equal("Subscribed", subscription.GetProperty("state").GetString());
        Assert.Equal(new[] { "platform", "function", "extension" }, subscription.GetProperty("types").EnumerateArray().Select(t => t.GetString()));

        var runtimeDone = listener.Single("platform.initRuntimeDone").GetProperty("record");
        Assert.Equal(("on-demand", "init", "success"), (runtimeDone.GetProperty("initializationType").GetString(), runtimeDone.GetProperty("phase").GetString(), runtimeDone.GetProperty("status").GetString()));

        var extensionRecord = listener.Single("platform.extension").GetProperty("record");
        Assert.Equal(("internal-t", "Ready"), (extensionRecord.GetProperty("name").GetString(), extensionRecord.GetProperty("state").GetString()));
        Assert.Equal(new[] { "INVOKE" }, extensionRecord.GetProperty("events").EnumerateArray().Select(t => t.GetString()));

        var initReport = listener.Single("platform.initReport").GetProperty("record");
        Assert.Equal(("on-demand", "init", "success"), (initReport.GetProperty("initializationType").GetString(), initReport.GetProperty("phase").GetString(), initReport.GetProperty("status").GetString()));
        Assert.True(initReport.GetProperty("metrics").GetProperty("durationMs").GetDouble() >= 0);

        var start = listener.Single("platform.start").GetProperty("record");
        Assert.Equal(result.RequestId, start.GetProperty("requestId").GetString());
        Assert.Equal("$LATEST", start.GetProperty("version").GetString());
        Assert.Equal(("X-Amzn-Trace-Id", Trace), (start.GetProperty("tracing").GetProperty("type").GetString(), start.GetProperty("tracing").GetProperty("value").GetString()));

        var done = listener.Single("platform.runtimeDone").GetProperty("record");
        Assert.Equal(result.RequestId, done.GetProperty("requestId").GetString());
        Assert.Equal("success", done.GetProperty("status").GetString());
        Assert.Equal("{\"ok\":true}".Length, done.GetProperty("metrics").GetProperty("producedBytes").GetInt32());
        Assert.True(done.GetProperty("metrics").GetProperty("durationMs").GetDouble() >= 0);
        var spans = done.GetProperty("spans").EnumerateArray().ToArray();
        Assert.Equal("responseLatency", spans[0].GetProperty("name").GetString());
        Assert.Equal("responseDuration", spans[1].GetProperty("name").GetString());
        Assert.All(spans, s => Assert.True(s.GetProperty("durationMs").GetDouble() >= 0 && DateTimeOffset.TryParse(s.GetProperty("start").GetString(), out _)));
        Assert.Equal(Trace, done.GetProperty("tracing").GetProperty("value").GetString());

        var report = listener.Single("platform.report").GetProperty("record");
        Assert.Equal(result.RequestId, report.GetProperty("requestId").GetString());
        Assert.Equal("success", report.GetProperty("status").GetString());
        var metrics = report.GetProperty("metrics");
        Assert.Equal(256, metrics.GetProperty("memorySizeMB").GetInt32());
        Assert.Equal(result.BilledDurationMs, metrics.GetProperty("billedDurationMs").GetInt64());
        Assert.True(metrics.TryGetProperty("maxMemoryUsedMB", out _));
        Assert.True(metrics.TryGetProperty("durationMs", out _));
        Assert.True(metrics.TryGetProperty("initDurationMs", out _), "a cold start reports its Init duration");
    }

    [Fact]
    public async Task Events_of_Init_before_the_subscription_are_delivered_too()
    {
        await using var listener = await TelemetryListener.StartAsync();
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        await Task.Delay(300);

        // Init has begun (platform.initStart is out); an internal extension may still register and subscribe.
        var extension = await RawExtension.RegisterAsync(endpoint, "internal-t", "INVOKE");
        Assert.Equal(200, (await extension.SubscribeAsync(Subscription(listener.Uri))).Status);
        _ = extension.NextAsync();
        var next = await Soon(RawHttp.GetAsync(endpoint, RuntimeNext));
        await RawHttp.PostAsync(endpoint, $"/2018-06-01/runtime/invocation/{next.Header("Lambda-Runtime-Aws-Request-Id")}/response", "1");
        await Soon(invoke);

        Assert.True(await listener.WaitForAsync(l => l.Types.Contains("platform.start")));
        Assert.Equal("platform.initStart", listener.Types[0]);
    }

    [Fact]
    public async Task Subscription_after_Init_is_403_Telemetry_SubscriptionClosed()
    {
        await using var listener = await TelemetryListener.StartAsync();
        await using var fn = await StartAsync();
        var extension = await RawExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "internal-t", "INVOKE");
        _ = extension.NextAsync();
        await InvokeAsync(fn, "1");

        var late = await extension.SubscribeAsync(Subscription(listener.Uri));

        Assert.Equal(403, late.Status);
        Assert.Equal("Telemetry.SubscriptionClosed", RawExtension.ErrorType(late));
    }

    [Fact]
    public async Task An_extension_subscribes_once()
    {
        await using var listener = await TelemetryListener.StartAsync();
        await using var fn = await StartAsync();
        var extension = await RawExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "internal-t", "INVOKE");

        var first = await extension.SubscribeAsync(Subscription(listener.Uri));
        var second = await extension.SubscribeAsync(Subscription(listener.Uri));

        Assert.Equal(200, first.Status);
        Assert.Equal(400, second.Status);
        Assert.Equal("ValidationError", RawExtension.ErrorType(second));
    }

    [Theory]
    [InlineData("2022-07-01")]
    [InlineData("2022-12-13")]
    [InlineData("2025-01-29")]
    public async Task Every_published_schema_version_is_accepted(string schema)
    {
        await using var fn = await StartAsync();
        var extension = await RawExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "internal-t", "INVOKE");

        var response = await extension.SubscribeAsync(Subscription("http://sandbox.localdomain:4243", schema: schema));

        Assert.Equal(200, response.Status);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"types\":[\"platform\"],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:4243\"}}")]
    [InlineData("{\"schemaVersion\":\"2021-03-18\",\"types\":[\"platform\"],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:4243\"}}")]
    [InlineData("{\"schemaVersion\":\"2022-12-13\",\"types\":[],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:4243\"}}")]
    [InlineData("{\"schemaVersion\":\"2022-12-13\",\"types\":[\"logs\"],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:4243\"}}")]
    [InlineData("{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\"]}")]
    [InlineData("{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\"],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://example.com:4243\"}}")]
    [InlineData("{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\"],\"destination\":{\"protocol\":\"HTTPS\",\"URI\":\"https://sandbox.localdomain:4243\"}}")]
    [InlineData("{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\"],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain\"}}")]
    [InlineData("{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\"],\"destination\":{\"protocol\":\"TCP\"}}")]
    [InlineData("{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\"],\"buffering\":{\"maxItems\":999},\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:4243\"}}")]
    [InlineData("{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\"],\"buffering\":{\"maxBytes\":2000000},\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:4243\"}}")]
    [InlineData("{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\"],\"buffering\":{\"timeoutMs\":10},\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:4243\"}}")]
    public async Task Invalid_subscriptions_are_400_ValidationError(string body)
    {
        await using var fn = await StartAsync();
        var extension = await RawExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "internal-t", "INVOKE");

        var response = await extension.SubscribeAsync(body);

        Assert.Equal(400, response.Status);
        Assert.Equal("ValidationError", RawExtension.ErrorType(response));
    }

    [Fact]
    public async Task Error_and_timeout_invokes_report_their_status_and_error_type()
    {
        await using var listener = await TelemetryListener.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fn = await StartAsync(o => { o.TimeProvider = clock; o.Timeout = TimeSpan.FromSeconds(3); });
        var endpoint = fn.RuntimeApiEndpoints[0];
        var extension = await RawExtension.RegisterAsync(endpoint, "internal-t", "INVOKE");
        await extension.SubscribeAsync(Subscription(listener.Uri, timeoutMs: 25));
        var invokeEvent = extension.NextAsync();

        // The extension is back in next as soon as it has the INVOKE event: the answer waits for that on the fake clock.
        var failing = InvokeAsync(fn, "{\"errorType\":\"Oops\",\"errorMessage\":\"no\"}", errorType: "Oops");
        await Soon(invokeEvent);
        _ = extension.NextAsync();
        var failed = await failing;
        var timingOut = fn.InvokeAsync("{}");
        await Soon(RawHttp.GetAsync(endpoint, RuntimeNext));
        await Task.Delay(100);
        clock.Advance(TimeSpan.FromSeconds(3));
        var timedOut = await Soon(timingOut);
        await fn.ShutdownAsync();

        // Delivered at the latest when the generation shuts down (the buffering timer runs on the injected clock).
        var reports = listener.Events.Where(e => e.GetProperty("type").GetString() == "platform.report").Select(e => e.GetProperty("record")).ToArray();
        var error = reports.Single(r => r.GetProperty("requestId").GetString() == failed.RequestId);
        Assert.Equal("error", error.GetProperty("status").GetString());
        // A runtime's own error type not in the Runtime.X/Function.X form is reported as Runtime.Unknown.
        Assert.Equal("Runtime.Unknown", error.GetProperty("errorType").GetString());
        var timeout = reports.Single(r => r.GetProperty("requestId").GetString() == timedOut.RequestId);
        Assert.Equal("timeout", timeout.GetProperty("status").GetString());
        Assert.False(timeout.TryGetProperty("errorType", out _));
        var runtimeDone = listener.Events.Single(e => e.GetProperty("type").GetString() == "platform.runtimeDone" && e.GetProperty("record").GetProperty("requestId").GetString() == timedOut.RequestId);
        Assert.Equal("timeout", runtimeDone.GetProperty("record").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_failed_delivery_is_retried()
    {
        await using var listener = await TelemetryListener.StartAsync();
        listener.FailFirst = 2;
        await using var fn = await StartAsync();
        var extension = await RawExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "internal-t", "INVOKE");
        await extension.SubscribeAsync(Subscription(listener.Uri));
        _ = extension.NextAsync();

        await InvokeAsync(fn, "1");

        Assert.True(await listener.WaitForAsync(l => l.Types.Contains("platform.report")));
        Assert.Equal(2, listener.Refused);
        Assert.Equal(new[] { "platform.telemetrySubscription", "platform.initStart" }, listener.Types.Take(2));
    }

    [Fact]
    public async Task A_TCP_destination_receives_one_JSON_event_per_line()
    {
        var tcp = new TcpListener(IPAddress.Loopback, 0);
        tcp.Start();
        try
        {
            await using var fn = await StartAsync();
            var extension = await RawExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "internal-t", "INVOKE");
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            var subscribed = await extension.SubscribeAsync($"{{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\"],\"buffering\":{{\"timeoutMs\":25}},\"destination\":{{\"protocol\":\"TCP\",\"port\":{port}}}}}");
            Assert.Equal(200, subscribed.Status);
            _ = extension.NextAsync();
            var invoke = InvokeAsync(fn, "1");

            using var client = await tcp.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
            using var reader = new StreamReader(client.GetStream(), new UTF8Encoding(false));
            var types = new List<string>();
            while (!types.Contains("platform.report"))
            {
                var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
                types.Add(JsonDocument.Parse(line!).RootElement.GetProperty("type").GetString()!);
            }

            await invoke;
            Assert.Equal(new[] { "platform.telemetrySubscription", "platform.initStart" }, types.Take(2));
        }
        finally
        {
            tcp.Stop();
        }
    }

    [Fact]
    public void A_batch_waits_for_timeoutMs_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var destination = new RecordingDestination();
        using var subscription = new TelemetrySubscription("ext", TelemetryTypes.Platform, new TelemetryBuffering(1_000, 262_144, TimeSpan.FromMilliseconds(100)), destination, clock);

        subscription.Enqueue(Record(TelemetryTypes.Platform, 10));
        subscription.Enqueue(Record(TelemetryTypes.Platform, 10));
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Thread.Sleep(100);
        Assert.Empty(destination.Batches);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(destination.WaitFor(1));
        Assert.Equal(2, destination.Batches[0].Count);
    }

    [Fact]
    public void A_batch_ships_at_maxItems_and_at_maxBytes_without_waiting()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var destination = new RecordingDestination();
        using var items = new TelemetrySubscription("ext", TelemetryTypes.Platform, new TelemetryBuffering(1_000, 1_048_576, TimeSpan.FromSeconds(30)), destination, clock);
        for (var i = 0; i < 1_001; i++)
        {
            items.Enqueue(Record(TelemetryTypes.Platform, 10));
        }

        Assert.True(destination.WaitFor(1));
        Assert.Equal(1_000, destination.Batches[0].Count);

        var bytesDestination = new RecordingDestination();
        using var bytes = new TelemetrySubscription("ext", TelemetryTypes.Platform, new TelemetryBuffering(10_000, 262_144, TimeSpan.FromSeconds(30)), bytesDestination, clock);
        for (var i = 0; i < 300; i++)
        {
            bytes.Enqueue(Record(TelemetryTypes.Platform, 1_000));
        }

        Assert.True(bytesDestination.WaitFor(1));
        Assert.Equal(263, bytesDestination.Batches[0].Count);
        Assert.True(bytesDestination.Batches[0].Sum(e => e.Length) >= 262_144);
    }

    [Fact]
    public void A_subscription_receives_only_the_streams_it_chose()
    {
        var destination = new RecordingDestination();
        using var subscription = new TelemetrySubscription("ext", TelemetryTypes.Function, new TelemetryBuffering(1_000, 262_144, TimeSpan.FromMilliseconds(25)), destination, TimeProvider.System);

        subscription.Enqueue(Record(TelemetryTypes.Platform, 10));
        subscription.Enqueue(Record(TelemetryTypes.Extension, 10));
        subscription.Enqueue(Record(TelemetryTypes.Function, 10));

        Assert.True(destination.WaitFor(1));
        Assert.Single(destination.Batches[0]);
        Thread.Sleep(100);
        Assert.Single(destination.Batches);
    }

    private static TelemetryRecord Record(TelemetryTypes stream, int size) => new(stream, "t", new byte[size]);

    private sealed class RecordingDestination : TelemetryDestination
    {
        private readonly List<IReadOnlyList<byte[]>> _batches = new();

        public IReadOnlyList<IReadOnlyList<byte[]>> Batches
        {
            get
            {
                lock (_batches)
                {
                    return _batches.ToArray();
                }
            }
        }

        public override Task SendAsync(IReadOnlyList<byte[]> events, CancellationToken cancellationToken)
        {
            lock (_batches)
            {
                _batches.Add(events.ToArray());
            }

            return Task.CompletedTask;
        }

        public bool WaitFor(int count) => SpinWait.SpinUntil(() => Batches.Count >= count, TimeSpan.FromSeconds(30));
    }
}
