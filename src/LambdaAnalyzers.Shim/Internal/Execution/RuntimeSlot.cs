using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// An environment's current runtime and the Runtime API session it talks to. A reset kills the runtime and
/// closes its session, so a killed runtime's late calls reach nothing.
/// </summary>
internal sealed class RuntimeSlot
{
    private readonly ShimExecutionMode _mode;
    private volatile RuntimeApiSession _session = new();

    // The current session has served no runtime start yet: the next start uses it, so a runtime that
    // connected before the shim "started" it (External mode: started by hand, it may call next before
    // the first invoke, or between a reset and the next invoke) is the one that runtime start waits for.
    private bool _sessionFresh = true;

    public RuntimeSlot(ShimExecutionMode mode) => _mode = mode;

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
        var session = _sessionFresh ? _session : new RuntimeApiSession();
        _sessionFresh = false;
        _session = session;
        return session;
    }

    public void Attach(IRuntimeInstance runtime) => Runtime = runtime;

    /// <summary>Kills the runtime (SIGKILL to its group) and closes its session.</summary>
    public async Task ResetAsync()
    {
        Ready = false;
        var runtime = Runtime;
        Runtime = null;
        _session.Close();
        if (runtime is not null)
        {
            await runtime.KillAsync().ConfigureAwait(false);
            await runtime.DisposeAsync().ConfigureAwait(false);
        }

        if (_mode == ShimExecutionMode.External)
        {
            // A runtime started by hand is restarted by hand, maybe before the next invoke: it gets the session
            // that invoke's runtime start will wait on. (Shim-started runtimes get theirs at start: a killed
            // process, or an in-process loop still winding down, must never reach the next one.)
            _session = new RuntimeApiSession();
            _sessionFresh = true;
        }
    }
}
