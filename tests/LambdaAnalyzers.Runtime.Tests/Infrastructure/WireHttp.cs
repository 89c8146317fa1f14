using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Runtime.Tests;

/// <summary>
/// An HTTP/1.1 client over a socket that sends headers exactly as given (a repeated header stays repeated, a query
/// string stays as typed) and keeps every response header, repeats included, as curl shows them.
/// </summary>
internal static class WireHttp
{
    public sealed record Response(int Status, string Reason, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);

        public IReadOnlyList<string> All(string name) => Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();

        public string? Header(string name) => All(name).LastOrDefault();
    }

    public static async Task<Response> SendAsync(Uri baseAddress, string method, string target, IEnumerable<(string Name, string Value)>? headers = null, byte[]? body = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = client.GetStream();
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(baseAddress.Authority).Append("\r\n");
        head.Append("Connection: close\r\n");
        foreach (var (name, value) in headers ?? Array.Empty<(string, string)>())
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (body is not null)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        if (body is not null)
        {
            await stream.WriteAsync(body);
        }

        var all = new MemoryStream();
        await stream.CopyToAsync(all);
        return Parse(all.ToArray(), method == "HEAD");
    }

    private static Response Parse(byte[] raw, bool head)
    {
        var end = IndexOf(raw, "\r\n\r\n"u8.ToArray(), 0);
        var lines = Encoding.ASCII.GetString(raw, 0, end).Split("\r\n");
        var status = lines[0].Split(' ', 3);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1].Trim())).ToList();
        var rest = raw.AsSpan(end + 4).ToArray();
        var code = int.Parse(status[1], CultureInfo.InvariantCulture);
        byte[] body;
        if (head || code is 204 or 304)
        {
            body = Array.Empty<byte>();
        }
        else if (headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Dechunk(rest);
        }
        else
        {
            body = rest;
        }

        return new Response(code, status.Length > 2 ? status[2] : string.Empty, headers, body);
    }

    private static byte[] Dechunk(byte[] raw)
    {
        var body = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = IndexOf(raw, "\r\n"u8.ToArray(), position);
            var size = int.Parse(Encoding.ASCII.GetString(raw, position, lineEnd - position).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            position = lineEnd + 2;
            if (size == 0)
            {
                return body.ToArray();
            }

            body.Write(raw, position, size);
            position += size + 2;
        }
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

        throw new InvalidDataException("Incomplete HTTP response.");
    }
}
