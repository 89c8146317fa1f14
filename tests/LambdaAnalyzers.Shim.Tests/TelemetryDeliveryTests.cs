using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// The Telemetry API with real processes: Functions/TestExtension subscribes with LambdaExtension (its own listener)
/// and writes every event it receives to <c>/tmp</c>; Functions/TestFunction prints lines.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TelemetryDeliveryTests : IDisposable
{
    private readonly TestLayers _layers = new();

    public void Dispose() => _layers.Dispose();

    /// <summary>
    /// One invoke of Functions/TestFunction with Functions/TestExtension subscribed to the Telemetry API ("watcher"), then
    /// shutdown (telemetry still buffered is delivered before the extension gets SHUTDOWN); every event it received.
    /// </summary>
    private async Task<(InvocationResult Result, (string Type, JsonElement Record)[] Received)> InvokeWatchedAsync(string payload)
    {
        var layer = await _layers.WithTestExtensionsAsync("watcher");
        await using var fn = await TestFunctionHost.StartAsync(o =>
        {
            o.Layers.Add(layer);
            o.Environment["EXT_MODE_WATCHER"] = "telemetry";
        });

        var result = await fn.InvokeAsync(payload);
        result.EnsureSuccess();
        var environment = fn.Environments[0];
        await fn.ShutdownAsync();

        var received = File.ReadAllLines(Path.Combine(environment.TmpDirectory, "telemetry-watcher.jsonl"))
            .Select(l => l.Split('\t', 2))
            .Select(p => (Type: p[0], Record: JsonDocument.Parse(p[1]).RootElement))
            .ToArray();
        return (result, received);
    }

    [Fact]
    public async Task Function_and_extension_log_lines_arrive_as_function_and_extension_records_beside_the_platform_events()
    {
        var (result, received) = await InvokeWatchedAsync("{\"op\":\"print\",\"lines\":3,\"width\":5}");
        var function = received.Where(r => r.Type == "function").Select(r => r.Record.GetString()).ToArray();
        // Printed before the runtime loop started: as written. Printed by the handler: a log line of its invoke.
        Assert.Contains("function init", function);
        var prefix = $"\t{result.RequestId}\tinfo\t";
        Assert.Contains(function, l => l!.EndsWith(prefix + "handling print", StringComparison.Ordinal));
        Assert.Equal(
            new[] { "line 0 xxxxx", "line 1 xxxxx", "line 2 xxxxx" },
            function.Where(l => l!.Contains(prefix + "line ", StringComparison.Ordinal)).Select(l => l![(l!.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..]));
        var extension = received.Where(r => r.Type == "extension").Select(r => r.Record.GetString()).ToArray();
        Assert.Contains("[watcher] registered for Invoke, Shutdown", extension);
        Assert.Contains($"[watcher] INVOKE {result.RequestId}", extension);
        var platform = received.Where(r => r.Type.StartsWith("platform.", StringComparison.Ordinal)).Select(r => r.Type).ToArray();
        Assert.Equal(
            new[] { "platform.initStart", "platform.telemetrySubscription", "platform.initRuntimeDone", "platform.extension", "platform.initReport", "platform.start", "platform.runtimeDone", "platform.report" },
            platform);
        var report = received.Single(r => r.Type == "platform.report").Record;
        Assert.Equal(result.RequestId, report.GetProperty("requestId").GetString());
        Assert.Equal(256, report.GetProperty("metrics").GetProperty("memorySizeMB").GetInt32());
        Assert.True(report.GetProperty("metrics").GetProperty("maxMemoryUsedMB").GetInt32() > 0);
    }

    [Fact]
    public async Task A_log_line_of_several_lines_is_one_function_record_through_the_telemetry_log_descriptor()
    {
        var (result, received) = await InvokeWatchedAsync("{\"op\":\"multiline\"}");
        var function = received.Where(r => r.Type == "function").Select(r => r.Record.GetString()!).ToArray();
        // The runtime wrote the line as one frame: one record, both lines in it (on stdout it would be two records).
        Assert.Contains(function, r => r.EndsWith($"\t{result.RequestId}\tinfo\tfirst of two\nsecond of two", StringComparison.Ordinal));
        Assert.DoesNotContain("second of two", function);
        Assert.Contains("first of two\nsecond of two", result.Logs, StringComparison.Ordinal);
    }
}
