using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>Why an extension failed the phase it was in, in Lambda's words (<c>Extension.Crash</c>, …).</summary>
internal sealed record ExtensionFailure(string ErrorType, string Message);

/// <summary>What every runtime generation of one function shares: its metadata and the external extensions' names.</summary>
internal sealed class ExtensionSettings
{
    public static readonly ExtensionSettings None = new() { FunctionName = "function", FunctionVersion = "$LATEST", Handler = string.Empty, AccountId = string.Empty };

    public required string FunctionName { get; init; }

    public required string FunctionVersion { get; init; }

    public required string Handler { get; init; }

    public required string AccountId { get; init; }

    /// <summary>File names in <c>/opt/extensions</c>: a registration under one of them is that external extension's.</summary>
    public IReadOnlyCollection<string> ExternalNames { get; init; } = Array.Empty<string>();

    /// <summary>Where platform actions (launch, SIGTERM, SHUTDOWN, SIGKILL, …) are recorded.</summary>
    public EnvironmentTimeline? Timeline { get; init; }

    /// <summary>The shim's clock (telemetry times and buffering timeouts).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>
/// The Extensions API state of one runtime generation (one Init up to the next reset): the registered extensions,
/// whether registration is open, the events each waits for, and whether the current phase is complete for all of
/// them. A reset ends the generation (<see cref="Close"/>), so a killed extension's late calls reach nothing.
/// The rules are in docs/platform/extensions-api.md. Thread-safe.
/// </summary>
internal sealed class ExtensionRegistry
{
    /// <summary>At most this many extensions, internal and external together.</summary>
    public const int MaxExtensions = 10;

    private readonly object _gate = new();
    private readonly List<Extension> _extensions = new();
    private readonly TaskCompletionSource<ExtensionFailure> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _externalsRegistered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _idleNow = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _registrationOpen = true;
    private bool _shuttingDown;
    private bool _closed;

    public ExtensionRegistry(ExtensionSettings settings)
    {
        Settings = settings;
        Telemetry = new TelemetryBus(settings.Clock);
        _externalsRegistered.TrySetResult();
    }

    public ExtensionSettings Settings { get; }

    /// <summary>This generation's Telemetry API subscriptions and the platform events they receive.</summary>
    public TelemetryBus Telemetry { get; }

    /// <summary>Called outside the lock each time every extension is idle (waiting in <c>next</c>): a freeze point.</summary>
    public Action? OnAllIdle { get; set; }

    /// <summary>Completes when an extension fails the generation (crash, <c>init/error</c>, <c>exit/error</c>, launch error).</summary>
    public Task<ExtensionFailure> Failed => _failed.Task;

    /// <summary>Completes once every launched external extension has registered.</summary>
    public Task ExternalsRegistered
    {
        get
        {
            lock (_gate)
            {
                return _externalsRegistered.Task;
            }
        }
    }

    public bool RegistrationOpen
    {
        get
        {
            lock (_gate)
            {
                return _registrationOpen;
            }
        }
    }

    /// <summary>Any extension launched or registered: shutdown then takes the graceful path.</summary>
    public bool HasAny => Count(_ => true) > 0;

    public bool HasExternal => Count(e => e.External) > 0;

    public bool HasInternal => Count(e => !e.External) > 0;

    /// <summary>A copy of the extensions, in registration order.</summary>
    public IReadOnlyList<Extension> Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _extensions.ToArray();
            }
        }
    }

    /// <summary>An external extension's process was started under <paramref name="name"/>; it must now register.</summary>
    public Extension AddLaunched(string name)
    {
        lock (_gate)
        {
            var extension = new Extension(name, external: true);
            _extensions.Add(extension);
            if (_externalsRegistered.Task.IsCompleted)
            {
                _externalsRegistered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return extension;
        }
    }

    /// <summary><c>POST /extension/register</c>. Throws <see cref="RuntimeApiRefusal"/> with the error the API answers.</summary>
    public Extension Register(string name, IReadOnlyList<string> events)
    {
        if (name.Length == 0)
        {
            throw new RuntimeApiRefusal(403, "Extension.InvalidExtensionName", "Empty extension name");
        }

        lock (_gate)
        {
            var external = _extensions.FirstOrDefault(e => e.External && e.Name == name)
                ?? (Settings.ExternalNames.Contains(name) ? new Extension(name, external: true) : null);
            var subscriptions = ParseEvents(events, external is not null);
            Extension extension;
            if (external is not null)
            {
                // An external extension (a file of /opt/extensions) registers under its file name, once.
                if (external.State != ExtensionState.Launched)
                {
                    throw Transition(external, "Registered");
                }

                if (!_extensions.Contains(external))
                {
                    // Not started by the shim (External mode: a test or debugger plays it).
                    CheckRoom();
                    _extensions.Add(external);
                }

                extension = external;
            }
            else
            {
                // Anything else registers from inside the runtime: an internal extension, until the runtime's first next.
                if (!_registrationOpen)
                {
                    throw new RuntimeApiRefusal(403, "Extension.RegistrationClosed", "Extension registration closed already");
                }

                if (_extensions.Any(e => e.Name == name))
                {
                    throw new RuntimeApiRefusal(403, "Extension.InvalidExtensionState", "Extension with this name already registered");
                }

                CheckRoom();
                extension = new Extension(name, external: false);
                _extensions.Add(extension);
            }

            extension.Events = subscriptions;
            extension.State = ExtensionState.Registered;
            if (_extensions.All(e => e.State != ExtensionState.Launched))
            {
                _externalsRegistered.TrySetResult();
            }

            Settings.Timeline?.Add(LambdaTimelineEvent.Registered, name, (extension.External ? "external" : "internal") + " " + string.Join(",", extension.EventNames));
            return extension;
        }
    }

    /// <summary>The runtime's first <c>next</c>: later internal registrations are refused.</summary>
    public void CloseRegistration()
    {
        lock (_gate)
        {
            _registrationOpen = false;
        }
    }

    /// <summary>
    /// <c>GET /extension/event/next</c>: the extension is done with its phase; returns the next event for it (null when
    /// the generation ends). Throws <see cref="RuntimeApiRefusal"/> when its state does not allow it.
    /// </summary>
    public async Task<byte[]?> NextAsync(Guid id, CancellationToken cancellationToken)
    {
        TaskCompletionSource<byte[]?> waiter;
        bool idle;
        Extension extension;
        lock (_gate)
        {
            extension = FindLocked(id);
            if (extension.State is ExtensionState.InitError or ExtensionState.ExitError)
            {
                // It gave up: a state error whether or not the generation has already ended because of it.
                throw Transition(extension, "Ready");
            }

            if (_closed)
            {
                return null;
            }

            switch (extension.State)
            {
                case ExtensionState.Registered:
                case ExtensionState.Running:
                    extension.State = ExtensionState.Ready;
                    break;
                case ExtensionState.Ready when extension.Waiter is null || extension.Waiter.Task.IsCompleted:
                    // Its previous next was abandoned (the connection closed): it waits again.
                    break;
                default:
                    throw Transition(extension, "Ready");
            }

            if (extension.Pending.Count > 0)
            {
                extension.State = ExtensionState.Running;
                return extension.Pending.Dequeue();
            }

            waiter = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
            extension.Waiter = waiter;
            idle = AllIdleLocked();
            if (idle)
            {
                var now = _idleNow;
                _idleNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                now.TrySetResult();
            }
        }

        if (idle)
        {
            OnAllIdle?.Invoke();
        }

        using (cancellationToken.Register(() => waiter.TrySetCanceled()))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    /// <summary><c>init/error</c> (<paramref name="init"/>) or <c>exit/error</c>: the extension gives up, and the phase fails with it.</summary>
    public void ReportError(Guid id, bool init, string errorType)
    {
        ExtensionFailure failure;
        lock (_gate)
        {
            var extension = FindLocked(id);
            var target = init ? ExtensionState.InitError : ExtensionState.ExitError;
            var allowed = extension.State == target
                || (init ? extension.State == ExtensionState.Registered
                         : extension.State is ExtensionState.Registered or ExtensionState.Ready or ExtensionState.Running);
            if (!allowed)
            {
                throw Transition(extension, Extension.StateName(target));
            }

            extension.State = target;
            extension.ErrorType = errorType;
            failure = new ExtensionFailure(init ? "Extension.InitError" : "Extension.ExitError", $"extension {extension.Name} reported {errorType}");
        }

        Fail(failure);
    }

    /// <summary>The extension with this identifier, or a refusal.</summary>
    public Extension Find(Guid id)
    {
        lock (_gate)
        {
            return FindLocked(id);
        }
    }

    /// <summary>An external extension's process ended: outside a shutdown, that fails the phase (<c>Extension.Crash</c>).</summary>
    public void ProcessExited(Extension extension, string description)
    {
        ExtensionFailure? failure = null;
        lock (_gate)
        {
            var before = extension.State;
            extension.State = ExtensionState.Exited;
            extension.Waiter?.TrySetResult(null);
            if (!_shuttingDown && !_closed)
            {
                var type = before switch
                {
                    ExtensionState.InitError => "Extension.InitError",
                    ExtensionState.ExitError => "Extension.ExitError",
                    _ => "Extension.Crash",
                };
                failure = new ExtensionFailure(type, description);
            }

            if (_extensions.All(e => e.State != ExtensionState.Launched))
            {
                _externalsRegistered.TrySetResult();
            }
        }

        if (failure is not null)
        {
            Fail(failure);
        }

        extension.Gone.TrySetResult();
    }

    /// <summary>The generation failed (first failure wins).</summary>
    public void Fail(ExtensionFailure failure) => _failed.TrySetResult(failure);

    /// <summary>Completes when every extension is idle (waiting in <c>next</c> with nothing queued), now or later.</summary>
    public Task WhenAllIdle()
    {
        lock (_gate)
        {
            return AllIdleLocked() ? Task.CompletedTask : _idleNow.Task;
        }
    }

    /// <summary>True when every extension is idle (also when there is none).</summary>
    public bool AllIdle
    {
        get
        {
            lock (_gate)
            {
                return AllIdleLocked();
            }
        }
    }

    /// <summary>Hands the INVOKE event to every extension subscribed to it.</summary>
    public void DispatchInvoke(PendingInvocation invocation)
    {
        var json = ExtensionEventJson.Invoke(invocation);
        lock (_gate)
        {
            foreach (var extension in _extensions)
            {
                if (extension.IsSubscribed(ExtensionEvents.Invoke) && extension.State is ExtensionState.Ready or ExtensionState.Registered or ExtensionState.Running)
                {
                    DeliverLocked(extension, json);
                    Settings.Timeline?.Add(LambdaTimelineEvent.Invoke, extension.Name, invocation.RequestId);
                }
            }
        }
    }

    /// <summary>Hands the SHUTDOWN event to <paramref name="extension"/>.</summary>
    public void DispatchShutdown(Extension extension, string reason, DateTimeOffset deadline)
    {
        var json = ExtensionEventJson.Shutdown(reason, deadline);
        lock (_gate)
        {
            if (extension.State is not ExtensionState.Exited)
            {
                DeliverLocked(extension, json);
            }
        }
    }

    /// <summary>The shutdown sequence began: process exits from now on are expected, not failures.</summary>
    public void BeginShutdown()
    {
        lock (_gate)
        {
            _shuttingDown = true;
        }
    }

    /// <summary>Ends the generation: waiting <c>next</c> calls return nothing, later calls are refused.</summary>
    public void Close()
    {
        List<TaskCompletionSource<byte[]?>> waiters = new();
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _registrationOpen = false;
            foreach (var extension in _extensions)
            {
                if (extension.Waiter is { } waiter)
                {
                    waiters.Add(waiter);
                }
            }

            _externalsRegistered.TrySetResult();
            _idleNow.TrySetResult();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(null);
        }

        Telemetry.Close();
    }

    private static ExtensionEvents ParseEvents(IReadOnlyList<string> events, bool external)
    {
        var result = ExtensionEvents.None;
        foreach (var name in events)
        {
            var kind = name switch
            {
                "INVOKE" => ExtensionEvents.Invoke,
                "SHUTDOWN" => ExtensionEvents.Shutdown,
                _ => throw new RuntimeApiRefusal(403, "Extension.InvalidEventType", $"{name}: unknown event type"),
            };
            if (kind == ExtensionEvents.Shutdown && !external)
            {
                // The runtime's own process cannot outlive it to handle its shutdown.
                throw new RuntimeApiRefusal(403, "Extension.InvalidEventType", $"{name}: internal extensions cannot subscribe to SHUTDOWN");
            }

            result |= kind;
        }

        return result;
    }

    private static RuntimeApiRefusal Transition(Extension extension, string to) =>
        new(403, "Extension.InvalidExtensionState",
            $"State transition from {Extension.StateName(extension.State)} to {to} failed for extension {extension.Name}. Error: State transition is not allowed");

    private void CheckRoom()
    {
        if (_extensions.Count >= MaxExtensions)
        {
            throw new RuntimeApiRefusal(403, "Extension.TooManyExtensions", $"Extension limit ({MaxExtensions}) reached");
        }
    }

    private Extension FindLocked(Guid id) =>
        _extensions.FirstOrDefault(e => e.Id == id && e.State != ExtensionState.Launched)
        ?? throw new RuntimeApiRefusal(403, "Extension.UnknownExtensionIdentifier", $"Unknown extension {id}");

    private bool AllIdleLocked() => !_closed && _extensions.All(e => e.IsIdle);

    private void DeliverLocked(Extension extension, byte[] json)
    {
        if (extension.State == ExtensionState.Ready && extension.Waiter is { } waiter && waiter.TrySetResult(json))
        {
            extension.Waiter = null;
            extension.State = ExtensionState.Running;
            return;
        }

        extension.Pending.Enqueue(json);
    }

    private int Count(Func<Extension, bool> predicate)
    {
        lock (_gate)
        {
            return _extensions.Count(predicate);
        }
    }
}
