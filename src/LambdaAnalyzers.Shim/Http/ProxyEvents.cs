using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LambdaAnalyzers.Shim.Http;

/// <summary>What an event needs besides the request: the route that matched, the stage and the ids the front end made up.</summary>
internal sealed record EventContext(
    IncomingRequest Request, RouteMatch Match, string Stage, string ApiId, string GatewayRequestId, string Region, string AccountId, string TargetGroupArn);

/// <summary>
/// Writes the event each front end sends for a request, field by field as docs/platform/http-events.md lists them:
/// REST API and HTTP API 1.0 (<c>headers</c> and <c>multiValueHeaders</c>, decoded query values), HTTP API 2.0 and
/// function URLs (lowercase headers joined with commas, <c>cookies</c>, <c>rawQueryString</c>), and the load
/// balancer's (query values left encoded; either single- or multi-value headers).
/// </summary>
internal static class ProxyEvents
{
    public static byte[] Write(EventContext context)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            switch (context.Match.Route.Format)
            {
                case HttpEventFormat.RestApi:
                case HttpEventFormat.HttpApiV1:
                    WriteV1(writer, context);
                    break;
                case HttpEventFormat.HttpApiV2:
                case HttpEventFormat.FunctionUrl:
                    WriteV2(writer, context);
                    break;
                default:
                    WriteAlb(writer, context);
                    break;
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>12/Mar/2020:19:03:58 +0000</c>.</summary>
    public static string RequestTime(DateTimeOffset time) => time.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture);

    /// <summary>A random id of lowercase letters and digits.</summary>
    public static string RandomId(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars);
    }

    private static void WriteV1(Utf8JsonWriter w, EventContext c)
    {
        var request = c.Request;
        var route = c.Match.Route;
        var rest = route.Format == HttpEventFormat.RestApi;
        // HTTP APIs lowercase every header name; a REST API keeps the client's.
        var headers = request.ForwardedHeaders(lowercase: !rest);
        var query = request.RawQueryPairs().Select(p => new KeyValuePair<string, string>(DecodeQuery(p.Key), DecodeQuery(p.Value))).ToList();
        var resource = route.Path == HttpRoute.DefaultRoute ? c.Match.Path : route.Path;

        w.WriteStartObject();
        if (!rest)
        {
            w.WriteString("version", "1.0");
        }

        w.WriteString("resource", resource);
        w.WriteString("path", rest ? Uri.UnescapeDataString(c.Match.Path) : RawPathWithStage(c));
        w.WriteString("httpMethod", request.Method);
        WriteSingle(w, "headers", headers, nullWhenEmpty: true);
        WriteMulti(w, "multiValueHeaders", headers, nullWhenEmpty: true);
        WriteSingle(w, "queryStringParameters", query, nullWhenEmpty: true);
        WriteMulti(w, "multiValueQueryStringParameters", query, nullWhenEmpty: true);
        WriteParameters(w, c.Match.PathParameters, nullWhenEmpty: true);
        w.WriteNull("stageVariables");

        w.WriteStartObject("requestContext");
        w.WriteString("accountId", c.AccountId);
        w.WriteString("apiId", c.ApiId);
        if (!rest)
        {
            w.WriteStartObject("authorizer");
            w.WriteNull("claims");
            w.WriteNull("scopes");
            w.WriteEndObject();
        }

        w.WriteString("domainName", request.HostName);
        w.WriteString("domainPrefix", request.HostName.Split('.')[0]);
        w.WriteString("extendedRequestId", c.GatewayRequestId);
        w.WriteString("httpMethod", request.Method);
        w.WriteStartObject("identity");
        foreach (var name in new[] { "accessKey", "accountId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId" })
        {
            w.WriteNull(name);
        }

        w.WriteString("sourceIp", request.SourceIp);
        w.WriteNull("user");
        WriteStringOrNull(w, "userAgent", request.UserAgent);
        w.WriteNull("userArn");
        w.WriteEndObject();
        w.WriteString("path", rest ? $"/{c.Stage}{c.Match.Path}" : RawPathWithStage(c));
        w.WriteString("protocol", request.Protocol);
        w.WriteString("requestId", c.GatewayRequestId);
        w.WriteString("requestTime", RequestTime(request.Time));
        w.WriteNumber("requestTimeEpoch", request.Time.ToUnixTimeMilliseconds());
        if (rest)
        {
            w.WriteString("resourceId", RandomId(6));
        }
        else
        {
            w.WriteNull("resourceId");
        }

        w.WriteString("resourcePath", resource);
        w.WriteString("stage", c.Stage);
        w.WriteEndObject();

        WriteBody(w, c, nullWhenEmpty: true);
        w.WriteEndObject();
    }

    private static void WriteV2(Utf8JsonWriter w, EventContext c)
    {
        var request = c.Request;
        var url = c.Match.Route.Format == HttpEventFormat.FunctionUrl;
        var all = request.ForwardedHeaders(lowercase: true);
        var cookies = all.Where(h => h.Key == "cookie")
            .SelectMany(h => h.Value.Split(';'))
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .ToList();
        var headers = all.Where(h => h.Key != "cookie").ToList();
        var query = request.RawQueryPairs().Select(p => new KeyValuePair<string, string>(DecodeQuery(p.Key), DecodeQuery(p.Value))).ToList();
        var routeKey = url ? HttpRoute.DefaultRoute : c.Match.Route.RouteKey;
        var rawPath = url ? request.RawPath : RawPathWithStage(c);

        w.WriteStartObject();
        w.WriteString("version", "2.0");
        w.WriteString("routeKey", routeKey);
        w.WriteString("rawPath", rawPath);
        w.WriteString("rawQueryString", request.RawQuery);
        if (cookies.Count > 0)
        {
            w.WriteStartArray("cookies");
            foreach (var cookie in cookies)
            {
                w.WriteStringValue(cookie);
            }

            w.WriteEndArray();
        }

        WriteJoined(w, "headers", headers);
        if (query.Count > 0)
        {
            WriteJoined(w, "queryStringParameters", query);
        }

        w.WriteStartObject("requestContext");
        w.WriteString("accountId", url ? "anonymous" : c.AccountId);
        w.WriteString("apiId", c.ApiId);
        w.WriteString("domainName", request.HostName);
        w.WriteString("domainPrefix", request.HostName.Split('.')[0]);
        w.WriteStartObject("http");
        w.WriteString("method", request.Method);
        w.WriteString("path", rawPath);
        w.WriteString("protocol", request.Protocol);
        w.WriteString("sourceIp", request.SourceIp);
        w.WriteString("userAgent", request.UserAgent ?? string.Empty);
        w.WriteEndObject();
        w.WriteString("requestId", c.GatewayRequestId);
        w.WriteString("routeKey", routeKey);
        w.WriteString("stage", url ? HttpRoute.DefaultRoute : c.Stage);
        w.WriteString("time", RequestTime(request.Time));
        w.WriteNumber("timeEpoch", request.Time.ToUnixTimeMilliseconds());
        w.WriteEndObject();

        if (!url)
        {
            WriteParameters(w, c.Match.PathParameters, nullWhenEmpty: false);
        }

        WriteBody(w, c, nullWhenEmpty: false);
        w.WriteEndObject();
    }

    private static void WriteAlb(Utf8JsonWriter w, EventContext c)
    {
        var request = c.Request;
        var multi = c.Match.Route.Format == HttpEventFormat.AlbMultiValueHeaders;
        var headers = request.ForwardedHeaders(lowercase: true);
        // The load balancer does not decode query parameters.
        var query = request.RawQueryPairs();

        w.WriteStartObject();
        w.WriteStartObject("requestContext");
        w.WriteStartObject("elb");
        w.WriteString("targetGroupArn", c.TargetGroupArn);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("httpMethod", request.Method);
        w.WriteString("path", request.RawPath);
        if (multi)
        {
            WriteMulti(w, "multiValueQueryStringParameters", query, nullWhenEmpty: false);
            WriteMulti(w, "multiValueHeaders", headers, nullWhenEmpty: false);
        }
        else
        {
            WriteSingle(w, "queryStringParameters", query, nullWhenEmpty: false);
            WriteSingle(w, "headers", headers, nullWhenEmpty: false);
        }

        var binary = request.Body.Length > 0 && BodyEncoding.IsBinary(c.Match.Route.Format, request.ContentType, c.Match.Route.BinaryMediaTypes);
        w.WriteString("body", binary ? Convert.ToBase64String(request.Body) : Encoding.UTF8.GetString(request.Body));
        w.WriteBoolean("isBase64Encoded", binary);
        w.WriteEndObject();
    }

    /// <summary>An HTTP API's <c>rawPath</c> keeps a named stage's prefix; the <c>$default</c> stage has none.</summary>
    private static string RawPathWithStage(EventContext c) =>
        c.Stage == HttpRoute.DefaultRoute || c.Match.Route.Format == HttpEventFormat.RestApi ? c.Match.Path : $"/{c.Stage}{c.Match.Path}";

    private static void WriteBody(Utf8JsonWriter w, EventContext c, bool nullWhenEmpty)
    {
        var request = c.Request;
        if (request.Body.Length == 0)
        {
            if (nullWhenEmpty)
            {
                w.WriteNull("body");
            }

            w.WriteBoolean("isBase64Encoded", false);
            return;
        }

        var binary = BodyEncoding.IsBinary(c.Match.Route.Format, request.ContentType, c.Match.Route.BinaryMediaTypes);
        w.WriteString("body", binary ? Convert.ToBase64String(request.Body) : Encoding.UTF8.GetString(request.Body));
        w.WriteBoolean("isBase64Encoded", binary);
    }

    private static void WriteParameters(Utf8JsonWriter w, IReadOnlyDictionary<string, string> parameters, bool nullWhenEmpty)
    {
        if (parameters.Count == 0)
        {
            if (nullWhenEmpty)
            {
                w.WriteNull("pathParameters");
            }

            return;
        }

        w.WriteStartObject("pathParameters");
        foreach (var (name, value) in parameters)
        {
            w.WriteString(name, value);
        }

        w.WriteEndObject();
    }

    /// <summary>One entry per name with its last value (names compared case-insensitively, the first spelling kept).</summary>
    private static void WriteSingle(Utf8JsonWriter w, string property, IReadOnlyList<KeyValuePair<string, string>> pairs, bool nullWhenEmpty)
    {
        if (pairs.Count == 0 && nullWhenEmpty)
        {
            w.WriteNull(property);
            return;
        }

        w.WriteStartObject(property);
        foreach (var group in Group(pairs))
        {
            w.WriteString(group.Name, group.Values[^1]);
        }

        w.WriteEndObject();
    }

    /// <summary>One entry per name with every value in order.</summary>
    private static void WriteMulti(Utf8JsonWriter w, string property, IReadOnlyList<KeyValuePair<string, string>> pairs, bool nullWhenEmpty)
    {
        if (pairs.Count == 0 && nullWhenEmpty)
        {
            w.WriteNull(property);
            return;
        }

        w.WriteStartObject(property);
        foreach (var group in Group(pairs))
        {
            w.WriteStartArray(group.Name);
            foreach (var value in group.Values)
            {
                w.WriteStringValue(value);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>One entry per name with every value joined by commas (the 2.0 format).</summary>
    private static void WriteJoined(Utf8JsonWriter w, string property, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        w.WriteStartObject(property);
        foreach (var group in Group(pairs))
        {
            w.WriteString(group.Name, string.Join(",", group.Values));
        }

        w.WriteEndObject();
    }

    private static IEnumerable<(string Name, List<string> Values)> Group(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var groups = new List<(string Name, List<string> Values)>();
        foreach (var (name, value) in pairs)
        {
            var index = groups.FindIndex(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                groups.Add((name, new List<string> { value }));
            }
            else
            {
                groups[index].Values.Add(value);
            }
        }

        return groups;
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>Percent-decoding of a query name or value (a <c>+</c> stays a <c>+</c>).</summary>
    private static string DecodeQuery(string value) => Uri.UnescapeDataString(value);
}
