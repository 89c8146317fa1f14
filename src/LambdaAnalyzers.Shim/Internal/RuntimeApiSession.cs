using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>The runtime's states (docs/platform/runtime-api.md, "States").</summary>
internal enum RuntimeState
{
    /// <summary>Process started, no <c>next</c> yet (Init phase).</summary>
    Started,

    /// <summary>Waiting in <c>next</c>.</summary>
    Ready,

    /// <summary>An event was delivered and is unanswered.</summary>
    Running,

    /// <summary>The answer (response or error) was accepted.</summary>
    ResponseSent,

    /// <summary><c>init/error</c> was reported.</summary>
    InitError,

    /// <summary>The environment was reset or shut down; this runtime is gone.</summary>
    Closed,
}

/// <summary>The outcome of a state check.</summary>
internal enum TransitionCheck
{
    Ok,
    InvalidRequestId,
    InvalidStateTransition,
}

/// <summary>
/// The Runtime API state machine of one runtime instance (one process lifetime), with the extensions of the same
/// generation (<see cref="Extensions"/>). A reset replaces the session, so calls of a killed runtime or extension
/// never touch the next one. Thread-safe.
/// </summary>
internal sealed class RuntimeApiSession
{
    public RuntimeApiSession(ExtensionRegistry? extensions = null) => Extensions = extensions ?? new ExtensionRegistry(ExtensionSettings.None);

    private readonly object _gate = new();
    private readonly Queue<PendingInvocation> _queue = new();
    private readonly List<TaskCompletionSource<PendingInvocation?>> _waiters = new();
    private readonly TaskCompletionSource _initDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<RuntimeOutcome> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _idleNow = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RuntimeState _state = RuntimeState.Started;
    private PendingInvocation? _current;

    /// <summary>The Extensions API state of this generation; its registration closes at the runtime's first <c>next</c>.</summary>
    public ExtensionRegistry Extensions { get; }

    /// <summary>Called under the session lock when the runtime waits in <c>next</c> with nothing queued (freeze point).</summary>
    public Action? OnIdle { get; set; }

    /// <summary>Called under the session lock when an invocation is queued (thaw point).</summary>
    public Action? OnDispatch { get; set; }

    public RuntimeState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Completes at the runtime's first <c>next</c>: the end of its Init.</summary>
    public Task InitDone => _initDone.Task;

    /// <summary>Completes when the runtime posts <c>init/error</c>.</summary>
    public Task<RuntimeOutcome> InitError => _initError.Task;

    /// <summary>Completes the next time the runtime is back in <c>next</c> after an answer (or at first <c>next</c>).</summary>
    public Task WhenIdle()
    {
        lock (_gate)
        {
            return _state is RuntimeState.Ready ? Task.CompletedTask : _idleNow.Task;
        }
    }

    public string StateName(RuntimeState state) => state switch
    {
        RuntimeState.Started => "Started",
        RuntimeState.Ready => "Ready",
        RuntimeState.Running => "Running",
        RuntimeState.ResponseSent => "ResponseSent",
        RuntimeState.InitError => "InitError",
        _ => "Closed",
    };

    /// <summary>Queues an invocation for the runtime's <c>next</c>.</summary>
    public void Enqueue(PendingInvocation invocation)
    {
        lock (_gate)
        {
            OnDispatch?.Invoke();
            if (_waiters.Count > 0)
            {
                var waiter = _waiters[0];
                _waiters.RemoveAt(0);
                StartRunning(invocation);
                waiter.TrySetResult(invocation);
                return;
            }

            _queue.Enqueue(invocation);
        }
    }

    /// <summary>
    /// <c>GET next</c>. Returns the invocation to render, null when the session closed, or throws
    /// <see cref="RuntimeApiRefusal"/> when the state forbids it.
    /// </summary>
    public async Task<PendingInvocation?> NextAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<PendingInvocation?> waiter;
        lock (_gate)
        {
            if (_waiters.Count > 0)
            {
                // One runtime per environment: a second next while one already waits (another client connected to the
                // same environment) is refused, rather than sharing the environment's invokes between the two.
                throw RuntimeApiRefusal.State(StateName(_state), "Ready");
            }

            switch (_state)
            {
                case RuntimeState.InitError:
                case RuntimeState.Closed:
                    throw RuntimeApiRefusal.State(StateName(_state), "Ready");
                case RuntimeState.Running:
                    // The current event is still unanswered: render it again (RIE behaviour; runtimes must not rely on it).
                    return _current;
                case RuntimeState.Started:
                    _state = RuntimeState.Ready;
                    Extensions.CloseRegistration();
                    _initDone.TrySetResult();
                    break;
                case RuntimeState.ResponseSent:
                    _state = RuntimeState.Ready;
                    break;
            }

            var idle = _idleNow;
            _idleNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle.TrySetResult();

            if (_queue.Count > 0)
            {
                var next = _queue.Dequeue();
                StartRunning(next);
                return next;
            }

            waiter = new TaskCompletionSource<PendingInvocation?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add(waiter);
            OnIdle?.Invoke();
        }

        using (cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (_waiters.Remove(waiter))
                {
                    waiter.TrySetCanceled();
                }
            }
        }))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Validates a <c>response</c>/<c>error</c> call for <paramref name="requestId"/> and, when valid, moves to ResponseSent.</summary>
    public TransitionCheck BeginAnswer(string requestId, out PendingInvocation? invocation, out string from)
    {
        lock (_gate)
        {
            invocation = _current;
            from = StateName(_state);
            if (_current is null || !string.Equals(_current.RequestId, requestId, StringComparison.Ordinal))
            {
                invocation = null;
                return TransitionCheck.InvalidRequestId;
            }

            if (_state != RuntimeState.Running)
            {
                return TransitionCheck.InvalidStateTransition;
            }

            _state = RuntimeState.ResponseSent;
            return TransitionCheck.Ok;
        }
    }

    /// <summary><c>init/error</c>: allowed only before the first <c>next</c>.</summary>
    public TransitionCheck BeginInitError(out string from)
    {
        lock (_gate)
        {
            from = StateName(_state);
            if (_state != RuntimeState.Started)
            {
                return TransitionCheck.InvalidStateTransition;
            }

            _state = RuntimeState.InitError;
            return TransitionCheck.Ok;
        }
    }

    public void ReportInitError(RuntimeOutcome error) => _initError.TrySetResult(error);

    /// <summary>Ends the session: waiting <c>next</c> calls return nothing, later calls are refused.</summary>
    public void Close()
    {
        List<TaskCompletionSource<PendingInvocation?>> waiters;
        lock (_gate)
        {
            _state = RuntimeState.Closed;
            _current = null;
            waiters = new List<TaskCompletionSource<PendingInvocation?>>(_waiters);
            _waiters.Clear();
            _queue.Clear();
            // Nobody waits for this runtime to come back to next any more.
            _idleNow.TrySetResult();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(null);
        }

        Extensions.Close();
    }

    private void StartRunning(PendingInvocation invocation)
    {
        _state = RuntimeState.Running;
        _current = invocation;
    }
}

/// <summary>A Runtime API call refused with a status and an error type.</summary>
internal sealed class RuntimeApiRefusal : Exception
{
    public RuntimeApiRefusal(int status, string errorType, string message)
        : base(message)
    {
        Status = status;
        ErrorType = errorType;
    }

    public int Status { get; }

    public string ErrorType { get; }

    public static RuntimeApiRefusal State(string from, string to) =>
        new(403, "InvalidStateTransition", $"State transition from {from} to {to} failed for runtime. Error: State transition is not allowed");
}
