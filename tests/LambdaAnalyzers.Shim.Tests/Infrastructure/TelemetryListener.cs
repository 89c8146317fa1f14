using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Internal;
using Microsoft.AspNetCore.Http;

namespace LambdaAnalyzers.Shim.Tests.Infrastructure;

/// <summary>A telemetry listener on 127.0.0.1 that keeps every batch the Telemetry API delivers to it.</summary>
internal sealed class TelemetryListener : IAsyncDisposable
{
    private readonly List<JsonElement[]> _batches = new();
    private KestrelHost? _host;

    public int Port => _host!.Port;

    /// <summary>The destination URI to subscribe with (the host name Lambda requires).</summary>
    public string Uri => $"http://sandbox.localdomain:{Port}/telemetry";

    /// <summary>How many deliveries to refuse (500) before accepting them.</summary>
    public int FailFirst { get; set; }

    /// <summary>How many deliveries were refused.</summary>
    public int Refused { get; private set; }

    public IReadOnlyList<JsonElement[]> Batches
    {
        get
        {
            lock (_batches)
            {
                return _batches.ToArray();
            }
        }
    }

    public IReadOnlyList<JsonElement> Events => Batches.SelectMany(b => b).ToArray();

    public IReadOnlyList<string> Types => Events.Select(e => e.GetProperty("type").GetString()!).ToArray();

    public JsonElement Single(string type) => Events.Single(e => e.GetProperty("type").GetString() == type);

    public static async Task<TelemetryListener> StartAsync()
    {
        var listener = new TelemetryListener();
        listener._host = await KestrelHost.StartAsync(listener.HandleAsync, 0, TimeProvider.System, CancellationToken.None);
        return listener;
    }

    public async Task<bool> WaitForAsync(Func<TelemetryListener, bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    public ValueTask DisposeAsync() => _host?.DisposeAsync() ?? default;

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        lock (_batches)
        {
            if (Refused < FailFirst)
            {
                Refused++;
                context.Response.StatusCode = 500;
                return;
            }

            using var document = JsonDocument.Parse(buffer.ToArray());
            _batches.Add(document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray());
        }

        context.Response.StatusCode = 200;
    }
}
