using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LambdaAnalyzers.Shim.Http;

/// <summary>
/// CORS as each front end applies it (docs/platform/http-events.md, "CORS"). A REST API's SAM <c>Cors</c> adds an
/// <c>OPTIONS</c> method that answers preflights; the function's own responses are left alone. An HTTP API's
/// <c>CorsConfiguration</c> and a function URL's <c>Cors</c> answer preflights themselves and put the configured
/// headers on every response to a cross-origin request, dropping the ones the function set.
/// </summary>
internal static class CorsRules
{
    /// <summary>A preflight answer, or null when the request is not one this API answers itself.</summary>
    public static HttpAnswer? Preflight(HttpEventFormat format, HttpCors cors, IncomingRequest request, IEnumerable<string> routeMethods)
    {
        if (!string.Equals(request.Method, "OPTIONS", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var origin = request.Header("origin");
        var headers = new List<KeyValuePair<string, string>>();
        if (format == HttpEventFormat.RestApi)
        {
            // The mock integration SAM adds answers every OPTIONS request with the configured values.
            var methods = cors.AllowMethods.Count > 0 ? cors.AllowMethods : routeMethods.Append("OPTIONS").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            headers.Add(new("Access-Control-Allow-Origin", string.Join(",", cors.AllowOrigins)));
            headers.Add(new("Access-Control-Allow-Methods", string.Join(",", methods)));
            AddCommon(headers, cors, preflight: true);
            return new HttpAnswer(200, headers, Array.Empty<byte>());
        }

        if (origin is null || request.Header("access-control-request-method") is null)
        {
            return null;
        }

        if (AllowedOrigin(cors, origin) is { } allowed)
        {
            headers.Add(new("Access-Control-Allow-Origin", allowed));
            if (cors.AllowMethods.Count > 0)
            {
                headers.Add(new("Access-Control-Allow-Methods", string.Join(",", cors.AllowMethods)));
            }

            AddCommon(headers, cors, preflight: true);
        }

        return new HttpAnswer(204, headers, Array.Empty<byte>());
    }

    /// <summary>The response to a cross-origin request with the API's CORS headers in place of the function's (HTTP API, function URL).</summary>
    public static HttpAnswer Apply(HttpEventFormat format, HttpCors cors, IncomingRequest request, HttpAnswer answer)
    {
        if (format == HttpEventFormat.RestApi || request.Header("origin") is not { } origin)
        {
            return answer;
        }

        var headers = answer.Headers.Where(h => !h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToList();
        if (AllowedOrigin(cors, origin) is { } allowed)
        {
            headers.Add(new("Access-Control-Allow-Origin", allowed));
            AddCommon(headers, cors, preflight: false);
        }

        return answer with { Headers = headers };
    }

    private static string? AllowedOrigin(HttpCors cors, string origin)
    {
        if (cors.AllowOrigins.Contains("*"))
        {
            return cors.AllowCredentials ? origin : "*";
        }

        return cors.AllowOrigins.FirstOrDefault(o => string.Equals(o.TrimEnd('/'), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)) is not null ? origin : null;
    }

    private static void AddCommon(List<KeyValuePair<string, string>> headers, HttpCors cors, bool preflight)
    {
        if (preflight && cors.AllowHeaders.Count > 0)
        {
            headers.Add(new("Access-Control-Allow-Headers", string.Join(",", cors.AllowHeaders)));
        }

        if (preflight && cors.MaxAgeSeconds is { } maxAge)
        {
            headers.Add(new("Access-Control-Max-Age", maxAge.ToString(CultureInfo.InvariantCulture)));
        }

        if (!preflight && cors.ExposeHeaders.Count > 0)
        {
            headers.Add(new("Access-Control-Expose-Headers", string.Join(",", cors.ExposeHeaders)));
        }

        if (cors.AllowCredentials)
        {
            headers.Add(new("Access-Control-Allow-Credentials", "true"));
        }
    }
}
