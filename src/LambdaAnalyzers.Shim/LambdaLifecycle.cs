using System;
using System.Collections.Generic;
using System.Threading;

namespace LambdaAnalyzers.Shim;

/// <summary>What happened to an execution environment (<see cref="LambdaLifecycleEvent.Kind"/>).</summary>
public enum LambdaLifecycleKind
{
    /// <summary>The environment was created (its Runtime API listens).</summary>
    EnvironmentCreated,

    /// <summary>An Init phase began (<see cref="LambdaLifecycleEvent.Detail"/>: <c>init</c>, or <c>invoke</c> for a suppressed init or a re-init after a reset).</summary>
    InitStart,

    /// <summary>An Init phase ended (detail: <c>success</c>, <c>error</c> or <c>timeout</c>; <see cref="LambdaLifecycleEvent.DurationMs"/>).</summary>
    InitEnd,

    /// <summary>An invoke began (<c>START</c>).</summary>
    InvokeStart,

    /// <summary>An invoke ended (<c>REPORT</c>, with <see cref="LambdaLifecycleEvent.Report"/>).</summary>
    InvokeEnd,

    /// <summary>The environment was frozen between invokes (SIGSTOP).</summary>
    Frozen,

    /// <summary>The environment was thawed for an invoke (SIGCONT).</summary>
    Thawed,

    /// <summary>The environment was reset: its runtime killed (detail: the reason, e.g. <c>timeout</c>).</summary>
    Reset,

    /// <summary>The environment was shut down (detail: the reason).</summary>
    Shutdown,

    /// <summary>A line of the environment's log (detail: the line).</summary>
    Log,
}

/// <summary>The figures of an invoke's <c>REPORT</c> line.</summary>
/// <param name="DurationMs">Invoke duration.</param>
/// <param name="BilledDurationMs">Billed duration.</param>
/// <param name="MemorySizeMB">Configured memory.</param>
/// <param name="MaxMemoryUsedMB">Peak memory of the runtime's process group (out-of-process only).</param>
/// <param name="InitDurationMs">Init duration, on a cold start.</param>
/// <param name="Status"><c>success</c>, <c>error</c> or <c>timeout</c>.</param>
/// <param name="ErrorType">The error type of a failed invoke.</param>
public sealed record LambdaInvokeReport(
    double DurationMs, long BilledDurationMs, int MemorySizeMB, int? MaxMemoryUsedMB, double? InitDurationMs, string Status, string? ErrorType);

/// <summary>One lifecycle event of one environment, on the shim's clock.</summary>
/// <param name="Sequence">The event's place in the shim's feed (1, 2, …).</param>
/// <param name="Time">When it happened.</param>
/// <param name="EnvironmentId">Which environment.</param>
/// <param name="Kind">What happened.</param>
public sealed record LambdaLifecycleEvent(long Sequence, DateTimeOffset Time, int EnvironmentId, LambdaLifecycleKind Kind)
{
    /// <summary>The invoke this event belongs to, when it belongs to one.</summary>
    public string? RequestId { get; init; }

    /// <summary>Status, reason, phase or log line, by kind.</summary>
    public string? Detail { get; init; }

    /// <summary>How long an Init took (<see cref="LambdaLifecycleKind.InitEnd"/>).</summary>
    public double? DurationMs { get; init; }

    /// <summary>The invoke's report (<see cref="LambdaLifecycleKind.InvokeEnd"/>).</summary>
    public LambdaInvokeReport? Report { get; init; }
}

/// <summary>
/// Every lifecycle event of a shim's environments as it happens (<see cref="LambdaShim.Lifecycle"/>): what the dashboard
/// draws and <c>lambda-shim run --timeline</c> renders. Keeps the latest 20,000 events.
/// </summary>
public sealed class LambdaLifecycleFeed
{
    private const int Capacity = 20_000;
    private readonly List<LambdaLifecycleEvent> _events = new();
    private readonly List<Action<LambdaLifecycleEvent>> _observers = new();
    private long _sequence;

    /// <summary>The events kept so far, oldest first.</summary>
    public IReadOnlyList<LambdaLifecycleEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToArray();
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="observer"/> for every later event and hands back the events before it, with no gap and no
    /// repeat between the two. The observer runs on the shim's thread: keep it short. Dispose the result to stop.
    /// </summary>
    public IDisposable Subscribe(Action<LambdaLifecycleEvent> observer, out IReadOnlyList<LambdaLifecycleEvent> history)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_events)
        {
            history = _events.ToArray();
            _observers.Add(observer);
        }

        return new Subscription(this, observer);
    }

    internal void Publish(DateTimeOffset time, int environmentId, LambdaLifecycleKind kind, string? requestId = null, string? detail = null, double? durationMs = null, LambdaInvokeReport? report = null)
    {
        Action<LambdaLifecycleEvent>[] observers;
        LambdaLifecycleEvent item;
        lock (_events)
        {
            item = new LambdaLifecycleEvent(Interlocked.Increment(ref _sequence), time, environmentId, kind)
            {
                RequestId = requestId,
                Detail = detail,
                DurationMs = durationMs,
                Report = report,
            };
            _events.Add(item);
            if (_events.Count > Capacity)
            {
                _events.RemoveRange(0, Capacity / 10);
            }

            observers = _observers.ToArray();
        }

        foreach (var observer in observers)
        {
            observer(item);
        }
    }

    private sealed class Subscription : IDisposable
    {
        private readonly LambdaLifecycleFeed _feed;
        private readonly Action<LambdaLifecycleEvent> _observer;

        public Subscription(LambdaLifecycleFeed feed, Action<LambdaLifecycleEvent> observer)
        {
            _feed = feed;
            _observer = observer;
        }

        public void Dispose()
        {
            lock (_feed._events)
            {
                _feed._observers.Remove(_observer);
            }
        }
    }
}
