using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary><see cref="LambdaShim.Lifecycle"/>: the structured events the dashboard and the SVG timeline draw, in order, from the trace's own announcements.</summary>
public sealed class LifecycleFeedTests
{
    [Fact]
    public async Task Init_invokes_freezes_a_timeout_with_its_reset_the_re_init_and_shutdown_arrive_in_order()
    {
        await using var fn = await TestFunctionHost.StartAsync(o => o.Timeout = TimeSpan.FromSeconds(2));
        var seen = new List<LambdaLifecycleEvent>();
        var frozen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = fn.Lifecycle.Subscribe(
            e =>
            {
                lock (seen)
                {
                    seen.Add(e);
                }

                if (e.Kind == LambdaLifecycleKind.Frozen)
                {
                    frozen.TrySetResult();
                }
            },
            out var history);

        var first = await fn.InvokeAsync("{\"op\":\"echo\"}");
        if (OperatingSystem.IsLinux())
        {
            // The runtime asks for the next event after answering; only then is the environment frozen.
            await frozen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        var second = await fn.InvokeAsync("{\"op\":\"throw\"}");
        var timedOut = await fn.InvokeAsync("{\"op\":\"hang\"}");
        var afterReset = await fn.InvokeAsync("{\"op\":\"echo\"}");
        await fn.ShutdownAsync();

        List<LambdaLifecycleEvent> events;
        lock (seen)
        {
            events = history.Concat(seen).OrderBy(e => e.Sequence).ToList();
        }

        Assert.Equal(events.Count, events.Select(e => e.Sequence).Distinct().Count());
        var outline = events.Where(e => e.Kind is not (LambdaLifecycleKind.Log or LambdaLifecycleKind.Frozen or LambdaLifecycleKind.Thawed))
            .Select(e => $"{e.Kind}:{e.Detail}").ToList();
        Assert.Equal(
            new[]
            {
                "EnvironmentCreated:", "InitStart:init", "InitEnd:success",
                "InvokeStart:", "InvokeEnd:success",
                "InvokeStart:", "InvokeEnd:error",
                "InvokeStart:", "InvokeEnd:timeout", "Reset:timeout",
                "InvokeStart:", "InitStart:invoke", "InitEnd:success", "InvokeEnd:success",
                "Shutdown:spindown",
            },
            outline);
        var ends = events.Where(e => e.Kind == LambdaLifecycleKind.InvokeEnd).ToList();
        Assert.Equal(new[] { first.RequestId, second.RequestId, timedOut.RequestId, afterReset.RequestId }, ends.Select(e => e.RequestId));
        Assert.Equal(first.BilledDurationMs, ends[0].Report!.BilledDurationMs);
        Assert.Equal("InvalidOperationException", ends[1].Report!.ErrorType);
        Assert.NotNull(ends[0].Report!.InitDurationMs);
        Assert.Null(ends[1].Report!.InitDurationMs);
        Assert.Contains(events, e => e.Kind == LambdaLifecycleKind.Log && e.Detail!.EndsWith($"\t{first.RequestId}\tinfo\thandling echo", StringComparison.Ordinal));
        if (OperatingSystem.IsLinux())
        {
            // Frozen once the runtime waits in next after the first invoke (around its REPORT), thawed for the second one.
            var firstStart = events.FindIndex(e => e.Kind == LambdaLifecycleKind.InvokeStart && e.RequestId == first.RequestId);
            var secondStart = events.FindIndex(e => e.Kind == LambdaLifecycleKind.InvokeStart && e.RequestId == second.RequestId);
            var freeze = events.FindIndex(firstStart, e => e.Kind == LambdaLifecycleKind.Frozen);
            Assert.InRange(freeze, firstStart, secondStart);
            var thaw = events.FindIndex(freeze, e => e.Kind == LambdaLifecycleKind.Thawed);
            Assert.InRange(thaw, freeze, events.IndexOf(ends[1]));
        }
    }
}
