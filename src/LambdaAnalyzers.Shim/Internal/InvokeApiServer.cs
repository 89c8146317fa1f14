using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The caller-facing Invoke API, enough for the AWS CLI and SDKs: <c>Invoke</c>
/// (<c>POST /2015-03-31/functions/{name}/invocations</c>) and <c>InvokeWithResponseStream</c>
/// (<c>POST /2021-11-15/functions/{name}/response-streaming-invocations</c>, answered as an event stream while the
/// function streams: <see cref="EventStreamForwarder"/>).
/// </summary>
internal sealed class InvokeApiServer : IAsyncDisposable
{
    private const string Prefix = "/2015-03-31/functions/";
    private const string Suffix = "/invocations";
    private const string StreamingPrefix = "/2021-11-15/functions/";
    private const string StreamingSuffix = "/response-streaming-invocations";
    private readonly IReadOnlyList<LambdaShim> _functions;
    private KestrelHost? _host;

    private InvokeApiServer(IReadOnlyList<LambdaShim> functions) => _functions = functions;

    public string HostAndPort => _host!.HostAndPort;

    /// <summary>Serves <paramref name="functions"/> (one or several, each by its name) on one port.</summary>
    public static async Task<InvokeApiServer> StartAsync(IReadOnlyList<LambdaShim> functions, int port, TimeProvider clock, CancellationToken cancellationToken)
    {
        var server = new InvokeApiServer(functions);
        server._host = await KestrelHost.StartAsync(server.HandleAsync, port, clock, cancellationToken).ConfigureAwait(false);
        return server;
    }

    public ValueTask DisposeAsync() => _host?.DisposeAsync() ?? default;

    private async Task HandleAsync(HttpContext context)
    {
        try
        {
            await HandleCoreAsync(context).ConfigureAwait(false);
        }
        catch (LambdaServiceException exception)
        {
            await WriteServiceErrorAsync(context, exception.StatusCode, exception.ErrorCode, exception.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var classic = path.StartsWith(Prefix, StringComparison.Ordinal) && path.EndsWith(Suffix, StringComparison.Ordinal);
        var streamed = path.StartsWith(StreamingPrefix, StringComparison.Ordinal) && path.EndsWith(StreamingSuffix, StringComparison.Ordinal);
        if (!HttpMethods.IsPost(request.Method) || !(classic || streamed))
        {
            throw new LambdaServiceException(404, "UnknownOperationException", $"Unknown operation {request.Method} {path}");
        }

        var name = streamed
            ? Uri.UnescapeDataString(path.Substring(StreamingPrefix.Length, path.Length - StreamingPrefix.Length - StreamingSuffix.Length))
            : Uri.UnescapeDataString(path.Substring(Prefix.Length, path.Length - Prefix.Length - Suffix.Length));
        var qualifier = request.Query["Qualifier"].ToString();
        if (Find(name, ref qualifier) is not { } shim)
        {
            throw new LambdaServiceException(404, "ResourceNotFoundException", $"Function not found: {Describe(name, qualifier)}");
        }

        var type = request.Headers["X-Amz-Invocation-Type"].ToString();
        if (type.Length == 0)
        {
            type = "RequestResponse";
        }

        if (streamed && type == "Event")
        {
            throw new LambdaServiceException(400, "InvalidParameterValueException", "InvokeWithResponseStream supports the invocation types RequestResponse and DryRun only.");
        }

        if (type is not ("RequestResponse" or "Event" or "DryRun"))
        {
            throw new LambdaServiceException(400, "InvalidParameterValueException", $"Unsupported invocation type: {type}");
        }

        var limit = type == "Event" ? LambdaShim.MaxEventRequestBytes : LambdaShim.MaxSyncRequestBytes;
        var body = await ReadBodyAsync(request.Body, limit, type, context.RequestAborted).ConfigureAwait(false);
        var payload = LambdaShim.ValidatePayload(body, limit, type);
        // Every answer of the Lambda API carries a request id; an Event's is the one its invocation runs with.
        if (type == "DryRun")
        {
            context.Response.StatusCode = 204;
            context.Response.Headers["x-amzn-RequestId"] = LambdaShim.NewRequestId();
            return;
        }

        if (type == "Event")
        {
            var queued = shim.InvokeEvent(payload);
            context.Response.StatusCode = 202;
            context.Response.Headers["x-amzn-RequestId"] = queued.Id;
            return;
        }

        var options = new InvokeOptions
        {
            Qualifier = qualifier.Length > 0 ? qualifier : null,
            TraceId = request.Headers["X-Amzn-Trace-Id"].ToString() is { Length: > 0 } trace ? trace : null,
            TenantId = request.Headers["X-Amz-Tenant-Id"].ToString() is { Length: > 0 } tenant ? tenant : null,
        };
        if (request.Headers["X-Amz-Client-Context"].ToString() is { Length: > 0 } clientContext)
        {
            try
            {
                options.ClientContextJson = Encoding.UTF8.GetString(Convert.FromBase64String(clientContext));
            }
            catch (FormatException)
            {
                throw new LambdaServiceException(400, "InvalidRequestContentException", "Client context must be a valid Base64-encoded JSON object.");
            }
        }

        var requestId = LambdaShim.NewRequestId();
        var tail = string.Equals(request.Headers["X-Amz-Log-Type"].ToString(), "Tail", StringComparison.OrdinalIgnoreCase);
        if (streamed)
        {
            var forwarder = new EventStreamForwarder(context, shim.FunctionVersion, requestId);
            var streamedResult = await shim.InvokeCoreAsync(payload, requestId, options, context.RequestAborted, forwarder).ConfigureAwait(false);
            await forwarder.FinishAsync(streamedResult, tail ? LogTail(streamedResult.Logs) : null).ConfigureAwait(false);
            return;
        }

        var result = await shim.InvokeCoreAsync(payload, requestId, options, context.RequestAborted).ConfigureAwait(false);

        var response = context.Response;
        response.StatusCode = 200;
        response.Headers["X-Amz-Executed-Version"] = shim.FunctionVersion;
        response.Headers["x-amzn-RequestId"] = result.RequestId;
        if (!result.IsSuccess)
        {
            response.Headers["X-Amz-Function-Error"] = "Unhandled";
        }

        if (tail)
        {
            response.Headers["X-Amz-Log-Result"] = LogTail(result.Logs);
        }

        response.ContentType = result.IsSuccess ? result.ContentType ?? "application/json" : "application/json";
        response.ContentLength = result.Payload.Length;
        await response.Body.WriteAsync(result.Payload, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Base64 of the last 4 KB of the log (cut on a UTF-8 character boundary).</summary>
    internal static string LogTail(string logs)
    {
        var bytes = Encoding.UTF8.GetBytes(logs);
        var start = Math.Max(0, bytes.Length - 4096);
        while (start < bytes.Length && start > 0 && (bytes[start] & 0xC0) == 0x80)
        {
            start++;
        }

        return Convert.ToBase64String(bytes, start, bytes.Length - start);
    }

    /// <summary>The function <paramref name="name"/> addresses: its name, <c>name:qualifier</c>, a full ARN or a partial ARN (<c>account:function:name</c>).</summary>
    private LambdaShim? Find(string name, ref string qualifier)
    {
        var parts = name.Split(':');
        string functionName;
        string? fromName = null;
        if (parts.Length >= 7 && parts[0] == "arn")
        {
            functionName = parts[6];
            fromName = parts.Length > 7 ? parts[7] : null;
        }
        else if (parts.Length >= 3 && parts[1] == "function")
        {
            functionName = parts[2];
            fromName = parts.Length > 3 ? parts[3] : null;
        }
        else
        {
            functionName = parts[0];
            fromName = parts.Length > 1 ? parts[1] : null;
        }

        if (fromName is not null)
        {
            if (qualifier.Length > 0 && qualifier != fromName)
            {
                return null;
            }

            qualifier = fromName;
        }

        foreach (var shim in _functions)
        {
            if (shim.Answers(functionName) && (qualifier.Length == 0 || qualifier == "$LATEST" || qualifier == shim.FunctionVersion))
            {
                return shim;
            }
        }

        return null;
    }

    private string Describe(string name, string qualifier)
    {
        var someArn = _functions[0].FunctionArn;
        var arn = name.StartsWith("arn:", StringComparison.Ordinal) ? name : $"{someArn.Substring(0, someArn.LastIndexOf(':') + 1)}{name}";
        return qualifier.Length > 0 && !arn.EndsWith(":" + qualifier, StringComparison.Ordinal) ? $"{arn}:{qualifier}" : arn;
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, int limit, string invocationType, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        long total = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total <= limit + 1L)
                {
                    buffer.Write(chunk, 0, read);
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        if (total > limit)
        {
            throw LambdaShim.TooLarge(total, limit, invocationType);
        }

        return buffer.ToArray();
    }

    private static async Task WriteServiceErrorAsync(HttpContext context, int status, string code, string message)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-ErrorType"] = code;
        context.Response.Headers["x-amzn-RequestId"] = LambdaShim.NewRequestId();
        using var json = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(json, PlainJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("Type", "User");
            writer.WriteString("Message", message);
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(json.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }
}
