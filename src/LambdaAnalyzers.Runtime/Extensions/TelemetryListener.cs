using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// The HTTP listener a telemetry subscription delivers to: a small HTTP/1.1 server (POST bodies with a
/// Content-Length or chunked, keep-alive) that hands each body to a callback and answers 200 once it returned, or 500
/// when it threw (Lambda then retries). Inside Lambda, where <c>sandbox.localdomain</c> resolves, it listens on every
/// address of the sandbox; elsewhere (under the shim) on 127.0.0.1 only.
/// </summary>
internal sealed class TelemetryListener : IDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxBodyBytes = 16 * 1024 * 1024;
    private readonly TcpListener _listener;
    private readonly Func<ReadOnlyMemory<byte>, ValueTask> _onBody;
    private readonly CancellationTokenSource _stop = new();

    private TelemetryListener(TcpListener listener, Func<ReadOnlyMemory<byte>, ValueTask> onBody)
    {
        _listener = listener;
        _onBody = onBody;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static async Task<TelemetryListener> StartAsync(Func<ReadOnlyMemory<byte>, ValueTask> onBody, CancellationToken cancellationToken)
    {
        var address = await InsideLambdaAsync(cancellationToken).ConfigureAwait(false) ? IPAddress.Any : IPAddress.Loopback;
        var tcp = new TcpListener(address, 0);
        tcp.Start();
        var listener = new TelemetryListener(tcp, onBody);
        _ = Task.Run(listener.AcceptLoopAsync);
        return listener;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    /// <summary>Lambda's sandbox resolves <c>sandbox.localdomain</c>, the host name subscriptions must use.</summary>
    private static async Task<bool> InsideLambdaAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            var addresses = await Dns.GetHostAddressesAsync("sandbox.localdomain", timeout.Token).ConfigureAwait(false);
            return addresses.Length > 0;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var reader = new BufferedReader(stream);
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var head = await reader.ReadHeadAsync(_stop.Token).ConfigureAwait(false);
                    if (head is null)
                    {
                        return;
                    }

                    var (contentLength, chunked, close) = ParseHead(head);
                    var body = chunked
                        ? await reader.ReadChunkedAsync(_stop.Token).ConfigureAwait(false)
                        : await reader.ReadExactAsync(contentLength, _stop.Token).ConfigureAwait(false);
                    var status = "200 OK";
                    try
                    {
                        await _onBody(body).ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        // The platform retries a delivery that fails.
                        status = "500 Internal Server Error";
                    }

                    var response = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\n{(close ? "Connection: close\r\n" : string.Empty)}\r\n");
                    await stream.WriteAsync(response, _stop.Token).ConfigureAwait(false);
                    if (close)
                    {
                        return;
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or InvalidDataException or ObjectDisposedException)
            {
            }
        }
    }

    private static (int ContentLength, bool Chunked, bool Close) ParseHead(string head)
    {
        var contentLength = 0;
        var chunked = false;
        var close = false;
        foreach (var line in head.Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line.Substring(0, colon).Trim();
            var value = line.Substring(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                if (contentLength > MaxBodyBytes)
                {
                    throw new InvalidDataException("Telemetry batch too large.");
                }
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                close = value.Equals("close", StringComparison.OrdinalIgnoreCase);
            }
        }

        return (contentLength, chunked, close);
    }

    /// <summary>Reads HTTP framing from a stream through one buffer.</summary>
    private sealed class BufferedReader
    {
        private readonly Stream _stream;
        private byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public BufferedReader(Stream stream) => _stream = stream;

        /// <summary>The request line and headers, or null when the connection closed between requests.</summary>
        public async Task<string?> ReadHeadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var end = Find("\r\n\r\n"u8);
                if (end >= 0)
                {
                    var head = Encoding.ASCII.GetString(_buffer, _start, end - _start);
                    _start = end + 4;
                    return head;
                }

                if (_end - _start > MaxHeaderBytes)
                {
                    throw new InvalidDataException("Request head too large.");
                }

                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
            }
        }

        public async Task<ReadOnlyMemory<byte>> ReadExactAsync(int count, CancellationToken cancellationToken)
        {
            while (_end - _start < count)
            {
                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new IOException("The connection closed inside a request body.");
                }
            }

            var body = _buffer.AsSpan(_start, count).ToArray();
            _start += count;
            return body;
        }

        public async Task<ReadOnlyMemory<byte>> ReadChunkedAsync(CancellationToken cancellationToken)
        {
            var body = new ArrayBufferWriter<byte>();
            while (true)
            {
                var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
                var size = int.Parse(line.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    // Trailers, if any, end with an empty line.
                    while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                    {
                    }

                    return body.WrittenMemory;
                }

                if (body.WrittenCount + size > MaxBodyBytes)
                {
                    throw new InvalidDataException("Telemetry batch too large.");
                }

                body.Write((await ReadExactAsync(size, cancellationToken).ConfigureAwait(false)).Span);
                await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var end = Find("\r\n"u8);
                if (end >= 0)
                {
                    var line = Encoding.ASCII.GetString(_buffer, _start, end - _start);
                    _start = end + 2;
                    return line;
                }

                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new IOException("The connection closed inside a chunked body.");
                }
            }
        }

        private int Find(ReadOnlySpan<byte> marker)
        {
            var index = _buffer.AsSpan(_start, _end - _start).IndexOf(marker);
            return index < 0 ? -1 : _start + index;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            _end += read;
            return read > 0;
        }
    }
}
