using System;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// The REPORT line's durations and the one billing rule (docs/platform/lifecycle.md, "Billed duration"), on a fake
/// clock so every figure is exact: the test plays the runtime (external mode) and moves the clock between its calls.
/// </summary>
public sealed class BillingTests
{
    private const string Next = "/2018-06-01/runtime/invocation/next";

    private static async Task Until(Func<bool> condition, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time: " + state?.Invoke());
            await Task.Delay(20);
        }
    }

    private static Task<LambdaShim> StartAsync(FakeTimeProvider clock) => LambdaShim.StartAsync(new LambdaShimOptions
    {
        Mode = ShimExecutionMode.External, FunctionName = "billed", Timeout = TimeSpan.FromSeconds(3), MemorySizeMB = 128, TimeProvider = clock,
    });

    private static string Report(LambdaShim fn) => fn.Environments[0].Trace.Single(l => l.StartsWith("REPORT", StringComparison.Ordinal));

    /// <summary>Runs Init for <paramref name="init"/> on the fake clock: the runtime's first next ends it.</summary>
    private static async Task<RawHttp.Response> InitAsync(LambdaShim fn, FakeTimeProvider clock, TimeSpan init)
    {
        await Until(() => fn.Environments[0].Trace.Any(l => l.StartsWith("INIT_START", StringComparison.Ordinal)));
        await Task.Delay(200);
        clock.Advance(init);
        return await RawHttp.GetAsync(fn.RuntimeApiEndpoints[0], Next).WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<InvocationResult> AnswerAsync(LambdaShim fn, RawHttp.Response next, Task<InvocationResult> invoke)
    {
        var endpoint = fn.RuntimeApiEndpoints[0];
        await RawHttp.PostAsync(endpoint, $"/2018-06-01/runtime/invocation/{next.Header("Lambda-Runtime-Aws-Request-Id")}/response", "1");
        _ = RawHttp.GetAsync(endpoint, Next);
        return await invoke.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_cold_start_bills_Init_plus_the_invoke_rounded_up_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fn = await StartAsync(clock);

        var invoke = fn.InvokeAsync("{}");
        var next = await InitAsync(fn, clock, TimeSpan.FromMilliseconds(46.24));
        clock.Advance(TimeSpan.FromMilliseconds(1.65));
        var result = await AnswerAsync(fn, next, invoke);

        // 46.24 + 1.65 = 47.89 ms, billed as 48 (rounding each part up would make 49).
        Assert.Equal(48, result.BilledDurationMs);
        Assert.EndsWith("\tDuration: 1.65 ms\tBilled Duration: 48 ms\tMemory Size: 128 MB\tMax Memory Used: 0 MB\tInit Duration: 46.24 ms", Report(fn), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMilliseconds(46.24), result.InitDuration);
    }

    [Fact]
    public async Task A_suppressed_init_is_inside_the_invoke_duration_and_billed_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fn = await StartAsync(clock);
        var trace = () => fn.Environments[0].Trace;

        // The on-demand Init runs out (10 s); the invoke then runs Init again itself, which takes 2,001.54 ms.
        var invoke = fn.InvokeAsync("{}");
        await Until(() => trace().Any(l => l.StartsWith("INIT_START", StringComparison.Ordinal)));
        await Task.Delay(200);
        clock.Advance(TimeSpan.FromSeconds(10));
        await Until(() => trace().Any(l => l.StartsWith("START", StringComparison.Ordinal)), () => string.Join("\n", trace()));
        await Task.Delay(200);
        clock.Advance(TimeSpan.FromMilliseconds(2_001.54));
        var next = await RawHttp.GetAsync(fn.RuntimeApiEndpoints[0], Next).WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromMilliseconds(8.58));
        var result = await AnswerAsync(fn, next, invoke);

        // Duration holds the init retry: it is not added a second time, and the REPORT line names no Init Duration.
        Assert.EndsWith("\tDuration: 2010.12 ms\tBilled Duration: 2011 ms\tMemory Size: 128 MB\tMax Memory Used: 0 MB", Report(fn), StringComparison.Ordinal);
        Assert.Equal(2011, result.BilledDurationMs);
        Assert.True(result.ColdStart);
        Assert.Equal(TimeSpan.FromMilliseconds(2_001.54), result.InitDuration);
    }

    [Fact]
    public async Task A_timed_out_invoke_bills_the_timeout_not_the_time_it_took_to_notice()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fn = await StartAsync(clock);

        var invoke = fn.InvokeAsync("{}");
        await InitAsync(fn, clock, TimeSpan.FromMilliseconds(46.24));
        await Task.Delay(200);
        clock.Advance(TimeSpan.FromMilliseconds(3_000.5));
        var result = await invoke.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Sandbox.Timedout", result.Error!.ErrorType);
        // Init (46.24 ms) plus the 3 s timeout: 3,046.24 ms, billed as 3,047.
        Assert.EndsWith("\tDuration: 3000.50 ms\tBilled Duration: 3047 ms\tMemory Size: 128 MB\tMax Memory Used: 0 MB\tInit Duration: 46.24 ms\tStatus: timeout", Report(fn), StringComparison.Ordinal);
    }
}
