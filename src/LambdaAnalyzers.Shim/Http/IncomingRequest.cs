using System;
using System.Collections.Generic;
using System.Linq;

namespace LambdaAnalyzers.Shim.Http;

/// <summary>
/// A plain HTTP request as the front end received it, before any event format shapes it: method, raw path and query,
/// headers in arrival order with repeats kept, the body bytes, and the connection's facts.
/// </summary>
internal sealed class IncomingRequest
{
    public required string Method { get; init; }

    /// <summary>The path as sent, still percent-encoded.</summary>
    public required string RawPath { get; init; }

    /// <summary>The query string as sent, without <c>?</c> (empty when none).</summary>
    public required string RawQuery { get; init; }

    /// <summary>Header names and values; a repeated header appears once per occurrence.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    public required byte[] Body { get; init; }

    public required string SourceIp { get; init; }

    public required string Protocol { get; init; }

    /// <summary>The port the client connected to (<c>x-forwarded-port</c>).</summary>
    public required int LocalPort { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>The X-Ray trace header the front end adds (<c>x-amzn-trace-id</c>) and passes to the invoke.</summary>
    public required string TraceId { get; init; }

    /// <summary>The <c>Host</c> header without its port.</summary>
    public string HostName
    {
        get
        {
            var host = Header("host") ?? "localhost";
            var colon = host.LastIndexOf(':');
            return colon > 0 && !host.EndsWith(']') ? host.Substring(0, colon) : host;
        }
    }

    public string? ContentType => Header("content-type");

    public string? UserAgent => Header("user-agent");

    /// <summary>The last value of a header (case-insensitive name), or null.</summary>
    public string? Header(string name)
    {
        string? value = null;
        foreach (var header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = header.Value;
            }
        }

        return value;
    }

    /// <summary>The headers an API Gateway or a load balancer adds to every request it forwards.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ForwardedHeaders(bool lowercase)
    {
        string Name(string name) => lowercase ? name.ToLowerInvariant() : name;
        var added = new List<KeyValuePair<string, string>>
        {
            new(Name("X-Amzn-Trace-Id"), TraceId),
            new(Name("X-Forwarded-For"), SourceIp),
            new(Name("X-Forwarded-Port"), LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(Name("X-Forwarded-Proto"), "http"),
        };
        var kept = Headers.Where(h => !added.Any(a => string.Equals(a.Key, h.Key, StringComparison.OrdinalIgnoreCase)));
        return kept.Select(h => lowercase ? new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), h.Value) : h).Concat(added).ToList();
    }

    /// <summary>The query's <c>name=value</c> pairs in order, still percent-encoded; a pair without <c>=</c> has an empty value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RawQueryPairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in RawQuery.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=');
            pairs.Add(equals < 0 ? new(part, string.Empty) : new(part.Substring(0, equals), part.Substring(equals + 1)));
        }

        return pairs;
    }
}
