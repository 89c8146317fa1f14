using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace LambdaAnalyzers.Runtime.Benchmarks;

/// <summary>
/// <see cref="Invocations"/> invokes per operation over the same in-process Runtime API, so every result
/// is per invoke. The baseline is the least a hand-written loop does (GET next, read the payload and the
/// request id, POST the payload back); <see cref="LambdaRuntimeLoop"/> is the loop generated bootstraps
/// run, with an echo handler. The difference between the two is what the loop costs per invoke.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OverheadConfig))]
public class LoopOverheadBenchmarks
{
    /// <summary>Invokes per operation: connection set-up, and the runtime loop's final aborted <c>next</c>, spread over this many.</summary>
    public const int Invocations = 1000;

    private const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";

    private static readonly TimeSpan LoopTimeLimit = TimeSpan.FromMinutes(1);

    private static readonly byte[] Payload = "{\"name\":\"benchmark\",\"values\":[1,2,3,4,5]}"u8.ToArray();

    private static readonly LambdaInvocationHandler Echo = static (invocation, response, cancellationToken) => response.WriteAsync(invocation.Payload, cancellationToken);

    private RuntimeApiServer? _server;

    [GlobalSetup]
    public async Task SetupAsync() => _server = await RuntimeApiServer.StartAsync(Payload, Invocations);

    [GlobalCleanup]
    public async Task CleanupAsync() => await _server!.DisposeAsync();

    /// <summary>A raw HttpClient next/response loop: one client (one connection) for the round, as the runtime loop has.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Invocations)]
    public async Task RawHttpClientLoop()
    {
        var server = _server!;
        server.BeginRound(Invocations, stopAfterLimit: null);
        using (var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://{server.Endpoint}/2018-06-01/"),
            Timeout = Timeout.InfiniteTimeSpan,
        })
        {
            for (var i = 0; i < Invocations; i++)
            {
                byte[] payload;
                string requestId;
                using (var next = await http.GetAsync("runtime/invocation/next").ConfigureAwait(false))
                {
                    next.EnsureSuccessStatusCode();
                    requestId = next.Headers.GetValues(RequestIdHeader).First();
                    payload = await next.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                }

                using var content = new ByteArrayContent(payload);
                using var response = await http.PostAsync($"runtime/invocation/{requestId}/response", content).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
            }
        }

        Verify(server);
    }

    /// <summary>
    /// <c>LambdaRuntime.RunAsync</c> with an echo handler. After the last response the loop asks for one more
    /// invocation; the server then cancels the loop's token, which aborts that <c>next</c> and ends the loop.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Invocations)]
    public async Task LambdaRuntimeLoop()
    {
        var server = _server!;
        using var stop = new CancellationTokenSource();
        server.BeginRound(Invocations, stop);
        // The time limit only turns a loop that no longer ends on cancellation into an error instead of a hang.
        await LambdaRuntime.RunAsync(Echo, LambdaResponseMode.Buffered, server.Endpoint, TimeProvider.System, stop.Token).WaitAsync(LoopTimeLimit).ConfigureAwait(false);
        Verify(server);
    }

    private static void Verify(RuntimeApiServer server)
    {
        if (server.Responses != Invocations || server.BadResponses != 0)
        {
            throw new InvalidOperationException($"Expected {Invocations} echoed responses, got {server.Responses} ({server.BadResponses} not the payload).");
        }
    }
}
