using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The Runtime API (2018-06-01) of one execution environment, over the environment's current session; the Extensions
/// and Telemetry APIs share its endpoint (<see cref="ExtensionsApi"/>).
/// </summary>
internal sealed class RuntimeApiServer : IAsyncDisposable
{
    /// <summary>Largest buffered response a runtime may post (6 MiB + 100).</summary>
    public const int MaxResponseBytes = 6_291_556;

    /// <summary>Largest streamed response (200 MB).</summary>
    public const long MaxStreamedBytes = 200L * 1024 * 1024;

    /// <summary>Largest error body accepted (the platform's own cap is not documented; errors above this are cut).</summary>
    public const int MaxErrorBytes = MaxResponseBytes;

    private const string Prefix = "/2018-06-01/runtime/";
    private readonly Func<RuntimeApiSession> _session;
    private readonly TimeProvider _clock;
    private KestrelHost? _host;

    private RuntimeApiServer(Func<RuntimeApiSession> session, TimeProvider clock)
    {
        _session = session;
        _clock = clock;
    }

    /// <summary><c>host:port</c>, the value of <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Endpoint => _host!.HostAndPort;

    public static async Task<RuntimeApiServer> StartAsync(Func<RuntimeApiSession> session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var server = new RuntimeApiServer(session, clock);
        server._host = await KestrelHost.StartAsync(server.HandleAsync, 0, clock, cancellationToken).ConfigureAwait(false);
        return server;
    }

    public ValueTask DisposeAsync() => _host?.DisposeAsync() ?? default;

    private async Task HandleAsync(HttpContext context)
    {
        var session = _session();
        var path = context.Request.Path.Value ?? string.Empty;
        var method = context.Request.Method;
        try
        {
            if (!path.StartsWith(Prefix, StringComparison.Ordinal))
            {
                // The same endpoint serves the Extensions and Telemetry APIs.
                if (!await ExtensionsApi.TryHandleAsync(context, session.Extensions).ConfigureAwait(false))
                {
                    await WriteErrorAsync(context, 404, "InvalidRequest", "Unknown path").ConfigureAwait(false);
                }

                return;
            }

            var rest = path.Substring(Prefix.Length);
            if (rest == "invocation/next")
            {
                if (!HttpMethods.IsGet(method))
                {
                    await WriteErrorAsync(context, 405, "MethodNotAllowed", "Use GET").ConfigureAwait(false);
                    return;
                }

                await NextAsync(context, session).ConfigureAwait(false);
                return;
            }

            if (rest == "init/error")
            {
                if (!HttpMethods.IsPost(method))
                {
                    await WriteErrorAsync(context, 405, "MethodNotAllowed", "Use POST").ConfigureAwait(false);
                    return;
                }

                await InitErrorAsync(context, session).ConfigureAwait(false);
                return;
            }

            if (rest.StartsWith("invocation/", StringComparison.Ordinal))
            {
                var tail = rest.Substring("invocation/".Length);
                var slash = tail.LastIndexOf('/');
                if (slash >= 0)
                {
                    var id = Uri.UnescapeDataString(tail.Substring(0, slash));
                    var verb = tail.Substring(slash + 1);
                    if ((verb == "response" || verb == "error") && HttpMethods.IsPost(method))
                    {
                        if (verb == "response")
                        {
                            await ResponseAsync(context, session, id).ConfigureAwait(false);
                        }
                        else
                        {
                            await ErrorAsync(context, session, id).ConfigureAwait(false);
                        }

                        return;
                    }
                }
            }

            await WriteErrorAsync(context, 404, "InvalidRequest", "Unknown path").ConfigureAwait(false);
        }
        catch (RuntimeApiRefusal refusal)
        {
            await WriteErrorAsync(context, refusal.Status, refusal.ErrorType, refusal.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private async Task NextAsync(HttpContext context, RuntimeApiSession session)
    {
        var invocation = await session.NextAsync(context.RequestAborted).ConfigureAwait(false);
        if (invocation is null)
        {
            await WriteErrorAsync(context, 500, "InternalServerError", "The execution environment is shutting down; exit.").ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = 200;
        var headers = response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = invocation.FunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        if (invocation.ClientContext is { } clientContext)
        {
            headers["Lambda-Runtime-Client-Context"] = clientContext;
        }

        if (invocation.CognitoIdentity is { } identity)
        {
            headers["Lambda-Runtime-Cognito-Identity"] = identity;
        }

        if (!string.IsNullOrEmpty(invocation.TenantId))
        {
            headers["Lambda-Runtime-Aws-Tenant-Id"] = invocation.TenantId;
        }

        response.ContentType = "application/json";
        response.ContentLength = invocation.Payload.Length;
        await response.Body.WriteAsync(invocation.Payload, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ResponseAsync(HttpContext context, RuntimeApiSession session, string requestId)
    {
        var mode = context.Request.Headers["Lambda-Runtime-Function-Response-Mode"].ToString();
        var check = session.BeginAnswer(requestId, out var invocation, out var from);
        RefuseIfInvalid(check, from, "ResponseSent");
        invocation!.ResponseStarted = _clock.GetUtcNow();
        var request = context.Request;
        if (mode.Length > 0 && !string.Equals(mode, "streaming", StringComparison.OrdinalIgnoreCase))
        {
            invocation!.TryComplete(RuntimeOutcome.FunctionError(
                RuntimeOutcome.ErrorJson("Runtime.InvalidResponseModeHeader", $"Invalid response mode header value: {mode}"), "Runtime.InvalidResponseModeHeader"));
            await WriteErrorAsync(context, 400, "InvalidFunctionResponseMode", "Invalid function response mode").ConfigureAwait(false);
            return;
        }

        var streaming = mode.Length > 0;
        // A streamed response reaches only a streaming caller whole (up to 200 MB); a caller of the buffered Invoke
        // gets at most 6 MB, whichever way the function sends it (docs/platform/invoke-api.md).
        var sink = streaming ? invocation!.StreamSink : null;
        var limit = sink is not null ? MaxStreamedBytes : MaxResponseBytes;
        // A caller waiting on a stream (InvokeWithResponseStream, a function URL in RESPONSE_STREAM mode) gets the
        // bytes as they arrive.
        sink?.Start(request.ContentType);
        using var received = new MemoryStream();
        bool withinLimit;
        try
        {
            withinLimit = await ReadBodyAsync(request.Body, received, limit, context.RequestAborted, sink).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException)
        {
            invocation!.TryComplete(RuntimeOutcome.FunctionError(
                RuntimeOutcome.ErrorJson("Runtime.TruncatedResponse", "The runtime's response ended before it was complete."), "Runtime.TruncatedResponse", streaming,
                streamedBeforeError: streaming ? received.ToArray() : null));
            await WriteErrorAsync(context, 400, "TruncatedHTTPRequest", "The request body ended early").ConfigureAwait(false);
            return;
        }

        if (!withinLimit)
        {
            invocation!.TryComplete(TooLarge(limit, streaming ? received.ToArray() : null));
            await WriteErrorAsync(context, 413, "RequestEntityTooLarge", $"Exceeded maximum allowed payload size ({limit} bytes).").ConfigureAwait(false);
            return;
        }

        var body = received.ToArray();
        if (streaming && request.SupportsTrailers() && request.CheckTrailersAvailable())
        {
            var errorType = request.GetTrailer("Lambda-Runtime-Function-Error-Type").ToString();
            if (errorType.Length > 0)
            {
                var encoded = request.GetTrailer("Lambda-Runtime-Function-Error-Body").ToString();
                byte[] errorBody;
                try
                {
                    errorBody = encoded.Length > 0 ? Convert.FromBase64String(encoded) : Array.Empty<byte>();
                }
                catch (FormatException)
                {
                    errorBody = Encoding.UTF8.GetBytes(encoded);
                }

                if (errorBody.Length == 0)
                {
                    errorBody = RuntimeOutcome.ErrorJson(errorType, "The function failed while streaming its response.");
                }

                // The bytes streamed before the error stay: a streaming caller already has them, and gets the error after.
                invocation!.TryComplete(RuntimeOutcome.FunctionError(errorBody, errorType, streamed: true, streamedBeforeError: body));
                await WriteAcceptedAsync(context).ConfigureAwait(false);
                return;
            }
        }

        invocation!.TryComplete(RuntimeOutcome.Response(body, request.ContentType, streaming));
        await WriteAcceptedAsync(context).ConfigureAwait(false);
    }

    private static RuntimeOutcome TooLarge(long limit, byte[]? streamedBeforeError) =>
        RuntimeOutcome.FunctionError(
            RuntimeOutcome.ErrorJson("Function.ResponseSizeTooLarge", $"Response payload size exceeded maximum allowed payload size ({limit} bytes)."),
            "Function.ResponseSizeTooLarge", streamed: streamedBeforeError is not null, streamedBeforeError: streamedBeforeError);

    private async Task ErrorAsync(HttpContext context, RuntimeApiSession session, string requestId)
    {
        var check = session.BeginAnswer(requestId, out var invocation, out var from);
        RefuseIfInvalid(check, from, "ResponseSent");
        var (body, type) = await ReadErrorAsync(context).ConfigureAwait(false);
        invocation!.TryComplete(RuntimeOutcome.FunctionError(body, type, contentType: context.Request.ContentType));
        await WriteAcceptedAsync(context).ConfigureAwait(false);
    }

    private async Task InitErrorAsync(HttpContext context, RuntimeApiSession session)
    {
        var check = session.BeginInitError(out var from);
        RefuseIfInvalid(check, from, "InitError");
        var (body, type) = await ReadErrorAsync(context).ConfigureAwait(false);
        session.ReportInitError(RuntimeOutcome.FunctionError(body, type));
        await WriteAcceptedAsync(context).ConfigureAwait(false);
    }

    private static void RefuseIfInvalid(TransitionCheck check, string from, string to)
    {
        switch (check)
        {
            case TransitionCheck.InvalidRequestId:
                throw new RuntimeApiRefusal(400, "InvalidRequestID", "Invalid request ID");
            case TransitionCheck.InvalidStateTransition:
                throw RuntimeApiRefusal.State(from, to);
        }
    }

    private static async Task<(byte[] Body, string? ErrorType)> ReadErrorAsync(HttpContext context)
    {
        var request = context.Request;
        var type = request.Headers["Lambda-Runtime-Function-Error-Type"].ToString();
        byte[] body;
        try
        {
            using var received = new MemoryStream();
            body = await ReadBodyAsync(request.Body, received, MaxErrorBytes, context.RequestAborted).ConfigureAwait(false) ? received.ToArray() : Array.Empty<byte>();
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException)
        {
            body = Array.Empty<byte>();
        }

        if (request.ContentType is { } contentType && contentType.StartsWith("application/vnd.aws.lambda.error.cause+json", StringComparison.OrdinalIgnoreCase))
        {
            body = StripErrorCause(body);
        }

        return (body, type.Length > 0 ? type : null);
    }

    /// <summary>The X-Ray <c>errorCause</c> is for the platform, not for the caller.</summary>
    private static byte[] StripErrorCause(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("errorCause", out _))
            {
                return body;
            }

            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Name != "errorCause")
                    {
                        property.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
        catch (JsonException)
        {
            return body;
        }
    }

    /// <summary>
    /// Reads the whole body into <paramref name="buffer"/>; false when it exceeds <paramref name="limit"/> (the buffer
    /// then holds the bytes within the limit, and the rest is drained). Each chunk within the limit also goes to
    /// <paramref name="sink"/> as soon as it is read.
    /// </summary>
    private static async Task<bool> ReadBodyAsync(Stream body, MemoryStream buffer, long limit, CancellationToken cancellationToken, IResponseStreamSink? sink = null)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var tooLarge = false;
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (tooLarge || buffer.Length + read > limit)
                {
                    tooLarge = true;
                    continue;
                }

                buffer.Write(chunk, 0, read);
                if (sink is not null)
                {
                    await sink.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            return !tooLarge;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static Task WriteAcceptedAsync(HttpContext context)
    {
        context.Response.StatusCode = 202;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{\"status\":\"OK\"}\n", context.RequestAborted);
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string errorType, string message)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var json = RuntimeOutcome.ErrorJson(errorType, message);
        try
        {
            await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
        }
    }
}
