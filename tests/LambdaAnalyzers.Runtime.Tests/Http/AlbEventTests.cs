using System;
using System.Text;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Http;
using static LambdaAnalyzers.Runtime.Tests.Http.RequestShapes;

namespace LambdaAnalyzers.Runtime.Tests.Http;

/// <summary>An Application Load Balancer with a Lambda target group (docs/platform/http-events.md, "Application Load Balancer").</summary>
public sealed class AlbEventTests
{
    private static HttpRoute[] Route(HttpEventFormat format) => new[] { new HttpRoute { FunctionName = "fn", Format = format } };

    [Fact]
    public async Task Single_value_event_keeps_the_last_value_and_leaves_query_values_encoded()
    {
        await using var alb = await FrontEndUnderTest.StartAsync(FrontEndUnderTest.Returns("{\"statusCode\":200}"), Route(HttpEventFormat.Alb));

        var response = await alb.SendAsync("GET", "/orders/42?" + Query, Headers);

        Assert.Equal(200, response.Status);
        var e = alb.Event;
        Assert.StartsWith("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/fn/", e.Text("requestContext.elb.targetGroupArn"), StringComparison.Ordinal);
        Assert.Equal("GET", e.Text("httpMethod"));
        Assert.Equal("/orders/42", e.Text("path"));
        Assert.Equal("b", e.Text("queryStringParameters.tag"));
        Assert.Equal("x%20y", e.Text("queryStringParameters.q"));
        Assert.Equal("2", e.Text("headers.x-multi"));
        Assert.Equal("a=1; b=2", e.Text("headers.cookie"));
        Assert.Equal("127.0.0.1", e.Text("headers.x-forwarded-for"));
        Assert.Equal("http", e.Text("headers.x-forwarded-proto"));
        Assert.StartsWith("Root=1-", e.Text("headers.x-amzn-trace-id"), StringComparison.Ordinal);
        Assert.False(e.Has("multiValueHeaders"));
        Assert.False(e.Has("multiValueQueryStringParameters"));
        Assert.Equal(string.Empty, e.Text("body"));
        Assert.False(e.At("isBase64Encoded").GetBoolean());
    }

    [Fact]
    public async Task Multi_value_event_keeps_every_value()
    {
        await using var alb = await FrontEndUnderTest.StartAsync(
            FrontEndUnderTest.Returns("{\"statusCode\":200,\"multiValueHeaders\":{\"Set-Cookie\":[\"a=1\",\"b=2\"]},\"headers\":{\"X-Ignored\":\"1\"}}"),
            Route(HttpEventFormat.AlbMultiValueHeaders));

        var response = await alb.SendAsync("GET", "/orders/42?" + Query, Headers);

        var e = alb.Event;
        Assert.Equal(new[] { "1", "2" }, e.Strings("multiValueHeaders.x-multi"));
        Assert.Equal(new[] { "a", "b" }, e.Strings("multiValueQueryStringParameters.tag"));
        Assert.Equal(new[] { "x%20y" }, e.Strings("multiValueQueryStringParameters.q"));
        Assert.False(e.Has("headers"));
        Assert.False(e.Has("queryStringParameters"));
        // With multi-value headers enabled the response must use multiValueHeaders; "headers" is not read.
        Assert.Equal(new[] { "a=1", "b=2" }, response.All("Set-Cookie"));
        Assert.Null(response.Header("X-Ignored"));
    }

    [Fact]
    public async Task Text_javascript_json_and_xml_bodies_are_text_everything_else_base64()
    {
        await using var alb = await FrontEndUnderTest.StartAsync(FrontEndUnderTest.Returns("{\"statusCode\":200}"), Route(HttpEventFormat.Alb));

        foreach (var type in new[] { "text/plain", "application/json", "application/javascript", "application/xml" })
        {
            await alb.SendAsync("POST", "/", new[] { ("Content-Type", type) }, Encoding.UTF8.GetBytes("<x/>"));
            Assert.False(alb.Event.At("isBase64Encoded").GetBoolean(), type);
            Assert.Equal("<x/>", alb.Event.Text("body"));
        }

        await alb.SendAsync("POST", "/", new[] { ("Content-Type", "application/octet-stream") }, Binary);
        Assert.True(alb.Event.At("isBase64Encoded").GetBoolean());
        Assert.Equal(Convert.ToBase64String(Binary), alb.Event.Text("body"));
    }

    [Fact]
    public async Task Response_status_description_headers_and_base64_body_become_the_HTTP_response()
    {
        var body = Convert.ToBase64String(new byte[] { 1, 2, 3 });
        await using var alb = await FrontEndUnderTest.StartAsync(
            FrontEndUnderTest.Returns($"{{\"isBase64Encoded\":true,\"statusCode\":201,\"statusDescription\":\"201 Made\",\"headers\":{{\"Set-cookie\":\"s=1\",\"Content-Type\":\"application/octet-stream\"}},\"body\":\"{body}\"}}"),
            Route(HttpEventFormat.Alb));

        var response = await alb.SendAsync("GET", "/");

        Assert.Equal(201, response.Status);
        Assert.Equal("Made", response.Reason);
        Assert.Equal("s=1", response.Header("Set-Cookie"));
        Assert.Equal(new byte[] { 1, 2, 3 }, response.Body);
    }

    [Fact]
    public async Task Function_errors_and_responses_above_1_MB_are_the_load_balancers_502()
    {
        var big = "{\"statusCode\":200,\"body\":\"" + new string('x', 1024 * 1024) + "\"}";
        await using var alb = await FrontEndUnderTest.StartAsync(
            (e, response, cancellationToken) => e.Text("path") == "/throw"
                ? throw new InvalidOperationException("boom")
                : response.WriteAsync(Encoding.UTF8.GetBytes(big), cancellationToken).AsTask(),
            Route(HttpEventFormat.Alb));

        foreach (var path in new[] { "/throw", "/big" })
        {
            var response = await alb.SendAsync("GET", path);
            Assert.Equal(502, response.Status);
            Assert.Equal("text/html", response.Header("Content-Type"));
            Assert.Contains("502 Bad Gateway", response.Text, StringComparison.Ordinal);
        }

        var tooLarge = await alb.SendAsync("POST", "/", new[] { ("Content-Type", "text/plain") }, new byte[1024 * 1024 + 1]);
        Assert.Equal(413, tooLarge.Status);
    }
}
