using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Shim.Tests.Samples;

/// <summary>
/// samples/TelemetryBuffer published once per test run as its README says (Native AOT; trim and AOT warnings are
/// errors here, so the publish proves LambdaExtension trimming- and AOT-safe), then laid out as a layer would carry it.
/// </summary>
public sealed class TelemetryBufferPublish : IAsyncLifetime
{
    /// <summary>A layer folder holding <c>extensions/telemetry-buffer</c>, the native executable.</summary>
    public string Layer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var artifacts = Path.Combine(AppContext.BaseDirectory, "telemetrybuffer-artifacts");
        var project = RepoPaths.Combine("samples", "TelemetryBuffer", "TelemetryBuffer.csproj");
        (await DotNet.RunAsync(RepoPaths.Root, new Dictionary<string, string>(), TimeSpan.FromMinutes(10), "publish", project, "-c", "Release", "--artifacts-path", artifacts, "-nologo")).EnsureSuccess();
        Layer = Path.Combine(artifacts, "layer");
        Directory.CreateDirectory(Path.Combine(Layer, "extensions"));
        File.Copy(Path.Combine(artifacts, "publish", "TelemetryBuffer", "release_linux-x64", "telemetry-buffer"), Path.Combine(Layer, "extensions", "telemetry-buffer"), overwrite: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>The extension sample against the shim: it buffers the function's telemetry and writes it out at SHUTDOWN.</summary>
public sealed class TelemetryBufferSampleTests : IClassFixture<TelemetryBufferPublish>
{
    private readonly TelemetryBufferPublish _publish;

    public TelemetryBufferSampleTests(TelemetryBufferPublish publish) => _publish = publish;

    [Fact]
    public async Task The_sample_registers_buffers_the_functions_telemetry_and_writes_it_out_at_shutdown()
    {
        await using var fn = await TestFunctionHost.StartAsync(o => o.Layers.Add(_publish.Layer));

        var first = await fn.InvokeAsync("{\"op\":\"print\",\"lines\":2,\"width\":3}");
        var second = await fn.InvokeAsync("{\"op\":\"echo\"}");
        first.EnsureSuccess();
        second.EnsureSuccess();
        var environment = fn.Environments[0];
        // Nothing is written before the shutdown: the sample only buffers.
        Assert.DoesNotContain("\"type\":\"platform.report\"", environment.Logs, StringComparison.Ordinal);
        await fn.ShutdownAsync();

        var logs = environment.Logs;
        Assert.Contains("EXTENSION\tName: telemetry-buffer\tState: Ready\tEvents: [INVOKE,SHUTDOWN]", environment.Trace);
        Assert.Matches(@"telemetry-buffer: flushed \d+ telemetry events of 2 invokes at shutdown \(spindown\); 0 dropped", logs);
        var flushed = logs.Split('\n').Where(l => l.StartsWith("{\"time\":", StringComparison.Ordinal)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var reports = flushed.Where(e => e.GetProperty("type").GetString() == "platform.report").Select(e => e.GetProperty("record").GetProperty("requestId").GetString());
        Assert.Equal(new[] { first.RequestId, second.RequestId }, reports);
        Assert.Contains(flushed, e => e.GetProperty("type").GetString() == "function" && e.GetProperty("record").GetString()!.EndsWith($"\t{first.RequestId}\tinfo\tline 1 xxx", StringComparison.Ordinal));
        Assert.Contains(environment.Timeline, e => e.Event == LambdaTimelineEvent.Exited && e.Party == "telemetry-buffer" && e.Detail == "exit code 0");
    }
}
