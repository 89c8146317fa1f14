using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim;

namespace LambdaAnalyzers.Runtime.Tests.Sample;

/// <summary>
/// samples/OrderApi as deployed: the published <c>bootstrap</c> runs out of process against the shim's
/// Runtime API, through the generated Main, invokers and context and <see cref="LambdaRuntime"/>'s loop.
/// </summary>
public sealed class OrderApiSampleTests : IClassFixture<OrderApiPublish>
{
    private readonly OrderApiPublish _publish;

    public OrderApiSampleTests(OrderApiPublish publish) => _publish = publish;

    private Task<LambdaShim> StartAsync(string handler, string? bootstrap = null, TimeSpan? timeout = null, params (string Name, string Value)[] environment)
    {
        var options = new LambdaShimOptions
        {
            FunctionName = "order-api",
            Command = new[] { bootstrap ?? _publish.AotBootstrap },
            Handler = handler,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            MemorySizeMB = 128,
        };
        foreach (var (name, value) in environment)
        {
            options.Environment[name] = value;
        }

        return LambdaShim.StartAsync(options);
    }

    /// <summary>Starts the AOT <c>bootstrap</c> by hand against <paramref name="runtimeApi"/>, its output redirected.</summary>
    private Process StartBootstrap(string runtimeApi, string handler)
    {
        var start = new ProcessStartInfo(_publish.AotBootstrap) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment[LambdaRuntime.RuntimeApiVariable] = runtimeApi;
        start.Environment["_HANDLER"] = handler;
        return Process.Start(start)!;
    }

    private static string Event(string name) => File.ReadAllText(OrderApiPublish.EventPath(name));

    [Fact]
    public void The_Native_AOT_publish_reports_no_trim_or_AOT_warning() =>
        Assert.DoesNotMatch(@"\b(IL2\d{3}|IL3\d{3})\b", _publish.AotPublishOutput);

    [Fact]
    public async Task Place_order_succeeds_with_the_sample_event_and_logs_JSON_for_the_request()
    {
        await using var fn = await StartAsync("place-order", environment: ("AWS_LAMBDA_LOG_FORMAT", "JSON"));

        var result = await fn.InvokeAsync(Event("place-order/two-items.json"));

        result.EnsureSuccess();
        var response = JsonDocument.Parse(result.PayloadText).RootElement;
        Assert.Equal("c-1001-0001", response.GetProperty("OrderId").GetString());
        Assert.Equal(79.00m, response.GetProperty("Total").GetDecimal());
        Assert.Equal(result.RequestId, response.GetProperty("RequestId").GetString());
        var line = result.Logs.Split('\n').Single(l => l.Contains("Placed order", StringComparison.Ordinal));
        var log = JsonDocument.Parse(line).RootElement;
        Assert.Equal("Information", log.GetProperty("level").GetString());
        Assert.Equal(result.RequestId, log.GetProperty("requestId").GetString());
        Assert.Equal("Placed order c-1001-0001 for c-1001: 79.00", log.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Order_status_is_served_by_the_second_handler_of_the_same_binary()
    {
        await using var fn = await StartAsync("order-status");

        var result = await fn.InvokeAsync(Event("order-status/placed-order.json"));

        result.EnsureSuccess();
        Assert.Equal("{\"OrderId\":\"c-1001-0001\",\"Status\":\"NotFound\"}", result.PayloadText);
    }

    [Fact]
    public async Task A_handler_exception_becomes_the_managed_runtime_error_shape_and_the_environment_serves_the_next_invoke()
    {
        await using var fn = await StartAsync("place-order");

        var failed = await fn.InvokeAsync(Event("place-order/no-items.json"));
        var next = await fn.InvokeAsync(Event("place-order/two-items.json"));

        Assert.Equal("ArgumentException", failed.Error!.ErrorType);
        Assert.Equal("An order needs at least one item. (Parameter 'request')", failed.Error.ErrorMessage);
        var stack = JsonDocument.Parse(failed.Error.Json).RootElement.GetProperty("stackTrace");
        Assert.Equal(JsonValueKind.Array, stack.ValueKind);
        next.EnsureSuccess();
        Assert.Single(fn.Environments);
        Assert.DoesNotContain(next.LifecycleTrace, l => l.StartsWith("INIT_START", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_HANDLER_fails_Init_through_init_error_naming_the_handlers()
    {
        await using var fn = await StartAsync("ship-order");

        var result = await fn.InvokeAsync(Event("place-order/two-items.json"));

        Assert.Equal("InvalidOperationException", result.Error!.ErrorType);
        Assert.Equal("_HANDLER is 'ship-order', which names none of this function's handlers: order-status, place-order.", result.Error.ErrorMessage);
        Assert.Contains(result.LifecycleTrace, l => l.Contains("Phase: init\tStatus: error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemainingTime_follows_the_deadline_so_a_slow_lookup_stops_before_the_timeout()
    {
        await using var fn = await StartAsync("order-status", timeout: TimeSpan.FromSeconds(2));

        var result = await fn.InvokeAsync(Event("order-status/slow-store.json"));

        // The handler gave up 250 ms before the deadline instead of being killed at it.
        result.EnsureSuccess();
        Assert.Equal("{\"OrderId\":\"c-1001-0001\",\"Status\":\"Unknown\"}", result.PayloadText);
        Assert.InRange(result.Duration, TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task The_bootstrap_exits_promptly_with_0_on_SIGTERM_while_waiting_for_the_next_invoke()
    {
        await using var shim = await LambdaShim.StartAsync(new LambdaShimOptions
        {
            Mode = ShimExecutionMode.External,
            FunctionName = "order-api",
            Timeout = TimeSpan.FromSeconds(10),
        });
        using var bootstrap = StartBootstrap(shim.RuntimeApiEndpoints[0], "place-order");
        var stdout = bootstrap.StandardOutput.ReadToEndAsync();
        var stderr = bootstrap.StandardError.ReadToEndAsync();
        try
        {
            (await shim.InvokeAsync(Event("place-order/two-items.json"))).EnsureSuccess();

            // After the response the loop is blocked in invocation/next, as between invokes on Lambda.
            Assert.Equal(0, Kill(bootstrap.Id, 15));
            var stopwatch = Stopwatch.StartNew();
            await bootstrap.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));

            Assert.Equal(0, bootstrap.ExitCode);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"exit took {stopwatch.Elapsed}");
            await Task.WhenAll(stdout, stderr);
            Assert.Equal(string.Empty, await stderr);
        }
        finally
        {
            if (!bootstrap.HasExited)
            {
                bootstrap.Kill();
            }
        }
    }

    [Fact]
    public async Task The_bootstrap_exits_1_with_one_line_when_its_Runtime_API_goes_away()
    {
        var shim = await LambdaShim.StartAsync(new LambdaShimOptions
        {
            Mode = ShimExecutionMode.External,
            FunctionName = "order-api",
            Timeout = TimeSpan.FromSeconds(10),
        });
        var endpoint = shim.RuntimeApiEndpoints[0];
        using var bootstrap = StartBootstrap(endpoint, "place-order");
        var stdout = bootstrap.StandardOutput.ReadToEndAsync();
        var stderr = bootstrap.StandardError.ReadToEndAsync();
        try
        {
            (await shim.InvokeAsync(Event("place-order/two-items.json"))).EnsureSuccess();

            // The loop waits in invocation/next when the environment's Runtime API goes away under it.
            await shim.DisposeAsync();
            await bootstrap.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(bootstrap.ExitCode == 1, $"exit code {bootstrap.ExitCode}; stderr:\n{string.Join('\n', lines)}");
            // Gone (reset) or refusing while it shuts down (an error status), as the shim's server happens to end.
            Assert.Matches($@"The Runtime API at {System.Text.RegularExpressions.Regex.Escape(endpoint)} (is gone|answered \d+ \(\w+\)); the runtime stops\.", Assert.Single(lines));
            Assert.DoesNotContain("Unhandled exception", await stdout, StringComparison.Ordinal);
        }
        finally
        {
            if (!bootstrap.HasExited)
            {
                bootstrap.Kill();
            }

            await shim.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_published_bootstrap_runs_from_its_deployment_package()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"order-api-{Guid.NewGuid():N}.zip");
        try
        {
            var package = LambdaDeploymentPackage.Create(Path.GetDirectoryName(_publish.AotBootstrap)!, zip, new LambdaPackageOptions { FunctionName = "order-api", Runtime = "provided.al2023" });
            await using var fn = await LambdaShim.StartAsync(new LambdaShimOptions { CodePath = package.Path, Handler = "place-order", Timeout = TimeSpan.FromSeconds(10) });

            var result = await fn.InvokeAsync(Event("place-order/two-items.json"));

            result.EnsureSuccess();
            Assert.Equal("c-1001-0001", JsonDocument.Parse(result.PayloadText).RootElement.GetProperty("OrderId").GetString());
            Assert.Equal("order-api", package.FunctionName);
            Assert.InRange(package.ZippedBytes, 1, LambdaDeploymentPackage.MaxZippedBytes);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public async Task The_net8_self_contained_publish_runs_the_same_handlers()
    {
        await using var fn = await StartAsync("place-order", bootstrap: _publish.Net8Bootstrap);

        var result = await fn.InvokeAsync(Event("place-order/two-items.json"));

        result.EnsureSuccess();
        Assert.Equal(79.00m, JsonDocument.Parse(result.PayloadText).RootElement.GetProperty("Total").GetDecimal());
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
