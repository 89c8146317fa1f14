using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// Extensions as real processes (docs/platform/extensions-api.md and lifecycle.md, "Shutdown"): external extensions
/// started from a layer's <c>extensions/</c> folder (Functions/TestExtension behind a script), an internal extension
/// registered from inside Functions/TestFunction, their failures, and the shutdown budgets on an injected clock.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExtensionLifecycleTests : IDisposable
{
    private readonly TestLayers _layers = new();

    public void Dispose() => _layers.Dispose();

    private static async Task Until(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not reached in time: {what}");
            await Task.Delay(20);
        }
    }

    private static Task<LambdaShim> StartAsync(string? layer, Action<LambdaShimOptions>? configure = null) =>
        TestFunctionHost.StartAsync(options =>
        {
            if (layer is not null)
            {
                options.Layers.Add(layer);
            }

            options.Environment["TRACE_RUNTIME"] = "1";
            configure?.Invoke(options);
        });

    [Fact]
    public async Task External_extension_is_started_and_registered_before_the_runtime_and_receives_every_invoke()
    {
        await using var fn = await StartAsync(await _layers.WithTestExtensionsAsync("outer"));

        var first = await fn.InvokeAsync("{\"op\":\"echo\"}");
        var second = await fn.InvokeAsync("{\"op\":\"echo\"}");

        first.EnsureSuccess();
        second.EnsureSuccess();
        var environment = fn.Environments[0];
        var timeline = environment.Timeline;
        var launched = timeline.First(e => e.Event == LambdaTimelineEvent.Launched && e.Party == "outer");
        var registered = timeline.First(e => e.Event == LambdaTimelineEvent.Registered && e.Party == "outer");
        var runtime = timeline.First(e => e.Event == LambdaTimelineEvent.Launched && e.Party == LambdaTimelineEntry.Runtime);
        Assert.True(timeline.ToList().IndexOf(launched) < timeline.ToList().IndexOf(registered));
        Assert.True(timeline.ToList().IndexOf(registered) < timeline.ToList().IndexOf(runtime));
        Assert.Equal("external INVOKE,SHUTDOWN", registered.Detail);
        Assert.Contains("EXTENSION\tName: outer\tState: Ready\tEvents: [INVOKE,SHUTDOWN]", first.LifecycleTrace);
        await Until(() => TestLayers.Trace(environment, "outer").Length >= 3, "the second INVOKE reached the extension");
        Assert.Equal(new[] { "register", $"INVOKE {first.RequestId}", $"INVOKE {second.RequestId}" }, TestLayers.Trace(environment, "outer"));
        Assert.Contains($"[outer] INVOKE {first.RequestId}", environment.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extensions_see_the_functions_variables_but_not_the_runtime_only_ones()
    {
        await using var fn = await StartAsync(await _layers.WithTestExtensionsAsync("outer"), o =>
        {
            o.Environment["EXT_MODE_OUTER"] = "env";
            o.Environment["MY_SETTING"] = "from-config";
        });

        var runtime = await fn.InvokeAsync("{\"op\":\"env\"}");

        var file = Path.Combine(fn.Environments[0].TmpDirectory, "env-outer.txt");
        var seen = File.ReadAllLines(file).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        foreach (var visible in new[] { "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_RUNTIME_API", "TZ", "MY_SETTING", "PATH" })
        {
            Assert.True(seen.ContainsKey(visible), $"{visible} is hidden from the extension");
        }

        Assert.Equal("test-function", seen["AWS_LAMBDA_FUNCTION_NAME"]);
        Assert.Equal(fn.RuntimeApiEndpoints[0], seen["AWS_LAMBDA_RUNTIME_API"]);
        foreach (var hidden in new[] { "_HANDLER", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "AWS_XRAY_CONTEXT_MISSING", "AWS_LAMBDA_INITIALIZATION_TYPE" })
        {
            Assert.False(seen.ContainsKey(hidden), $"{hidden} is visible to the extension");
        }

        Assert.DoesNotContain(seen.Keys, k => k.StartsWith('_'));
        // The runtime itself sees them (the difference is the extensions', not the environment's).
        Assert.Contains("\"_HANDLER\":\"TestFunction\"", runtime.PayloadText, StringComparison.Ordinal);
        Assert.Contains("\"LAMBDA_TASK_ROOT\"", runtime.PayloadText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Internal_extension_registers_from_inside_the_function_process_and_receives_every_invoke()
    {
        await using var fn = await StartAsync(layer: null, o => o.Environment["INTERNAL_EXTENSION"] = "inner");

        var first = await fn.InvokeAsync("{\"op\":\"echo\"}");
        var second = await fn.InvokeAsync("{\"op\":\"echo\"}");

        Assert.Contains("EXTENSION\tName: inner\tState: Ready\tEvents: [INVOKE]", first.LifecycleTrace);
        var environment = fn.Environments[0];
        Assert.Contains(environment.Timeline, e => e.Event == LambdaTimelineEvent.Registered && e.Party == "inner" && e.Detail == "internal INVOKE");
        await Until(() => TestLayers.Trace(environment, "inner").Length >= 3, "the second INVOKE reached the internal extension");
        Assert.Equal(new[] { "register", $"INVOKE {first.RequestId}", $"INVOKE {second.RequestId}" }, TestLayers.Trace(environment, "inner"));
    }

    [Fact]
    public async Task An_extension_that_crashes_before_registering_fails_the_Init_with_Extension_Crash_and_no_runtime_starts()
    {
        await using var fn = await StartAsync(await _layers.WithTestExtensionsAsync("outer"), o => o.Environment["EXT_MODE_OUTER"] = "crash-before-register");

        var result = await fn.InvokeAsync("{\"op\":\"echo\"}");

        Assert.False(result.IsSuccess);
        Assert.Equal("Extension.Crash", result.Error!.ErrorType);
        Assert.Equal($"RequestId: {result.RequestId} Error: exit status 3", result.Error.ErrorMessage);
        Assert.Contains(result.LifecycleTrace, l => l.StartsWith("INIT_REPORT", StringComparison.Ordinal) && l.EndsWith("Phase: init\tStatus: error\tError Type: Extension.Crash", StringComparison.Ordinal));
        // The runtime never started: external extensions register before it does.
        Assert.DoesNotContain(fn.Environments[0].Timeline, e => e.Event == LambdaTimelineEvent.Launched && e.Party == LambdaTimelineEntry.Runtime);
    }

    [Fact]
    public async Task An_extension_that_crashes_after_registering_fails_the_Init_with_Extension_Crash()
    {
        await using var fn = await StartAsync(await _layers.WithTestExtensionsAsync("outer"), o => o.Environment["EXT_MODE_OUTER"] = "crash-init");

        var result = await fn.InvokeAsync("{\"op\":\"echo\"}");

        Assert.Equal("Extension.Crash", result.Error!.ErrorType);
        Assert.Equal($"RequestId: {result.RequestId} Error: exit status 3", result.Error.ErrorMessage);
        Assert.Contains(result.LifecycleTrace, l => l.EndsWith("Phase: invoke\tStatus: error\tError Type: Extension.Crash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_extension_that_reports_init_error_fails_the_Init_with_Extension_InitError()
    {
        await using var fn = await StartAsync(await _layers.WithTestExtensionsAsync("outer"), o => o.Environment["EXT_MODE_OUTER"] = "init-error");

        var result = await fn.InvokeAsync("{\"op\":\"echo\"}");

        Assert.Equal("Extension.InitError", result.Error!.ErrorType);
        Assert.StartsWith($"RequestId: {result.RequestId} Error: ", result.Error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(result.LifecycleTrace, l => l.EndsWith("Phase: invoke\tStatus: error\tError Type: Extension.InitError", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_extension_that_crashes_during_an_invoke_fails_it_with_Extension_Crash_and_the_next_invoke_reinitialises()
    {
        await using var fn = await StartAsync(await _layers.WithTestExtensionsAsync("outer"), o => o.Environment["EXT_MODE_OUTER"] = "crash-invoke");

        var crashed = await fn.InvokeAsync("{\"op\":\"sleep\",\"ms\":5000}");

        Assert.Equal("Extension.Crash", crashed.Error!.ErrorType);
        Assert.Equal($"RequestId: {crashed.RequestId} Error: exit status 4", crashed.Error.ErrorMessage);
        Assert.Contains(crashed.LifecycleTrace, l => l.StartsWith("RESET Reason: failure", StringComparison.Ordinal));
        var sigterm = fn.Environments[0].Timeline.Single(e => e.Event == LambdaTimelineEvent.Sigterm);
        Assert.Equal("failure", sigterm.Detail);
    }

    [Fact]
    public async Task An_extension_that_never_registers_stalls_the_Init_until_its_limit()
    {
        await using var fn = await StartAsync(await _layers.WithTestExtensionsAsync("outer"), o =>
        {
            o.Environment["EXT_MODE_OUTER"] = "never-register";
            o.InitTimeout = TimeSpan.FromSeconds(2);
            o.Timeout = TimeSpan.FromSeconds(2);
        });

        var result = await fn.InvokeAsync("{\"op\":\"echo\"}");

        Assert.Equal("Sandbox.Timedout", result.Error!.ErrorType);
        Assert.Contains(result.LifecycleTrace, l => l.StartsWith("INIT_REPORT", StringComparison.Ordinal) && l.EndsWith("Phase: init\tStatus: timeout", StringComparison.Ordinal));
        Assert.DoesNotContain(fn.Environments[0].Timeline, e => e.Event == LambdaTimelineEvent.Launched && e.Party == LambdaTimelineEntry.Runtime);
    }

    [Fact]
    public async Task A_non_executable_extension_file_is_Extension_LaunchError()
    {
        var layer = _layers.NewFolder();
        Directory.CreateDirectory(Path.Combine(layer, "extensions"));
        File.WriteAllText(Path.Combine(layer, "extensions", "plain-file"), "not a program");
        File.SetUnixFileMode(Path.Combine(layer, "extensions", "plain-file"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var fn = await StartAsync(layer);

        var result = await fn.InvokeAsync("{\"op\":\"echo\"}");

        Assert.Equal("Extension.LaunchError", result.Error!.ErrorType);
        Assert.Contains("plain-file", result.Error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eleven_external_extensions_are_one_too_many()
    {
        var layer = _layers.NewFolder();
        for (var i = 1; i <= 11; i++)
        {
            TestLayers.Script(layer, Path.Combine("extensions", $"ext-{i:00}"), "sleep 30");
        }

        await using var fn = await StartAsync(layer);

        var result = await fn.InvokeAsync("{\"op\":\"echo\"}");

        Assert.Equal("Extension.LaunchError", result.Error!.ErrorType);
        Assert.Contains("ext-11", result.Error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("TooManyExtensions", result.Error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_extensions_shutdown_is_SIGKILL_at_once_and_the_runtime_never_sees_SIGTERM()
    {
        await using var fn = await StartAsync(layer: null);
        (await fn.InvokeAsync("{\"op\":\"echo\"}")).EnsureSuccess();

        await fn.ShutdownAsync();

        var environment = fn.Environments[0];
        Assert.DoesNotContain(environment.Timeline, e => e.Event is LambdaTimelineEvent.Sigterm or LambdaTimelineEvent.Shutdown);
        Assert.Equal(new[] { "init", $"invoke {environment.Trace.First(l => l.StartsWith("START", StringComparison.Ordinal)).Split(' ')[2]}" }, TestLayers.Trace(environment, "runtime"));
    }

    [Fact]
    public async Task With_internal_extensions_only_the_runtime_gets_SIGTERM_and_SIGKILL_500_ms_later_on_the_shims_clock()
    {
        // An hour ahead: the deadline the runtime receives stays in the future of its own (real) clock.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        await using var fn = await StartAsync(layer: null, o =>
        {
            o.TimeProvider = clock;
            o.Environment["INTERNAL_EXTENSION"] = "inner";
            o.Environment["LINGER_AFTER_SIGTERM"] = "1";
        });
        (await fn.InvokeAsync("{\"op\":\"echo\"}")).EnsureSuccess();
        var environment = fn.Environments[0];

        var shutdown = fn.ShutdownAsync();
        await Until(() => environment.Timeline.Any(e => e.Event == LambdaTimelineEvent.Sigterm), "SIGTERM");
        await Until(() => TestLayers.Trace(environment, "runtime").Contains("SIGTERM"), "the runtime saw SIGTERM");
        clock.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(200);
        Assert.False(shutdown.IsCompleted, "the runtime was killed before its 500 ms");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await shutdown.WaitAsync(TimeSpan.FromSeconds(30));

        var sigterm = environment.Timeline.Single(e => e.Event == LambdaTimelineEvent.Sigterm);
        var sigkill = environment.Timeline.Single(e => e.Event == LambdaTimelineEvent.Sigkill);
        Assert.Equal((LambdaTimelineEntry.Runtime, "spindown"), (sigterm.Party, sigterm.Detail));
        Assert.Equal(LambdaTimelineEntry.Runtime, sigkill.Party);
        Assert.Equal(TimeSpan.FromMilliseconds(500), sigkill.Time - sigterm.Time);
        Assert.DoesNotContain(environment.Timeline, e => e.Event == LambdaTimelineEvent.Shutdown);
    }

    [Fact]
    public async Task An_external_extension_not_subscribed_to_SHUTDOWN_is_SIGKILLed_at_once_and_one_that_is_gets_the_event_and_leaves()
    {
        await using var fn = await StartAsync(await _layers.WithTestExtensionsAsync("quiet", "polite"), o => o.Environment["EXT_MODE_QUIET"] = "no-shutdown");
        (await fn.InvokeAsync("{\"op\":\"echo\"}")).EnsureSuccess();
        var environment = fn.Environments[0];

        await fn.ShutdownAsync();

        var timeline = environment.Timeline;
        Assert.Contains(timeline, e => e.Event == LambdaTimelineEvent.Sigkill && e.Party == "quiet" && e.Detail == "not subscribed to SHUTDOWN");
        Assert.Contains(timeline, e => e.Event == LambdaTimelineEvent.Shutdown && e.Party == "polite" && e.Detail == "spindown");
        Assert.DoesNotContain(timeline, e => e.Event == LambdaTimelineEvent.Sigkill && e.Party == "polite");
        Assert.Contains(timeline, e => e.Event == LambdaTimelineEvent.Exited && e.Party == "polite" && e.Detail == "exit code 0");
        Assert.Contains(TestLayers.Trace(environment, "polite"), l => l.StartsWith("SHUTDOWN spindown ", StringComparison.Ordinal));
        Assert.DoesNotContain(TestLayers.Trace(environment, "quiet"), l => l.StartsWith("SHUTDOWN", StringComparison.Ordinal));
    }
}
