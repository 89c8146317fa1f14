using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim;

// The loop sets a process-wide environment variable and the 413 test swaps Console.Error: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace LambdaAnalyzers.Runtime.Tests;

/// <summary>
/// <see cref="LambdaRuntime"/>'s loop against the shim's real Runtime API (external mode: the loop runs in
/// this process and connects to the environment's endpoint).
/// </summary>
public sealed class RuntimeLoopTests
{

    private static async ValueTask Write(Stream response, string text) => await response.WriteAsync(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Handler_response_reaches_the_caller_and_the_loop_serves_the_next_invoke()
    {
        await using var loop = await Loop.StartAsync((invocation, response, _) =>
            Write(response, "{\"echo\":" + Encoding.UTF8.GetString(invocation.Payload.Span) + ",\"id\":\"" + invocation.RequestId + "\"}"));

        var first = await loop.Shim.InvokeAsync("{\"n\":1}");
        var second = await loop.Shim.InvokeAsync("{\"n\":2}");

        first.EnsureSuccess();
        second.EnsureSuccess();
        Assert.Equal($"{{\"echo\":{{\"n\":1}},\"id\":\"{first.RequestId}\"}}", first.PayloadText);
        Assert.Equal($"{{\"echo\":{{\"n\":2}},\"id\":\"{second.RequestId}\"}}", second.PayloadText);
    }

    [Fact]
    public async Task A_refused_Runtime_API_ends_the_loop_with_a_one_line_reason_naming_the_endpoint()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();

        var gone = await Assert.ThrowsAsync<RuntimeApiGoneException>(() =>
            LambdaRuntime.RunAsync((_, _, _) => default, LambdaResponseMode.Buffered, endpoint, TimeProvider.System, CancellationToken.None));

        Assert.StartsWith($"The Runtime API at {endpoint} is gone; the runtime stops. (HttpRequestException: ", gone.Message, StringComparison.Ordinal);
        Assert.Contains("SocketException: Connection refused", gone.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', gone.Message);
    }

    [Fact]
    public async Task The_loop_ends_when_the_shim_takes_the_Runtime_API_away_while_it_waits_for_the_next_invoke()
    {
        await using var loop = await Loop.StartAsync((_, response, _) => Write(response, "{}"));
        (await loop.Shim.InvokeAsync("{}")).EnsureSuccess();

        await loop.Shim.DisposeAsync();

        var gone = await Assert.ThrowsAsync<RuntimeApiGoneException>(() => loop.Running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(loop.Shim.RuntimeApiEndpoints[0], gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Void_handler_posts_an_empty_response()
    {
        await using var loop = await Loop.StartAsync((_, _, _) => default);

        var result = await loop.Shim.InvokeAsync("{}");

        result.EnsureSuccess();
        Assert.Empty(result.Payload);
    }

    [Fact]
    public async Task Handler_exception_is_posted_as_error_json_with_the_short_type_name_header()
    {
        await using var loop = await Loop.StartAsync((_, _, _) =>
            throw new InvalidOperationException("outer", new ArgumentException("inner")));

        var result = await loop.Shim.InvokeAsync("{}");

        var error = result.Error!;
        Assert.Equal("InvalidOperationException", error.ReportedErrorType);
        Assert.Equal("application/vnd.aws.lambda.error+json", result.ContentType);
        using var json = JsonDocument.Parse(error.Json);
        var root = json.RootElement;
        Assert.Equal("InvalidOperationException", root.GetProperty("errorType").GetString());
        Assert.Equal("outer", root.GetProperty("errorMessage").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("stackTrace").ValueKind);
        Assert.All(root.GetProperty("stackTrace").EnumerateArray(), line => Assert.Equal(line.GetString()!.Trim(), line.GetString()));
        Assert.Equal("ArgumentException", root.GetProperty("cause").GetProperty("errorType").GetString());
        Assert.Equal("inner", root.GetProperty("cause").GetProperty("errorMessage").GetString());

        // The loop goes on after a function error.
        Assert.Equal("InvalidOperationException", (await loop.Shim.InvokeAsync("{}")).Error!.ErrorType);
    }

    [Fact]
    public async Task Aggregate_exception_lists_its_inner_exceptions_as_causes()
    {
        await using var loop = await Loop.StartAsync((_, _, _) =>
            throw new AggregateException("many", new InvalidOperationException("a"), new TimeoutException("b")));

        var result = await loop.Shim.InvokeAsync("{}");

        using var json = JsonDocument.Parse(result.Error!.Json);
        var causes = json.RootElement.GetProperty("causes").EnumerateArray().Select(c => c.GetProperty("errorType").GetString()).ToArray();
        Assert.Equal(new[] { "InvalidOperationException", "TimeoutException" }, causes);
        Assert.Equal("AggregateException", result.Error.ReportedErrorType);
    }

    [Fact]
    public async Task Response_over_the_limit_gets_413_which_is_logged_and_the_loop_continues()
    {
        var stderr = new StringWriter();
        var original = Console.Error;
        Console.SetError(TextWriter.Synchronized(stderr));
        try
        {
            await using var loop = await Loop.StartAsync(async (invocation, response, _) =>
            {
                var size = JsonDocument.Parse(invocation.Payload).RootElement.GetProperty("size").GetInt32();
                await response.WriteAsync(new byte[size]);
            });

            var largest = await loop.Shim.InvokeAsync("{\"size\":6291556}");
            var tooLarge = await loop.Shim.InvokeAsync("{\"size\":6291557}");
            var after = await loop.Shim.InvokeAsync("{\"size\":3}");

            largest.EnsureSuccess();
            Assert.Equal(6_291_556, largest.Payload.Length);
            Assert.Equal("Function.ResponseSizeTooLarge", tooLarge.Error!.ErrorType);
            after.EnsureSuccess();
            Assert.Equal(3, after.Payload.Length);
            Assert.False(loop.Running.IsCompleted);
            Assert.Contains($"The response of {tooLarge.RequestId} exceeds the Runtime API's payload limit", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [Fact]
    public async Task Streaming_mode_sends_every_write_of_the_handler_as_one_streamed_response()
    {
        await using var loop = await Loop.StartAsync(
            async (invocation, response, _) =>
            {
                await Write(response, "[");
                for (var i = 0; i < 3; i++)
                {
                    await Write(response, (i == 0 ? string.Empty : ",") + "{\"part\":" + i + "}");
                    await response.FlushAsync();
                }

                await Write(response, "]");
            },
            mode: LambdaResponseMode.Streaming);

        var first = await loop.Shim.InvokeAsync("{}");
        var second = await loop.Shim.InvokeAsync("{}");

        first.EnsureSuccess();
        Assert.True(first.Streamed);
        Assert.Equal("[{\"part\":0},{\"part\":1},{\"part\":2}]", first.PayloadText);
        second.EnsureSuccess();
        Assert.True(second.Streamed);
    }

    [Fact]
    public async Task Streaming_mode_reports_a_failure_after_the_first_bytes_through_the_error_trailers()
    {
        await using var loop = await Loop.StartAsync(
            async (invocation, response, _) =>
            {
                await Write(response, "partial");
                throw new InvalidDataException("source went away");
            },
            mode: LambdaResponseMode.Streaming);

        var result = await loop.Shim.InvokeAsync("{}");

        Assert.True(result.Streamed);
        Assert.Equal("InvalidDataException", result.Error!.ErrorType);
        Assert.Equal("source went away", result.Error.ErrorMessage);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(result.Error.Json).RootElement.GetProperty("stackTrace").ValueKind);
    }

    [Fact]
    public async Task Streaming_mode_carries_responses_above_the_buffered_limit()
    {
        var big = new byte[LambdaShim.MaxResponseBytes + 1_000_000];
        Array.Fill(big, (byte)'x');
        await using var loop = await Loop.StartAsync(
            async (_, response, cancellationToken) =>
            {
                for (var offset = 0; offset < big.Length; offset += 64 * 1024)
                {
                    await response.WriteAsync(big.AsMemory(offset, Math.Min(64 * 1024, big.Length - offset)), cancellationToken);
                }
            },
            mode: LambdaResponseMode.Streaming);

        // A streaming caller gets it all; a buffered one would get Function.ResponseSizeTooLarge (6 MB).
        var result = await loop.Shim.InvokeAsync("{}", new InvokeOptions { ResponseStream = true });

        result.EnsureSuccess();
        Assert.Equal(big.Length, result.Payload.Length);
    }

    [Fact]
    public async Task Trace_id_is_set_in_X_AMZN_TRACE_ID_for_every_invoke()
    {
        await using var loop = await Loop.StartAsync((invocation, response, _) =>
            Write(response, JsonSerializer.Serialize(new[] { invocation.TraceId, Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID") })));
        const string one = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        const string two = "Root=1-5759e988-bd862e3fe1be46a994272794;Parent=53995c3f42cd8ad9;Sampled=0";

        var first = await loop.Shim.InvokeAsync("{}", new InvokeOptions { TraceId = one });
        var second = await loop.Shim.InvokeAsync("{}", new InvokeOptions { TraceId = two });

        Assert.Equal(JsonSerializer.Serialize(new[] { one, one }), first.PayloadText);
        Assert.Equal(JsonSerializer.Serialize(new[] { two, two }), second.PayloadText);
    }

    [Fact]
    public async Task Invocation_carries_deadline_arn_client_context_and_cognito_identity()
    {
        LambdaInvocation? seen = null;
        await using var loop = await Loop.StartAsync((invocation, _, _) =>
        {
            seen = invocation;
            return default;
        }, timeout: TimeSpan.FromSeconds(10));

        (await loop.Shim.InvokeAsync("{}", new InvokeOptions
        {
            ClientContextJson = "{\"client\":{\"app_title\":\"t\"}}",
            CognitoIdentityJson = "{\"cognitoIdentityId\":\"i\",\"cognitoIdentityPoolId\":\"p\"}",
            TenantId = "blue",
        })).EnsureSuccess();

        Assert.NotNull(seen);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:runtime-tests", seen!.InvokedFunctionArn);
        Assert.InRange(seen.RemainingTime(TimeProvider.System), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        Assert.Equal("{\"client\":{\"app_title\":\"t\"}}", seen.ClientContextJson);
        Assert.Equal("{\"cognitoIdentityId\":\"i\",\"cognitoIdentityPoolId\":\"p\"}", seen.CognitoIdentityJson);
        Assert.Equal("blue", seen.TenantId);
        Assert.Equal("t", seen.ClientContext!.AppTitle);
        Assert.Equal(string.Empty, seen.ClientContext.InstallationId);
        Assert.Empty(seen.ClientContext.Custom);
        Assert.Equal("i", seen.CognitoIdentity!.IdentityId);
        Assert.Equal("p", seen.CognitoIdentity.IdentityPoolId);
    }

    [Fact]
    public async Task Client_context_reads_every_member_and_tolerates_numbers_and_malformed_json()
    {
        var seen = new System.Collections.Generic.List<LambdaInvocation>();
        await using var loop = await Loop.StartAsync((invocation, _, _) =>
        {
            seen.Add(invocation);
            return default;
        });
        const string full = "{\"client\":{\"installation_id\":\"inst\",\"app_title\":\"Shop\",\"app_version_name\":\"1.2\",\"app_version_code\":12,\"app_package_name\":\"com.shop\"},"
            + "\"custom\":{\"tier\":\"gold\"},\"env\":{\"platform\":\"Android\",\"locale\":\"de_DE\"}}";

        (await loop.Shim.InvokeAsync("{}", new InvokeOptions { ClientContextJson = full })).EnsureSuccess();
        (await loop.Shim.InvokeAsync("{}", new InvokeOptions { ClientContextJson = "[1,2]", CognitoIdentityJson = "{not json" })).EnsureSuccess();
        (await loop.Shim.InvokeAsync("{}")).EnsureSuccess();

        var context = seen[0].ClientContext!;
        Assert.Equal(("inst", "Shop", "1.2", "12", "com.shop"), (context.InstallationId, context.AppTitle, context.AppVersionName, context.AppVersionCode, context.AppPackageName));
        Assert.Equal("gold", context.Custom["tier"]);
        Assert.Equal("de_DE", context.Environment["locale"]);
        Assert.Null(seen[1].ClientContext);
        Assert.Null(seen[1].CognitoIdentity);
        Assert.Null(seen[2].ClientContext);
        Assert.Null(seen[2].CognitoIdentity);
    }

    [Fact]
    public async Task The_handler_token_fires_shortly_before_the_deadline_so_the_invoke_ends_as_a_function_error_not_a_timeout()
    {
        await using var loop = await Loop.StartAsync(
            async (_, _, cancellationToken) => await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken),
            timeout: TimeSpan.FromSeconds(2));

        var result = await loop.Shim.InvokeAsync("{}");

        // A tenth of the 2 s is 200 ms: cancelled at about 1.8 s, well before Sandbox.Timedout at 2 s.
        Assert.Equal("TaskCanceledException", result.Error!.ErrorType);
        Assert.InRange(result.Duration, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(1.99));
        Assert.DoesNotContain(result.LifecycleTrace, l => l.Contains("Sandbox.Timedout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JSON_log_format_writes_one_object_per_line_with_level_request_and_trace_and_honours_the_level()
    {
        var output = new StringWriter();
        Environment.SetEnvironmentVariable("AWS_LAMBDA_LOG_FORMAT", "JSON");
        Environment.SetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL", "WARN");
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            await using var loop = await Loop.StartAsync((_, _, _) =>
            {
                LambdaLog.Write("Information", "dropped below WARN");
                LambdaLog.Write("Warning", "stock low: \"espresso\"");
                LambdaLog.Write("FATAL", "out of beans");
                return default;
            });

            var result = await loop.Shim.InvokeAsync("{}", new InvokeOptions { TraceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1" });

            result.EnsureSuccess();
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            Assert.Equal(2, lines.Length);
            Assert.Equal(("Warning", "stock low: \"espresso\""), (lines[0].GetProperty("level").GetString(), lines[0].GetProperty("message").GetString()));
            Assert.Equal(("Critical", "out of beans"), (lines[1].GetProperty("level").GetString(), lines[1].GetProperty("message").GetString()));
            Assert.All(lines, l => Assert.Equal(result.RequestId, l.GetProperty("requestId").GetString()));
            Assert.All(lines, l => Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", l.GetProperty("traceId").GetString()));
            Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", l.GetProperty("timestamp").GetString()));
        }
        finally
        {
            Console.SetOut(original);
            Environment.SetEnvironmentVariable("AWS_LAMBDA_LOG_FORMAT", null);
            Environment.SetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL", null);
            LambdaLog.Configure();
        }
    }

    [Fact]
    public async Task ReportInitErrorAsync_fails_Init_and_the_first_invoke_with_the_error_json()
    {
        await using var shim = await LambdaShim.StartAsync(new LambdaShimOptions
        {
            Mode = ShimExecutionMode.External,
            FunctionName = "runtime-tests",
            Timeout = TimeSpan.FromSeconds(30),
        });
        var previous = Environment.GetEnvironmentVariable(LambdaRuntime.RuntimeApiVariable);
        Environment.SetEnvironmentVariable(LambdaRuntime.RuntimeApiVariable, shim.RuntimeApiEndpoints[0]);
        try
        {
            var invoke = shim.InvokeAsync("{}");
            await LambdaRuntime.ReportInitErrorAsync(new InvalidOperationException("no handler named Missing"));

            // The shim retries Init inside the invoke (a new runtime session); this "runtime" fails again.
            for (var i = 0; !invoke.IsCompleted && i < 250; i++)
            {
                await Task.Delay(20);
                try
                {
                    await LambdaRuntime.ReportInitErrorAsync(new InvalidOperationException("no handler named Missing"));
                }
                catch (System.Net.Http.HttpRequestException)
                {
                    // 403 while the old session is closed and the retry's session does not exist yet.
                }
            }

            var result = await invoke;
            Assert.Equal("InvalidOperationException", result.Error!.ErrorType);
            Assert.Equal("no handler named Missing", result.Error.ErrorMessage);
            Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(result.Error.Json).RootElement.GetProperty("stackTrace").ValueKind);
            Assert.Contains(result.LifecycleTrace, l => l.Contains("Phase: init\tStatus: error", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(LambdaRuntime.RuntimeApiVariable, previous);
        }
    }
}
