using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim;

/// <summary>A function error as the caller sees it (the error JSON and its parsed fields).</summary>
public sealed class FunctionError
{
    internal FunctionError(string errorType, string errorMessage, IReadOnlyList<string> stackTrace, string json, string? reportedErrorType)
    {
        ReportedErrorType = reportedErrorType;
        ErrorType = errorType;
        ErrorMessage = errorMessage;
        StackTrace = stackTrace;
        Json = json;
    }

    /// <summary><c>errorType</c> (e.g. <c>InvalidOperationException</c>, <c>Sandbox.Timedout</c>).</summary>
    public string ErrorType { get; }

    /// <summary><c>errorMessage</c>.</summary>
    public string ErrorMessage { get; }

    /// <summary><c>stackTrace</c> lines (or Node-style <c>trace</c>), empty when absent.</summary>
    public IReadOnlyList<string> StackTrace { get; }

    /// <summary>
    /// The type the runtime reported in <c>Lambda-Runtime-Function-Error-Type</c> (or the platform's own type for
    /// timeouts, exits and size limits); null when the runtime sent none.
    /// </summary>
    public string? ReportedErrorType { get; }

    /// <summary>The error payload exactly as the caller receives it.</summary>
    public string Json { get; }

    internal static FunctionError Parse(byte[] body, string? headerType)
    {
        var json = Encoding.UTF8.GetString(body);
        string? type = null;
        string? message = null;
        var stack = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                if (root.TryGetProperty("errorType", out var t) && t.ValueKind == JsonValueKind.String)
                {
                    type = t.GetString();
                }

                if (root.TryGetProperty("errorMessage", out var m) && m.ValueKind == JsonValueKind.String)
                {
                    message = m.GetString();
                }

                foreach (var name in new[] { "stackTrace", "trace" })
                {
                    if (root.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var line in s.EnumerateArray())
                        {
                            stack.Add(line.ToString());
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            message = json;
        }

        return new FunctionError(type ?? headerType ?? "Runtime.Unknown", message ?? string.Empty, stack, json, headerType);
    }

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}

/// <summary>The single outcome of one invocation.</summary>
public class InvocationResult
{
    internal InvocationResult(InvocationResult other)
        : this(other.RequestId, other.Payload, other.ContentType, other.Error, other.Streamed, other.Logs, other.LifecycleTrace,
               other.InitDuration, other.Duration, other.BilledDurationMs, other.MaxMemoryUsedMB, other.EnvironmentId, other.ColdStart)
    {
        StreamedBeforeError = other.StreamedBeforeError;
    }

    internal InvocationResult(
        string requestId, byte[] payload, string? contentType, FunctionError? error, bool streamed, string logs,
        IReadOnlyList<string> lifecycleTrace, TimeSpan? initDuration, TimeSpan duration, long billedDurationMs,
        int? maxMemoryUsedMB, int environmentId, bool coldStart)
    {
        RequestId = requestId;
        Payload = payload;
        ContentType = contentType;
        Error = error;
        Streamed = streamed;
        Logs = logs;
        LifecycleTrace = lifecycleTrace;
        InitDuration = initDuration;
        Duration = duration;
        BilledDurationMs = billedDurationMs;
        MaxMemoryUsedMB = maxMemoryUsedMB;
        EnvironmentId = environmentId;
        ColdStart = coldStart;
    }

    /// <summary>The request id the runtime saw.</summary>
    public string RequestId { get; }

    /// <summary>True when the function returned a response (no error of any kind).</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The payload the caller receives: the response, or the error JSON.</summary>
    public byte[] Payload { get; }

    /// <summary><see cref="Payload"/> as UTF-8 text.</summary>
    public string PayloadText => Encoding.UTF8.GetString(Payload);

    /// <summary>The content type the runtime posted with the response, if any.</summary>
    public string? ContentType { get; }

    /// <summary>The function error (<c>X-Amz-Function-Error: Unhandled</c>), or null on success.</summary>
    public FunctionError? Error { get; }

    /// <summary>True when the runtime streamed the response (<c>Lambda-Runtime-Function-Response-Mode: streaming</c>).</summary>
    public bool Streamed { get; }

    /// <summary>
    /// When a streamed response failed part-way: the bytes the function streamed before the failure (empty otherwise).
    /// A streaming caller (<c>InvokeWithResponseStream</c>, a function URL in <c>RESPONSE_STREAM</c> mode) has received
    /// them before the error; <see cref="Payload"/> holds the error.
    /// </summary>
    public byte[] StreamedBeforeError { get; internal init; } = Array.Empty<byte>();

    /// <summary>The log of this invoke, from <c>START</c> to <c>REPORT</c> (with the <c>INIT_*</c> lines on a cold start).</summary>
    public string Logs { get; }

    /// <summary>The platform lines of this invoke (<c>INIT_START</c>, <c>START</c>, <c>END</c>, <c>REPORT</c>, …) as Lambda prints them.</summary>
    public IReadOnlyList<string> LifecycleTrace { get; }

    /// <summary>
    /// Init duration when this invoke was a cold start: the Init before it, or the init it ran itself (a suppressed init,
    /// a re-init after a reset), which is also part of <see cref="Duration"/>.
    /// </summary>
    public TimeSpan? InitDuration { get; }

    /// <summary>Invoke duration.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Billed duration in ms: the Init before the invoke plus the invoke (at most the timeout), rounded up once (docs/platform/lifecycle.md).</summary>
    public long BilledDurationMs { get; }

    /// <summary>Peak RSS of the environment's process group in MB (out-of-process only).</summary>
    public int? MaxMemoryUsedMB { get; }

    /// <summary>Which execution environment ran it.</summary>
    public int EnvironmentId { get; }

    /// <summary>True when the environment was (re)initialised for this invoke.</summary>
    public bool ColdStart { get; }

    /// <summary>Throws when the invoke failed, with the error and the log.</summary>
    public void EnsureSuccess()
    {
        if (Error is not null)
        {
            throw new LambdaInvocationException(this);
        }
    }

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? $"{RequestId}: OK {PayloadText}" : $"{RequestId}: {Error}";
}

/// <summary>A result with the response deserialized.</summary>
public sealed class InvocationResult<T> : InvocationResult
{
    internal InvocationResult(InvocationResult inner, T? response)
        : base(inner) => Response = response;

    /// <summary>The deserialized response (default on error).</summary>
    public T? Response { get; }
}

/// <summary>Thrown by <see cref="InvocationResult.EnsureSuccess"/>.</summary>
public sealed class LambdaInvocationException : Exception
{
    internal LambdaInvocationException(InvocationResult result)
        : base($"Invocation {result.RequestId} failed: {result.Error}{System.Environment.NewLine}{result.Logs}") => Result = result;

    /// <summary>The failed result.</summary>
    public InvocationResult Result { get; }
}

/// <summary>Per-invoke caller data.</summary>
public sealed class InvokeOptions
{
    /// <summary>Client context JSON (delivered as <c>Lambda-Runtime-Client-Context</c>).</summary>
    public string? ClientContextJson { get; set; }

    /// <summary>Cognito identity JSON (delivered as <c>Lambda-Runtime-Cognito-Identity</c>).</summary>
    public string? CognitoIdentityJson { get; set; }

    /// <summary>X-Ray trace header; generated when null.</summary>
    public string? TraceId { get; set; }

    /// <summary>Tenant id (<c>Lambda-Runtime-Aws-Tenant-Id</c>).</summary>
    public string? TenantId { get; set; }

    /// <summary>Qualifier the caller used (reflected in the invoked function ARN).</summary>
    public string? Qualifier { get; set; }

    /// <summary>
    /// Invoke as <c>InvokeWithResponseStream</c> does: a function that streams its response may send up to 200 MB.
    /// A plain (buffered) invoke gets at most 6 MB from it, and <c>Function.ResponseSizeTooLarge</c> above.
    /// </summary>
    public bool ResponseStream { get; set; }
}

/// <summary>An asynchronous (<c>Event</c>) invocation: queued, retried on function error, result discarded.</summary>
public sealed class EventInvocation
{
    private readonly List<InvocationResult> _attempts = new();
    private readonly TaskCompletionSource<EventInvocation> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal EventInvocation(string id, byte[] payload)
    {
        Id = id;
        Payload = payload;
    }

    /// <summary>The event's id (the request id of every attempt).</summary>
    public string Id { get; }

    /// <summary>The queued payload.</summary>
    public byte[] Payload { get; }

    /// <summary>Attempts made so far (1 + retries).</summary>
    public IReadOnlyList<InvocationResult> Attempts
    {
        get
        {
            lock (_attempts)
            {
                return _attempts.ToArray();
            }
        }
    }

    /// <summary>The final attempt, once done.</summary>
    public InvocationResult? FinalResult { get; private set; }

    /// <summary>True once the last attempt ended (success, or retries exhausted).</summary>
    public bool IsCompleted => _done.Task.IsCompleted;

    /// <summary>Completes when the event is done.</summary>
    public Task<EventInvocation> Completion => _done.Task;

    internal void AddAttempt(InvocationResult result)
    {
        lock (_attempts)
        {
            _attempts.Add(result);
        }
    }

    internal void Complete(InvocationResult final)
    {
        FinalResult = final;
        _done.TrySetResult(this);
    }
}
