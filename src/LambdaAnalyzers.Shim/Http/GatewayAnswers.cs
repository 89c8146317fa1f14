using System;
using System.Collections.Generic;
using System.Text;

namespace LambdaAnalyzers.Shim.Http;

/// <summary>
/// What each front end answers on its own when the function cannot (docs/platform/http-events.md, "Errors"): a REST
/// API says 502 <c>{"message": "Internal server error"}</c> for a function error or a malformed response and 504 at
/// its integration timeout; an HTTP API 500 <c>{"message":"Internal Server Error"}</c> and 503 at its timeout; a
/// function URL 502; the load balancer its own 502 page.
/// </summary>
internal static class GatewayAnswers
{
    public static HttpAnswer FunctionError(HttpEventFormat format) => format switch
    {
        HttpEventFormat.RestApi => HttpAnswer.Json(502, "{\"message\": \"Internal server error\"}", new KeyValuePair<string, string>("x-amzn-ErrorType", "InternalServerErrorException")),
        HttpEventFormat.HttpApiV1 or HttpEventFormat.HttpApiV2 => HttpAnswer.Json(500, "{\"message\":\"Internal Server Error\"}"),
        HttpEventFormat.FunctionUrl => HttpAnswer.Json(502, "{\"message\":\"Internal Server Error\"}"),
        _ => LoadBalancerPage(502, "Bad Gateway"),
    };

    /// <summary>A response the front end cannot read is answered as a function error.</summary>
    public static HttpAnswer Malformed(HttpEventFormat format) => FunctionError(format);

    public static HttpAnswer IntegrationTimeout(HttpEventFormat format) => format switch
    {
        HttpEventFormat.RestApi => HttpAnswer.Json(504, "{\"message\": \"Endpoint request timed out\"}", new KeyValuePair<string, string>("x-amzn-ErrorType", "InternalServerErrorException")),
        HttpEventFormat.HttpApiV1 or HttpEventFormat.HttpApiV2 => HttpAnswer.Json(503, "{\"message\":\"Service Unavailable\"}"),
        _ => FunctionError(format),
    };

    /// <summary>No route matched: a REST API answers 403 <c>Missing Authentication Token</c>, an HTTP API 404.</summary>
    public static HttpAnswer NoRoute(HttpEventFormat? format) => format switch
    {
        HttpEventFormat.RestApi => HttpAnswer.Json(403, "{\"message\":\"Missing Authentication Token\"}", new KeyValuePair<string, string>("x-amzn-ErrorType", "MissingAuthenticationTokenException")),
        HttpEventFormat.Alb or HttpEventFormat.AlbMultiValueHeaders => LoadBalancerPage(404, "Not Found"),
        _ => HttpAnswer.Json(404, "{\"message\":\"Not Found\"}"),
    };

    public static HttpAnswer TooLarge(HttpEventFormat format) => format switch
    {
        HttpEventFormat.Alb or HttpEventFormat.AlbMultiValueHeaders => LoadBalancerPage(413, "Request Entity Too Large"),
        HttpEventFormat.RestApi => HttpAnswer.Json(413, "{\"message\":\"Request Too Long\"}"),
        _ => HttpAnswer.Json(413, "{\"message\":\"Request Entity Too Large\"}"),
    };

    /// <summary>The largest request body each front end passes on (API Gateway 10 MB, load balancer 1 MB; Lambda's 6 MB invoke limit applies to the event too).</summary>
    public static int MaxRequestBodyBytes(HttpEventFormat format) => format switch
    {
        HttpEventFormat.Alb or HttpEventFormat.AlbMultiValueHeaders => 1024 * 1024,
        HttpEventFormat.FunctionUrl => LambdaShim.MaxSyncRequestBytes,
        _ => 10 * 1024 * 1024,
    };

    /// <summary>The integration timeout each API applies by default.</summary>
    public static TimeSpan? DefaultIntegrationTimeout(HttpEventFormat format) => format switch
    {
        HttpEventFormat.RestApi => TimeSpan.FromSeconds(29),
        HttpEventFormat.HttpApiV1 or HttpEventFormat.HttpApiV2 => TimeSpan.FromSeconds(30),
        _ => null,
    };

    /// <summary>The header that carries the front end's own request id.</summary>
    public static string RequestIdHeader(HttpEventFormat format) => format switch
    {
        HttpEventFormat.HttpApiV1 or HttpEventFormat.HttpApiV2 => "apigw-requestid",
        _ => "x-amzn-RequestId",
    };

    private static HttpAnswer LoadBalancerPage(int status, string reason)
    {
        var html = $"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n</body>\r\n</html>\r\n";
        return new HttpAnswer(status, new[] { new KeyValuePair<string, string>("Content-Type", "text/html"), new KeyValuePair<string, string>("Server", "awselb/2.0") }, Encoding.UTF8.GetBytes(html));
    }
}
