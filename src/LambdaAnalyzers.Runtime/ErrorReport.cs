using System;
using System.Buffers;
using System.Text.Json;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// A function error in the JSON shape the managed .NET runtime posts (errorType, errorMessage,
/// stackTrace, cause, causes), so dashboards and alarms built on it keep working. Stack traces end with the
/// function's frames (<see cref="PlatformFrames"/>).
/// </summary>
internal sealed class ErrorReport
{
    /// <summary>The Runtime API caps error bodies; above it the managed runtime sends this instead.</summary>
    internal const int MaxBytes = 256 * 1024;

    private static readonly byte[] TooLarge = JsonSerializerFreeTooLarge();

    private ErrorReport(string errorType, byte[] json)
    {
        ErrorType = errorType;
        Json = json;
    }

    /// <summary>The exception's short type name, sent as <c>Lambda-Runtime-Function-Error-Type</c>.</summary>
    public string ErrorType { get; }

    public byte[] Json { get; }

    public static ErrorReport From(Exception exception)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, exception);
        }

        var json = buffer.WrittenCount > MaxBytes ? TooLarge : buffer.WrittenSpan.ToArray();
        return new ErrorReport(exception.GetType().Name, json);
    }

    private static void Write(Utf8JsonWriter writer, Exception exception)
    {
        writer.WriteStartObject();
        writer.WriteString("errorType", exception.GetType().Name);
        writer.WriteString("errorMessage", exception.Message);
        writer.WriteStartArray("stackTrace");
        foreach (var line in PlatformFrames.Lines(exception.StackTrace))
        {
            writer.WriteStringValue(line);
        }

        writer.WriteEndArray();
        if (exception is AggregateException aggregate)
        {
            writer.WriteStartArray("causes");
            foreach (var inner in aggregate.InnerExceptions)
            {
                Write(writer, inner);
            }

            writer.WriteEndArray();
        }

        if (exception.InnerException is { } cause)
        {
            writer.WritePropertyName("cause");
            Write(writer, cause);
        }

        writer.WriteEndObject();
    }

    private static byte[] JsonSerializerFreeTooLarge()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", "Exception exceeded maximum payload size of 256KB.");
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
