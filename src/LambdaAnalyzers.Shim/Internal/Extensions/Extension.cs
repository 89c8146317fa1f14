using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>The lifecycle events an extension can subscribe to (docs/platform/extensions-api.md, "Register").</summary>
[Flags]
internal enum ExtensionEvents
{
    None = 0,
    Invoke = 1,
    Shutdown = 2,
}

/// <summary>An extension's states (docs/platform/extensions-api.md, "States").</summary>
internal enum ExtensionState
{
    /// <summary>An external extension's process was started; it has not registered yet.</summary>
    Launched,

    /// <summary>Registered; its first <c>next</c> (the end of its Init) has not come yet.</summary>
    Registered,

    /// <summary>Waiting in <c>next</c>: done with the current phase.</summary>
    Ready,

    /// <summary>An event was delivered; the extension works until its next <c>next</c>.</summary>
    Running,

    /// <summary>It reported <c>init/error</c>.</summary>
    InitError,

    /// <summary>It reported <c>exit/error</c>.</summary>
    ExitError,

    /// <summary>Its process ended.</summary>
    Exited,
}

/// <summary>
/// One extension of one runtime generation: its identity, subscriptions, state and the events waiting for its
/// <c>next</c>. Guarded by the owning <see cref="ExtensionRegistry"/>'s lock.
/// </summary>
internal sealed class Extension
{
    public Extension(string name, bool external)
    {
        Name = name;
        External = external;
        State = external ? ExtensionState.Launched : ExtensionState.Registered;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public string Name { get; }

    /// <summary>A file of <c>/opt/extensions</c> started by the platform (else internal: registered from inside the runtime).</summary>
    public bool External { get; }

    public ExtensionEvents Events { get; set; }

    public ExtensionState State { get; set; }

    /// <summary>The error type it reported through <c>init/error</c> or <c>exit/error</c>.</summary>
    public string? ErrorType { get; set; }

    /// <summary>The process of an external extension the shim started.</summary>
    public ProcessRuntime? Process { get; set; }

    /// <summary>Completes once the registry has taken note of the process's end (<see cref="ExtensionRegistry.ProcessExited"/>).</summary>
    public TaskCompletionSource Gone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Its Telemetry API subscription, if any.</summary>
    public TelemetrySubscription? Telemetry { get; set; }

    /// <summary>Events delivered while it was not waiting in <c>next</c>.</summary>
    public Queue<byte[]> Pending { get; } = new();

    /// <summary>Its <c>next</c> call in progress, if any.</summary>
    public TaskCompletionSource<byte[]?>? Waiter { get; set; }

    /// <summary>Done with the phase: waiting in <c>next</c> with nothing queued.</summary>
    public bool IsIdle => State == ExtensionState.Ready && Pending.Count == 0;

    public bool IsSubscribed(ExtensionEvents kind) => (Events & kind) == kind;

    /// <summary>The event names it subscribed to, as the API spells them.</summary>
    public IReadOnlyList<string> EventNames
    {
        get
        {
            var names = new List<string>(2);
            if (IsSubscribed(ExtensionEvents.Invoke))
            {
                names.Add("INVOKE");
            }

            if (IsSubscribed(ExtensionEvents.Shutdown))
            {
                names.Add("SHUTDOWN");
            }

            return names;
        }
    }

    public static string StateName(ExtensionState state) => state switch
    {
        ExtensionState.Launched => "Launched",
        ExtensionState.Registered => "Registered",
        ExtensionState.Ready => "Ready",
        ExtensionState.Running => "Running",
        ExtensionState.InitError => "InitError",
        ExtensionState.ExitError => "ExitError",
        _ => "Exited",
    };
}
