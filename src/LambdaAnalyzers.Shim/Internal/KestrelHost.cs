using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>A minimal Kestrel server on 127.0.0.1 running one request delegate.</summary>
internal sealed class KestrelHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _clock;

    private KestrelHost(WebApplication app, int port, TimeProvider clock)
    {
        _app = app;
        Port = port;
        _clock = clock;
    }

    public int Port { get; }

    public string HostAndPort => $"127.0.0.1:{Port}";

    public static async Task<KestrelHost> StartAsync(RequestDelegate handler, int port, TimeProvider clock, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, port);
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = null;
            options.Limits.MinRequestBodyDataRate = null;
            options.Limits.MinResponseDataRate = null;
            options.Limits.KeepAliveTimeout = TimeSpan.FromDays(1);
            options.Limits.MaxRequestHeadersTotalSize = 1024 * 1024;
            options.Limits.MaxRequestLineSize = 64 * 1024;
            options.AllowSynchronousIO = false;
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelHost(app, new Uri(address).Port, clock);
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2), _clock);
        try
        {
            await _app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
