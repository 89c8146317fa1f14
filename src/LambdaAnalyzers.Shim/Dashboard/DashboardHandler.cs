using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Http;
using Microsoft.AspNetCore.Http;

namespace LambdaAnalyzers.Shim.Dashboard;

/// <summary>
/// The dashboard's HTTP surface: the embedded page (<c>/</c>, <c>/dashboard.js</c>, <c>/dashboard.css</c>) and its API
/// (<c>/api/functions</c>, <c>/api/events</c> as server-sent events, <c>/api/timeline.svg</c>, <c>/api/samples</c>,
/// <c>POST /api/invoke</c>). Requests must name this loopback host (<c>Host: 127.0.0.1:PORT</c> or
/// <c>localhost:PORT</c>), so a page elsewhere cannot reach it through DNS rebinding; invokes must be JSON, which a
/// cross-origin page cannot send without a preflight this server never grants.
/// </summary>
internal sealed class DashboardHandler
{
    private static readonly Dictionary<string, string> StaticFiles = new(StringComparer.Ordinal)
    {
        ["/"] = "index.html",
        ["/index.html"] = "index.html",
        ["/dashboard.js"] = "dashboard.js",
        ["/dashboard.css"] = "dashboard.css",
    };

    private readonly IReadOnlyDictionary<string, LambdaShim> _functions;
    private readonly IReadOnlyList<HttpEndpoint> _endpoints;
    private readonly CancellationTokenSource _stopping = new();

    public DashboardHandler(IReadOnlyDictionary<string, LambdaShim> functions, IReadOnlyList<HttpEndpoint> endpoints)
    {
        _functions = functions;
        _endpoints = endpoints;
    }

    /// <summary>Ends the open event streams (before the server stops).</summary>
    public void Stop() => _stopping.Cancel();

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!IsLoopbackHost(request.Host))
        {
            response.StatusCode = StatusCodes.Status421MisdirectedRequest;
            return;
        }

        var path = request.Path.Value ?? "/";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["Cache-Control"] = "no-store";
        switch (request.Method, path)
        {
            case ("GET", _) when StaticFiles.TryGetValue(path, out var file):
                await WriteResourceAsync(response, "dashboard/" + file, ContentTypeOf(file)).ConfigureAwait(false);
                return;
            case ("GET", "/api/functions"):
                await WriteJsonAsync(response, WriteFunctions).ConfigureAwait(false);
                return;
            case ("GET", "/api/events"):
                await StreamEventsAsync(context).ConfigureAwait(false);
                return;
            case ("GET", "/api/timeline.svg") when Function(request) is { } timeline:
                response.ContentType = "image/svg+xml; charset=utf-8";
                await response.WriteAsync(LambdaTimelineSvg.Render(timeline.Shim.Lifecycle.Events, timeline.Name), context.RequestAborted).ConfigureAwait(false);
                return;
            case ("GET", "/api/samples"):
                await WriteResourceAsync(response, "SampleEvents/index.json", "application/json").ConfigureAwait(false);
                return;
            case ("GET", _) when path.StartsWith("/api/samples/", StringComparison.Ordinal) && SampleEvents.Exists(path.Substring("/api/samples/".Length)):
                await WriteResourceAsync(response, $"SampleEvents/{path.Substring("/api/samples/".Length)}.json", "application/json").ConfigureAwait(false);
                return;
            case ("POST", "/api/invoke") when Function(request) is { } target:
                await InvokeAsync(context, target.Shim).ConfigureAwait(false);
                return;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }
    }

    private static bool IsLoopbackHost(HostString host) =>
        host.Host is "127.0.0.1" or "localhost" or "[::1]";

    private (string Name, LambdaShim Shim)? Function(HttpRequest request) =>
        request.Query["function"].ToString() is { Length: > 0 } name && _functions.TryGetValue(name, out var shim) ? (name, shim) : null;

    private static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };

    private static async Task WriteResourceAsync(HttpResponse response, string name, string contentType)
    {
        await using var stream = typeof(DashboardHandler).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The dashboard resource '{name}' is missing from the assembly.");
        response.ContentType = contentType;
        await stream.CopyToAsync(response.Body).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpResponse response, Action<Utf8JsonWriter> write)
    {
        response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        await response.Body.WriteAsync(buffer.ToArray()).ConfigureAwait(false);
    }

    private void WriteFunctions(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var (name, shim) in _functions)
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("functionName", shim.FunctionName);
            writer.WriteString("arn", shim.FunctionArn);
            writer.WriteString("handler", shim.Handler);
            writer.WriteString("version", shim.FunctionVersion);
            writer.WriteNumber("timeoutSeconds", shim.Timeout.TotalSeconds);
            writer.WriteNumber("memorySizeMB", shim.MemorySizeMB);
            writer.WriteString("mode", shim.Mode.ToString());
            if (shim.Command is { } command)
            {
                writer.WriteString("command", string.Join(" ", command));
            }

            writer.WriteStartArray("routes");
            foreach (var endpoint in _endpoints)
            {
                foreach (var route in endpoint.Routes.Where(r => r.FunctionName == name))
                {
                    writer.WriteStartObject();
                    writer.WriteString("url", endpoint.BaseAddress.ToString());
                    writer.WriteString("routeKey", route.RouteKey);
                    writer.WriteString("format", route.Format.ToString());
                    writer.WriteBoolean("streamed", route.ResponseStreaming);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Every event so far, then each new one, as server-sent events (<c>data: {json}</c>) until the page goes away.</summary>
    private async Task StreamEventsAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        var channel = Channel.CreateUnbounded<(string Function, LambdaLifecycleEvent Event)>(new UnboundedChannelOptions { SingleReader = true });
        var subscriptions = new List<IDisposable>();
        var history = new List<(string, LambdaLifecycleEvent)>();
        try
        {
            foreach (var (name, shim) in _functions)
            {
                subscriptions.Add(shim.Lifecycle.Subscribe(e => channel.Writer.TryWrite((name, e)), out var past));
                history.AddRange(past.Select(e => (name, e)));
            }

            using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            await response.WriteAsync(": lifecycle events\n\n", done.Token).ConfigureAwait(false);
            foreach (var (name, e) in history.OrderBy(h => h.Item2.Time).ThenBy(h => h.Item2.Sequence))
            {
                await WriteEventAsync(response, name, e, done.Token).ConfigureAwait(false);
            }

            await response.Body.FlushAsync(done.Token).ConfigureAwait(false);
            while (await channel.Reader.WaitToReadAsync(done.Token).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    await WriteEventAsync(response, item.Function, item.Event, done.Token).ConfigureAwait(false);
                }

                await response.Body.FlushAsync(done.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string function, LambdaLifecycleEvent e, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        buffer.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("function", function);
            writer.WriteNumber("sequence", e.Sequence);
            writer.WriteString("time", e.Time);
            writer.WriteNumber("environment", e.EnvironmentId);
            writer.WriteString("kind", e.Kind.ToString());
            writer.WriteString("requestId", e.RequestId);
            writer.WriteString("detail", e.Detail);
            if (e.DurationMs is double duration)
            {
                writer.WriteNumber("durationMs", duration);
            }

            if (e.Report is { } report)
            {
                writer.WriteStartObject("report");
                writer.WriteNumber("durationMs", report.DurationMs);
                writer.WriteNumber("billedDurationMs", report.BilledDurationMs);
                writer.WriteNumber("memorySizeMB", report.MemorySizeMB);
                if (report.MaxMemoryUsedMB is int used)
                {
                    writer.WriteNumber("maxMemoryUsedMB", used);
                }

                if (report.InitDurationMs is double init)
                {
                    writer.WriteNumber("initDurationMs", init);
                }

                writer.WriteString("status", report.Status);
                writer.WriteString("errorType", report.ErrorType);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        buffer.Write("\n\n"u8);
        await response.Body.WriteAsync(buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Invokes the function with the request body (JSON) and answers the outcome as JSON.</summary>
    private static async Task InvokeAsync(HttpContext context, LambdaShim shim)
    {
        var request = context.Request;
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        InvocationResult? result = null;
        string? serviceError = null;
        try
        {
            result = await shim.InvokeAsync(body.ToArray(), cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (LambdaServiceException exception)
        {
            serviceError = $"{exception.ErrorCode}: {exception.Message}";
        }

        await WriteJsonAsync(context.Response, writer =>
        {
            writer.WriteStartObject();
            InvocationResultJson.WriteProperties(writer, result, serviceError);
            if (result is not null)
            {
                writer.WriteString("logs", result.Logs);
            }

            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }
}

/// <summary>The sample events shipped in the assembly (the Shim's <c>SampleEvents</c> folder and its <c>index.json</c>).</summary>
internal static class SampleEvents
{
    private static readonly Lazy<HashSet<string>> Names = new(() =>
    {
        using var stream = typeof(SampleEvents).Assembly.GetManifestResourceStream("SampleEvents/index.json")!;
        using var index = JsonDocument.Parse(stream);
        return index.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
    });

    /// <summary>Whether <paramref name="name"/> is one of the index's samples (only those are served).</summary>
    public static bool Exists(string name) => Names.Value.Contains(name);
}
