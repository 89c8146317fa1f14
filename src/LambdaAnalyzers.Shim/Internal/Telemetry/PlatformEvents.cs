using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The Telemetry API's <c>platform.*</c> events with their documented fields (docs/platform/telemetry-api.md,
/// "Events"), one method per event, published to the current generation's <see cref="TelemetryBus"/>.
/// </summary>
internal static partial class PlatformEvents
{
    /// <summary>How the environment was initialised (the shim only does on-demand).</summary>
    public const string InitializationType = "on-demand";

    public static void InitStart(TelemetryBus bus, FunctionSpec function, string phase) => bus.Platform("platform.initStart", writer =>
    {
        writer.WriteString("initializationType", InitializationType);
        writer.WriteString("phase", phase);
        writer.WriteString("runtimeVersion", RuntimeVersion);
        writer.WriteString("runtimeVersionArn", $"arn:aws:lambda:{function.Region}::runtime:lambda-shim");
        writer.WriteString("functionName", function.Name);
        writer.WriteString("functionVersion", function.Version);
    });

    /// <param name="bus">The generation's bus.</param>
    /// <param name="phase"><c>init</c>, or <c>invoke</c> for a suppressed init.</param>
    /// <param name="status"><c>success</c>, <c>error</c>, <c>failure</c> or <c>timeout</c>.</param>
    /// <param name="errorType">The error type when it did not succeed.</param>
    public static void InitRuntimeDone(TelemetryBus bus, string phase, string status, string? errorType) => bus.Platform("platform.initRuntimeDone", writer =>
    {
        writer.WriteString("initializationType", InitializationType);
        writer.WriteString("phase", phase);
        writer.WriteString("status", status);
        if (errorType is not null)
        {
            writer.WriteString("errorType", errorType);
        }
    });

    /// <summary>One <c>platform.extension</c> per extension at the end of Init: its name, state and events.</summary>
    public static void Extensions(TelemetryBus bus, IReadOnlyList<Extension> extensions)
    {
        foreach (var extension in extensions)
        {
            bus.Platform("platform.extension", writer =>
            {
                writer.WriteString("name", extension.Name);
                writer.WriteString("state", extension.State is ExtensionState.Ready or ExtensionState.Running ? "Ready" : Extension.StateName(extension.State));
                writer.WriteStartArray("events");
                foreach (var name in extension.EventNames)
                {
                    writer.WriteStringValue(name);
                }

                writer.WriteEndArray();
                if (extension.ErrorType is { } errorType)
                {
                    writer.WriteString("errorType", errorType);
                }
            });
        }
    }

    public static void InitReport(TelemetryBus bus, string phase, TimeSpan duration, string status, string? errorType) => bus.Platform("platform.initReport", writer =>
    {
        writer.WriteString("initializationType", InitializationType);
        writer.WriteString("phase", phase);
        writer.WriteString("status", status);
        if (errorType is not null)
        {
            writer.WriteString("errorType", errorType);
        }

        writer.WriteStartObject("metrics");
        writer.WriteNumber("durationMs", Milliseconds(duration));
        writer.WriteEndObject();
    });

    public static void Start(TelemetryBus bus, PendingInvocation invocation, string version) => bus.Platform("platform.start", writer =>
    {
        writer.WriteString("requestId", invocation.RequestId);
        writer.WriteString("version", version);
        Tracing(writer, invocation);
        if (!string.IsNullOrEmpty(invocation.TenantId))
        {
            writer.WriteString("tenantId", invocation.TenantId);
        }
    });

    /// <summary>The runtime finished the invoke: its status, duration, bytes produced and the response spans.</summary>
    public static void RuntimeDone(TelemetryBus bus, PendingInvocation invocation, RuntimeOutcome outcome, InvokeTimes times) => bus.Platform("platform.runtimeDone", writer =>
    {
        writer.WriteString("requestId", invocation.RequestId);
        writer.WriteString("status", Status(outcome));
        if (ErrorType(outcome) is { } errorType)
        {
            writer.WriteString("errorType", errorType);
        }

        writer.WriteStartObject("metrics");
        writer.WriteNumber("durationMs", Milliseconds((times.RuntimeDone ?? times.Answered) - times.Dispatched));
        writer.WriteNumber("producedBytes", outcome.PlatformReason is null ? outcome.Body.Length : 0);
        writer.WriteEndObject();
        if (outcome.PlatformReason is null)
        {
            var responseStart = times.ResponseStarted ?? times.Answered;
            writer.WriteStartArray("spans");
            Span(writer, "responseLatency", times.Dispatched, responseStart - times.Dispatched);
            Span(writer, "responseDuration", responseStart, times.Answered - responseStart);
            if (times.RuntimeDone is { } done)
            {
                Span(writer, "runtimeOverhead", times.Answered, done - times.Answered);
            }

            writer.WriteEndArray();
        }

        Tracing(writer, invocation);
    });

    public static void Report(TelemetryBus bus, PendingInvocation invocation, RuntimeOutcome outcome, InvokeReport report) => bus.Platform("platform.report", writer =>
    {
        writer.WriteString("requestId", invocation.RequestId);
        writer.WriteString("status", Status(outcome));
        if (ErrorType(outcome) is { } errorType)
        {
            writer.WriteString("errorType", errorType);
        }

        writer.WriteStartObject("metrics");
        writer.WriteNumber("durationMs", Milliseconds(report.Duration));
        writer.WriteNumber("billedDurationMs", report.BilledDurationMs);
        writer.WriteNumber("memorySizeMB", report.MemorySizeMB);
        writer.WriteNumber("maxMemoryUsedMB", report.MaxMemoryUsedMB ?? 0);
        if (report.InitDuration is { } init)
        {
            writer.WriteNumber("initDurationMs", Milliseconds(init));
        }

        writer.WriteEndObject();
        Tracing(writer, invocation);
    });

    /// <summary><c>success</c>, <c>error</c> (the function's), <c>failure</c> (a <c>Sandbox.*</c> or platform fault) or <c>timeout</c>.</summary>
    public static string Status(RuntimeOutcome outcome) =>
        !outcome.IsError ? "success"
        : outcome.PlatformReason == "timeout" ? "timeout"
        : outcome.ErrorType is { } type && type.StartsWith("Sandbox.", StringComparison.Ordinal) ? "failure"
        : "error";

    /// <summary>
    /// The error type telemetry reports. A runtime's <c>Lambda-Runtime-Function-Error-Type</c> is kept only in the
    /// <c>Runtime.X</c>/<c>Function.X</c> form; anything else becomes <c>Function.Unknown</c> or <c>Runtime.Unknown</c>.
    /// </summary>
    public static string? ErrorType(RuntimeOutcome outcome)
    {
        if (!outcome.IsError || outcome.PlatformReason == "timeout")
        {
            return null;
        }

        var type = outcome.ErrorType ?? string.Empty;
        if (outcome.PlatformReason is not null || PlatformErrorType().IsMatch(type))
        {
            return type.Length > 0 ? type : "Runtime.Unknown";
        }

        return type.StartsWith("Function.", StringComparison.Ordinal) ? "Function.Unknown" : "Runtime.Unknown";
    }

    private static string RuntimeVersion => $"lambda-shim:{typeof(PlatformEvents).Assembly.GetName().Version}";

    private static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 3);

    private static void Span(Utf8JsonWriter writer, string name, DateTimeOffset start, TimeSpan duration)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("start", TelemetryBus.Time(start));
        writer.WriteNumber("durationMs", Milliseconds(duration < TimeSpan.Zero ? TimeSpan.Zero : duration));
        writer.WriteEndObject();
    }

    private static void Tracing(Utf8JsonWriter writer, PendingInvocation invocation)
    {
        if (string.IsNullOrEmpty(invocation.TraceId))
        {
            return;
        }

        writer.WriteStartObject("tracing");
        writer.WriteString("type", "X-Amzn-Trace-Id");
        writer.WriteString("value", invocation.TraceId);
        writer.WriteEndObject();
    }

    [GeneratedRegex(@"^(Runtime|Function)\.[A-Z][a-zA-Z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PlatformErrorType();
}

/// <summary>When the steps of one invoke happened, on the shim's clock (for <c>platform.runtimeDone</c>).</summary>
/// <param name="Dispatched">The event was handed to the runtime.</param>
/// <param name="ResponseStarted">The runtime began posting its answer, if it did.</param>
/// <param name="Answered">The invoke got its outcome.</param>
/// <param name="RuntimeDone">The runtime was back in <c>next</c>, if it came back.</param>
internal sealed record InvokeTimes(DateTimeOffset Dispatched, DateTimeOffset? ResponseStarted, DateTimeOffset Answered, DateTimeOffset? RuntimeDone);
