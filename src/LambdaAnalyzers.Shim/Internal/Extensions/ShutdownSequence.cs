using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The Shutdown phase of a generation with extensions (docs/platform/lifecycle.md, "Shutdown"): SIGTERM to the
/// runtime, which gets a share of the budget (500 ms with internal extensions only, otherwise 300 ms, or 500 ms
/// when internal extensions run beside external ones) before SIGKILL; then the SHUTDOWN event to every external
/// extension subscribed to it (the others are SIGKILLed at once) and SIGKILL to those still running when the
/// budget ends: 500 ms after the SIGTERM with internal extensions only, 2,000 ms with any external one.
/// Every step is recorded in the environment's timeline on the shim's clock.
/// </summary>
internal static class ShutdownSequence
{
    /// <summary>The whole Shutdown phase with internal extensions only.</summary>
    public static readonly TimeSpan InternalBudget = TimeSpan.FromMilliseconds(500);

    /// <summary>The whole Shutdown phase with at least one external extension.</summary>
    public static readonly TimeSpan ExternalBudget = TimeSpan.FromMilliseconds(2_000);

    /// <summary>The runtime's share when external extensions run and no internal one does.</summary>
    public static readonly TimeSpan RuntimeShare = TimeSpan.FromMilliseconds(300);

    /// <summary>The runtime's share when an internal extension runs in it.</summary>
    public static readonly TimeSpan RuntimeShareWithInternal = TimeSpan.FromMilliseconds(500);

    // Telemetry still buffered is delivered before extensions are told to stop, within this much real time.
    private static readonly TimeSpan TelemetryFlushLimit = TimeSpan.FromSeconds(1);

    /// <summary>Runs the graceful part of the shutdown; the caller then kills whatever is left.</summary>
    public static async Task RunAsync(IRuntimeInstance? runtime, ExtensionRegistry registry, string reason, TimeProvider clock, EnvironmentTimeline timeline)
    {
        registry.BeginShutdown();
        var extensions = registry.Snapshot;
        var external = extensions.Where(e => e.External).ToArray();
        var anyInternal = extensions.Any(e => !e.External);
        var budget = external.Length > 0 ? ExternalBudget : InternalBudget;
        var runtimeShare = external.Length == 0 ? InternalBudget : anyInternal ? RuntimeShareWithInternal : RuntimeShare;
        var deadline = clock.GetUtcNow() + budget;

        // Both limits are armed before anything is signalled or recorded, so they run from the same instant on
        // the shim's clock (an injected clock moved by a test fires them exactly at their budget).
        using var timers = new System.Threading.CancellationTokenSource();
        var runtimeShareEnds = Task.Delay(runtimeShare, clock, timers.Token);
        var budgetEnds = Task.Delay(budget, clock, timers.Token);
        try
        {
            // A frozen process cannot handle a signal or an event: everything is thawed first.
            foreach (var extension in external)
            {
                extension.Process?.Thaw();
            }

            if (runtime is ProcessRuntime { Exited.IsCompleted: false } process)
            {
                timeline.Add(LambdaTimelineEvent.Sigterm, LambdaTimelineEntry.Runtime, reason);
                process.Terminate();
                await Task.WhenAny(process.Exited, runtimeShareEnds).ConfigureAwait(false);
                if (process.Exited.IsCompleted)
                {
                    timeline.Add(LambdaTimelineEvent.Exited, LambdaTimelineEntry.Runtime, ExternalExtensions.Describe(process, process.Exited.Result));
                }
                else
                {
                    timeline.Add(LambdaTimelineEvent.Sigkill, LambdaTimelineEntry.Runtime, "its share of the shutdown budget ended");
                    await process.KillAsync().ConfigureAwait(false);
                }
            }

            await registry.Telemetry.FlushAsync(TelemetryFlushLimit).ConfigureAwait(false);

            var leaving = new List<Task>();
            foreach (var extension in external)
            {
                if (extension.State == ExtensionState.Exited)
                {
                    continue;
                }

                if (extension.IsSubscribed(ExtensionEvents.Shutdown) && extension.State is ExtensionState.Ready or ExtensionState.Running or ExtensionState.Registered)
                {
                    registry.DispatchShutdown(extension, reason, deadline);
                    timeline.Add(LambdaTimelineEvent.Shutdown, extension.Name, reason);
                    if (extension.Process is not null)
                    {
                        leaving.Add(extension.Gone.Task);
                    }
                }
                else if (extension.Process is { Exited.IsCompleted: false } unsubscribed)
                {
                    timeline.Add(LambdaTimelineEvent.Sigkill, extension.Name, "not subscribed to SHUTDOWN");
                    await unsubscribed.KillAsync().ConfigureAwait(false);
                }
            }

            if (leaving.Count > 0)
            {
                await Task.WhenAny(Task.WhenAll(leaving), budgetEnds).ConfigureAwait(false);
            }

            foreach (var extension in external)
            {
                if (extension.Process is { Exited.IsCompleted: false } late)
                {
                    timeline.Add(LambdaTimelineEvent.Sigkill, extension.Name, "the shutdown budget ended");
                    await late.KillAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            timers.Cancel();
        }
    }

    /// <summary>
    /// Kills and releases every external extension process of the generation (after the graceful part, or instead of
    /// it) and waits until the registry has noted each end, so the generation's timeline is complete when a reset returns.
    /// </summary>
    public static async Task KillExtensionsAsync(ExtensionRegistry registry, TimeProvider clock)
    {
        foreach (var extension in registry.Snapshot)
        {
            if (extension.Process is { } process)
            {
                await process.DisposeAsync().ConfigureAwait(false);
                await extension.Gone.Task.WithinAsync(TimeSpan.FromSeconds(5), clock).ConfigureAwait(false);
            }
        }
    }
}
