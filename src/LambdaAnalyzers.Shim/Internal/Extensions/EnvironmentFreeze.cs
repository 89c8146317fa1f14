namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// Freezes an environment only when the runtime <b>and</b> every extension wait in their <c>next</c> with nothing
/// to do (docs/platform/lifecycle.md, "Between invokes"): an internal extension still working inside the runtime's
/// process, or an external one finishing after the response, keeps the environment running. Thaws everything when
/// an invoke is dispatched. Called from the Runtime API session and the extension registry outside their locks'
/// reach of each other (session lock → this lock → registry lock; never the other way).
/// </summary>
internal sealed class EnvironmentFreeze
{
    private readonly object _gate = new();
    private readonly IRuntimeInstance _runtime;
    private readonly ExtensionRegistry _extensions;
    private bool _runtimeIdle;
    private bool _frozen;

    public EnvironmentFreeze(IRuntimeInstance runtime, ExtensionRegistry extensions)
    {
        _runtime = runtime;
        _extensions = extensions;
    }

    /// <summary>The runtime waits in <c>next</c> with nothing queued.</summary>
    public void RuntimeIdle()
    {
        lock (_gate)
        {
            _runtimeIdle = true;
            TryFreezeLocked();
        }
    }

    /// <summary>Every extension waits in <c>next</c> with nothing queued.</summary>
    public void ExtensionsIdle()
    {
        lock (_gate)
        {
            TryFreezeLocked();
        }
    }

    /// <summary>An invoke is on its way: everything runs again.</summary>
    public void Dispatch()
    {
        lock (_gate)
        {
            _runtimeIdle = false;
            if (!_frozen)
            {
                return;
            }

            _frozen = false;
            _runtime.Thaw();
            foreach (var extension in _extensions.Snapshot)
            {
                extension.Process?.Thaw();
            }
        }
    }

    private void TryFreezeLocked()
    {
        if (_frozen || !_runtimeIdle || !_extensions.AllIdle)
        {
            return;
        }

        _frozen = true;
        _runtime.Freeze();
        foreach (var extension in _extensions.Snapshot)
        {
            extension.Process?.Freeze();
        }
    }
}
