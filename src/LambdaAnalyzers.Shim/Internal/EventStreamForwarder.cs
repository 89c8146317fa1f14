using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The <c>InvokeWithResponseStream</c> answer: HTTP 200 even when the function fails, <c>PayloadChunk</c> events with
/// the response bytes, then one <c>InvokeComplete</c> event with <c>ErrorCode</c>/<c>ErrorDetails</c> (the function's
/// error type and error JSON) and <c>LogResult</c>. A streamed response goes out chunk by chunk while the runtime posts
/// it, so the caller holds every byte written before a failure, and the error comes after them. A buffered response
/// (a function that does not stream) goes out whole when the invoke ends.
/// </summary>
internal sealed class EventStreamForwarder : IResponseStreamSink
{
    /// <summary>Largest <c>PayloadChunk</c> of a buffered response.</summary>
    private const int PayloadChunkBytes = 32 * 1024;

    private readonly HttpContext _context;
    private readonly string _executedVersion;
    private readonly string _requestId;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _forwarded;
    private bool _finished;

    public EventStreamForwarder(HttpContext context, string executedVersion, string requestId)
    {
        _context = context;
        _executedVersion = executedVersion;
        _requestId = requestId;
    }

    public void Start(string? contentType)
    {
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_finished || chunk.IsEmpty)
            {
                return;
            }

            _forwarded = true;
            BeginIfNeeded();
            await _context.Response.Body.WriteAsync(EventStream.Event("PayloadChunk", "application/octet-stream", chunk.Span), _context.RequestAborted).ConfigureAwait(false);
            await _context.Response.Body.FlushAsync(_context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The caller went away; the function's stream still runs to its end.
            _finished = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends the answer once the invoke has its outcome: the rest of a buffered response, then <c>InvokeComplete</c>.</summary>
    public async Task FinishAsync(InvocationResult result, string? logTail)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            BeginIfNeeded();
            var body = _context.Response.Body;
            if (result.IsSuccess && !_forwarded)
            {
                for (var offset = 0; offset < result.Payload.Length; offset += PayloadChunkBytes)
                {
                    var chunk = result.Payload.AsMemory(offset, Math.Min(PayloadChunkBytes, result.Payload.Length - offset));
                    await body.WriteAsync(EventStream.Event("PayloadChunk", "application/octet-stream", chunk.Span), _context.RequestAborted).ConfigureAwait(false);
                }
            }

            await body.WriteAsync(EventStream.Event("InvokeComplete", "application/json", Completion(result, logTail)), _context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static byte[] Completion(InvocationResult result, string? logTail)
    {
        using var complete = new MemoryStream();
        using (var json = new Utf8JsonWriter(complete, PlainJson.WriterOptions))
        {
            json.WriteStartObject();
            if (!result.IsSuccess)
            {
                json.WriteString("ErrorCode", result.Error?.ErrorType ?? "Unhandled");
                json.WriteString("ErrorDetails", Encoding.UTF8.GetString(result.Payload));
            }

            if (logTail is not null)
            {
                json.WriteString("LogResult", logTail);
            }

            json.WriteEndObject();
        }

        return complete.ToArray();
    }

    private void BeginIfNeeded()
    {
        var response = _context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = 200;
        response.ContentType = "application/vnd.amazon.eventstream";
        response.Headers["X-Amz-Executed-Version"] = _executedVersion;
        response.Headers["x-amzn-RequestId"] = _requestId;
    }
}
