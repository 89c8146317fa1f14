using System;
using System.Buffers;
using System.Text.Json;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>How one invocation ended, as the runtime (or the platform) reported it.</summary>
internal sealed class RuntimeOutcome
{
    private RuntimeOutcome(byte[] body, string? contentType, string? errorType, bool isError, bool streamed, string? platformReason)
    {
        Body = body;
        ContentType = contentType;
        ErrorType = errorType;
        IsError = isError;
        Streamed = streamed;
        PlatformReason = platformReason;
    }

    public byte[] Body { get; }

    public string? ContentType { get; }

    /// <summary>The runtime's <c>Lambda-Runtime-Function-Error-Type</c> header, or the platform error type.</summary>
    public string? ErrorType { get; }

    public bool IsError { get; }

    public bool Streamed { get; }

    /// <summary>Set for errors the platform raised (timeout, exit, OOM); they reset the environment.</summary>
    public string? PlatformReason { get; }

    /// <summary>
    /// For a streamed response that failed (error trailers, a cut-off or oversized stream): the bytes the runtime
    /// streamed before the failure. They have reached a streaming caller before the error.
    /// </summary>
    public byte[] StreamedBeforeError { get; private init; } = Array.Empty<byte>();

    public static RuntimeOutcome Response(byte[] body, string? contentType, bool streamed) => new(body, contentType, null, false, streamed, null);

    public static RuntimeOutcome FunctionError(byte[] body, string? errorType, bool streamed = false, string? contentType = null, byte[]? streamedBeforeError = null) =>
        new(body.Length > 0 ? body : ErrorJson(errorType ?? "Runtime.Unknown", "Unknown application error occurred"), contentType ?? "application/json", errorType, true, streamed, null)
        {
            StreamedBeforeError = streamedBeforeError ?? Array.Empty<byte>(),
        };

    /// <summary>An error the platform produces itself (<c>Sandbox.Timedout</c>, <c>Runtime.ExitError</c>, …).</summary>
    public static RuntimeOutcome Platform(string errorType, string message, string reason) =>
        new(ErrorJson(errorType, message), "application/json", errorType, true, false, reason);

    public static byte[] ErrorJson(string errorType, string message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, PlainJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("errorType", errorType);
            writer.WriteString("errorMessage", message);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>An invocation on its way to (or inside) a runtime.</summary>
internal sealed class PendingInvocation
{
    private readonly TaskCompletionSource<RuntimeOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingInvocation(string requestId, byte[] payload, string functionArn, string traceId, string? clientContext, string? cognitoIdentity, string? tenantId)
    {
        RequestId = requestId;
        Payload = payload;
        FunctionArn = functionArn;
        TraceId = traceId;
        ClientContext = clientContext;
        CognitoIdentity = cognitoIdentity;
        TenantId = tenantId;
    }

    public string RequestId { get; }

    public byte[] Payload { get; }

    public string FunctionArn { get; }

    public string TraceId { get; }

    public string? ClientContext { get; }

    public string? CognitoIdentity { get; }

    public string? TenantId { get; }

    /// <summary>Set when the invoke phase starts (the deadline sent as <c>Lambda-Runtime-Deadline-Ms</c>).</summary>
    public DateTimeOffset Deadline { get; set; }

    /// <summary>When the event was handed to the runtime.</summary>
    public DateTimeOffset? Dispatched { get; set; }

    /// <summary>When the runtime began posting its response (telemetry's <c>responseLatency</c> span ends there).</summary>
    public DateTimeOffset? ResponseStarted { get; set; }

    /// <summary>Receives a streamed response while the runtime posts it, for a caller that forwards it live.</summary>
    public IResponseStreamSink? StreamSink { get; init; }

    public Task<RuntimeOutcome> Outcome => _outcome.Task;

    /// <summary>First outcome wins; every later one is ignored, so an invoke ends exactly once.</summary>
    public bool TryComplete(RuntimeOutcome outcome) => _outcome.TrySetResult(outcome);
}

/// <summary>
/// Where a streamed response goes while the runtime posts it (<c>Lambda-Runtime-Function-Response-Mode: streaming</c>).
/// The invocation's outcome still says how it ended; a sink only sees the bytes early.
/// </summary>
internal interface IResponseStreamSink
{
    /// <summary>The runtime began a streamed response with this content type.</summary>
    void Start(string? contentType);

    /// <summary>The next bytes of the response (the buffer is reused after the call returns).</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, System.Threading.CancellationToken cancellationToken);
}

/// <summary>A streaming caller that takes the response whole at the end (<see cref="InvokeOptions.ResponseStream"/>).</summary>
internal sealed class CollectedStream : IResponseStreamSink
{
    public static readonly CollectedStream Instance = new();

    public void Start(string? contentType)
    {
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, System.Threading.CancellationToken cancellationToken) => default;
}
