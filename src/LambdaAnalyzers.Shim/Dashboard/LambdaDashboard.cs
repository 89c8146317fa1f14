using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Http;
using LambdaAnalyzers.Shim.Internal;

namespace LambdaAnalyzers.Shim.Dashboard;

/// <summary>Options of <see cref="LambdaDashboard.StartAsync"/>.</summary>
public sealed class LambdaDashboardOptions
{
    /// <summary>The functions shown, by name, each a started shim.</summary>
    public IDictionary<string, LambdaShim> Functions { get; } = new Dictionary<string, LambdaShim>(StringComparer.Ordinal);

    /// <summary>HTTP front-end listeners to list beside their functions (<see cref="HttpFrontEnd.Endpoints"/>), if any.</summary>
    public IList<HttpEndpoint> HttpEndpoints { get; } = new List<HttpEndpoint>();

    /// <summary>Port on 127.0.0.1 (0: an ephemeral port).</summary>
    public int Port { get; set; }
}

/// <summary>
/// A web page on 127.0.0.1 showing shims live: each function and its configuration; the timeline of every
/// execution environment (Init, invokes, freezes, resets, shutdowns, cold starts, REPORT figures) updated through
/// server-sent events, with each invoke's log; and a form to invoke a function with a sample or saved event. The
/// page, its script and style are inside this assembly: no CDN, works offline.
/// </summary>
public sealed class LambdaDashboard : IAsyncDisposable
{
    private readonly KestrelHost _host;
    private readonly DashboardHandler _handler;

    private LambdaDashboard(KestrelHost host, DashboardHandler handler)
    {
        _host = host;
        _handler = handler;
    }

    /// <summary>The page's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress => new($"http://{_host.HostAndPort}/");

    /// <summary>Starts the page's server.</summary>
    /// <exception cref="ArgumentException">No functions.</exception>
    public static async Task<LambdaDashboard> StartAsync(LambdaDashboardOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Functions.Count == 0)
        {
            throw new ArgumentException("The dashboard needs at least one function.", nameof(options));
        }

        var handler = new DashboardHandler(
            options.Functions.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), options.HttpEndpoints.ToList());
        var host = await KestrelHost.StartAsync(handler.HandleAsync, options.Port, options.Functions.Values.First().Clock, cancellationToken).ConfigureAwait(false);
        return new LambdaDashboard(host, handler);
    }

    /// <summary>Stops the server (the shims stay up: they belong to the caller).</summary>
    public ValueTask DisposeAsync()
    {
        _handler.Stop();
        return _host.DisposeAsync();
    }
}
