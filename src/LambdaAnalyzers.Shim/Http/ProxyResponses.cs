using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace LambdaAnalyzers.Shim.Http;

/// <summary>An HTTP response the front end sends: status, headers in order (repeats kept), body.</summary>
internal sealed record HttpAnswer(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, string? ReasonPhrase = null)
{
    public static HttpAnswer Json(int status, string json, params KeyValuePair<string, string>[] headers) =>
        new(status, new[] { new KeyValuePair<string, string>("Content-Type", "application/json") }.Concat(headers).ToList(), Encoding.UTF8.GetBytes(json));
}

/// <summary>
/// Turns a function's response into the HTTP response each front end sends, or null when the front end would call
/// it malformed (docs/platform/http-events.md, "Responses"): the 1.0 formats need an object with an integer
/// <c>statusCode</c>; the 2.0 format takes any JSON value without <c>statusCode</c> as a 200 <c>application/json</c>
/// body; the load balancer reads <c>multiValueHeaders</c> only when its target group enables them.
/// </summary>
internal static class ProxyResponses
{
    /// <summary>Headers the front ends compute themselves or do not forward.</summary>
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Connection", "Transfer-Encoding", "Keep-Alive", "Content-Length", "Upgrade" };

    public static HttpAnswer? Read(HttpEventFormat format, ReadOnlySpan<byte> payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            var v2 = format is HttpEventFormat.HttpApiV2 or HttpEventFormat.FunctionUrl;
            if (v2 && (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out _)))
            {
                // The shorthand: any JSON value without a statusCode is the body of a 200 JSON response.
                return new HttpAnswer(200, new[] { new KeyValuePair<string, string>("Content-Type", "application/json") }, payload.ToArray());
            }

            return root.ValueKind == JsonValueKind.Object ? ReadObject(format, root, defaultStatus: null) : null;
        }
    }

    /// <summary>
    /// A response object's status, headers, cookies and body; null when a field has the wrong shape or the status is
    /// missing without a <paramref name="defaultStatus"/> (a streaming prelude defaults to 200).
    /// </summary>
    public static HttpAnswer? ReadObject(HttpEventFormat format, JsonElement root, int? defaultStatus)
    {
        var v2 = format is HttpEventFormat.HttpApiV2 or HttpEventFormat.FunctionUrl;
        int status;
        if (!root.TryGetProperty("statusCode", out _) && defaultStatus is { } fallback)
        {
            status = fallback;
        }
        else if (!TryStatus(root, out status))
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>();
        var multiValueOnly = format == HttpEventFormat.AlbMultiValueHeaders;
        var singleOnly = format is HttpEventFormat.Alb or HttpEventFormat.HttpApiV2 or HttpEventFormat.FunctionUrl;
        if (!multiValueOnly && !ReadSingle(root, headers))
        {
            return null;
        }

        if (!singleOnly && !ReadMulti(root, headers))
        {
            return null;
        }

        if (v2 && root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind != JsonValueKind.Null)
        {
            if (cookies.ValueKind != JsonValueKind.Array || cookies.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
            {
                return null;
            }

            headers.AddRange(cookies.EnumerateArray().Select(c => new KeyValuePair<string, string>("Set-Cookie", c.GetString()!)));
        }

        if (!TryBody(root, out var body))
        {
            return null;
        }

        string? reason = null;
        if (format is HttpEventFormat.Alb or HttpEventFormat.AlbMultiValueHeaders
            && root.TryGetProperty("statusDescription", out var description) && description.ValueKind == JsonValueKind.String)
        {
            // "200 OK": the status code and the reason phrase, one space apart.
            var text = description.GetString()!;
            var space = text.IndexOf(' ');
            reason = space > 0 ? text.Substring(space + 1) : null;
        }

        return new HttpAnswer(status, headers.Where(h => !HopByHop.Contains(h.Key)).ToList(), body, reason);
    }

    private static bool TryStatus(JsonElement root, out int status)
    {
        status = 0;
        if (!root.TryGetProperty("statusCode", out var value))
        {
            return false;
        }

        var ok = value.ValueKind == JsonValueKind.Number ? value.TryGetInt32(out status)
            : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out status);
        return ok && status is >= 100 and <= 599;
    }

    /// <summary><c>headers</c>: one value per name; a name also in <c>multiValueHeaders</c> takes the multi-value list instead.</summary>
    private static bool ReadSingle(JsonElement root, List<KeyValuePair<string, string>> headers)
    {
        if (!root.TryGetProperty("headers", out var single) || single.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (single.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var multi = root.TryGetProperty("multiValueHeaders", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        foreach (var property in single.EnumerateObject())
        {
            if (multi.ValueKind == JsonValueKind.Object && multi.EnumerateObject().Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (Scalar(property.Value) is not { } value)
            {
                return false;
            }

            headers.Add(new(property.Name, value));
        }

        return true;
    }

    private static bool ReadMulti(JsonElement root, List<KeyValuePair<string, string>> headers)
    {
        if (!root.TryGetProperty("multiValueHeaders", out var multi) || multi.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (multi.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in multi.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var item in property.Value.EnumerateArray())
            {
                if (Scalar(item) is not { } value)
                {
                    return false;
                }

                headers.Add(new(property.Name, value));
            }
        }

        return true;
    }

    private static bool TryBody(JsonElement root, out byte[] body)
    {
        body = Array.Empty<byte>();
        if (!root.TryGetProperty("body", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var text = value.GetString()!;
        var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (!base64)
        {
            body = Encoding.UTF8.GetBytes(text);
            return true;
        }

        try
        {
            body = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A header value: strings as they are, numbers and booleans in their JSON text.</summary>
    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };
}
