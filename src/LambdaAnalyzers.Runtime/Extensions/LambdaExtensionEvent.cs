using System;
using System.Text.Json;

namespace LambdaAnalyzers.Runtime;

/// <summary>The lifecycle events an extension can ask for when it registers.</summary>
[Flags]
public enum LambdaExtensionEvents
{
    /// <summary>No events: the extension only takes part in Init (and, external, is killed at shutdown).</summary>
    None = 0,

    /// <summary>Every invoke of the function (its request id, deadline, ARN and trace; never the payload).</summary>
    Invoke = 1,

    /// <summary>The environment's shutdown, with its reason and deadline. External extensions only.</summary>
    Shutdown = 2,
}

/// <summary>The kind of a <see cref="LambdaExtensionEvent"/>.</summary>
public enum LambdaExtensionEventType
{
    /// <summary>The function is being invoked.</summary>
    Invoke,

    /// <summary>The execution environment is shutting down; finish and exit before <see cref="LambdaExtensionEvent.Deadline"/>.</summary>
    Shutdown,
}

/// <summary>An event from the Extensions API's <c>event/next</c>.</summary>
public sealed class LambdaExtensionEvent
{
    private LambdaExtensionEvent(LambdaExtensionEventType eventType, DateTimeOffset deadline, string? requestId, string? invokedFunctionArn, string? traceId, string? shutdownReason)
    {
        EventType = eventType;
        Deadline = deadline;
        RequestId = requestId;
        InvokedFunctionArn = invokedFunctionArn;
        TraceId = traceId;
        ShutdownReason = shutdownReason;
    }

    /// <summary>INVOKE or SHUTDOWN.</summary>
    public LambdaExtensionEventType EventType { get; }

    /// <summary>INVOKE: when the function times out. SHUTDOWN: when the extension is killed.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>INVOKE: the invoke's request id.</summary>
    public string? RequestId { get; }

    /// <summary>INVOKE: the ARN the caller used, with its qualifier.</summary>
    public string? InvokedFunctionArn { get; }

    /// <summary>INVOKE: the X-Ray trace header, when the invoke has one.</summary>
    public string? TraceId { get; }

    /// <summary>SHUTDOWN: <c>spindown</c>, <c>timeout</c> or <c>failure</c> (lower case, as the service sends it).</summary>
    public string? ShutdownReason { get; }

    internal static LambdaExtensionEvent Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var type = String(root, "eventType");
        var deadline = root.TryGetProperty("deadlineMs", out var ms) && ms.TryGetInt64(out var value)
            ? DateTimeOffset.FromUnixTimeMilliseconds(value)
            : DateTimeOffset.MaxValue;
        if (string.Equals(type, "SHUTDOWN", StringComparison.OrdinalIgnoreCase))
        {
            return new LambdaExtensionEvent(LambdaExtensionEventType.Shutdown, deadline, null, null, null, String(root, "shutdownReason")?.ToLowerInvariant());
        }

        if (!string.Equals(type, "INVOKE", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Unknown extension event type '{type}'.");
        }

        var trace = root.TryGetProperty("tracing", out var tracing) && tracing.ValueKind == JsonValueKind.Object ? String(tracing, "value") : null;
        return new LambdaExtensionEvent(LambdaExtensionEventType.Invoke, deadline, String(root, "requestId"), String(root, "invokedFunctionArn"), trace, null);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
