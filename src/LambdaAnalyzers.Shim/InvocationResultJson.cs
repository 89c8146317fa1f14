using System;
using System.Text.Json;

namespace LambdaAnalyzers.Shim;

/// <summary>
/// An invoke's outcome as the properties of one JSON object, the same for every reader: the CLI's <c>--json</c>
/// lines and the dashboard's invoke answers (each adds what is its own around them).
/// </summary>
internal static class InvocationResultJson
{
    /// <summary>Writes the outcome's properties into the object <paramref name="writer"/> has open.</summary>
    public static void WriteProperties(Utf8JsonWriter writer, InvocationResult? result, string? serviceError)
    {
        if (result is null)
        {
            writer.WriteBoolean("success", false);
            writer.WriteString("serviceError", serviceError);
            return;
        }

        writer.WriteString("requestId", result.RequestId);
        writer.WriteBoolean("success", result.IsSuccess);
        writer.WriteNumber("environment", result.EnvironmentId);
        writer.WriteBoolean("coldStart", result.ColdStart);
        writer.WriteString("payload", result.PayloadText);
        if (result.Error is { } error)
        {
            writer.WriteString("errorType", error.ErrorType);
            writer.WriteString("errorMessage", error.ErrorMessage);
        }

        writer.WriteNumber("durationMs", Math.Round(result.Duration.TotalMilliseconds, 2));
        writer.WriteNumber("billedDurationMs", result.BilledDurationMs);
        if (result.InitDuration is { } init)
        {
            writer.WriteNumber("initDurationMs", Math.Round(init.TotalMilliseconds, 2));
        }

        if (result.MaxMemoryUsedMB is { } memory)
        {
            writer.WriteNumber("maxMemoryUsedMB", memory);
        }
    }
}
