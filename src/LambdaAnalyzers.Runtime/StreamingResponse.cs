using System;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// One streamed response (<c>Lambda-Runtime-Function-Response-Mode: streaming</c>): a chunked
/// <c>POST …/response</c> written as the handler writes, ended either plainly or, when the handler
/// failed, with the error trailers <c>Lambda-Runtime-Function-Error-Type</c> and
/// <c>Lambda-Runtime-Function-Error-Body</c> (base64 of the error JSON). HttpClient cannot send request
/// trailers, so this request is written over its own connection, which closes after it.
/// </summary>
internal sealed class StreamingResponse : Stream
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly NetworkStream _network;
    private readonly string _endpoint;
    private readonly string _requestId;
    private string _contentType = "application/octet-stream";
    private bool _headSent;
    private bool _completed;

    private StreamingResponse(Socket socket, string endpoint, string requestId)
    {
        _socket = socket;
        _network = new NetworkStream(socket, ownsSocket: false);
        _endpoint = endpoint;
        _requestId = requestId;
    }

    /// <summary>Bytes of payload written so far.</summary>
    public long Written { get; private set; }

    /// <summary>
    /// Connects to the Runtime API. The request line and headers go out with the first bytes (or at the end), so a
    /// handler can still choose the HTTP-integration content type (<see cref="StartHttpIntegrationAsync"/>) first.
    /// </summary>
    public static async Task<StreamingResponse> OpenAsync(string endpoint, string requestId, CancellationToken cancellationToken)
    {
        var (host, port) = SplitEndpoint(endpoint);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            return new StreamingResponse(socket, endpoint, requestId);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Makes this an HTTP-integration response (function URLs, API Gateway response streaming): the content type
    /// <c>application/vnd.awslambda.http-integration-response</c>, then <paramref name="prelude"/> (the JSON with the
    /// status, headers and cookies) and eight NUL bytes ahead of the body.
    /// </summary>
    /// <exception cref="InvalidOperationException">Bytes of the body were written already.</exception>
    public async Task StartHttpIntegrationAsync(ReadOnlyMemory<byte> prelude, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_headSent)
        {
            throw new InvalidOperationException(
                "The HTTP status and headers of a streamed response must come before its first byte: call LambdaHttpResponse.StartAsync before writing to the response stream.");
        }

        _contentType = LambdaHttpResponse.HttpIntegrationContentType;
        var framed = new byte[prelude.Length + LambdaHttpResponse.DelimiterLength];
        prelude.CopyTo(framed);
        await WriteAsync(framed, cancellationToken).ConfigureAwait(false);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_completed;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (buffer.IsEmpty)
        {
            return;
        }

        await SendHeadAsync(cancellationToken).ConfigureAwait(false);
        // An empty chunk would end the body: only non-empty writes become chunks.
        await _network.WriteAsync(Encoding.ASCII.GetBytes(buffer.Length.ToString("X", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken).ConfigureAwait(false);
        await _network.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        await _network.WriteAsync(CrLf, cancellationToken).ConfigureAwait(false);
        Written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Ends the body (with the error trailers when <paramref name="error"/> is given) and returns the Runtime API's status code.</summary>
    public async Task<int> CompleteAsync(ErrorReport? error, CancellationToken cancellationToken)
    {
        await SendHeadAsync(cancellationToken).ConfigureAwait(false);
        _completed = true;
        var end = new StringBuilder("0\r\n");
        if (error is not null)
        {
            end.Append("Lambda-Runtime-Function-Error-Type: ").Append(error.ErrorType).Append("\r\n")
                .Append("Lambda-Runtime-Function-Error-Body: ").Append(Convert.ToBase64String(error.Json)).Append("\r\n");
        }

        end.Append("\r\n");
        await _network.WriteAsync(Encoding.ASCII.GetBytes(end.ToString()), cancellationToken).ConfigureAwait(false);
        return await ReadStatusAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _completed = true;
            _network.Dispose();
            _socket.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task SendHeadAsync(CancellationToken cancellationToken)
    {
        if (_headSent)
        {
            return;
        }

        _headSent = true;
        var head = new StringBuilder()
            .Append("POST /2018-06-01/runtime/invocation/").Append(Uri.EscapeDataString(_requestId)).Append("/response HTTP/1.1\r\n")
            .Append("Host: ").Append(_endpoint).Append("\r\n")
            .Append("Lambda-Runtime-Function-Response-Mode: streaming\r\n")
            .Append("Transfer-Encoding: chunked\r\n")
            .Append("Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n")
            .Append("Content-Type: ").Append(_contentType).Append("\r\n")
            .Append("Connection: close\r\n\r\n");
        await _network.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ReadStatusAsync(CancellationToken cancellationToken)
    {
        // "HTTP/1.1 202 Accepted\r\n…": only the status line matters; the connection closes after it.
        var buffer = new byte[128];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await _network.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            var lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (lineEnd >= 0)
            {
                var parts = text.Substring(0, lineEnd).Split(' ');
                if (parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
                {
                    return status;
                }

                break;
            }
        }

        throw new IOException("The Runtime API closed the connection without a valid status line for a streamed response.");
    }

    private static (string Host, int Port) SplitEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new InvalidOperationException($"{LambdaRuntime.RuntimeApiVariable} is '{endpoint}', not host:port.");
        }

        return (endpoint.Substring(0, colon).Trim('[', ']'), port);
    }
}
