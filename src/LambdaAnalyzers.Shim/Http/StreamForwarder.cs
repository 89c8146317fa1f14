using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Internal;
using Microsoft.AspNetCore.Http;

namespace LambdaAnalyzers.Shim.Http;

/// <summary>
/// Forwards a streamed function response to an HTTP client while the runtime posts it (a function URL in
/// <c>RESPONSE_STREAM</c> mode). With the content type <c>application/vnd.awslambda.http-integration-response</c> the
/// stream opens with a JSON prelude (<c>statusCode</c>, <c>headers</c>, <c>cookies</c>) and eight NUL bytes: the
/// status and headers go out when the delimiter arrives, then every later byte as it comes. Any other content type is
/// a 200 with that type and the bytes as they are.
/// </summary>
internal sealed class StreamForwarder : IResponseStreamSink
{
    /// <summary>The content type that announces the prelude.</summary>
    public const string HttpIntegrationContentType = "application/vnd.awslambda.http-integration-response";

    private const int DelimiterLength = 8;

    /// <summary>A prelude longer than this is not one (the function forgot the delimiter).</summary>
    private const int MaxPreludeBytes = 64 * 1024;

    private readonly HttpContext _context;
    private readonly Func<HttpAnswer, HttpAnswer> _decorate;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly MemoryStream _prelude = new();
    private string? _contentType;
    private bool _integration;
    private bool _started;
    private bool _finished;
    private bool _malformed;

    public StreamForwarder(HttpContext context, Func<HttpAnswer, HttpAnswer> decorate)
    {
        _context = context;
        _decorate = decorate;
    }

    public void Start(string? contentType)
    {
        _contentType = contentType;
        _integration = BodyEncoding.MediaType(contentType) == HttpIntegrationContentType;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_finished || _malformed)
            {
                return;
            }

            if (_started)
            {
                await SendAsync(chunk).ConfigureAwait(false);
                return;
            }

            if (!_integration)
            {
                await BeginAsync(new HttpAnswer(200, new[] { new KeyValuePair<string, string>("Content-Type", _contentType ?? "application/octet-stream") }, Array.Empty<byte>())).ConfigureAwait(false);
                await SendAsync(chunk).ConfigureAwait(false);
                return;
            }

            _prelude.Write(chunk.Span);
            var buffered = _prelude.GetBuffer().AsMemory(0, (int)_prelude.Length);
            var delimiter = FindDelimiter(buffered.Span);
            if (delimiter < 0)
            {
                _malformed = _prelude.Length > MaxPreludeBytes;
                return;
            }

            if (ParsePrelude(buffered.Span.Slice(0, delimiter)) is not { } head)
            {
                _malformed = true;
                return;
            }

            await BeginAsync(head).ConfigureAwait(false);
            await SendAsync(buffered.Slice(delimiter + DelimiterLength)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away; the function's stream still runs to its end.
            _finished = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends the response once the invoke has its outcome.</summary>
    public async Task FinishAsync(InvocationResult result)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            if (_started)
            {
                // Headers are gone: a failure after the first byte can only end the body early.
                if (!result.IsSuccess)
                {
                    _context.Abort();
                }

                return;
            }

            if (!result.IsSuccess || _malformed)
            {
                await HttpListenerHandler.WriteAsync(_context, _decorate(GatewayAnswers.FunctionError(HttpEventFormat.FunctionUrl))).ConfigureAwait(false);
                return;
            }

            HttpAnswer? answer;
            if (!result.Streamed)
            {
                // A runtime that answered buffered: the 2.0 response rules apply.
                answer = ProxyResponses.Read(HttpEventFormat.FunctionUrl, result.Payload);
            }
            else if (_integration)
            {
                var delimiter = FindDelimiter(result.Payload);
                answer = delimiter < 0 ? null : ParsePrelude(result.Payload.AsSpan(0, delimiter)) is { } head
                    ? head with { Body = result.Payload.AsSpan(delimiter + DelimiterLength).ToArray() }
                    : null;
            }
            else
            {
                answer = new HttpAnswer(200, new[] { new KeyValuePair<string, string>("Content-Type", _contentType ?? "application/octet-stream") }, result.Payload);
            }

            await HttpListenerHandler.WriteAsync(_context, _decorate(answer ?? GatewayAnswers.Malformed(HttpEventFormat.FunctionUrl))).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Where the eight NUL bytes begin, or -1.</summary>
    public static int FindDelimiter(ReadOnlySpan<byte> buffer)
    {
        var run = 0;
        for (var i = 0; i < buffer.Length; i++)
        {
            run = buffer[i] == 0 ? run + 1 : 0;
            if (run == DelimiterLength)
            {
                return i - DelimiterLength + 1;
            }
        }

        return -1;
    }

    /// <summary>The status and headers of a prelude (status 200 when it names none), or null when it is not a JSON object of that shape.</summary>
    public static HttpAnswer? ParsePrelude(ReadOnlySpan<byte> prelude)
    {
        try
        {
            using var document = JsonDocument.Parse(prelude.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return root.ValueKind == JsonValueKind.Object ? ProxyResponses.ReadObject(HttpEventFormat.FunctionUrl, root, defaultStatus: 200) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task BeginAsync(HttpAnswer head)
    {
        _started = true;
        HttpListenerHandler.StartResponse(_context, _decorate(head));
        await _context.Response.StartAsync(_context.RequestAborted).ConfigureAwait(false);
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        await _context.Response.Body.WriteAsync(bytes, _context.RequestAborted).ConfigureAwait(false);
        await _context.Response.Body.FlushAsync(_context.RequestAborted).ConfigureAwait(false);
    }
}
