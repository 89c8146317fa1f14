using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// The whole lifecycle with extensions, as each party sees it: Init with an external extension (<c>outer</c>, from a
/// layer, subscribed to INVOKE and SHUTDOWN, ignoring SHUTDOWN so the platform must kill it) and an internal one
/// (<c>inner</c>, registered from inside Functions/TestFunction), three invokes of which the second times out (a reset:
/// SIGTERM, SHUTDOWN <c>timeout</c>, SIGKILL, then a new Init inside the third invoke), then Shutdown (SIGTERM, SHUTDOWN
/// <c>spindown</c>, SIGKILL). The runtime and both extensions write what they saw to the environment's <c>/tmp</c>; the
/// platform's own view is the environment's timeline, whose times come from an injected clock that only this test
/// moves, so the budgets (500 ms for the runtime with an internal extension, 2,000 ms in all) are checked exactly.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExtensionTraceTests : IDisposable
{
    private readonly TestLayers _layers = new();

    public void Dispose() => _layers.Dispose();

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not reached in time: {what}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Init_three_invokes_one_timing_out_and_shutdown_in_the_order_each_party_saw_them()
    {
        // An hour ahead: the deadlines the runtime receives stay in the future of its own (real) clock however slow the machine.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        var layer = await _layers.WithTestExtensionsAsync("outer");
        await using var fn = await TestFunctionHost.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.Timeout = TimeSpan.FromSeconds(5);
            o.Layers.Add(layer);
            o.Environment["TRACE_RUNTIME"] = "1";
            o.Environment["INTERNAL_EXTENSION"] = "inner";
            o.Environment["EXT_MODE_OUTER"] = "linger";
        });

        // Generation 1: Init, an invoke, an invoke that times out.
        var first = await fn.InvokeAsync("{\"op\":\"echo\"}");
        var environment = fn.Environments[0];
        var hanging = fn.InvokeAsync("{\"op\":\"hang\"}");
        await Until(() => environment.Logs.Contains("handling hang", StringComparison.Ordinal), "the runtime works on the second invoke");
        // The internal extension records the second INVOKE on its own thread of the runtime process: the timeout
        // (forced on the fake clock) must not kill the process before it has (seen in CI once).
        await Until(() => TestLayers.Trace(environment, "inner").Count(l => l.StartsWith("INVOKE", StringComparison.Ordinal)) == 2, "the internal extension recorded the second INVOKE");
        clock.Advance(TimeSpan.FromSeconds(5));
        await Until(() => environment.Timeline.Any(e => e.Event == LambdaTimelineEvent.Sigterm), "SIGTERM after the timeout");
        await Until(() => TestLayers.Trace(environment, "runtime").Contains("SIGTERM"), "the runtime saw SIGTERM");
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await Until(() => environment.Timeline.Any(e => e.Event == LambdaTimelineEvent.Shutdown), "SHUTDOWN to outer");
        await Until(() => TestLayers.Trace(environment, "outer").Any(l => l.StartsWith("SHUTDOWN", StringComparison.Ordinal)), "outer saw SHUTDOWN");
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        var second = await hanging.WaitAsync(TimeSpan.FromSeconds(60));
        var generationOneEnds = environment.Timeline.Count;

        // Generation 2: the third invoke initialises a fresh environment; then Shutdown.
        var third = await fn.InvokeAsync("{\"op\":\"echo\"}");
        var shutdown = fn.ShutdownAsync();
        await Until(() => environment.Timeline.Skip(generationOneEnds).Any(e => e.Event == LambdaTimelineEvent.Shutdown), "SHUTDOWN spindown");
        await Until(() => TestLayers.Trace(environment, "outer").Count(l => l.StartsWith("SHUTDOWN", StringComparison.Ordinal)) == 2, "outer saw the second SHUTDOWN");
        clock.Advance(TimeSpan.FromMilliseconds(2000));
        await shutdown.WaitAsync(TimeSpan.FromSeconds(60));

        // The caller's view.
        first.EnsureSuccess();
        Assert.True(first.ColdStart);
        Assert.Equal("Sandbox.Timedout", second.Error!.ErrorType);
        third.EnsureSuccess();
        Assert.True(third.ColdStart);

        // What each party saw, in order.
        var timeline = environment.Timeline;
        var one = timeline.Take(generationOneEnds).ToArray();
        var two = timeline.Skip(generationOneEnds).ToArray();
        var shutdownOne = one.Single(e => e.Event == LambdaTimelineEvent.Shutdown);
        var shutdownTwo = two.Single(e => e.Event == LambdaTimelineEvent.Shutdown);
        Assert.Equal(
            new[] { "init", $"invoke {first.RequestId}", $"invoke {second.RequestId}", "SIGTERM", "init", $"invoke {third.RequestId}", "SIGTERM" },
            TestLayers.Trace(environment, "runtime"));
        Assert.Equal(
            new[] { "register", $"INVOKE {first.RequestId}", $"INVOKE {second.RequestId}", "register", $"INVOKE {third.RequestId}" },
            TestLayers.Trace(environment, "inner"));
        Assert.Equal(
            new[]
            {
                "register", $"INVOKE {first.RequestId}", $"INVOKE {second.RequestId}", $"SHUTDOWN timeout {(one.Single(e => e.Event == LambdaTimelineEvent.Sigterm).Time + TimeSpan.FromSeconds(2)).ToUnixTimeMilliseconds()}",
                "register", $"INVOKE {third.RequestId}", $"SHUTDOWN spindown {(two.Single(e => e.Event == LambdaTimelineEvent.Sigterm).Time + TimeSpan.FromSeconds(2)).ToUnixTimeMilliseconds()}",
            },
            TestLayers.Trace(environment, "outer"));

        // What the platform did, in order.
        Assert.Equal(
            new[]
            {
                "Launched outer", "Registered outer external INVOKE,SHUTDOWN", "Launched runtime", "Registered inner internal INVOKE", "InitDone runtime success",
                $"Invoke outer {first.RequestId}", $"Invoke inner {first.RequestId}", $"Invoke outer {second.RequestId}", $"Invoke inner {second.RequestId}",
                "Sigterm runtime timeout", "Sigkill runtime its share of the shutdown budget ended", "Shutdown outer timeout",
                "Sigkill outer the shutdown budget ended", "Exited outer signal: killed",
            },
            one.Select(Describe));
        Assert.Equal(
            new[]
            {
                "Launched outer", "Registered outer external INVOKE,SHUTDOWN", "Launched runtime", "Registered inner internal INVOKE", "InitDone runtime success",
                $"Invoke outer {third.RequestId}", $"Invoke inner {third.RequestId}",
                "Sigterm runtime spindown", "Exited runtime exit code 0", "Shutdown outer spindown",
                "Sigkill outer the shutdown budget ended", "Exited outer signal: killed",
            },
            two.Select(Describe));

        // The budgets, on the injected clock: the runtime's share is 500 ms (an internal extension runs in it), the whole
        // shutdown 2,000 ms (an external extension runs); SHUTDOWN goes out when the runtime is gone.
        var sigtermOne = one.Single(e => e.Event == LambdaTimelineEvent.Sigterm).Time;
        Assert.Equal(TimeSpan.FromMilliseconds(500), one.Single(e => e.Event == LambdaTimelineEvent.Sigkill && e.Party == "runtime").Time - sigtermOne);
        Assert.Equal(TimeSpan.FromMilliseconds(500), shutdownOne.Time - sigtermOne);
        Assert.Equal(TimeSpan.FromMilliseconds(2000), one.Single(e => e.Event == LambdaTimelineEvent.Sigkill && e.Party == "outer").Time - sigtermOne);
        var sigtermTwo = two.Single(e => e.Event == LambdaTimelineEvent.Sigterm).Time;
        Assert.Equal(TimeSpan.Zero, shutdownTwo.Time - sigtermTwo);
        Assert.Equal(TimeSpan.FromMilliseconds(2000), two.Single(e => e.Event == LambdaTimelineEvent.Sigkill && e.Party == "outer").Time - sigtermTwo);

        // The log tells the same story in Lambda's lines.
        var trace = environment.Trace;
        Assert.Equal(2, trace.Count(l => l == "EXTENSION\tName: outer\tState: Ready\tEvents: [INVOKE,SHUTDOWN]"));
        Assert.Equal(2, trace.Count(l => l == "EXTENSION\tName: inner\tState: Ready\tEvents: [INVOKE]"));
        Assert.Contains("RESET Reason: timeout", trace);
        Assert.Equal("SHUTDOWN Reason: spindown", trace[^1]);
    }

    private static string Describe(LambdaTimelineEntry entry) =>
        string.Join(" ", new List<string?> { entry.Event.ToString(), entry.Party, entry.Detail }.Where(p => !string.IsNullOrEmpty(p)));
}
