using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Http;
using Microsoft.Extensions.Time.Testing;
using static LambdaAnalyzers.Runtime.Tests.Http.RequestShapes;

namespace LambdaAnalyzers.Runtime.Tests.Http;

/// <summary>API Gateway REST API, Lambda proxy integration (docs/platform/http-events.md, "REST API").</summary>
public sealed class RestApiEventTests
{
    private static readonly HttpRoute[] Routes =
    {
        new() { FunctionName = "fn", Format = HttpEventFormat.RestApi, Method = "GET", Path = "/orders/{id}" },
        new() { FunctionName = "fn", Format = HttpEventFormat.RestApi, Method = "ANY", Path = "/files/{proxy+}", BinaryMediaTypes = new[] { "image/png" } },
    };

    [Fact]
    public async Task Request_becomes_the_REST_proxy_event_field_by_field()
    {
        await using var api = await FrontEndUnderTest.StartAsync(FrontEndUnderTest.Returns("{\"statusCode\":200}"), Routes);
        var before = DateTimeOffset.UtcNow;

        var response = await api.SendAsync("GET", "/Prod/orders/42?" + Query, Headers);

        Assert.Equal(200, response.Status);
        var e = api.Event;
        Assert.False(e.Has("version"));
        Assert.Equal("/orders/{id}", e.Text("resource"));
        Assert.Equal("/orders/42", e.Text("path"));
        Assert.Equal("GET", e.Text("httpMethod"));
        // Header names as the client sent them; the single-value map keeps the last of repeated headers.
        Assert.Equal("2", e.Text("headers.X-Multi"));
        Assert.Equal(new[] { "1", "2" }, e.Strings("multiValueHeaders.X-Multi"));
        Assert.Equal("a=1; b=2", e.Text("headers.Cookie"));
        Assert.Equal("127.0.0.1", e.Text("headers.X-Forwarded-For"));
        Assert.Equal("http", e.Text("headers.X-Forwarded-Proto"));
        Assert.StartsWith("Root=1-", e.Text("headers.X-Amzn-Trace-Id"), StringComparison.Ordinal);
        Assert.Equal("b", e.Text("queryStringParameters.tag"));
        Assert.Equal("x y", e.Text("queryStringParameters.q"));
        Assert.Equal(string.Empty, e.Text("queryStringParameters.flag"));
        Assert.Equal(new[] { "a", "b" }, e.Strings("multiValueQueryStringParameters.tag"));
        Assert.Equal(new[] { "id" }, e.Names("pathParameters"));
        Assert.Equal("42", e.Text("pathParameters.id"));
        Assert.Equal(JsonValueKind.Null, e.At("stageVariables").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.At("body").ValueKind);
        Assert.False(e.At("isBase64Encoded").GetBoolean());

        Assert.Equal("123456789012", e.Text("requestContext.accountId"));
        Assert.Equal("Prod", e.Text("requestContext.stage"));
        Assert.Equal("/Prod/orders/42", e.Text("requestContext.path"));
        Assert.Equal("/orders/{id}", e.Text("requestContext.resourcePath"));
        Assert.Equal("GET", e.Text("requestContext.httpMethod"));
        Assert.Equal("HTTP/1.1", e.Text("requestContext.protocol"));
        Assert.Equal("127.0.0.1", e.Text("requestContext.identity.sourceIp"));
        Assert.Equal("curl/8.0", e.Text("requestContext.identity.userAgent"));
        Assert.Equal(JsonValueKind.Null, e.At("requestContext.identity.userArn").ValueKind);
        Assert.Equal("127.0.0.1", e.Text("requestContext.domainName"));
        Assert.Equal(response.Header("x-amzn-RequestId"), e.Text("requestContext.requestId"));
        Assert.True(Guid.TryParse(e.Text("requestContext.requestId"), out _));
        AssertRequestTime(e.Text("requestContext.requestTime"));
        AssertRecentEpoch(e.At("requestContext.requestTimeEpoch").GetInt64(), before);
    }

    [Fact]
    public async Task Path_without_the_stage_reaches_the_same_route()
    {
        await using var api = await FrontEndUnderTest.StartAsync(FrontEndUnderTest.Returns("{\"statusCode\":204}"), Routes);

        var response = await api.SendAsync("GET", "/orders/7");

        Assert.Equal(204, response.Status);
        Assert.Equal("/orders/7", api.Event.Text("path"));
        Assert.Equal("/Prod/orders/7", api.Event.Text("requestContext.path"));
    }

    [Fact]
    public async Task Response_status_headers_multi_value_headers_and_body_become_the_HTTP_response()
    {
        const string json = "{\"statusCode\":201,\"headers\":{\"X-One\":\"1\",\"Content-Type\":\"text/plain\",\"X-Both\":\"single\"}," +
            "\"multiValueHeaders\":{\"Set-Cookie\":[\"a=1\",\"b=2\"],\"X-Both\":[\"m1\",\"m2\"]},\"body\":\"created\",\"isBase64Encoded\":false}";
        await using var api = await FrontEndUnderTest.StartAsync(FrontEndUnderTest.Returns(json), Routes);

        var response = await api.SendAsync("GET", "/Prod/orders/1");

        Assert.Equal(201, response.Status);
        Assert.Equal("1", response.Header("X-One"));
        Assert.Equal("text/plain", response.Header("Content-Type"));
        Assert.Equal(new[] { "a=1", "b=2" }, response.All("Set-Cookie"));
        // A name in both maps takes the multi-value list only.
        Assert.Equal(new[] { "m1", "m2" }, response.All("X-Both"));
        Assert.Equal("created", response.Text);
    }

    [Fact]
    public async Task Binary_media_types_arrive_base64_encoded_and_base64_responses_are_decoded()
    {
        var reply = Convert.ToBase64String(new byte[] { 9, 8, 7 });
        await using var api = await FrontEndUnderTest.StartAsync(
            FrontEndUnderTest.Returns($"{{\"statusCode\":200,\"headers\":{{\"Content-Type\":\"image/png\"}},\"body\":\"{reply}\",\"isBase64Encoded\":true}}"), Routes);

        var binary = await api.SendAsync("POST", "/Prod/files/a/b%20c", new[] { ("Content-Type", "image/png") }, Binary);
        var binaryEvent = api.Event;
        var text = await api.SendAsync("POST", "/Prod/files/doc", new[] { ("Content-Type", "application/json") }, Encoding.UTF8.GetBytes("{\"a\":1}"));
        var textEvent = api.Event;

        Assert.Equal(new byte[] { 9, 8, 7 }, binary.Body);
        Assert.True(binaryEvent.At("isBase64Encoded").GetBoolean());
        Assert.Equal(Convert.ToBase64String(Binary), binaryEvent.Text("body"));
        Assert.Equal("/files/{proxy+}", binaryEvent.Text("resource"));
        Assert.Equal("a/b c", binaryEvent.Text("pathParameters.proxy"));
        Assert.Equal(200, text.Status);
        Assert.False(textEvent.At("isBase64Encoded").GetBoolean());
        Assert.Equal("{\"a\":1}", textEvent.Text("body"));
    }

    [Fact]
    public async Task Function_errors_and_malformed_responses_are_502_Internal_server_error_and_unknown_routes_403()
    {
        await using var api = await FrontEndUnderTest.StartAsync(
            (e, response, cancellationToken) => e.Text("pathParameters.id") switch
            {
                "throw" => throw new InvalidOperationException("boom"),
                "nostatus" => response.WriteAsync("{\"body\":\"no status code\"}"u8.ToArray(), cancellationToken).AsTask(),
                _ => response.WriteAsync("[1,2]"u8.ToArray(), cancellationToken).AsTask(),
            },
            Routes);

        foreach (var id in new[] { "throw", "nostatus", "array" })
        {
            var response = await api.SendAsync("GET", "/Prod/orders/" + id);
            Assert.Equal(502, response.Status);
            Assert.Equal("{\"message\": \"Internal server error\"}", response.Text);
            Assert.Equal("InternalServerErrorException", response.Header("x-amzn-ErrorType"));
        }

        var unknown = await api.SendAsync("GET", "/Prod/customers");
        var wrongMethod = await api.SendAsync("DELETE", "/Prod/orders/1");
        Assert.Equal(403, unknown.Status);
        Assert.Equal("{\"message\":\"Missing Authentication Token\"}", unknown.Text);
        Assert.Equal(403, wrongMethod.Status);
        Assert.Equal(3, api.EventCount);
    }

    [Fact]
    public async Task Integration_timeout_is_504_Endpoint_request_timed_out_while_the_function_runs_on()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var release = new TaskCompletionSource();
        await using var api = await FrontEndUnderTest.StartAsync(
            async (_, response, cancellationToken) =>
            {
                await release.Task;
                await response.WriteAsync("{\"statusCode\":200}"u8.ToArray(), cancellationToken);
            },
            Routes, clock: clock);

        var pending = api.SendAsync("GET", "/Prod/orders/slow");
        await Eventually.TrueAsync(() => api.EventCount == 1);
        clock.Advance(TimeSpan.FromSeconds(28));
        Assert.False(pending.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var response = await pending;
        release.SetResult();

        Assert.Equal(504, response.Status);
        Assert.Equal("{\"message\": \"Endpoint request timed out\"}", response.Text);
    }
}
