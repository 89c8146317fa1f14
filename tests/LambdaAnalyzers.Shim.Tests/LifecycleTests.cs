using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>Init, Invoke and Shutdown with a real function process, including every fault the issue lists.</summary>
public sealed class LifecycleTests
{
    private static JsonElement Json(InvocationResult result) => JsonDocument.Parse(result.Payload).RootElement;

    [Fact]
    public async Task Cold_then_warm_invokes_print_INIT_START_START_END_REPORT_as_Lambda_does()
    {
        await using var fn = await TestFunctionHost.StartAsync();

        var cold = await fn.InvokeAsync("{\"op\":\"echo\",\"v\":1}");
        var warm = await fn.InvokeAsync("{\"op\":\"echo\",\"v\":2}");

        cold.EnsureSuccess();
        Assert.Equal("{\"op\":\"echo\",\"v\":1}", cold.PayloadText);
        Assert.True(cold.ColdStart);
        Assert.NotNull(cold.InitDuration);
        Assert.StartsWith("INIT_START Runtime Version: ", cold.LifecycleTrace[0], StringComparison.Ordinal);
        Assert.Equal($"START RequestId: {cold.RequestId} Version: $LATEST", cold.LifecycleTrace[1]);
        Assert.Equal($"END RequestId: {cold.RequestId}", cold.LifecycleTrace[2]);
        Assert.Matches(
            $@"^REPORT RequestId: {cold.RequestId}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms$",
            cold.LifecycleTrace[3]);
        Assert.Contains("function init", cold.Logs, StringComparison.Ordinal);
        Assert.Contains("handling echo", cold.Logs, StringComparison.Ordinal);

        warm.EnsureSuccess();
        Assert.False(warm.ColdStart);
        Assert.Null(warm.InitDuration);
        Assert.DoesNotContain("Init Duration", warm.LifecycleTrace[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("function init", warm.Logs, StringComparison.Ordinal);
        Assert.True(warm.MaxMemoryUsedMB > 10);
        Assert.True(warm.BilledDurationMs >= (long)warm.Duration.TotalMilliseconds);
    }

    [Fact]
    public async Task Handler_exception_is_a_function_error_and_the_environment_is_kept()
    {
        await using var fn = await TestFunctionHost.StartAsync();

        var failed = await fn.InvokeAsync("{\"op\":\"throw\"}");
        var after = await fn.InvokeAsync("{\"op\":\"statics\"}");

        Assert.Equal("InvalidOperationException", failed.Error!.ErrorType);
        Assert.Equal("boom", failed.Error.ErrorMessage);
        Assert.NotEmpty(failed.Error.StackTrace);
        Assert.Equal("ArgumentException", JsonDocument.Parse(failed.Error.Json).RootElement.GetProperty("cause").GetProperty("errorType").GetString());
        Assert.EndsWith("Status: error\tError Type: InvalidOperationException", failed.LifecycleTrace[^1], StringComparison.Ordinal);
        Assert.False(after.ColdStart);
        Assert.Equal(1, Json(after).GetProperty("statics").GetInt32());
    }

    [Fact]
    public async Task Process_crash_mid_invoke_is_Runtime_ExitError_and_the_next_invoke_reinitialises()
    {
        await using var fn = await TestFunctionHost.StartAsync();

        var crashed = await fn.InvokeAsync("{\"op\":\"crash\"}");
        var next = await fn.InvokeAsync("{\"op\":\"statics\"}");

        Assert.Equal("Runtime.ExitError", crashed.Error!.ErrorType);
        Assert.Equal($"RequestId: {crashed.RequestId} Error: Runtime exited with error: signal: aborted", crashed.Error.ErrorMessage);
        Assert.Contains("crashing on purpose", crashed.Logs, StringComparison.Ordinal);
        next.EnsureSuccess();
        Assert.True(next.ColdStart);
        Assert.Equal(1, Json(next).GetProperty("statics").GetInt32());
    }

    [Fact]
    public async Task Environment_Exit_mid_invoke_is_Runtime_ExitError_with_the_exit_status()
    {
        await using var fn = await TestFunctionHost.StartAsync();

        var three = await fn.InvokeAsync("{\"op\":\"exit\",\"code\":3}");
        var zero = await fn.InvokeAsync("{\"op\":\"exit\",\"code\":0}");

        Assert.Equal("Runtime.ExitError", three.Error!.ErrorType);
        Assert.Equal($"RequestId: {three.RequestId} Error: Runtime exited with error: exit status 3", three.Error.ErrorMessage);
        Assert.Equal($"RequestId: {zero.RequestId} Error: Runtime exited without providing a reason", zero.Error!.ErrorMessage);
        (await fn.InvokeAsync("{\"op\":\"echo\"}")).EnsureSuccess();
    }

    [Fact]
    public async Task Infinite_loop_hits_the_timeout_the_process_group_is_killed_and_the_next_invoke_runs_on_a_fresh_runtime()
    {
        await using var fn = await TestFunctionHost.StartAsync(o => o.Timeout = TimeSpan.FromSeconds(3)); // room for the re-init on a loaded machine
        var tmp = fn.Environments[0].TmpDirectory;
        (await fn.InvokeAsync("{\"op\":\"statics\"}")).EnsureSuccess();

        var hung = await fn.InvokeAsync("{\"op\":\"hang\"}");

        Assert.Equal("Sandbox.Timedout", hung.Error!.ErrorType);
        Assert.Equal($"RequestId: {hung.RequestId} Error: Task timed out after 3.00 seconds", hung.Error.ErrorMessage);
        Assert.Contains($"{hung.RequestId} Task timed out after 3.00 seconds", hung.Logs, StringComparison.Ordinal);
        Assert.Contains("RESET Reason: timeout", hung.LifecycleTrace);
        Assert.InRange(hung.Duration, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(8));
        Assert.Empty(TestFunctionHost.ProcessesWithEnvironment(tmp));

        var next = await fn.InvokeAsync("{\"op\":\"statics\"}");
        next.EnsureSuccess();
        Assert.True(next.ColdStart);
        Assert.Equal(1, Json(next).GetProperty("statics").GetInt32());
    }

    [Fact]
    public async Task Init_that_throws_fails_Init_and_the_suppressed_init_and_then_the_invoke()
    {
        await using var fn = await TestFunctionHost.StartAsync(o => o.Environment["INIT_THROW"] = "1");

        var result = await fn.InvokeAsync("{\"op\":\"echo\"}");

        Assert.Equal("Runtime.ExitError", result.Error!.ErrorType);
        Assert.Equal($"RequestId: {result.RequestId} Error: Runtime exited with error: signal: aborted", result.Error.ErrorMessage);
        Assert.Contains("init failed on purpose", result.Logs, StringComparison.Ordinal);
        var reports = result.LifecycleTrace.Where(l => l.StartsWith("INIT_REPORT", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, reports.Length);
        Assert.Contains("Phase: init\tStatus: error\tError Type: Runtime.ExitError", reports[0], StringComparison.Ordinal);
        Assert.Contains("Phase: invoke\tStatus: error\tError Type: Runtime.ExitError", reports[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_that_fails_once_is_retried_inside_the_first_invoke_which_then_succeeds()
    {
        await using var fn = await TestFunctionHost.StartAsync(o => o.Environment["INIT_FAIL_ONCE"] = "1");

        var result = await fn.InvokeAsync("{\"op\":\"echo\"}");

        result.EnsureSuccess();
        Assert.True(result.ColdStart);
        Assert.Contains(result.LifecycleTrace, l => l.Contains("Phase: init\tStatus: error", StringComparison.Ordinal));
        Assert.DoesNotContain(result.LifecycleTrace, l => l.Contains("Phase: invoke", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Init_over_its_limit_is_timed_out_and_the_suppressed_init_gets_the_function_timeout()
    {
        // The 10 s limit, injected as 500 ms; the function sleeps 2 s in its first Init only.
        await using var fn = await TestFunctionHost.StartAsync(o =>
        {
            o.InitTimeout = TimeSpan.FromMilliseconds(500);
            o.Environment["INIT_SLEEP_ONCE_MS"] = "2000";
        });

        var result = await fn.InvokeAsync("{\"op\":\"echo\"}");

        result.EnsureSuccess();
        Assert.Contains(result.LifecycleTrace, l => l.StartsWith("INIT_REPORT", StringComparison.Ordinal) && l.Contains("Phase: init\tStatus: timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Init_error_reported_by_the_runtime_is_what_the_caller_sees()
    {
        await using var fn = await TestFunctionHost.StartAsync(o => o.Environment["INIT_ERROR_POST"] = "1");

        var result = await fn.InvokeAsync("{\"op\":\"echo\"}");

        Assert.Equal("InitBroken", result.Error!.ErrorType);
        Assert.Equal("reported by init/error", result.Error.ErrorMessage);
        Assert.Contains(result.LifecycleTrace, l => l.Contains("Phase: init\tStatus: error\tError Type: Runtime.InitBroken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Response_too_large_ends_the_invoke_with_Function_ResponseSizeTooLarge_and_the_runtime_goes_on()
    {
        await using var fn = await TestFunctionHost.StartAsync();

        var largest = await fn.InvokeAsync("{\"op\":\"big\",\"size\":6291556}");
        var tooLarge = await fn.InvokeAsync("{\"op\":\"big\",\"size\":6291557}");
        var after = await fn.InvokeAsync("{\"op\":\"statics\"}");

        largest.EnsureSuccess();
        Assert.Equal(6_291_556, largest.Payload.Length);
        Assert.Equal("Function.ResponseSizeTooLarge", tooLarge.Error!.ErrorType);
        Assert.Contains("exceeds the Runtime API's payload limit", tooLarge.Logs + after.Logs, StringComparison.Ordinal);
        after.EnsureSuccess();
        Assert.False(after.ColdStart);
    }

    [Fact]
    public async Task Double_response_keeps_the_first_and_the_second_is_refused()
    {
        await using var fn = await TestFunctionHost.StartAsync();

        var result = await fn.InvokeAsync("{\"op\":\"double\"}");

        result.EnsureSuccess();
        Assert.Equal("{\"first\":true}", result.PayloadText);
        var next = await fn.InvokeAsync("{\"op\":\"echo\"}");
        next.EnsureSuccess();
        // LambdaRuntime's own second post got 403 InvalidStateTransition, which ends its loop: the next invoke re-inits.
        Assert.Contains("403", fn.Environments[0].Logs, StringComparison.Ordinal);
        Assert.True(next.ColdStart);
    }

    [Fact]
    public async Task Response_for_a_wrong_request_id_is_refused_with_400()
    {
        await using var fn = await TestFunctionHost.StartAsync();

        var result = await fn.InvokeAsync("{\"op\":\"wrongid\"}");

        result.EnsureSuccess();
        var json = Json(result);
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        Assert.Contains("InvalidRequestID", json.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_exhaustion_kills_the_runtime_and_is_reported_as_Runtime_OutOfMemory()
    {
        await using var fn = await TestFunctionHost.StartAsync(o => o.MemorySizeMB = 128);

        var result = await fn.InvokeAsync("{\"op\":\"alloc\",\"mb\":400}");

        Assert.Equal("Runtime.OutOfMemory", result.Error!.ErrorType);
        Assert.Equal($"RequestId: {result.RequestId} Error: Runtime exited with error: signal: killed", result.Error.ErrorMessage);
        Assert.Contains("memory size exceeded", result.Logs, StringComparison.Ordinal);
        Assert.True(result.MaxMemoryUsedMB >= 128);
        (await fn.InvokeAsync("{\"op\":\"echo\"}")).EnsureSuccess();
    }

    [Fact]
    public async Task Frozen_between_invokes_a_timer_sees_no_ticks()
    {
        await using var fn = await TestFunctionHost.StartAsync();
        (await fn.InvokeAsync("{\"op\":\"ticks\"}")).EnsureSuccess();

        await Task.Delay(1500);
        var frozen = await fn.InvokeAsync("{\"op\":\"ticks\"}");

        // A 10 ms timer ticks ~150 times in 1.5 s; frozen, only the moments around the invoke count
        // (a few ms, more on a loaded machine: the bound leaves room for that and still needs the freeze).
        Assert.InRange(Json(frozen).GetProperty("ticks").GetInt32(), 0, 50);
    }

    [Fact]
    public async Task Without_freeze_the_same_timer_keeps_ticking()
    {
        await using var fn = await TestFunctionHost.StartAsync(o => o.Freeze = false);
        (await fn.InvokeAsync("{\"op\":\"ticks\"}")).EnsureSuccess();

        await Task.Delay(1500);
        var running = await fn.InvokeAsync("{\"op\":\"ticks\"}");

        Assert.True(Json(running).GetProperty("ticks").GetInt32() >= 50);
    }

    [Fact]
    public async Task Tmp_is_per_environment_and_survives_a_reset()
    {
        // The re-init after the timeout runs under the same timeout: 3 s leaves room on a loaded machine.
        await using var fn = await TestFunctionHost.StartAsync(o => o.Timeout = TimeSpan.FromSeconds(3));
        (await fn.InvokeAsync("{\"op\":\"tmp\",\"write\":\"kept.txt\"}")).EnsureSuccess();
        Assert.Equal("Sandbox.Timedout", (await fn.InvokeAsync("{\"op\":\"hang\"}")).Error!.ErrorType);

        var after = await fn.InvokeAsync("{\"op\":\"tmp\"}");

        Assert.True(after.ColdStart);
        Assert.Contains("kept.txt", Json(after).GetProperty("files").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Tmp_over_its_size_kills_the_runtime()
    {
        await using var fn = await TestFunctionHost.StartAsync(o => o.EphemeralStorageMB = 5);

        var result = await fn.InvokeAsync("{\"op\":\"tmp\",\"fill\":8}");

        Assert.Equal("Runtime.ExitError", result.Error!.ErrorType);
        Assert.Contains("/tmp exceeded its size of 5 MB", result.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reserved_environment_variables_and_the_memory_limit_are_set()
    {
        await using var fn = await TestFunctionHost.StartAsync(o =>
        {
            o.Environment["MY_SETTING"] = "42";
            o.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "not-allowed";
        });

        var env = Json(await fn.InvokeAsync("{\"op\":\"env\"}"));

        Assert.Equal("42", env.GetProperty("MY_SETTING").GetString());
        Assert.Equal("TestFunction", env.GetProperty("_HANDLER").GetString());
        Assert.Equal("test-function", env.GetProperty("AWS_LAMBDA_FUNCTION_NAME").GetString());
        Assert.Equal("256", env.GetProperty("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").GetString());
        Assert.Equal("$LATEST", env.GetProperty("AWS_LAMBDA_FUNCTION_VERSION").GetString());
        Assert.Equal("us-east-1", env.GetProperty("AWS_REGION").GetString());
        Assert.Equal("us-east-1", env.GetProperty("AWS_DEFAULT_REGION").GetString());
        Assert.Equal("on-demand", env.GetProperty("AWS_LAMBDA_INITIALIZATION_TYPE").GetString());
        Assert.Equal("/aws/lambda/test-function", env.GetProperty("AWS_LAMBDA_LOG_GROUP_NAME").GetString());
        Assert.Matches(@"^\d{4}/\d\d/\d\d/\[\$LATEST\][0-9a-f]{32}$", env.GetProperty("AWS_LAMBDA_LOG_STREAM_NAME").GetString());
        Assert.Equal(fn.Environments[0].RuntimeApiEndpoint, env.GetProperty("AWS_LAMBDA_RUNTIME_API").GetString());
        Assert.Equal(fn.Environments[0].TmpDirectory, env.GetProperty("TMPDIR").GetString());
        Assert.True(env.TryGetProperty("LAMBDA_TASK_ROOT", out _));
        // 75 % of 256 MB, in hexadecimal.
        Assert.Equal("C000000", env.GetProperty("DOTNET_GCHeapHardLimit").GetString());
        Assert.False(env.TryGetProperty("HOME_OF_THE_TEST_HOST_SHOULD_NOT_LEAK", out _));
    }

    [Fact]
    public async Task Trace_id_deadline_and_client_context_reach_the_handler_on_every_invoke()
    {
        await using var fn = await TestFunctionHost.StartAsync();

        var first = Json(await fn.InvokeAsync("{\"op\":\"context\"}", new InvokeOptions { ClientContextJson = "{\"env\":{}}" }));
        var second = Json(await fn.InvokeAsync("{\"op\":\"context\"}"));

        Assert.Equal(first.GetProperty("traceId").GetString(), first.GetProperty("traceEnv").GetString());
        Assert.Equal(second.GetProperty("traceId").GetString(), second.GetProperty("traceEnv").GetString());
        Assert.NotEqual(first.GetProperty("traceId").GetString(), second.GetProperty("traceId").GetString());
        Assert.Equal("{\"env\":{}}", first.GetProperty("clientContext").GetString());
        Assert.InRange(first.GetProperty("remainingMs").GetInt64(), 15_000, 20_000);
    }

    [Fact]
    public async Task Dispose_leaves_no_process_behind_even_when_frozen()
    {
        string tmp;
        await using (var fn = await TestFunctionHost.StartAsync())
        {
            tmp = fn.Environments[0].TmpDirectory;
            (await fn.InvokeAsync("{\"op\":\"echo\"}")).EnsureSuccess();
            Assert.NotEmpty(TestFunctionHost.ProcessesWithEnvironment(tmp));
        }

        Assert.Empty(TestFunctionHost.ProcessesWithEnvironment(tmp));
    }
}
