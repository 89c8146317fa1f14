using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// Runtime API rules (docs/platform/runtime-api.md), one test per rule, spoken over raw HTTP by the
/// test acting as the runtime (external mode: the shim starts no process).
/// </summary>
public sealed class RuntimeApiConformanceTests
{
    private const string Next = "/2018-06-01/runtime/invocation/next";
    private const string InitError = "/2018-06-01/runtime/init/error";

    private static string ResponsePath(string id) => $"/2018-06-01/runtime/invocation/{id}/response";

    private static string ErrorPath(string id) => $"/2018-06-01/runtime/invocation/{id}/error";

    private static Task<LambdaShim> StartAsync(Action<LambdaShimOptions>? configure = null)
    {
        var options = new LambdaShimOptions { Mode = ShimExecutionMode.External, FunctionName = "conformance", Timeout = TimeSpan.FromSeconds(30) };
        configure?.Invoke(options);
        return LambdaShim.StartAsync(options);
    }

    private static string ErrorType(RawHttp.Response response) => JsonDocument.Parse(response.Body).RootElement.GetProperty("errorType").GetString()!;

    [Fact]
    public async Task Next_carries_request_id_deadline_arn_and_trace_id_and_the_payload_bytes_unchanged()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var before = DateTimeOffset.UtcNow;
        var invoke = fn.InvokeAsync("{ \"a\" :  1 }");
        var next = await RawHttp.GetAsync(endpoint, Next);

        Assert.Equal(200, next.Status);
        Assert.Equal("{ \"a\" :  1 }", next.Text);
        Assert.True(Guid.TryParse(next.Header("Lambda-Runtime-Aws-Request-Id"), out _));
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(next.Header("Lambda-Runtime-Deadline-Ms")!, CultureInfo.InvariantCulture));
        Assert.InRange(deadline, before.AddSeconds(29), DateTimeOffset.UtcNow.AddSeconds(31));
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:conformance", next.Header("Lambda-Runtime-Invoked-Function-Arn"));
        Assert.Matches(@"^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=[01]$", next.Header("Lambda-Runtime-Trace-Id"));
        Assert.Null(next.Header("Lambda-Runtime-Client-Context"));
        Assert.Null(next.Header("Lambda-Runtime-Cognito-Identity"));

        var posted = await RawHttp.PostAsync(endpoint, ResponsePath(next.Header("Lambda-Runtime-Aws-Request-Id")!), "\"ok\"");
        Assert.Equal(202, posted.Status);
        var result = await invoke;
        Assert.True(result.IsSuccess);
        Assert.Equal("\"ok\"", result.PayloadText);
    }

    [Fact]
    public async Task Next_carries_client_context_cognito_identity_tenant_and_qualified_arn_when_given()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}", new InvokeOptions
        {
            ClientContextJson = "{\"custom\":{\"k\":\"v\"}}",
            CognitoIdentityJson = "{\"cognitoIdentityId\":\"id\",\"cognitoIdentityPoolId\":\"pool\"}",
            TenantId = "tenant-1",
            Qualifier = "live",
            TraceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
        });
        var next = await RawHttp.GetAsync(endpoint, Next);

        Assert.Equal("{\"custom\":{\"k\":\"v\"}}", next.Header("Lambda-Runtime-Client-Context"));
        Assert.Equal("{\"cognitoIdentityId\":\"id\",\"cognitoIdentityPoolId\":\"pool\"}", next.Header("Lambda-Runtime-Cognito-Identity"));
        Assert.Equal("tenant-1", next.Header("Lambda-Runtime-Aws-Tenant-Id"));
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:conformance:live", next.Header("Lambda-Runtime-Invoked-Function-Arn"));
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", next.Header("Lambda-Runtime-Trace-Id"));
        await RawHttp.PostAsync(endpoint, ResponsePath(next.Header("Lambda-Runtime-Aws-Request-Id")!), "null");
        Assert.True((await invoke).IsSuccess);
    }

    [Fact]
    public async Task Response_of_exactly_6291556_bytes_is_accepted()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var next = await RawHttp.GetAsync(endpoint, Next);
        var body = new byte[6_291_556];
        Array.Fill(body, (byte)'a');

        var posted = await RawHttp.PostAsync(endpoint, ResponsePath(next.Header("Lambda-Runtime-Aws-Request-Id")!), body);

        Assert.Equal(202, posted.Status);
        Assert.Equal("OK", JsonDocument.Parse(posted.Body).RootElement.GetProperty("status").GetString());
        var result = await invoke;
        Assert.True(result.IsSuccess);
        Assert.Equal(6_291_556, result.Payload.Length);
    }

    [Fact]
    public async Task Response_of_6291557_bytes_is_refused_with_413_and_the_invoke_ends_with_Function_ResponseSizeTooLarge()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var next = await RawHttp.GetAsync(endpoint, Next);
        var body = new byte[6_291_557];

        var posted = await RawHttp.PostAsync(endpoint, ResponsePath(next.Header("Lambda-Runtime-Aws-Request-Id")!), body);

        Assert.Equal(413, posted.Status);
        Assert.Equal("RequestEntityTooLarge", ErrorType(posted));
        var result = await invoke;
        Assert.Equal("Function.ResponseSizeTooLarge", result.Error!.ErrorType);
        Assert.Contains("6291556", result.Error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_response_for_the_same_invoke_is_403_InvalidStateTransition()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var id = (await RawHttp.GetAsync(endpoint, Next)).Header("Lambda-Runtime-Aws-Request-Id")!;

        Assert.Equal(202, (await RawHttp.PostAsync(endpoint, ResponsePath(id), "1")).Status);
        var second = await RawHttp.PostAsync(endpoint, ResponsePath(id), "2");

        Assert.Equal(403, second.Status);
        Assert.Equal("InvalidStateTransition", ErrorType(second));
        Assert.Equal("1", (await invoke).PayloadText);
    }

    [Fact]
    public async Task Error_after_a_response_is_403_InvalidStateTransition()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var id = (await RawHttp.GetAsync(endpoint, Next)).Header("Lambda-Runtime-Aws-Request-Id")!;
        await RawHttp.PostAsync(endpoint, ResponsePath(id), "1");

        var error = await RawHttp.PostAsync(endpoint, ErrorPath(id), "{\"errorType\":\"X\",\"errorMessage\":\"late\"}");

        Assert.Equal(403, error.Status);
        Assert.Equal("InvalidStateTransition", ErrorType(error));
        Assert.True((await invoke).IsSuccess);
    }

    [Fact]
    public async Task Response_for_an_unknown_request_id_is_400_InvalidRequestID()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var id = (await RawHttp.GetAsync(endpoint, Next)).Header("Lambda-Runtime-Aws-Request-Id")!;

        var wrong = await RawHttp.PostAsync(endpoint, ResponsePath(Guid.NewGuid().ToString()), "1");

        Assert.Equal(400, wrong.Status);
        Assert.Equal("InvalidRequestID", ErrorType(wrong));
        await RawHttp.PostAsync(endpoint, ResponsePath(id), "1");
        Assert.True((await invoke).IsSuccess);
    }

    [Fact]
    public async Task Error_for_an_unknown_request_id_is_400_InvalidRequestID()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var id = (await RawHttp.GetAsync(endpoint, Next)).Header("Lambda-Runtime-Aws-Request-Id")!;

        var wrong = await RawHttp.PostAsync(endpoint, ErrorPath("not-the-id"), "{}");

        Assert.Equal(400, wrong.Status);
        Assert.Equal("InvalidRequestID", ErrorType(wrong));
        await RawHttp.PostAsync(endpoint, ResponsePath(id), "1");
        Assert.True((await invoke).IsSuccess);
    }

    [Fact]
    public async Task Wrong_request_id_is_400_even_when_the_state_is_also_wrong()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];

        // No next yet: any id is unknown, and the id check comes before the state check.
        var early = await RawHttp.PostAsync(endpoint, ResponsePath(Guid.NewGuid().ToString()), "1");

        Assert.Equal(400, early.Status);
        Assert.Equal("InvalidRequestID", ErrorType(early));
    }

    [Fact]
    public async Task Init_error_after_the_first_next_is_403_InvalidStateTransition()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var id = (await RawHttp.GetAsync(endpoint, Next)).Header("Lambda-Runtime-Aws-Request-Id")!;

        var initError = await RawHttp.PostAsync(endpoint, InitError, "{\"errorType\":\"X\",\"errorMessage\":\"too late\"}");

        Assert.Equal(403, initError.Status);
        Assert.Equal("InvalidStateTransition", ErrorType(initError));
        await RawHttp.PostAsync(endpoint, ResponsePath(id), "1");
        Assert.True((await invoke).IsSuccess);
    }

    [Fact]
    public async Task Init_error_before_the_first_next_is_202_and_a_failed_suppressed_init_fails_the_invoke_with_that_error()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        const string error = "{\"errorType\":\"Broken\",\"errorMessage\":\"cannot start\",\"stackTrace\":[\"at Init()\"]}";
        var headers = new Dictionary<string, string> { ["Lambda-Runtime-Function-Error-Type"] = "Runtime.Broken" };

        var first = await RawHttp.PostAsync(endpoint, InitError, error, headers);
        Assert.Equal(202, first.Status);

        // The shim retries Init inside the invoke (a new runtime session); fail that one too.
        RawHttp.Response second;
        var attempts = 0;
        do
        {
            await Task.Delay(20);
            second = await RawHttp.PostAsync(endpoint, InitError, error, headers);
        }
        while (second.Status != 202 && ++attempts < 200);

        var result = await invoke;
        Assert.Equal(error, result.PayloadText);
        Assert.Equal("Broken", result.Error!.ErrorType);
        Assert.Equal(new[] { "at Init()" }, result.Error.StackTrace);
        Assert.Contains(result.LifecycleTrace, l => l.StartsWith("INIT_REPORT", StringComparison.Ordinal) && l.Contains("Phase: init\tStatus: error", StringComparison.Ordinal));
        Assert.Contains(result.LifecycleTrace, l => l.StartsWith("INIT_REPORT", StringComparison.Ordinal) && l.Contains("Phase: invoke\tStatus: error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_runtime_started_by_hand_that_reports_init_error_and_is_gone_fails_the_invoke_with_that_error_not_a_timeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fn = await StartAsync(o => { o.TimeProvider = clock; o.Timeout = TimeSpan.FromSeconds(3); });
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        const string error = "{\"errorType\":\"Runtime.HandlerNotFound\",\"errorMessage\":\"index.handler is undefined or not exported\"}";

        var posted = await RawHttp.PostAsync(endpoint, InitError, error, new Dictionary<string, string> { ["Lambda-Runtime-Function-Error-Type"] = "Runtime.HandlerNotFound" });
        Assert.Equal(202, posted.Status);

        // Like AWS's own runtime clients, this one exits after init/error: nothing arrives for the suppressed init,
        // which runs out of the function timeout on the fake clock.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!fn.Environments[0].Trace.Any(l => l.StartsWith("START", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the invoke did not start");
            await Task.Delay(20);
        }

        await Task.Delay(200);
        clock.Advance(TimeSpan.FromSeconds(3));
        var result = await invoke.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Runtime.HandlerNotFound", result.Error!.ErrorType);
        Assert.Equal(error, result.PayloadText);
    }

    [Fact]
    public async Task Error_body_reaches_the_caller_unchanged()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var id = (await RawHttp.GetAsync(endpoint, Next)).Header("Lambda-Runtime-Aws-Request-Id")!;
        const string body = "{\"errorType\":\"InvalidOperationException\",\"errorMessage\":\"boom\",\"stackTrace\":[\"at A()\",\"at B()\"]}";

        var posted = await RawHttp.PostAsync(endpoint, ErrorPath(id), body, new Dictionary<string, string>
        {
            ["Lambda-Runtime-Function-Error-Type"] = "InvalidOperationException",
            ["Content-Type"] = "application/vnd.aws.lambda.error+json",
        });

        Assert.Equal(202, posted.Status);
        var result = await invoke;
        Assert.Equal(body, result.PayloadText);
        Assert.Equal("InvalidOperationException", result.Error!.ErrorType);
        Assert.Equal("boom", result.Error.ErrorMessage);
        Assert.Equal(new[] { "at A()", "at B()" }, result.Error.StackTrace);
    }

    [Fact]
    public async Task Error_cause_content_type_strips_errorCause_before_the_caller_sees_it()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var id = (await RawHttp.GetAsync(endpoint, Next)).Header("Lambda-Runtime-Aws-Request-Id")!;

        await RawHttp.PostAsync(endpoint, ErrorPath(id), "{\"errorType\":\"E\",\"errorMessage\":\"m\",\"errorCause\":{\"exceptions\":[]}}", new Dictionary<string, string>
        {
            ["Content-Type"] = "application/vnd.aws.lambda.error.cause+json",
        });

        Assert.Equal("{\"errorType\":\"E\",\"errorMessage\":\"m\"}", (await invoke).PayloadText);
    }

    [Fact]
    public async Task A_second_client_calling_next_while_the_runtime_waits_is_403_and_the_waiting_one_keeps_the_invokes()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var first = fn.InvokeAsync("{\"n\":1}");
        var next = await RawHttp.GetAsync(endpoint, Next);
        await RawHttp.PostAsync(endpoint, ResponsePath(next.Header("Lambda-Runtime-Aws-Request-Id")!), "1");
        // The runtime is back in next when the invoke ends: it waits there now.
        var waiting = RawHttp.GetAsync(endpoint, Next);
        await first;

        var intruder = await RawHttp.GetAsync(endpoint, Next).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(403, intruder.Status);
        Assert.Equal("InvalidStateTransition", ErrorType(intruder));
        var second = fn.InvokeAsync("{\"n\":2}");
        var delivered = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("{\"n\":2}", delivered.Text);
        await RawHttp.PostAsync(endpoint, ResponsePath(delivered.Header("Lambda-Runtime-Aws-Request-Id")!), "2");
        _ = RawHttp.GetAsync(endpoint, Next);
        Assert.Equal("2", (await second).PayloadText);
    }

    [Fact]
    public async Task Streamed_response_is_delivered_whole()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var id = (await RawHttp.GetAsync(endpoint, Next)).Header("Lambda-Runtime-Aws-Request-Id")!;

        var posted = await RawHttp.SendAsync(endpoint, "POST", ResponsePath(id), new Dictionary<string, string>
        {
            ["Lambda-Runtime-Function-Response-Mode"] = "streaming",
            ["Content-Type"] = "application/octet-stream",
        }, null, new[] { "hello "u8.ToArray(), "streamed "u8.ToArray(), "world"u8.ToArray() });

        Assert.Equal(202, posted.Status);
        var result = await invoke;
        Assert.True(result.IsSuccess);
        Assert.True(result.Streamed);
        Assert.Equal("hello streamed world", result.PayloadText);
        Assert.Equal("application/octet-stream", result.ContentType);
    }

    [Fact]
    public async Task Streamed_response_with_error_trailers_ends_in_that_error()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var id = (await RawHttp.GetAsync(endpoint, Next)).Header("Lambda-Runtime-Aws-Request-Id")!;
        const string error = "{\"errorType\":\"StreamBroke\",\"errorMessage\":\"mid-stream\"}";

        var posted = await RawHttp.SendAsync(endpoint, "POST", ResponsePath(id), new Dictionary<string, string>
        {
            ["Lambda-Runtime-Function-Response-Mode"] = "streaming",
        }, null, new[] { "partial"u8.ToArray() }, new Dictionary<string, string>
        {
            ["Lambda-Runtime-Function-Error-Type"] = "StreamBroke",
            ["Lambda-Runtime-Function-Error-Body"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(error)),
        });

        Assert.Equal(202, posted.Status);
        var result = await invoke;
        Assert.Equal("StreamBroke", result.Error!.ErrorType);
        Assert.Equal(error, result.PayloadText);
        Assert.True(result.Streamed);
        // What was streamed before the error is kept: a streaming caller has those bytes before the error.
        Assert.Equal("partial", Encoding.UTF8.GetString(result.StreamedBeforeError));
    }

    [Fact]
    public async Task Unknown_response_mode_is_400_InvalidFunctionResponseMode_and_the_caller_gets_Runtime_InvalidResponseModeHeader()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var id = (await RawHttp.GetAsync(endpoint, Next)).Header("Lambda-Runtime-Aws-Request-Id")!;

        var posted = await RawHttp.PostAsync(endpoint, ResponsePath(id), "1", new Dictionary<string, string> { ["Lambda-Runtime-Function-Response-Mode"] = "sideways" });

        Assert.Equal(400, posted.Status);
        Assert.Equal("InvalidFunctionResponseMode", ErrorType(posted));
        Assert.Equal("Runtime.InvalidResponseModeHeader", (await invoke).Error!.ErrorType);
    }

    [Fact]
    public async Task Response_content_type_is_kept()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var id = (await RawHttp.GetAsync(endpoint, Next)).Header("Lambda-Runtime-Aws-Request-Id")!;

        await RawHttp.PostAsync(endpoint, ResponsePath(id), "<p/>", new Dictionary<string, string> { ["Content-Type"] = "text/html" });

        var result = await invoke;
        Assert.Equal("text/html", result.ContentType);
        Assert.Equal("<p/>", result.PayloadText);
    }

    [Fact]
    public async Task Next_after_the_answer_gets_the_next_invoke_with_a_new_request_id()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var invoke = fn.InvokeAsync($"{{\"n\":{i}}}");
            var next = await RawHttp.GetAsync(endpoint, Next);
            Assert.Equal($"{{\"n\":{i}}}", next.Text);
            ids.Add(next.Header("Lambda-Runtime-Aws-Request-Id")!);
            await RawHttp.PostAsync(endpoint, ResponsePath(ids[^1]), next.Body);
            Assert.Equal(ids[^1], (await invoke).RequestId);
        }

        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public async Task Unknown_paths_are_404_and_wrong_methods_405()
    {
        await using var fn = await StartAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];

        Assert.Equal(404, (await RawHttp.GetAsync(endpoint, "/2018-06-01/runtime/nothing")).Status);
        Assert.Equal(405, (await RawHttp.PostAsync(endpoint, Next, "{}")).Status);
    }

    [Fact]
    public async Task A_timed_out_invoke_ends_with_Sandbox_Timedout_and_late_answers_are_refused()
    {
        await using var fn = await StartAsync(o => o.Timeout = TimeSpan.FromSeconds(1));
        var endpoint = fn.RuntimeApiEndpoints[0];
        var invoke = fn.InvokeAsync("{}");
        var id = (await RawHttp.GetAsync(endpoint, Next)).Header("Lambda-Runtime-Aws-Request-Id")!;

        var result = await invoke;

        Assert.Equal("Sandbox.Timedout", result.Error!.ErrorType);
        Assert.Equal($"RequestId: {id} Error: Task timed out after 1.00 seconds", result.Error.ErrorMessage);
        Assert.Contains(result.LifecycleTrace, l => l.StartsWith("REPORT", StringComparison.Ordinal) && l.EndsWith("Status: timeout", StringComparison.Ordinal));
        // The environment was reset: the old runtime's answer belongs to no invoke any more.
        var late = await RawHttp.PostAsync(endpoint, ResponsePath(id), "1");
        Assert.Equal(400, late.Status);
        Assert.Equal("InvalidRequestID", ErrorType(late));
    }

    [Fact]
    public async Task After_a_413_the_Invoke_API_caller_still_gets_200_Unhandled_and_the_exact_Function_ResponseSizeTooLarge_body()
    {
        await using var fn = await StartAsync(o => o.EnableInvokeApi = true);
        var endpoint = fn.RuntimeApiEndpoints[0];
        var caller = RawHttp.PostAsync(fn.InvokeApiEndpoint!.Authority, "/2015-03-31/functions/conformance/invocations", "{}");
        var next = RawHttp.GetAsync(endpoint, Next);
        if (await Task.WhenAny(next, caller) == caller)
        {
            Assert.Fail($"The Invoke API answered before the runtime got the event: {(await caller).Status} {(await caller).Text}");
        }

        var id = (await next).Header("Lambda-Runtime-Aws-Request-Id")!;

        var posted = await RawHttp.PostAsync(endpoint, ResponsePath(id), new byte[6_291_557]);

        Assert.Equal(413, posted.Status);
        Assert.Equal("{\"errorType\":\"RequestEntityTooLarge\",\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\"}", posted.Text);
        var answer = await caller.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(200, answer.Status);
        Assert.Equal("Unhandled", answer.Header("X-Amz-Function-Error"));
        Assert.Equal(
            "{\"errorType\":\"Function.ResponseSizeTooLarge\",\"errorMessage\":\"Response payload size exceeded maximum allowed payload size (6291556 bytes).\"}",
            answer.Text);
        // The runtime goes on: the next invoke is served by the same runtime.
        var second = fn.InvokeAsync("{}");
        var id2 = (await RawHttp.GetAsync(endpoint, Next)).Header("Lambda-Runtime-Aws-Request-Id")!;
        Assert.Equal(202, (await RawHttp.PostAsync(endpoint, ResponsePath(id2), "\"fine\"")).Status);
        Assert.Equal("\"fine\"", (await second).PayloadText);
    }

    [Fact]
    public async Task A_runtime_started_by_hand_may_call_next_before_the_first_invoke_and_again_after_a_reset()
    {
        await using var fn = await StartAsync(o => o.Timeout = TimeSpan.FromSeconds(1));
        var endpoint = fn.RuntimeApiEndpoints[0];

        var early = RawHttp.GetAsync(endpoint, Next);
        await Task.Delay(300);
        var first = fn.InvokeAsync("{\"early\":true}");
        Assert.Equal("{\"early\":true}", (await early.WaitAsync(TimeSpan.FromSeconds(10))).Text);
        // Unanswered: the invoke times out and the environment is reset.
        Assert.Equal("Sandbox.Timedout", (await first).Error!.ErrorType);

        // The restarted runtime asks for work before the next invoke exists.
        var again = RawHttp.GetAsync(endpoint, Next);
        await Task.Delay(300);
        var second = fn.InvokeAsync("{\"again\":true}");
        var next = await again.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("{\"again\":true}", next.Text);
        Assert.Equal(202, (await RawHttp.PostAsync(endpoint, ResponsePath(next.Header("Lambda-Runtime-Aws-Request-Id")!), "\"late but fine\"")).Status);
        var result = await second;
        Assert.True(result.IsSuccess);
        Assert.True(result.ColdStart);
    }
}
