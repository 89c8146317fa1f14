using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Internal;
using LambdaAnalyzers.Shim.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>The injectable clock (retry delays) and configuration files.</summary>
public sealed class ClockAndConfigurationTests
{
    private static async Task Until(Func<bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Init_limit_is_10_s_by_default_on_the_injected_clock_then_the_suppressed_init_gets_the_function_timeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fn = await LambdaShim.StartAsync(new LambdaShimOptions
        {
            Mode = ShimExecutionMode.External, FunctionName = "slow-init", Timeout = TimeSpan.FromSeconds(30), TimeProvider = clock,
        });
        var endpoint = fn.RuntimeApiEndpoints[0];
        var trace = () => fn.Environments[0].Trace;

        // No runtime calls next: Init waits for it, on the injected clock.
        var invoke = fn.InvokeAsync("{\"slow\":true}");
        clock.Advance(TimeSpan.FromMilliseconds(9_999));
        await Task.Delay(300);
        Assert.DoesNotContain(trace(), l => l.StartsWith("INIT_REPORT", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Until(() => trace().Any(l => l.StartsWith("INIT_REPORT", StringComparison.Ordinal)));
        Assert.Contains("INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout", trace());

        // The suppressed init (inside the invoke, under the 30 s function timeout) succeeds when the runtime arrives.
        var next = await RawHttp.GetAsync(endpoint, "/2018-06-01/runtime/invocation/next").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("{\"slow\":true}", next.Text);
        await RawHttp.PostAsync(endpoint, $"/2018-06-01/runtime/invocation/{next.Header("Lambda-Runtime-Aws-Request-Id")}/response", "\"late\"");
        // Back in next, as a runtime goes: that ends the invoke phase (its grace period runs on the fake clock too).
        var waiting = RawHttp.GetAsync(endpoint, "/2018-06-01/runtime/invocation/next");
        var result = await invoke.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(result.IsSuccess);
        Assert.True(result.ColdStart);
        await fn.DisposeAsync();
        Assert.Equal(500, (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Status);
    }

    [Fact]
    public async Task Grace_periods_run_on_the_injected_clock_an_answer_waits_for_next_until_the_clock_moves()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fn = await LambdaShim.StartAsync(new LambdaShimOptions
        {
            Mode = ShimExecutionMode.External, FunctionName = "stays-away", Timeout = TimeSpan.FromSeconds(30), TimeProvider = clock,
        });
        var endpoint = fn.RuntimeApiEndpoints[0];

        // A runtime that answers and then does not come back to next: the invoke phase is still open.
        var invoke = fn.InvokeAsync("{\"a\":1}");
        var next = await RawHttp.GetAsync(endpoint, "/2018-06-01/runtime/invocation/next").WaitAsync(TimeSpan.FromSeconds(30));
        var accepted = await RawHttp.PostAsync(endpoint, $"/2018-06-01/runtime/invocation/{next.Header("Lambda-Runtime-Aws-Request-Id")}/response", "\"done\"");
        Assert.Equal(202, accepted.Status);

        // The answer waits for the runtime's way back to next, up to a grace period measured on the injected clock:
        // real time passing does not end it, moving the clock does.
        await Task.Delay(300);
        Assert.False(invoke.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(250));
        var result = await invoke.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("\"done\"", result.PayloadText);
    }

    [Fact]
    public async Task Event_retries_wait_one_then_two_minutes_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fn = await TestFunctionHost.StartAsync(o => o.TimeProvider = clock);

        var queued = fn.InvokeEvent("{\"op\":\"throw\"}");
        await Until(() => queued.Attempts.Count == 1);
        await Task.Delay(300);
        Assert.Single(queued.Attempts);

        // Nothing happens until the clock moves by the first delay (one minute).
        clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(300);
        Assert.Single(queued.Attempts);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Until(() => queued.Attempts.Count == 2);

        await Task.Delay(100);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(300);
        Assert.Equal(2, queued.Attempts.Count);
        clock.Advance(TimeSpan.FromMinutes(1));
        await queued.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, queued.Attempts.Count);
    }

    [Fact]
    public async Task Options_override_the_configuration_file()
    {
        var code = await FunctionBuild.TestFunction;
        var dir = Directory.CreateTempSubdirectory("shim-config-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "aws-lambda-tools-defaults.json"),
                "{\"function-handler\":\"TestFunction\",\"function-memory-size\":512,\"function-timeout\":9,\"environment-variables\":\"FROM_FILE=1;BOTH=file\"}");
            var options = new LambdaShimOptions { CodePath = code, ConfigurationDirectory = dir, MemorySizeMB = 300 };
            options.Environment["BOTH"] = "options";
            await using var fn = await LambdaShim.StartAsync(options);

            var env = System.Text.Json.JsonDocument.Parse((await fn.InvokeAsync("{\"op\":\"env\"}")).Payload).RootElement;

            Assert.Equal("TestFunction", fn.Handler);
            Assert.Equal(TimeSpan.FromSeconds(9), fn.Timeout);
            Assert.Equal(300, fn.MemorySizeMB);
            Assert.Equal("1", env.GetProperty("FROM_FILE").GetString());
            Assert.Equal("options", env.GetProperty("BOTH").GetString());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
