using System;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The Invoke phase on a ready runtime: the event goes to the runtime's <c>next</c> and to the extensions subscribed
/// to INVOKE, and the invoke ends with the runtime's answer, its exit, an extension's failure, or the deadline. A
/// platform error (timeout, exit, extension crash) resets the environment (in-process: behind the answer, see
/// <see cref="WaitForResetAsync"/>). After an answer the phase lasts until the
/// runtime and every extension are back in <c>next</c>; the environment takes no other event before that
/// (<see cref="SettleAsync"/>).
/// </summary>
internal sealed class InvokePhase
{
    /// <summary>How long the caller's answer waits for the runtime to be back in <c>next</c>.</summary>
    private static readonly TimeSpan SettleGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>How long the output of a runtime that exited mid-invoke may take to reach the log.</summary>
    internal static readonly TimeSpan ExitDrainGrace = TimeSpan.FromMilliseconds(200);

    private readonly EnvironmentSettings _settings;
    private readonly RuntimeSlot _slot;
    private readonly ResourceMonitor _monitor;
    private readonly LifecycleTrace _trace;
    private readonly LogBuffer _log;
    private (RuntimeApiSession Session, DateTimeOffset Deadline)? _settling;

    /// <summary>A reset still running behind an answered invoke (in-process runtimes); the next event waits for it.</summary>
    private Task _resetBehind = Task.CompletedTask;

    public InvokePhase(EnvironmentSettings settings, RuntimeSlot slot, ResourceMonitor monitor, LifecycleTrace trace, LogBuffer log)
    {
        _settings = settings;
        _slot = slot;
        _monitor = monitor;
        _trace = trace;
        _log = log;
    }

    private TimeProvider Clock => _settings.Clock;

    /// <summary>
    /// Runs <paramref name="invocation"/> on the slot's ready runtime (and hands it to the extensions subscribed to
    /// INVOKE) to exactly one outcome. <paramref name="report"/> makes the invoke's report; on a platform error it is
    /// called before the reset, so the generation's telemetry subscribers still receive it.
    /// </summary>
    public async Task<RuntimeOutcome> RunAsync(PendingInvocation invocation, Action<RuntimeOutcome> report)
    {
        var runtime = _slot.Runtime!;
        var session = _slot.Session;
        var extensions = session.Extensions;
        using (var timer = new CancellationTokenSource())
        {
            var remaining = invocation.Deadline - Clock.GetUtcNow();
            var timeout = remaining > TimeSpan.Zero ? Task.Delay(remaining, Clock, timer.Token) : Task.CompletedTask;
            invocation.Dispatched = Clock.GetUtcNow();
            extensions.DispatchInvoke(invocation);
            session.Enqueue(invocation);
            await Task.WhenAny(invocation.Outcome, runtime.Exited, extensions.Failed, timeout).ConfigureAwait(false);
            timer.Cancel();
        }

        if (!invocation.Outcome.IsCompleted)
        {
            if (runtime.Exited.IsCompleted)
            {
                if (runtime is ProcessRuntime exited)
                {
                    await exited.DrainAsync(ExitDrainGrace).ConfigureAwait(false);
                }

                invocation.TryComplete(PlatformOutcomes.Exited(invocation.RequestId, runtime, _monitor.Kill));
            }
            else if (extensions.Failed.IsCompleted)
            {
                invocation.TryComplete(PlatformOutcomes.ExtensionFailed(invocation.RequestId, extensions.Failed.Result));
            }
            else
            {
                invocation.TryComplete(PlatformOutcomes.TimedOut(invocation.RequestId, _settings.Function.Timeout));
            }
        }

        var outcome = await invocation.Outcome.ConfigureAwait(false);
        var answered = Clock.GetUtcNow();
        if (outcome.PlatformReason is { } reason)
        {
            if (reason == "timeout")
            {
                _log.Write($"{Clock.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {invocation.RequestId} Task timed out after {PlatformOutcomes.Seconds(_settings.Function.Timeout)} seconds");
            }

            PlatformEvents.RuntimeDone(extensions.Telemetry, invocation, outcome, new InvokeTimes(invocation.Dispatched!.Value, invocation.ResponseStarted, answered, null));
            report(outcome);
            _trace.Reset(reason);
            var reset = _slot.ResetAsync(reason);
            if (_settings.Function.Mode == ShimExecutionMode.InProcess)
            {
                // A thread cannot be killed: the reset waits for the runtime's thread to leave the handler (up to its
                // grace period). Lambda answers at the deadline and resets behind the answer; so does the shim, and the
                // environment takes its next event only when the reset is done (WaitForResetAsync).
                _resetBehind = reset;
                return outcome;
            }

            await reset.ConfigureAwait(false);
            return outcome;
        }

        // The invoke phase ends when the runtime and every extension are back in next: wait a little for that, so the
        // REPORT line follows the invoke's last output. A runtime still busy after that keeps the phase open: the
        // environment takes no other invoke before it returns (SettleAsync).
        _settling = (session, invocation.Deadline);
        var idle = session.WhenIdle();
        await Task.WhenAny(idle, runtime.Exited).WithinAsync(SettleGrace, Clock).ConfigureAwait(false);
        DateTimeOffset? runtimeDone = idle.IsCompleted && !runtime.Exited.IsCompleted ? Clock.GetUtcNow() : null;
        PlatformEvents.RuntimeDone(extensions.Telemetry, invocation, outcome, new InvokeTimes(invocation.Dispatched!.Value, invocation.ResponseStarted, answered, runtimeDone));
        await Task.WhenAny(extensions.WhenAllIdle(), extensions.Failed, runtime.Exited).WithinAsync(SettleGrace, Clock).ConfigureAwait(false);
        if (idle.IsCompleted && runtime is ProcessRuntime process)
        {
            // Everything it wrote before asking for more is in the pipes: let the log catch up with it.
            await process.OutputCaughtUpAsync().ConfigureAwait(false);
        }

        if (extensions.Failed.IsCompleted)
        {
            // An extension crashed after the runtime answered: the caller keeps the answer, the environment is reset.
            report(outcome);
            ResetForExtension(extensions.Failed.Result);
            await _slot.ResetAsync("failure").ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>
    /// The previous invoke's phase ends only when its runtime is back in <c>next</c>: an environment whose
    /// runtime answered but has not asked for more takes no new event. Waits for that (or for the runtime's
    /// exit, which the caller then handles as a reset); a runtime still away at that invoke's deadline is
    /// reset, as Lambda does when the invoke phase outlives the timeout.
    /// </summary>
    public async Task SettleAsync()
    {
        await WaitForResetAsync().ConfigureAwait(false);
        if (_settling is not { } previous)
        {
            return;
        }

        _settling = null;
        if (!_slot.Ready || _slot.Runtime is not { } runtime || !ReferenceEquals(previous.Session, _slot.Session))
        {
            return;
        }

        var extensions = previous.Session.Extensions;
        var idle = Task.WhenAll(previous.Session.WhenIdle(), extensions.WhenAllIdle());
        if ((idle.IsCompleted && !extensions.Failed.IsCompleted) || runtime.Exited.IsCompleted)
        {
            return;
        }

        using var timer = new CancellationTokenSource();
        var remaining = previous.Deadline - Clock.GetUtcNow();
        var deadline = remaining > TimeSpan.Zero ? Task.Delay(remaining, Clock, timer.Token) : Task.CompletedTask;
        await Task.WhenAny(idle, runtime.Exited, extensions.Failed, deadline).ConfigureAwait(false);
        timer.Cancel();
        if (extensions.Failed.IsCompleted)
        {
            ResetForExtension(extensions.Failed.Result);
            await _slot.ResetAsync("failure").ConfigureAwait(false);
        }
        else if (!idle.IsCompleted && !runtime.Exited.IsCompleted)
        {
            _trace.Reset("timeout (the runtime or an extension did not return to next before the deadline of the last invoke)");
            await _slot.ResetAsync("timeout").ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a reset still running behind the last answered invoke, if any.</summary>
    public Task WaitForResetAsync() => _resetBehind;

    private void ResetForExtension(ExtensionFailure failure) => _trace.Reset($"failure ({failure.ErrorType}: {failure.Message})");
}
