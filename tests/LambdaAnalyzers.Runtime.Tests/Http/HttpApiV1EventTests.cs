using System;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Http;
using static LambdaAnalyzers.Runtime.Tests.Http.RequestShapes;

namespace LambdaAnalyzers.Runtime.Tests.Http;

/// <summary>API Gateway HTTP API, payload format 1.0 (docs/platform/http-events.md, "HTTP API 1.0").</summary>
public sealed class HttpApiV1EventTests
{
    private static readonly HttpRoute[] Routes =
    {
        new() { FunctionName = "fn", Format = HttpEventFormat.HttpApiV1, Method = "GET", Path = "/orders/{id}" },
    };

    [Fact]
    public async Task Request_becomes_the_1_0_event_field_by_field()
    {
        await using var api = await FrontEndUnderTest.StartAsync(FrontEndUnderTest.Returns("{\"statusCode\":200}"), Routes);
        var before = DateTimeOffset.UtcNow;

        var response = await api.SendAsync("GET", "/orders/42?" + Query, Headers);

        Assert.Equal(200, response.Status);
        var e = api.Event;
        Assert.Equal("1.0", e.Text("version"));
        Assert.Equal("/orders/{id}", e.Text("resource"));
        Assert.Equal("/orders/42", e.Text("path"));
        Assert.Equal("GET", e.Text("httpMethod"));
        // HTTP APIs lowercase header names in both formats.
        Assert.Equal("2", e.Text("headers.x-multi"));
        Assert.Equal(new[] { "1", "2" }, e.Strings("multiValueHeaders.x-multi"));
        Assert.Equal("a=1; b=2", e.Text("headers.cookie"));
        Assert.Equal("b", e.Text("queryStringParameters.tag"));
        Assert.Equal("x y", e.Text("queryStringParameters.q"));
        Assert.Equal(new[] { "a", "b" }, e.Strings("multiValueQueryStringParameters.tag"));
        Assert.Equal("42", e.Text("pathParameters.id"));
        Assert.Equal(JsonValueKind.Null, e.At("stageVariables").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.At("body").ValueKind);
        Assert.False(e.At("isBase64Encoded").GetBoolean());
        Assert.Equal("$default", e.Text("requestContext.stage"));
        Assert.Equal("/orders/42", e.Text("requestContext.path"));
        Assert.Equal("/orders/{id}", e.Text("requestContext.resourcePath"));
        Assert.Equal("GET", e.Text("requestContext.httpMethod"));
        Assert.Equal("127.0.0.1", e.Text("requestContext.identity.sourceIp"));
        Assert.Equal("curl/8.0", e.Text("requestContext.identity.userAgent"));
        Assert.Equal(JsonValueKind.Null, e.At("requestContext.authorizer.claims").ValueKind);
        Assert.Equal(response.Header("apigw-requestid"), e.Text("requestContext.requestId"));
        AssertRequestTime(e.Text("requestContext.requestTime"));
        AssertRecentEpoch(e.At("requestContext.requestTimeEpoch").GetInt64(), before);
    }

    [Fact]
    public async Task Responses_use_the_1_0_shape_and_errors_are_500()
    {
        await using var api = await FrontEndUnderTest.StartAsync(
            (e, response, cancellationToken) => e.Text("pathParameters.id") == "throw"
                ? throw new InvalidOperationException("boom")
                : response.WriteAsync("{\"statusCode\":200,\"multiValueHeaders\":{\"Set-Cookie\":[\"a=1\",\"b=2\"]},\"body\":\"ok\"}"u8.ToArray(), cancellationToken).AsTask(),
            Routes);

        var ok = await api.SendAsync("GET", "/orders/1");
        var failed = await api.SendAsync("GET", "/orders/throw");

        Assert.Equal(new[] { "a=1", "b=2" }, ok.All("Set-Cookie"));
        Assert.Equal("ok", ok.Text);
        Assert.Equal(500, failed.Status);
        Assert.Equal("{\"message\":\"Internal Server Error\"}", failed.Text);
    }
}
