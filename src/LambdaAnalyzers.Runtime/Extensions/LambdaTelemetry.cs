using System;
using System.Text.Json;

namespace LambdaAnalyzers.Runtime;

/// <summary>The telemetry streams an extension can subscribe to.</summary>
[Flags]
public enum LambdaTelemetryTypes
{
    /// <summary>No stream.</summary>
    None = 0,

    /// <summary>Platform events (<c>platform.initStart</c>, <c>platform.report</c>, …).</summary>
    Platform = 1,

    /// <summary>The function's log lines (<c>function</c>).</summary>
    Function = 2,

    /// <summary>The extensions' log lines (<c>extension</c>), this one's included.</summary>
    Extension = 4,
}

/// <summary>
/// How the Telemetry API batches events for a subscription; null members keep Lambda's defaults. Lambda delivers a
/// batch when it holds <see cref="MaxItems"/> events (1,000–10,000) or <see cref="MaxBytes"/> (262,144–1,048,576),
/// or <see cref="TimeoutMs"/> (25–30,000) after its first event.
/// </summary>
public sealed class LambdaTelemetryBuffering
{
    /// <summary>Events per batch (1,000–10,000; default 10,000).</summary>
    public int? MaxItems { get; set; }

    /// <summary>Bytes per batch (262,144–1,048,576; default 262,144).</summary>
    public int? MaxBytes { get; set; }

    /// <summary>Milliseconds a batch may wait (25–30,000; default 1,000).</summary>
    public int? TimeoutMs { get; set; }
}

/// <summary>One Telemetry API event: when, what, and its record (a JSON object, or a string for log lines).</summary>
public sealed class LambdaTelemetryEvent
{
    internal LambdaTelemetryEvent(DateTimeOffset time, string type, JsonElement record)
    {
        Time = time;
        Type = type;
        Record = record;
    }

    /// <summary>When the platform produced the event.</summary>
    public DateTimeOffset Time { get; }

    /// <summary><c>platform.start</c>, <c>platform.report</c>, <c>function</c>, <c>extension</c>, ….</summary>
    public string Type { get; }

    /// <summary>The record: an object for platform events, the line (a string, or an object for JSON logs) for log events.</summary>
    public JsonElement Record { get; }
}
