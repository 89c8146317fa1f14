using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>The Invoke API as callers (HTTP clients, the AWS CLI) see it (docs/platform/invoke-api.md).</summary>
public sealed class InvokeApiTests
{
    private static Task<LambdaShim> StartAsync(Action<LambdaShimOptions>? configure = null) => TestFunctionHost.StartAsync(o =>
    {
        o.EnableInvokeApi = true;
        o.EventRetryDelays = new[] { TimeSpan.Zero };
        configure?.Invoke(o);
    });

    private static async Task<HttpResponseMessage> InvokeAsync(LambdaShim fn, byte[] body, string? type = null, string? logType = null, string name = "test-function")
    {
        using var http = new HttpClient { BaseAddress = fn.InvokeApiEndpoint };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/2015-03-31/functions/{Uri.EscapeDataString(name)}/invocations") { Content = new ByteArrayContent(body) };
        if (type is not null)
        {
            request.Headers.Add("X-Amz-Invocation-Type", type);
        }

        if (logType is not null)
        {
            request.Headers.Add("X-Amz-Log-Type", logType);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static Task<HttpResponseMessage> InvokeAsync(LambdaShim fn, string body, string? type = null, string? logType = null, string name = "test-function") =>
        InvokeAsync(fn, Encoding.UTF8.GetBytes(body), type, logType, name);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : null;

    private static byte[] JsonString(int totalBytes)
    {
        var bytes = new byte[totalBytes];
        Array.Fill(bytes, (byte)'a');
        bytes[0] = (byte)'"';
        bytes[^1] = (byte)'"';
        return bytes;
    }

    [Fact]
    public async Task RequestResponse_returns_200_the_payload_and_the_executed_version()
    {
        await using var fn = await StartAsync();

        using var response = await InvokeAsync(fn, "{\"op\":\"echo\",\"x\":1}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"op\":\"echo\",\"x\":1}", await response.Content.ReadAsStringAsync());
        Assert.Equal("$LATEST", Header(response, "X-Amz-Executed-Version"));
        Assert.Null(Header(response, "X-Amz-Function-Error"));
    }

    [Fact]
    public async Task Function_error_is_200_with_X_Amz_Function_Error_Unhandled()
    {
        await using var fn = await StartAsync();

        using var response = await InvokeAsync(fn, "{\"op\":\"throw\"}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unhandled", Header(response, "X-Amz-Function-Error"));
        Assert.Equal("InvalidOperationException", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Log_type_Tail_returns_base64_of_the_last_4_KB_of_the_log()
    {
        await using var fn = await StartAsync();

        using var response = await InvokeAsync(fn, "{\"op\":\"echo\"}", logType: "Tail");

        var tail = Convert.FromBase64String(Header(response, "X-Amz-Log-Result")!);
        Assert.InRange(tail.Length, 1, 4096);
        var text = Encoding.UTF8.GetString(tail);
        Assert.Contains("handling echo", text, StringComparison.Ordinal);
        Assert.Contains("REPORT RequestId: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_context_header_is_decoded_and_delivered_to_the_function()
    {
        await using var fn = await StartAsync();
        using var http = new HttpClient { BaseAddress = fn.InvokeApiEndpoint };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/test-function/invocations") { Content = new StringContent("{\"op\":\"context\"}") };
        request.Headers.Add("X-Amz-Client-Context", Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"custom\":{\"a\":\"b\"}}")));
        request.Headers.Add("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");

        using var response = await http.SendAsync(request);

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("{\"custom\":{\"a\":\"b\"}}", json.GetProperty("clientContext").GetString());
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", json.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task Code_can_come_from_a_zip_package()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"shim-fn-{Guid.NewGuid():N}.zip");
        System.IO.Compression.ZipFile.CreateFromDirectory(await FunctionBuild.TestFunction, zip);
        try
        {
            await using var fn = await LambdaShim.StartAsync(new LambdaShimOptions { CodePath = zip, Handler = "TestFunction", Timeout = TimeSpan.FromSeconds(20) });

            var result = await fn.InvokeAsync("{\"op\":\"echo\",\"zip\":true}");

            Assert.Equal("{\"op\":\"echo\",\"zip\":true}", result.PayloadText);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public async Task Empty_payload_is_delivered_as_an_empty_object()
    {
        await using var fn = await StartAsync();

        using var response = await InvokeAsync(fn, string.Empty);

        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Non_JSON_payload_is_400_InvalidRequestContentException()
    {
        await using var fn = await StartAsync();

        using var response = await InvokeAsync(fn, "hello");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRequestContentException", Header(response, "x-amzn-ErrorType"));
        // The parser's message quotes the bad token: plain quotes, as the service writes them, never \u0027.
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("'h'", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", raw, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(Header(response, "x-amzn-RequestId"), out _));
        Assert.StartsWith("Could not parse request body into json", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_function_is_404_ResourceNotFoundException()
    {
        await using var fn = await StartAsync();

        using var response = await InvokeAsync(fn, "{}", name: "other-function");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ResourceNotFoundException", Header(response, "x-amzn-ErrorType"));
        Assert.Contains("Function not found: arn:aws:lambda:us-east-1:123456789012:function:other-function", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_can_be_named_by_arn_or_with_a_qualifier()
    {
        await using var fn = await StartAsync();

        using var byArn = await InvokeAsync(fn, "{\"op\":\"context\"}", name: fn.FunctionArn + ":$LATEST");
        using var wrongQualifier = await InvokeAsync(fn, "{}", name: "test-function:prod");

        Assert.Equal(HttpStatusCode.OK, byArn.StatusCode);
        Assert.Equal(fn.FunctionArn + ":$LATEST", JsonDocument.Parse(await byArn.Content.ReadAsStringAsync()).RootElement.GetProperty("arn").GetString());
        Assert.Equal(HttpStatusCode.NotFound, wrongQualifier.StatusCode);
    }

    [Fact]
    public async Task Sync_request_of_6291456_bytes_is_accepted_and_6291457_is_413_RequestEntityTooLargeException()
    {
        await using var fn = await StartAsync();

        using var largest = await InvokeAsync(fn, JsonString(6_291_456));
        using var tooLarge = await InvokeAsync(fn, JsonString(6_291_457));

        Assert.Equal(HttpStatusCode.OK, largest.StatusCode);
        Assert.Equal(6_291_456, (await largest.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("RequestEntityTooLargeException", Header(tooLarge, "x-amzn-ErrorType"));
    }

    [Fact]
    public async Task DryRun_is_204_and_runs_nothing()
    {
        await using var fn = await StartAsync();

        using var response = await InvokeAsync(fn, "{}", type: "DryRun");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(Guid.TryParse(Header(response, "x-amzn-RequestId"), out _));
        Assert.DoesNotContain(fn.Environments, e => e.Trace.Count > 0);
    }

    [Fact]
    public async Task Event_is_202_queued_and_its_outcome_is_observable()
    {
        await using var fn = await StartAsync();

        using var response = await InvokeAsync(fn, "{\"op\":\"echo\"}", type: "Event");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        var queued = Assert.Single(fn.EventInvocations);
        Assert.Equal(queued.Id, Header(response, "x-amzn-RequestId"));
        await queued.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(queued.FinalResult!.IsSuccess);
        Assert.Equal(queued.Id, Assert.Single(queued.Attempts).RequestId);
    }

    [Fact]
    public async Task Event_over_1_MB_is_413()
    {
        await using var fn = await StartAsync();

        using var largest = await InvokeAsync(fn, JsonString(1_048_576), type: "Event");
        using var tooLarge = await InvokeAsync(fn, JsonString(1_048_577), type: "Event");

        Assert.Equal(HttpStatusCode.Accepted, largest.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("RequestEntityTooLargeException", Header(tooLarge, "x-amzn-ErrorType"));
    }

    [Fact]
    public async Task Failing_event_is_retried_twice_by_default_and_each_attempt_is_recorded()
    {
        await using var fn = await StartAsync();

        var queued = fn.InvokeEvent("{\"op\":\"throw\"}");
        await queued.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, queued.Attempts.Count);
        Assert.All(queued.Attempts, a => Assert.Equal("InvalidOperationException", a.Error!.ErrorType));
        Assert.All(queued.Attempts, a => Assert.Equal(queued.Id, a.RequestId));
        Assert.False(queued.FinalResult!.IsSuccess);
    }

    [Fact]
    public async Task Event_retries_are_configurable()
    {
        await using var fn = await StartAsync(o => o.EventRetryAttempts = 0);

        var queued = fn.InvokeEvent("{\"op\":\"throw\"}");
        await queued.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Single(queued.Attempts);
    }

    [Fact]
    public async Task Aws_cli_lambda_invoke_works_against_the_shim()
    {
        if (AwsCli.Find() is not { } aws)
        {
            // xunit 2 has no dynamic skip: say so loudly and pass.
            Console.WriteLine("SKIPPED: no AWS CLI found (PATH, ~/.pyenv/shims).");
            return;
        }

        await using var fn = await StartAsync();
        var (answer, payload) = await AwsCli.InvokeAsync(aws, fn.InvokeApiEndpoint!, "test-function", "{\"op\":\"echo\",\"from\":\"cli\"}");
        using (answer)
        {
            Assert.Equal(200, answer.RootElement.GetProperty("StatusCode").GetInt32());
            Assert.Equal("$LATEST", answer.RootElement.GetProperty("ExecutedVersion").GetString());
            Assert.Contains("REPORT RequestId", Encoding.UTF8.GetString(Convert.FromBase64String(answer.RootElement.GetProperty("LogResult").GetString()!)), StringComparison.Ordinal);
            Assert.Equal("{\"op\":\"echo\",\"from\":\"cli\"}", payload);
        }
    }
}
