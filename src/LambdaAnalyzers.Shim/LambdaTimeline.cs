using System;

namespace LambdaAnalyzers.Shim;

/// <summary>A platform action recorded in an environment's timeline (<see cref="LambdaEnvironmentInfo.Timeline"/>).</summary>
public enum LambdaTimelineEvent
{
    /// <summary>A process was started: the runtime, or an external extension (<see cref="LambdaTimelineEntry.Party"/>).</summary>
    Launched,

    /// <summary>An extension registered (detail: <c>internal</c>/<c>external</c> and its events).</summary>
    Registered,

    /// <summary>The Init phase ended (detail: <c>success</c>, <c>error</c> or <c>timeout</c>).</summary>
    InitDone,

    /// <summary>An invoke was handed to the runtime or to an extension subscribed to INVOKE (detail: the request id).</summary>
    Invoke,

    /// <summary>SIGTERM was sent to the runtime's process group.</summary>
    Sigterm,

    /// <summary>A SHUTDOWN event was handed to an external extension (detail: the reason).</summary>
    Shutdown,

    /// <summary>SIGKILL was sent to a party's process group (detail: why).</summary>
    Sigkill,

    /// <summary>A process ended (detail: how, in Lambda's words).</summary>
    Exited,
}

/// <summary>
/// One platform action with the time it happened on the shim's <see cref="LambdaShimOptions.TimeProvider"/>, so tests
/// can check the order of the lifecycle and its budgets (e.g. SIGTERM to SIGKILL) on an injected clock.
/// </summary>
/// <param name="Time">When, on the shim's clock.</param>
/// <param name="Event">What happened.</param>
/// <param name="Party"><c>runtime</c>, or the extension's name.</param>
/// <param name="Detail">Details (a request id, a reason, an exit status), if any.</param>
public sealed record LambdaTimelineEntry(DateTimeOffset Time, LambdaTimelineEvent Event, string Party, string? Detail)
{
    /// <summary>The party that every timeline calls the runtime.</summary>
    public const string Runtime = "runtime";
}
