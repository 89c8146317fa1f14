using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Tests.Infrastructure;

/// <summary>A deliberately small HTTP/1.1 client over a socket, so conformance tests speak the wire protocol as docs/platform/runtime-api.md describes it.</summary>
internal static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);

        public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
    }

    public static Task<Response> GetAsync(string endpoint, string path, CancellationToken cancellationToken = default) =>
        SendAsync(endpoint, "GET", path, null, null, cancellationToken: cancellationToken);

    public static Task<Response> PostAsync(string endpoint, string path, byte[]? body, IDictionary<string, string>? headers = null, CancellationToken cancellationToken = default) =>
        SendAsync(endpoint, "POST", path, headers, body ?? Array.Empty<byte>(), cancellationToken: cancellationToken);

    public static Task<Response> PostAsync(string endpoint, string path, string body, IDictionary<string, string>? headers = null) =>
        PostAsync(endpoint, path, Encoding.UTF8.GetBytes(body), headers);

    /// <summary>Sends a request; with <paramref name="chunks"/> the body is chunked and <paramref name="trailers"/> follow it.</summary>
    public static async Task<Response> SendAsync(
        string endpoint, string method, string path, IDictionary<string, string>? headers, byte[]? body,
        IReadOnlyList<byte[]>? chunks = null, IDictionary<string, string>? trailers = null, CancellationToken cancellationToken = default)
    {
        if (chunks is not null)
        {
            await using var upload = await ChunkedUpload.OpenAsync(endpoint, method, path, headers, trailers?.Keys, cancellationToken);
            foreach (var chunk in chunks)
            {
                await upload.WriteAsync(chunk);
            }

            return await upload.FinishAsync(trailers);
        }

        using var client = await ConnectAsync(endpoint, cancellationToken);
        var stream = client.GetStream();
        var head = Head(endpoint, method, path, headers);
        if (body is not null)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        if (body is not null)
        {
            await stream.WriteAsync(body, cancellationToken);
        }

        await stream.FlushAsync(cancellationToken);
        return await ReadResponseAsync(stream, cancellationToken);
    }

    /// <summary>A chunked request body written piece by piece, so a test decides what the server has seen at each point.</summary>
    public sealed class ChunkedUpload : IAsyncDisposable
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly CancellationToken _cancellationToken;

        private ChunkedUpload(TcpClient client, CancellationToken cancellationToken)
        {
            _client = client;
            _stream = client.GetStream();
            _cancellationToken = cancellationToken;
        }

        /// <summary>Sends the request head (with <c>Transfer-Encoding: chunked</c>, and <c>Trailer</c> naming <paramref name="trailerNames"/>).</summary>
        public static async Task<ChunkedUpload> OpenAsync(
            string endpoint, string method, string path, IDictionary<string, string>? headers, IEnumerable<string>? trailerNames = null, CancellationToken cancellationToken = default)
        {
            var upload = new ChunkedUpload(await ConnectAsync(endpoint, cancellationToken), cancellationToken);
            var head = Head(endpoint, method, path, headers);
            head.Append("Transfer-Encoding: chunked\r\n");
            if (trailerNames is not null)
            {
                head.Append("Trailer: ").Append(string.Join(", ", trailerNames)).Append("\r\n");
            }

            head.Append("\r\n");
            await upload._stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
            await upload._stream.FlushAsync(cancellationToken);
            return upload;
        }

        /// <summary>Sends one chunk now.</summary>
        public async Task WriteAsync(byte[] chunk)
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"), _cancellationToken);
            await _stream.WriteAsync(chunk, _cancellationToken);
            await _stream.WriteAsync("\r\n"u8.ToArray(), _cancellationToken);
            await _stream.FlushAsync(_cancellationToken);
        }

        /// <summary>Ends the body (with <paramref name="trailers"/>) and reads the response.</summary>
        public async Task<Response> FinishAsync(IDictionary<string, string>? trailers = null)
        {
            var end = new StringBuilder("0\r\n");
            if (trailers is not null)
            {
                foreach (var pair in trailers)
                {
                    end.Append(pair.Key).Append(": ").Append(pair.Value).Append("\r\n");
                }
            }

            end.Append("\r\n");
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(end.ToString()), _cancellationToken);
            await _stream.FlushAsync(_cancellationToken);
            return await ReadResponseAsync(_stream, _cancellationToken);
        }

        public ValueTask DisposeAsync()
        {
            _client.Dispose();
            return default;
        }
    }

    private static async Task<TcpClient> ConnectAsync(string endpoint, CancellationToken cancellationToken)
    {
        var colon = endpoint.LastIndexOf(':');
        var client = new TcpClient();
        await client.ConnectAsync(endpoint.Substring(0, colon), int.Parse(endpoint.Substring(colon + 1)), cancellationToken);
        return client;
    }

    private static StringBuilder Head(string endpoint, string method, string path, IDictionary<string, string>? headers)
    {
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(endpoint).Append("\r\n");
        head.Append("Connection: close\r\n");
        if (headers is not null)
        {
            foreach (var pair in headers)
            {
                head.Append(pair.Key).Append(": ").Append(pair.Value).Append("\r\n");
            }
        }

        return head;
    }

    private static async Task<Response> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return Parse(buffer.ToArray());
    }

    private static Response Parse(byte[] raw)
    {
        var split = IndexOf(raw, "\r\n\r\n"u8.ToArray(), 0);
        var head = Encoding.ASCII.GetString(raw, 0, split);
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            var c = lines[i].IndexOf(':');
            headers[lines[i].Substring(0, c).Trim().ToLowerInvariant()] = lines[i].Substring(c + 1).Trim();
        }

        var body = raw.AsSpan(split + 4).ToArray();
        if (headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new Response(status, headers, body);
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var output = new MemoryStream();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = IndexOf(body, "\r\n"u8.ToArray(), position);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body, position, lineEnd - position).Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }

            output.Write(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }

        return output.ToArray();
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int start)
    {
        for (var i = start; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        throw new InvalidDataException("Malformed HTTP response");
    }
}
