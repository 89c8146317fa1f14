using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// Function log lines as Lambda's log configuration asks for them. With <c>AWS_LAMBDA_LOG_FORMAT=JSON</c>
/// (or the .NET override <c>AWS_LAMBDA_HANDLER_LOG_FORMAT</c>) every line becomes one JSON object with
/// <c>timestamp</c>, <c>level</c>, <c>requestId</c>, <c>traceId</c> (when known) and <c>message</c>, and lines
/// below <c>AWS_LAMBDA_LOG_LEVEL</c> (or <c>AWS_LAMBDA_HANDLER_LOG_LEVEL</c>) are dropped. In text format the
/// message is written as given. Generated <c>ILambdaLogger</c> adapters write through this class.
/// </summary>
public static class LambdaLog
{
    private static LogSettings s_settings = LogSettings.FromEnvironment();
    private static LambdaInvocation? s_current;

    /// <summary>Whether lines are written as JSON objects (<c>AWS_LAMBDA_LOG_FORMAT=JSON</c>).</summary>
    public static bool IsJson => s_settings.Json;

    /// <summary>
    /// Writes one log line at <paramref name="level"/> (<c>Trace</c>, <c>Debug</c>, <c>Information</c>,
    /// <c>Warning</c>, <c>Error</c>, <c>Critical</c>, or Lambda's upper-case names such as <c>INFO</c>);
    /// an unknown level counts as <c>Information</c>.
    /// </summary>
    /// <param name="level">The level name.</param>
    /// <param name="message">The message; <see langword="null"/> writes an empty line.</param>
    public static void Write(string? level, string? message) =>
        Write(LogLevels.Parse(level), message ?? string.Empty, Console.Out);

    internal static void Write(int level, string message, TextWriter target)
    {
        var settings = s_settings;
        // One WriteLine per line: Console's writers are synchronized, so lines never interleave.
        if (!settings.Json)
        {
            target.WriteLine(message);
            return;
        }

        if (level < settings.MinimumLevel)
        {
            return;
        }

        var current = s_current;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", LogLevels.Name(level));
            if (current is not null)
            {
                json.WriteString("requestId", current.RequestId);
                if (current.TraceId.Length > 0)
                {
                    json.WriteString("traceId", current.TraceId);
                }
            }

            json.WriteString("message", message);
            json.WriteEndObject();
        }

        target.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>The invocation log lines belong to; set by the loop for the time of each invoke.</summary>
    internal static void SetCurrent(LambdaInvocation? invocation) => s_current = invocation;

    /// <summary>Re-reads the log environment variables (the loop calls it at start; tests change them).</summary>
    internal static void Configure() => s_settings = LogSettings.FromEnvironment();

    private sealed record LogSettings(bool Json, int MinimumLevel)
    {
        public static LogSettings FromEnvironment()
        {
            var format = Variable("AWS_LAMBDA_HANDLER_LOG_FORMAT") ?? Variable("AWS_LAMBDA_LOG_FORMAT");
            var level = Variable("AWS_LAMBDA_HANDLER_LOG_LEVEL") ?? Variable("AWS_LAMBDA_LOG_LEVEL");
            return new LogSettings(
                string.Equals(format, "JSON", StringComparison.OrdinalIgnoreCase),
                level is null ? LogLevels.Information : LogLevels.Parse(level));
        }

        private static string? Variable(string name) =>
            Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
    }
}
