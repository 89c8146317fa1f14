using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Json;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// Function log lines as the managed .NET runtime writes them (docs/platform/logging.md). Lines below
/// <c>AWS_LAMBDA_LOG_LEVEL</c> (or the .NET override <c>AWS_LAMBDA_HANDLER_LOG_LEVEL</c>; <c>Information</c> when
/// unset) are dropped. The format is <c>AWS_LAMBDA_LOG_FORMAT</c> (or <c>AWS_LAMBDA_HANDLER_LOG_FORMAT</c>): text lines
/// <c>timestamp\trequestId\tlevel\tmessage</c> by default, the bare message with <c>Unformatted</c>, one JSON object per
/// line with <c>JSON</c> (<c>timestamp</c>, <c>level</c>, <c>requestId</c>, <c>traceId</c>, <c>message</c>, the message
/// template's properties, and the exception's <c>errorType</c>, <c>errorMessage</c>, <c>stackTrace</c>). Generated
/// <c>ILambdaLogger</c> adapters and the class-library host write through this class, and so does the console of a
/// process whose runtime is this library's loop (<see cref="ConsoleLogWriter"/>).
/// </summary>
public static class LambdaLog
{
    private static LogSettings s_settings = LogSettings.FromEnvironment();
    private static LambdaInvocation? s_current;
    private static ConsoleLogWriter? s_out;
    private static ConsoleLogWriter? s_error;
    private static readonly object ConsoleGate = new();

    /// <summary>Whether lines are written as JSON objects (<c>AWS_LAMBDA_LOG_FORMAT=JSON</c>).</summary>
    public static bool IsJson => s_settings.Format == LogFormat.Json;

    /// <summary>
    /// Writes one log line at <paramref name="level"/> (<c>Trace</c>, <c>Debug</c>, <c>Information</c>,
    /// <c>Warning</c>, <c>Error</c>, <c>Critical</c>, or Lambda's upper-case names such as <c>INFO</c>);
    /// an unknown level counts as <c>Information</c>. The message is written as given (no template).
    /// </summary>
    /// <param name="level">The level name.</param>
    /// <param name="message">The message; <see langword="null"/> writes an empty message.</param>
    public static void Write(string? level, string? message) =>
        Write(LogLevels.Parse(level), null, message ?? string.Empty, null, Out);

    /// <summary>
    /// Writes one log line from a message template, as <c>ILambdaLogger.LogInformation("order {Id}", id)</c> and the
    /// other <c>params object[]</c> overloads of the managed runtime do: placeholders are filled from
    /// <paramref name="arguments"/> in order (by number when all are numbers), <c>{Name:format}</c> formats,
    /// <c>{@Name}</c> is serialized in JSON lines, a placeholder without an argument stays as written, and nothing throws.
    /// </summary>
    /// <param name="level">The level name (see <see cref="Write(string, string)"/>).</param>
    /// <param name="exception">An exception to log with the message, or <see langword="null"/>.</param>
    /// <param name="messageTemplate">The message template.</param>
    /// <param name="arguments">The placeholders' values.</param>
    public static void Write(string? level, Exception? exception, string? messageTemplate, params object?[]? arguments) =>
        Write(LogLevels.Parse(level), exception, messageTemplate ?? string.Empty, arguments, Out);

    internal static void Write(int level, string message, TextWriter target) => Write(level, null, message, null, target);

    internal static void Write(int level, Exception? exception, string template, object?[]? arguments, TextWriter target)
    {
        var settings = s_settings;
        if (level < settings.MinimumLevel)
        {
            return;
        }

        // One WriteLine per line: Console's writers are synchronized, so lines never interleave.
        target.WriteLine(Format(settings.Format, level, exception, template, arguments, DateTimeOffset.UtcNow, s_current));
    }

    internal static string Format(LogFormat format, int level, Exception? exception, string template, object?[]? arguments, DateTimeOffset time, LambdaInvocation? current)
    {
        var message = MessageTemplate.Render(template, arguments);
        switch (format)
        {
            case LogFormat.Unformatted:
                return message;
            case LogFormat.Text:
            {
                var line = new StringBuilder(message.Length + 64);
                line.Append(time.UtcDateTime.ToString(MessageTemplate.TimestampFormat, System.Globalization.CultureInfo.InvariantCulture)).Append('\t')
                    .Append(current?.RequestId).Append('\t')
                    .Append(LogLevels.Label(level)).Append('\t')
                    .Append(message);
                if (exception is not null)
                {
                    line.Append(message.Length > 0 ? "\n" : string.Empty).Append(PlatformFrames.Describe(exception));
                }

                return line.ToString();
            }

            default:
                return Json(level, exception, template, arguments, message, time, current);
        }
    }

    private static string Json(int level, Exception? exception, string template, object?[]? arguments, string message, DateTimeOffset time, LambdaInvocation? current)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", time.UtcDateTime.ToString(MessageTemplate.TimestampFormat, System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", LogLevels.Name(level));
            if (current is not null)
            {
                json.WriteString("requestId", current.RequestId);
                if (current.TenantId.Length > 0)
                {
                    json.WriteString("tenantId", current.TenantId);
                }

                if (current.TraceId.Length > 0)
                {
                    json.WriteString("traceId", current.TraceId);
                }
            }

            json.WriteString("message", message);
            MessageTemplate.WriteProperties(json, template, arguments);
            if (exception is not null)
            {
                json.WriteString("errorType", exception.GetType().FullName);
                json.WriteString("errorMessage", exception.Message);
                json.WriteStartArray("stackTrace");
                foreach (var line in PlatformFrames.Describe(exception).Split('\n'))
                {
                    json.WriteStringValue(line.Trim());
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Standard output as log lines are written to it: the console's own writer, also once the console is captured, or the telemetry log descriptor.</summary>
    internal static TextWriter Out => s_out?.Inner ?? Console.Out;

    /// <summary>Standard error as log lines are written to it (see <see cref="Out"/>).</summary>
    internal static TextWriter Error => s_error?.Inner ?? Console.Error;

    /// <summary>
    /// Makes the console's lines log lines (<see cref="ConsoleLogWriter"/>): standard output at <c>Information</c>,
    /// standard error at <c>Error</c>, both written to Lambda's telemetry log descriptor when the environment names one
    /// (<see cref="TelemetryLogWriter"/>). Once per process; the loop calls it when it is its process's own runtime, never
    /// when another program hosts it (the shim's in-process mode routes that program's console itself).
    /// </summary>
    internal static void CaptureConsole()
    {
        lock (ConsoleGate)
        {
            if (s_out is not null)
            {
                return;
            }

            // Where Lambda offers its telemetry log descriptor, both streams' lines go there, one record per line
            // however many lines of text it holds (a stack trace); elsewhere to the console's own writers.
            var telemetry = TelemetryLogWriter.Open(Environment.GetEnvironmentVariable(TelemetryLogFormat.Variable), IsJson, TimeProvider.System);
            s_out = new ConsoleLogWriter(telemetry ?? Console.Out, LogLevels.Information);
            s_error = new ConsoleLogWriter(telemetry ?? Console.Error, LogLevels.Error);
            Console.SetOut(s_out);
            Console.SetError(s_error);
        }
    }

    /// <summary>The invocation log lines belong to; set by the loop for the time of each invoke.</summary>
    internal static void SetCurrent(LambdaInvocation? invocation) => s_current = invocation;

    /// <summary>Re-reads the log environment variables (the loop calls it at start; tests change them).</summary>
    internal static void Configure() => s_settings = LogSettings.FromEnvironment();

    private sealed record LogSettings(LogFormat Format, int MinimumLevel)
    {
        public static LogSettings FromEnvironment()
        {
            var format = Variable("AWS_LAMBDA_HANDLER_LOG_FORMAT") ?? Variable("AWS_LAMBDA_LOG_FORMAT");
            var level = Variable("AWS_LAMBDA_HANDLER_LOG_LEVEL") ?? Variable("AWS_LAMBDA_LOG_LEVEL");
            return new LogSettings(
                format?.Trim().ToUpperInvariant() switch
                {
                    "JSON" => LogFormat.Json,
                    "UNFORMATTED" => LogFormat.Unformatted,
                    _ => LogFormat.Text,
                },
                level is null ? LogLevels.Information : LogLevels.Parse(level));
        }

        private static string? Variable(string name) =>
            Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
    }
}
