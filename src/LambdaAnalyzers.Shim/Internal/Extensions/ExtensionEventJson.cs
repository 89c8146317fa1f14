using System;
using System.Buffers;
using System.Text.Json;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>The bodies of <c>/extension/event/next</c> (docs/platform/extensions-api.md, "Events").</summary>
internal static class ExtensionEventJson
{
    /// <summary>INVOKE: the deadline, the request id, the ARN the caller used and the trace header; never the payload.</summary>
    public static byte[] Invoke(PendingInvocation invocation) => Write(writer =>
    {
        writer.WriteString("eventType", "INVOKE");
        writer.WriteNumber("deadlineMs", invocation.Deadline.ToUnixTimeMilliseconds());
        writer.WriteString("requestId", invocation.RequestId);
        writer.WriteString("invokedFunctionArn", invocation.FunctionArn);
        if (!string.IsNullOrEmpty(invocation.TraceId))
        {
            writer.WriteStartObject("tracing");
            writer.WriteString("type", "X-Amzn-Trace-Id");
            writer.WriteString("value", invocation.TraceId);
            writer.WriteEndObject();
        }
    });

    /// <summary>SHUTDOWN: the reason (<c>spindown</c>, <c>timeout</c>, <c>failure</c>, lowercase on the wire) and the deadline.</summary>
    public static byte[] Shutdown(string reason, DateTimeOffset deadline) => Write(writer =>
    {
        writer.WriteString("eventType", "SHUTDOWN");
        writer.WriteNumber("deadlineMs", deadline.ToUnixTimeMilliseconds());
        writer.WriteString("shutdownReason", reason);
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
