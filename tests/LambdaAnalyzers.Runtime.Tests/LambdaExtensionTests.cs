using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim;

namespace LambdaAnalyzers.Runtime.Tests;

/// <summary>
/// <see cref="LambdaExtension"/> against the shim's real Extensions and Telemetry APIs (external mode: the extension
/// runs in this process; the test plays the runtime over HTTP). The name <c>outer</c> is a file of a layer's
/// <c>extensions/</c> folder, so it registers as an external extension; other names register as internal ones.
/// </summary>
public sealed class LambdaExtensionTests : IDisposable
{
    private readonly string _layer = Directory.CreateTempSubdirectory("runtime-ext-layer-").FullName;
    private readonly HttpClient _runtime = new() { Timeout = TimeSpan.FromSeconds(60) };

    public LambdaExtensionTests()
    {
        Directory.CreateDirectory(Path.Combine(_layer, "extensions"));
        File.WriteAllText(Path.Combine(_layer, "extensions", "outer"), "played by the test");
    }

    public void Dispose()
    {
        _runtime.Dispose();
        Directory.Delete(_layer, recursive: true);
    }

    private Task<LambdaShim> StartAsync(TimeSpan? timeout = null)
    {
        var options = new LambdaShimOptions
        {
            Mode = ShimExecutionMode.External, FunctionName = "ext-tests", Handler = "Ext::Handler", AccountId = "210987654321", Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        options.Layers.Add(_layer);
        return LambdaShim.StartAsync(options);
    }

    /// <summary>The test as the runtime: takes the next event and answers it.</summary>
    private async Task<string> AnswerNextAsync(LambdaShim fn, string body = "1")
    {
        var endpoint = fn.RuntimeApiEndpoints[0];
        using var next = await _runtime.GetAsync($"http://{endpoint}/2018-06-01/runtime/invocation/next");
        var id = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();
        using var posted = await _runtime.PostAsync($"http://{endpoint}/2018-06-01/runtime/invocation/{id}/response", new StringContent(body));
        return id;
    }

    [Fact]
    public async Task Register_returns_the_identifier_and_the_functions_name_version_handler_and_account()
    {
        await using var fn = await StartAsync();

        using var extension = await LambdaExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "inner", LambdaExtensionEvents.Invoke, CancellationToken.None);

        Assert.True(Guid.TryParse(extension.Id, out _));
        Assert.Equal("inner", extension.Name);
        Assert.Equal("ext-tests", extension.FunctionName);
        Assert.Equal("$LATEST", extension.FunctionVersion);
        Assert.Equal("Ext::Handler", extension.Handler);
        Assert.Equal("210987654321", extension.AccountId);
    }

    [Fact]
    public async Task A_refused_registration_throws_with_the_APIs_error_type()
    {
        await using var fn = await StartAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            LambdaExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "inner", LambdaExtensionEvents.Invoke | LambdaExtensionEvents.Shutdown, CancellationToken.None));

        Assert.Contains("403 Extension.InvalidEventType", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_returns_the_INVOKE_event_with_request_id_deadline_arn_and_trace()
    {
        await using var fn = await StartAsync();
        using var extension = await LambdaExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "inner", LambdaExtensionEvents.Invoke, CancellationToken.None);
        var before = DateTimeOffset.UtcNow;
        var invoke = fn.InvokeAsync("{}", new InvokeOptions { TraceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1" });

        var next = extension.NextAsync();
        var id = await AnswerNextAsync(fn);
        var received = await next.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(LambdaExtensionEventType.Invoke, received.EventType);
        Assert.Equal(id, received.RequestId);
        Assert.Equal("arn:aws:lambda:us-east-1:210987654321:function:ext-tests", received.InvokedFunctionArn);
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", received.TraceId);
        Assert.InRange(received.Deadline, before.AddSeconds(29), DateTimeOffset.UtcNow.AddSeconds(31));
        Assert.Null(received.ShutdownReason);
        Assert.True((await invoke).IsSuccess);
    }

    [Fact]
    public async Task Run_handles_every_event_and_returns_after_SHUTDOWN()
    {
        await using var fn = await StartAsync();
        using var extension = await LambdaExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "outer", LambdaExtensionEvents.Invoke | LambdaExtensionEvents.Shutdown, CancellationToken.None);
        var seen = new List<LambdaExtensionEvent>();
        var running = extension.RunAsync((e, _) =>
        {
            lock (seen)
            {
                seen.Add(e);
            }

            return default;
        });
        var invoke = fn.InvokeAsync("{}");
        var id = await AnswerNextAsync(fn);
        await invoke;
        _ = _runtime.GetAsync($"http://{fn.RuntimeApiEndpoints[0]}/2018-06-01/runtime/invocation/next");
        await Task.Delay(200);

        await fn.ShutdownAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new[] { LambdaExtensionEventType.Invoke, LambdaExtensionEventType.Shutdown }, seen.Select(e => e.EventType));
        Assert.Equal(id, seen[0].RequestId);
        Assert.Equal("spindown", seen[1].ShutdownReason);
    }

    [Fact]
    public async Task A_handler_that_throws_is_reported_through_exit_error_and_fails_the_invoke()
    {
        await using var fn = await StartAsync();
        using var extension = await LambdaExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "inner", LambdaExtensionEvents.Invoke, CancellationToken.None);
        var running = extension.RunAsync((_, _) => throw new InvalidDataException("broken state"));
        var invoke = fn.InvokeAsync("{}");
        _ = _runtime.GetAsync($"http://{fn.RuntimeApiEndpoints[0]}/2018-06-01/runtime/invocation/next");

        var thrown = await Assert.ThrowsAsync<InvalidDataException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
        var result = await invoke.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("broken state", thrown.Message);
        Assert.Equal("Extension.ExitError", result.Error!.ErrorType);
        Assert.Contains("Extension.InvalidDataException", result.Error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_error_fails_the_Init_with_Extension_InitError()
    {
        await using var fn = await StartAsync(timeout: TimeSpan.FromSeconds(1));
        using var extension = await LambdaExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "inner", LambdaExtensionEvents.Invoke, CancellationToken.None);
        var invoke = fn.InvokeAsync("{}");

        await extension.ReportInitErrorAsync("Extension.ConfigMissing", "no configuration");
        await invoke.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(fn.Environments[0].Trace, l => l.EndsWith("Phase: init\tStatus: error\tError Type: Extension.InitError", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Telemetry_batches_reach_the_callback_through_the_extensions_own_listener()
    {
        await using var fn = await StartAsync();
        using var extension = await LambdaExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "inner", LambdaExtensionEvents.Invoke, CancellationToken.None);
        var received = new List<LambdaTelemetryEvent>();
        await extension.SubscribeTelemetryAsync(
            LambdaTelemetryTypes.Platform,
            (batch, _) =>
            {
                lock (received)
                {
                    received.AddRange(batch);
                }

                return default;
            },
            new LambdaTelemetryBuffering { TimeoutMs = 25 });
        var next = extension.NextAsync();
        var invoke = fn.InvokeAsync("{}");
        var id = await AnswerNextAsync(fn);
        await invoke;
        await next;
        _ = extension.NextAsync();

        Assert.True(SpinWait.SpinUntil(() => { lock (received) { return received.Any(e => e.Type == "platform.report"); } }, TimeSpan.FromSeconds(30)));
        LambdaTelemetryEvent[] events;
        lock (received)
        {
            events = received.ToArray();
        }

        var start = events.Single(e => e.Type == "platform.start");
        Assert.Equal(id, start.Record.GetProperty("requestId").GetString());
        Assert.True(start.Time > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Contains(events, e => e.Type == "platform.initStart");
    }

    [Fact]
    public async Task Subscribing_after_Init_throws_SubscriptionClosed()
    {
        await using var fn = await StartAsync();
        using var extension = await LambdaExtension.RegisterAsync(fn.RuntimeApiEndpoints[0], "inner", LambdaExtensionEvents.Invoke, CancellationToken.None);
        var next = extension.NextAsync();
        var invoke = fn.InvokeAsync("{}");
        await AnswerNextAsync(fn);
        await invoke;
        await next;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            extension.SubscribeTelemetryAsync(LambdaTelemetryTypes.Platform, (_, _) => default));

        Assert.Contains("Telemetry.SubscriptionClosed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_telemetry_listener_reads_chunked_and_sized_bodies_on_one_connection_and_answers_500_when_the_callback_throws()
    {
        var bodies = new List<string>();
        using var listener = await TelemetryListener.StartAsync(body =>
        {
            var text = Encoding.UTF8.GetString(body.Span);
            if (text == "fail")
            {
                throw new InvalidOperationException("callback failed");
            }

            lock (bodies)
            {
                bodies.Add(text);
            }

            return default;
        }, CancellationToken.None);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", listener.Port);
        var stream = client.GetStream();
        var reader = new StreamReader(stream, new UTF8Encoding(false));

        async Task<string> SendAsync(string request)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            var status = await reader.ReadLineAsync();
            while ((await reader.ReadLineAsync())!.Length > 0)
            {
            }

            return status!;
        }

        var sized = await SendAsync("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n[1,2]");
        var chunked = await SendAsync("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n[3,\r\n2\r\n4]\r\n0\r\n\r\n");
        var failed = await SendAsync("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nfail");

        Assert.Equal("HTTP/1.1 200 OK", sized);
        Assert.Equal("HTTP/1.1 200 OK", chunked);
        Assert.Equal("HTTP/1.1 500 Internal Server Error", failed);
        Assert.Equal(new[] { "[1,2]", "[3,4]" }, bodies);
    }

    [Theory]
    [InlineData("{\"eventType\":\"SHUTDOWN\",\"deadlineMs\":1700000000000,\"shutdownReason\":\"TIMEOUT\"}", "timeout")]
    [InlineData("{\"eventType\":\"SHUTDOWN\",\"deadlineMs\":1700000000000,\"shutdownReason\":\"failure\"}", "failure")]
    public void Shutdown_reasons_are_read_case_insensitively(string json, string reason)
    {
        var parsed = LambdaExtensionEvent.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(LambdaExtensionEventType.Shutdown, parsed.EventType);
        Assert.Equal(reason, parsed.ShutdownReason);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), parsed.Deadline);
    }
}
