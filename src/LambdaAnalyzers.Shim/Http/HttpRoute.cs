using System;
using System.Collections.Generic;

namespace LambdaAnalyzers.Shim.Http;

/// <summary>
/// The event shape a route sends to its function and the response rules it applies
/// (docs/platform/http-events.md has each format's fields and rules).
/// </summary>
public enum HttpEventFormat
{
    /// <summary>API Gateway REST API, Lambda proxy integration (SAM <c>Api</c> events).</summary>
    RestApi,

    /// <summary>API Gateway HTTP API, payload format version 1.0.</summary>
    HttpApiV1,

    /// <summary>API Gateway HTTP API, payload format version 2.0 (SAM <c>HttpApi</c> events' default).</summary>
    HttpApiV2,

    /// <summary>Application Load Balancer target group of type <c>lambda</c>, single-value headers (the default).</summary>
    Alb,

    /// <summary>Application Load Balancer target group with <c>lambda.multi_value_headers.enabled</c>.</summary>
    AlbMultiValueHeaders,

    /// <summary>A Lambda function URL (the 2.0 payload; buffered or streamed responses).</summary>
    FunctionUrl,
}

/// <summary>
/// One route of the HTTP front end: which requests reach which function, in which event format. A SAM template's
/// <c>Api</c>/<c>HttpApi</c> events and <c>FunctionUrlConfig</c> become routes (<c>SamHttpRoutes</c>), or
/// build them yourself.
/// </summary>
public sealed record HttpRoute
{
    /// <summary>The key of the <see cref="LambdaShim"/> in <see cref="HttpFrontEndOptions.Functions"/> that serves the route.</summary>
    public required string FunctionName { get; init; }

    /// <summary>The event format.</summary>
    public HttpEventFormat Format { get; init; } = HttpEventFormat.HttpApiV2;

    /// <summary>The HTTP method, or <c>ANY</c>.</summary>
    public string Method { get; init; } = AnyMethod;

    /// <summary>
    /// The resource path: literal segments, <c>{name}</c> parameters and a trailing greedy <c>{name+}</c>, or
    /// <c>$default</c> (the catch-all route of an HTTP API; ALB and function URL routes match every path).
    /// </summary>
    public string Path { get; init; } = DefaultRoute;

    /// <summary>
    /// The stage: a REST API's is part of its URL (<c>/Prod/…</c>; the front end also accepts the path without it);
    /// an HTTP API's <c>$default</c> stage has no prefix. Null: <c>Prod</c> for REST APIs, <c>$default</c> for HTTP APIs.
    /// </summary>
    public string? Stage { get; init; }

    /// <summary>The API's id in <c>requestContext.apiId</c> (and the function URL's id).</summary>
    public string? ApiId { get; init; }

    /// <summary>CORS of the API (SAM <c>Cors</c>, <c>CorsConfiguration</c>, <c>FunctionUrlConfig.Cors</c>), or null.</summary>
    public HttpCors? Cors { get; init; }

    /// <summary>A function URL whose invoke mode is <c>RESPONSE_STREAM</c>: the response is streamed to the client as the function writes it.</summary>
    public bool ResponseStreaming { get; init; }

    /// <summary>The API's integration timeout (REST 29 s, HTTP API 30 s by default; SAM <c>TimeoutInMillis</c>); ALB and function URLs have none.</summary>
    public TimeSpan? IntegrationTimeout { get; init; }

    /// <summary>A REST API's binary media types (<c>image/png</c>, <c>image/*</c>, <c>*/*</c>): request bodies of these types arrive base64-encoded.</summary>
    public IReadOnlyList<string> BinaryMediaTypes { get; init; } = Array.Empty<string>();

    /// <summary>Where the route came from (e.g. <c>template.yaml: OrdersFunction.Events.GetOrder</c>), for display.</summary>
    public string? Source { get; init; }

    /// <summary>The method that matches every method.</summary>
    public const string AnyMethod = "ANY";

    /// <summary>The HTTP API route that catches every request no other route matches.</summary>
    public const string DefaultRoute = "$default";

    /// <summary>The route key API Gateway reports (<c>GET /orders/{id}</c>, <c>$default</c>).</summary>
    public string RouteKey => Path == DefaultRoute ? DefaultRoute : $"{Method} {Path}";
}

/// <summary>
/// Cross-origin resource sharing of an API. A REST API only answers preflight requests with it (the function adds
/// the headers to its own responses); HTTP APIs and function URLs answer preflights and add the headers to every
/// cross-origin response, replacing the function's own.
/// </summary>
public sealed record HttpCors
{
    /// <summary>Allowed origins (<c>*</c> for any).</summary>
    public IReadOnlyList<string> AllowOrigins { get; init; } = Array.Empty<string>();

    /// <summary>Allowed methods; empty: a REST API lists its routes' methods.</summary>
    public IReadOnlyList<string> AllowMethods { get; init; } = Array.Empty<string>();

    /// <summary>Allowed request headers.</summary>
    public IReadOnlyList<string> AllowHeaders { get; init; } = Array.Empty<string>();

    /// <summary>Response headers exposed to the page.</summary>
    public IReadOnlyList<string> ExposeHeaders { get; init; } = Array.Empty<string>();

    /// <summary>How long a preflight answer may be cached, in seconds.</summary>
    public int? MaxAgeSeconds { get; init; }

    /// <summary>Whether credentials are allowed.</summary>
    public bool AllowCredentials { get; init; }
}
