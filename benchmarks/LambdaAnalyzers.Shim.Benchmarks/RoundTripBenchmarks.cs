using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LambdaAnalyzers.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LambdaAnalyzers.Shim.Benchmarks;

/// <summary>
/// One invoke = caller → shim → Runtime API <c>next</c> → handler (LambdaRuntime loop, in this process) →
/// <c>response</c> → caller: three HTTP exchanges plus the bookkeeping. The baseline is one HTTP exchange
/// with a bare Kestrel echo, so the ratio reads as "cost of an invoke in HTTP round trips".
/// </summary>
[MemoryDiagnoser]
public class RoundTripBenchmarks
{
    private static readonly byte[] Payload = "{\"name\":\"benchmark\",\"values\":[1,2,3,4,5]}"u8.ToArray();

    private WebApplication? _echo;
    private HttpClient? _echoClient;
    private LambdaShim? _shim;
    private HttpClient? _invokeClient;
    private CancellationTokenSource? _loopStop;
    private Task? _loop;

    [Params(1, 8)]
    public int Parallel { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _echo = builder.Build();
        _echo.Run(async context =>
        {
            using var buffer = new System.IO.MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            context.Response.ContentLength = buffer.Length;
            await context.Response.Body.WriteAsync(buffer.ToArray());
        });
        await _echo.StartAsync();
        var address = _echo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _echoClient = new HttpClient { BaseAddress = new Uri(address) };

        _shim = await LambdaShim.StartAsync(new LambdaShimOptions
        {
            Mode = ShimExecutionMode.External,
            FunctionName = "bench",
            Timeout = TimeSpan.FromSeconds(30),
            Concurrency = 1,
            EnableInvokeApi = true,
        });
        // The runtime loop generated bootstraps call, running in this process against the environment's Runtime API.
        Environment.SetEnvironmentVariable(LambdaRuntime.RuntimeApiVariable, _shim.RuntimeApiEndpoints[0]);
        _loopStop = new CancellationTokenSource();
        _loop = Task.Run(() => LambdaRuntime.RunAsync((invocation, response, ct) => response.WriteAsync(invocation.Payload, ct), _loopStop.Token));
        _invokeClient = new HttpClient { BaseAddress = _shim.InvokeApiEndpoint };
        (await _shim.InvokeAsync(Payload)).EnsureSuccess();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _loopStop!.Cancel();
        await _shim!.DisposeAsync();
        try
        {
            await _loop!.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
        }

        await _echo!.DisposeAsync();
        _echoClient!.Dispose();
        _invokeClient!.Dispose();
    }

    [Benchmark(Baseline = true, Description = "bare Kestrel echo (1 HTTP exchange)")]
    public Task KestrelEcho() => Fan(async () =>
    {
        using var response = await _echoClient!.PostAsync("/", new ByteArrayContent(Payload));
        await response.Content.ReadAsByteArrayAsync();
    });

    [Benchmark(Description = "shim InvokeAsync (host API)")]
    public Task ShimHostApi() => Fan(async () => (await _shim!.InvokeAsync(Payload)).EnsureSuccess());

    [Benchmark(Description = "shim Invoke API over HTTP")]
    public Task ShimInvokeApi() => Fan(async () =>
    {
        using var response = await _invokeClient!.PostAsync("/2015-03-31/functions/bench/invocations", new ByteArrayContent(Payload));
        await response.Content.ReadAsByteArrayAsync();
    });

    private Task Fan(Func<Task> call) => Parallel == 1 ? call() : Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => call()));
}
