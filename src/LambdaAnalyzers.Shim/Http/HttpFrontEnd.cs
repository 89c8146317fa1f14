using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Internal;

namespace LambdaAnalyzers.Shim.Http;

/// <summary>Options of <see cref="HttpFrontEnd.StartAsync"/>.</summary>
public sealed class HttpFrontEndOptions
{
    /// <summary>The functions routes name (<see cref="HttpRoute.FunctionName"/>), each a started shim.</summary>
    public IDictionary<string, LambdaShim> Functions { get; } = new Dictionary<string, LambdaShim>(StringComparer.Ordinal);

    /// <summary>The routes. API Gateway and load balancer routes share one listener; each function URL gets its own.</summary>
    public IList<HttpRoute> Routes { get; } = new List<HttpRoute>();

    /// <summary>Port of the first listener on 127.0.0.1 (0: an ephemeral port); the others take ephemeral ports.</summary>
    public int Port { get; set; }

    /// <summary>The clock of request times and integration timeouts.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

/// <summary>One listener of the front end: its base address and the routes it serves.</summary>
/// <param name="Name"><c>api</c>, or <c>url:FUNCTION</c> for a function URL.</param>
/// <param name="BaseAddress"><c>http://127.0.0.1:PORT/</c>.</param>
/// <param name="Routes">The routes it serves.</param>
public sealed record HttpEndpoint(string Name, Uri BaseAddress, IReadOnlyList<HttpRoute> Routes);

/// <summary>
/// A local API Gateway / load balancer / function URL in front of shims: plain HTTP requests (curl, a browser, a
/// front end) become the events each service sends, and the function's response becomes the HTTP response, as
/// docs/platform/http-events.md describes. Listens on 127.0.0.1 only.
/// <code>await using var api = await HttpFrontEnd.StartAsync(options);
/// var response = await new HttpClient().GetAsync(new Uri(api.BaseAddress, "orders/42"));</code>
/// </summary>
public sealed class HttpFrontEnd : IAsyncDisposable
{
    private readonly List<(HttpEndpoint Endpoint, KestrelHost Host)> _listeners = new();

    private HttpFrontEnd()
    {
    }

    /// <summary>Every listener, the API one first.</summary>
    public IReadOnlyList<HttpEndpoint> Endpoints => _listeners.Select(l => l.Endpoint).ToList();

    /// <summary>The first listener's base address.</summary>
    public Uri BaseAddress => _listeners[0].Endpoint.BaseAddress;

    /// <summary>Starts one listener per API (API Gateway and load balancer routes together, each function URL alone).</summary>
    /// <exception cref="ArgumentException">No routes, a route naming an unknown function, or a greedy variable before the last segment.</exception>
    public static async Task<HttpFrontEnd> StartAsync(HttpFrontEndOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Routes.Count == 0)
        {
            throw new ArgumentException("The HTTP front end needs at least one route.", nameof(options));
        }

        foreach (var route in options.Routes)
        {
            if (!options.Functions.ContainsKey(route.FunctionName))
            {
                throw new ArgumentException($"Route '{route.RouteKey}' names the function '{route.FunctionName}', which is not among the front end's functions.", nameof(options));
            }
        }

        var groups = options.Routes
            .GroupBy(r => r.Format == HttpEventFormat.FunctionUrl ? "url:" + r.FunctionName : "api", StringComparer.Ordinal)
            .OrderBy(g => g.Key == "api" ? 0 : 1)
            .ToList();
        var frontEnd = new HttpFrontEnd();
        try
        {
            var port = options.Port;
            foreach (var group in groups)
            {
                var routes = group.ToList();
                var listener = new HttpListenerHandler(new RouteTable(routes), options.Functions, options.TimeProvider);
                var host = await KestrelHost.StartAsync(listener.HandleAsync, port, options.TimeProvider, cancellationToken).ConfigureAwait(false);
                port = 0;
                frontEnd._listeners.Add((new HttpEndpoint(group.Key, new Uri($"http://{host.HostAndPort}/"), routes), host));
            }
        }
        catch
        {
            await frontEnd.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return frontEnd;
    }

    /// <summary>Stops the listeners (the shims stay up: they belong to the caller).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (_, host) in _listeners)
        {
            await host.DisposeAsync().ConfigureAwait(false);
        }

        _listeners.Clear();
    }
}
