using System;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// An environment's current runtime and the Runtime API session it talks to (with the extensions of the same
/// generation). A reset shuts them down (gracefully when extensions are registered, see <see cref="ShutdownSequence"/>)
/// and closes the session, so a killed runtime's or extension's late calls reach nothing.
/// </summary>
internal sealed class RuntimeSlot
{
    private readonly ShimExecutionMode _mode;
    private readonly Func<RuntimeApiSession> _newSession;
    private readonly TimeProvider _clock;
    private readonly EnvironmentTimeline _timeline;
    private volatile RuntimeApiSession _session;

    // The runtime a reset is shutting down (no longer Runtime), until the reset has killed it.
    private volatile IRuntimeInstance? _ending;

    // The current session has served no runtime start yet: the next start uses it, so a runtime that
    // connected before the shim "started" it (External mode: started by hand, it may call next before
    // the first invoke, or between a reset and the next invoke) is the one that runtime start waits for.
    private bool _sessionFresh = true;

    public RuntimeSlot(ShimExecutionMode mode, Func<RuntimeApiSession>? newSession = null, TimeProvider? clock = null, EnvironmentTimeline? timeline = null)
    {
        _mode = mode;
        _newSession = newSession ?? (() => new RuntimeApiSession());
        _clock = clock ?? TimeProvider.System;
        _timeline = timeline ?? new EnvironmentTimeline(_clock);
        _session = _newSession();
    }

    /// <summary>The session the Runtime API serves now.</summary>
    public RuntimeApiSession Session => _session;

    public IRuntimeInstance? Runtime { get; private set; }

    /// <summary>The runtime finished its Init (called <c>next</c>) and has not been reset since.</summary>
    public bool Ready { get; set; }

    /// <summary>The current out-of-process runtime while it runs.</summary>
    public ProcessRuntime? LiveProcess => Runtime is ProcessRuntime { Exited.IsCompleted: false } process ? process : null;

    /// <summary>The session a runtime about to start talks to.</summary>
    public RuntimeApiSession OpenSession()
    {
        var session = _sessionFresh ? _session : _newSession();
        _sessionFresh = false;
        _session = session;
        return session;
    }

    public void Attach(IRuntimeInstance runtime) => Runtime = runtime;

    /// <summary>
    /// Shuts the generation down and closes its session: without extensions the runtime is SIGKILLed at once; with
    /// extensions it gets SIGTERM and the external extensions a SHUTDOWN event with <paramref name="reason"/>
    /// (<c>spindown</c>, <c>timeout</c> or <c>failure</c>) before the budget ends and SIGKILL takes the rest.
    /// </summary>
    public async Task ResetAsync(string reason)
    {
        Ready = false;
        var runtime = Runtime;
        _ending = runtime;
        Runtime = null;
        var session = _session;
        if (session.Extensions.HasAny)
        {
            await ShutdownSequence.RunAsync(runtime, session.Extensions, reason, _clock, _timeline).ConfigureAwait(false);
        }

        session.Close();
        if (runtime is not null)
        {
            await runtime.KillAsync().ConfigureAwait(false);
            await runtime.DisposeAsync().ConfigureAwait(false);
        }

        await ShutdownSequence.KillExtensionsAsync(session.Extensions, _clock).ConfigureAwait(false);
        _ending = null;

        if (_mode == ShimExecutionMode.External)
        {
            // A runtime started by hand is restarted by hand, maybe before the next invoke: it gets the session
            // that invoke's runtime start will wait on. (Shim-started runtimes get theirs at start: a killed
            // process, or an in-process loop still winding down, must never reach the next one.)
            _session = _newSession();
            _sessionFresh = true;
        }
    }

    /// <summary>
    /// Kills the runtime (also one a reset is still shutting down) and the session's external extensions at once, without
    /// the shutdown sequence: for disposal when that sequence cannot end (its deadlines are on a clock that stands still).
    /// </summary>
    public async Task KillNowAsync()
    {
        if ((Runtime ?? _ending) is { } runtime)
        {
            await runtime.KillAsync().ConfigureAwait(false);
        }

        await ShutdownSequence.KillExtensionsAsync(_session.Extensions, _clock).ConfigureAwait(false);
    }
}
