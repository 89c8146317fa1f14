using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LambdaAnalyzers.Shim.Http;

/// <summary>
/// One listener's request pipeline: read the request, answer CORS preflights, pick the route, write the event,
/// invoke the function (within the API's integration timeout), and turn the outcome into the HTTP response.
/// </summary>
internal sealed class HttpListenerHandler
{
    /// <summary>The load balancer refuses function responses above 1 MB.</summary>
    private const int MaxLoadBalancerResponseBytes = 1024 * 1024;

    private readonly RouteTable _routes;
    private readonly IDictionary<string, LambdaShim> _functions;
    private readonly TimeProvider _clock;

    public HttpListenerHandler(RouteTable routes, IDictionary<string, LambdaShim> functions, TimeProvider clock)
    {
        _routes = routes;
        _functions = functions;
        _clock = clock;
    }

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await HandleCoreAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        var time = _clock.GetUtcNow();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var question = rawTarget.IndexOf('?');
        var rawPath = question >= 0 ? rawTarget.Substring(0, question) : rawTarget;
        var rawQuery = question >= 0 ? rawTarget.Substring(question + 1) : string.Empty;
        var method = context.Request.Method;
        var format = _routes.Routes[0].Format;

        var (match, stage) = Match(method, rawPath);
        var limit = GatewayAnswers.MaxRequestBodyBytes(match?.Route.Format ?? format);
        var body = await ReadBodyAsync(context.Request.Body, limit, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(context, GatewayAnswers.TooLarge(match?.Route.Format ?? format)).ConfigureAwait(false);
            return;
        }

        var request = new IncomingRequest
        {
            Method = method,
            RawPath = rawPath,
            RawQuery = rawQuery,
            Headers = context.Request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? string.Empty))).ToList(),
            Body = body,
            SourceIp = context.Connection.RemoteIpAddress?.MapToIPv4().ToString() ?? "127.0.0.1",
            Protocol = context.Request.Protocol,
            LocalPort = context.Connection.LocalPort,
            Time = time,
            TraceId = LambdaShim.NewTraceId(_clock),
        };

        if (Preflight(request, rawPath) is { } preflight)
        {
            await WriteAsync(context, preflight).ConfigureAwait(false);
            return;
        }

        if (match is null)
        {
            await WriteAsync(context, GatewayAnswers.NoRoute(format)).ConfigureAwait(false);
            return;
        }

        var route = match.Route;
        var shim = _functions[route.FunctionName];
        var lambdaRequestId = LambdaShim.NewRequestId();
        var gatewayRequestId = route.Format switch
        {
            HttpEventFormat.FunctionUrl => lambdaRequestId,
            HttpEventFormat.HttpApiV1 or HttpEventFormat.HttpApiV2 => ProxyEvents.RandomId(15) + "=",
            _ => Guid.NewGuid().ToString(),
        };
        var arn = shim.FunctionArn.Split(':');
        var eventContext = new EventContext(
            request, match, stage, route.ApiId ?? DefaultApiId(route), gatewayRequestId, Region: arn[3], AccountId: arn[4],
            TargetGroupArn: $"arn:aws:elasticloadbalancing:{arn[3]}:{arn[4]}:targetgroup/{route.FunctionName}/{ProxyEvents.RandomId(16)}");
        var payload = ProxyEvents.Write(eventContext);
        var options = new InvokeOptions { TraceId = request.TraceId };
        KeyValuePair<string, string>? requestIdHeader = route.Format is HttpEventFormat.Alb or HttpEventFormat.AlbMultiValueHeaders
            ? null
            : new KeyValuePair<string, string>(GatewayAnswers.RequestIdHeader(route.Format), gatewayRequestId);

        if (route.Format == HttpEventFormat.FunctionUrl && route.ResponseStreaming)
        {
            await StreamAsync(context, request, route, shim, payload, lambdaRequestId, options, requestIdHeader).ConfigureAwait(false);
            return;
        }

        var answer = await InvokeAsync(route, shim, payload, lambdaRequestId, options, context.RequestAborted).ConfigureAwait(false);
        if (route.Cors is { } cors)
        {
            answer = CorsRules.Apply(route.Format, cors, request, answer);
        }

        if (requestIdHeader is { } id)
        {
            answer = answer with { Headers = answer.Headers.Append(id).ToList() };
        }

        await WriteAsync(context, answer).ConfigureAwait(false);
    }

    /// <summary>The function's answer as the route's front end turns it into HTTP, or the front end's own error answer.</summary>
    private async Task<HttpAnswer> InvokeAsync(HttpRoute route, LambdaShim shim, byte[] payload, string requestId, InvokeOptions options, CancellationToken cancellationToken)
    {
        byte[] validated;
        try
        {
            validated = LambdaShim.ValidatePayload(payload, LambdaShim.MaxSyncRequestBytes, "RequestResponse");
        }
        catch (LambdaServiceException)
        {
            return GatewayAnswers.TooLarge(route.Format);
        }

        var invoke = shim.InvokeCoreAsync(validated, requestId, options, CancellationToken.None);
        if ((route.IntegrationTimeout ?? GatewayAnswers.DefaultIntegrationTimeout(route.Format)) is { } timeout)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var elapsed = Task.Delay(timeout, _clock, timer.Token);
            await Task.WhenAny(invoke, elapsed).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
            if (!invoke.IsCompleted)
            {
                // The gateway gives up; the function runs on to its own outcome, as it does on Lambda.
                _ = invoke.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
                return GatewayAnswers.IntegrationTimeout(route.Format);
            }
        }

        var result = await invoke.ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return GatewayAnswers.FunctionError(route.Format);
        }

        if (route.Format is HttpEventFormat.Alb or HttpEventFormat.AlbMultiValueHeaders && result.Payload.Length > MaxLoadBalancerResponseBytes)
        {
            return GatewayAnswers.FunctionError(route.Format);
        }

        return ProxyResponses.Read(route.Format, result.Payload) ?? GatewayAnswers.Malformed(route.Format);
    }

    /// <summary>A function URL in <c>RESPONSE_STREAM</c> mode: the response goes to the client while the runtime posts it.</summary>
    private static async Task StreamAsync(
        HttpContext context, IncomingRequest request, HttpRoute route, LambdaShim shim, byte[] payload, string requestId, InvokeOptions options, KeyValuePair<string, string>? requestIdHeader)
    {
        byte[] validated;
        try
        {
            validated = LambdaShim.ValidatePayload(payload, LambdaShim.MaxSyncRequestBytes, "RequestResponse");
        }
        catch (LambdaServiceException)
        {
            await WriteAsync(context, GatewayAnswers.TooLarge(route.Format)).ConfigureAwait(false);
            return;
        }

        var forwarder = new StreamForwarder(context, answer =>
        {
            if (route.Cors is { } cors)
            {
                answer = CorsRules.Apply(route.Format, cors, request, answer);
            }

            return requestIdHeader is { } id ? answer with { Headers = answer.Headers.Append(id).ToList() } : answer;
        });
        var result = await shim.InvokeCoreAsync(validated, requestId, options, CancellationToken.None, forwarder).ConfigureAwait(false);
        await forwarder.FinishAsync(result).ConfigureAwait(false);
    }

    /// <summary>The route for a request, trying the path without a stage prefix first.</summary>
    private (RouteMatch? Match, string Stage) Match(string method, string rawPath)
    {
        foreach (var stage in _routes.Routes.Select(StageOf).Where(s => s != HttpRoute.DefaultRoute).Distinct(StringComparer.Ordinal))
        {
            var prefix = "/" + stage;
            if (rawPath == prefix || rawPath.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                var stripped = rawPath.Length == prefix.Length ? "/" : rawPath.Substring(prefix.Length);
                if (_routes.Match(method, stripped) is { } staged && StageOf(staged.Route) == stage)
                {
                    return (staged, stage);
                }
            }
        }

        var match = _routes.Match(method, rawPath);
        return (match, match is null ? HttpRoute.DefaultRoute : StageOf(match.Route));
    }

    private HttpAnswer? Preflight(IncomingRequest request, string rawPath)
    {
        if (!string.Equals(request.Method, "OPTIONS", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // An explicit OPTIONS route of an API without CORS gets the request; otherwise the API's CORS answers it.
        var methods = _routes.Routes.Select(r => r.Method).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var candidate in methods.Prepend("OPTIONS"))
        {
            var (match, _) = Match(candidate, rawPath);
            if (match?.Route.Cors is { } cors)
            {
                var routeMethods = _routes.Routes.Where(r => r.Path == match.Route.Path).Select(r => r.Method);
                return CorsRules.Preflight(match.Route.Format, cors, request, routeMethods);
            }

            if (match is not null && string.Equals(candidate, "OPTIONS", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return null;
    }

    private static string StageOf(HttpRoute route) =>
        route.Stage ?? (route.Format == HttpEventFormat.RestApi ? "Prod" : HttpRoute.DefaultRoute);

    private static string DefaultApiId(HttpRoute route) =>
        route.Format == HttpEventFormat.FunctionUrl ? "local" + route.FunctionName.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal) : "localapi";

    /// <summary>The whole body, or null when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Writes a whole answer; a header the HTTP server refuses (a newline in a value) makes it a malformed response.</summary>
    internal static async Task WriteAsync(HttpContext context, HttpAnswer answer)
    {
        StartResponse(context, answer);
        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
    }

    internal static void StartResponse(HttpContext context, HttpAnswer answer)
    {
        var response = context.Response;
        response.StatusCode = answer.StatusCode;
        if (answer.ReasonPhrase is { } reason && context.Features.Get<IHttpResponseFeature>() is { } feature)
        {
            feature.ReasonPhrase = reason;
        }

        foreach (var (name, value) in answer.Headers)
        {
            response.Headers.Append(name, value);
        }
    }
}
