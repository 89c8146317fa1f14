using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Http;
using Microsoft.Extensions.Time.Testing;
using static LambdaAnalyzers.Runtime.Tests.Http.RequestShapes;

namespace LambdaAnalyzers.Runtime.Tests.Http;

/// <summary>API Gateway HTTP API, payload format 2.0 (docs/platform/http-events.md, "HTTP API 2.0").</summary>
public sealed class HttpApiV2EventTests
{
    private static readonly HttpRoute[] Routes =
    {
        new() { FunctionName = "fn", Method = "GET", Path = "/orders/{id}" },
        new() { FunctionName = "fn", Method = "POST", Path = "/uploads" },
    };

    [Fact]
    public async Task Request_becomes_the_2_0_event_field_by_field()
    {
        await using var api = await FrontEndUnderTest.StartAsync(FrontEndUnderTest.Returns("{\"ok\":true}"), Routes);
        var before = DateTimeOffset.UtcNow;

        var response = await api.SendAsync("GET", "/orders/42?" + Query, Headers);

        Assert.Equal(200, response.Status);
        var e = api.Event;
        Assert.Equal("2.0", e.Text("version"));
        Assert.Equal("GET /orders/{id}", e.Text("routeKey"));
        Assert.Equal("/orders/42", e.Text("rawPath"));
        Assert.Equal(Query, e.Text("rawQueryString"));
        Assert.Equal(new[] { "a=1", "b=2" }, e.Strings("cookies"));
        // Lowercase names, repeats joined with commas, the cookie header moved to "cookies".
        Assert.All(e.Names("headers"), name => Assert.Equal(name.ToLowerInvariant(), name));
        Assert.Equal("1,2", e.Text("headers.x-multi"));
        Assert.False(e.At("headers").Has("cookie"));
        Assert.Equal("curl/8.0", e.Text("headers.user-agent"));
        Assert.Equal("127.0.0.1", e.Text("headers.x-forwarded-for"));
        Assert.Equal("a,b", e.Text("queryStringParameters.tag"));
        Assert.Equal("x y", e.Text("queryStringParameters.q"));
        Assert.Equal(string.Empty, e.Text("queryStringParameters.flag"));
        Assert.Equal("42", e.Text("pathParameters.id"));
        Assert.False(e.Has("body"));
        Assert.False(e.Has("stageVariables"));
        Assert.False(e.Has("multiValueHeaders"));
        Assert.False(e.At("isBase64Encoded").GetBoolean());

        Assert.Equal("123456789012", e.Text("requestContext.accountId"));
        Assert.Equal("GET", e.Text("requestContext.http.method"));
        Assert.Equal("/orders/42", e.Text("requestContext.http.path"));
        Assert.Equal("HTTP/1.1", e.Text("requestContext.http.protocol"));
        Assert.Equal("127.0.0.1", e.Text("requestContext.http.sourceIp"));
        Assert.Equal("curl/8.0", e.Text("requestContext.http.userAgent"));
        Assert.Equal("GET /orders/{id}", e.Text("requestContext.routeKey"));
        Assert.Equal("$default", e.Text("requestContext.stage"));
        Assert.Equal(response.Header("apigw-requestid"), e.Text("requestContext.requestId"));
        AssertRequestTime(e.Text("requestContext.time"));
        AssertRecentEpoch(e.At("requestContext.timeEpoch").GetInt64(), before);
    }

    [Fact]
    public async Task A_named_stage_is_part_of_rawPath_but_not_of_the_route()
    {
        await using var api = await FrontEndUnderTest.StartAsync(
            FrontEndUnderTest.Returns("{}"), new[] { new HttpRoute { FunctionName = "fn", Method = "ANY", Path = "/items/{proxy+}", Stage = "v1" } });

        var response = await api.SendAsync("DELETE", "/v1/items/a/b");

        Assert.Equal(200, response.Status);
        Assert.Equal("/v1/items/a/b", api.Event.Text("rawPath"));
        Assert.Equal("ANY /items/{proxy+}", api.Event.Text("routeKey"));
        Assert.Equal("v1", api.Event.Text("requestContext.stage"));
        Assert.Equal("a/b", api.Event.Text("pathParameters.proxy"));
    }

    [Fact]
    public async Task Bodies_are_text_for_text_and_JSON_and_base64_otherwise()
    {
        await using var api = await FrontEndUnderTest.StartAsync(FrontEndUnderTest.Returns("{}"), Routes);

        await api.SendAsync("POST", "/uploads", new[] { ("Content-Type", "application/octet-stream") }, Binary);
        var binary = api.Event;
        await api.SendAsync("POST", "/uploads", new[] { ("Content-Type", "text/csv; charset=utf-8") }, Encoding.UTF8.GetBytes("a,b"));
        var csv = api.Event;
        await api.SendAsync("POST", "/uploads", new[] { ("Content-Type", "application/json") }, Encoding.UTF8.GetBytes("{\"x\":1}"));
        var json = api.Event;
        await api.SendAsync("POST", "/uploads", new[] { ("Content-Type", "application/x-www-form-urlencoded") }, Encoding.UTF8.GetBytes("a=1"));
        var form = api.Event;

        Assert.True(binary.At("isBase64Encoded").GetBoolean());
        Assert.Equal(Convert.ToBase64String(Binary), binary.Text("body"));
        Assert.False(csv.At("isBase64Encoded").GetBoolean());
        Assert.Equal("a,b", csv.Text("body"));
        Assert.Equal("{\"x\":1}", json.Text("body"));
        Assert.True(form.At("isBase64Encoded").GetBoolean());
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("a=1")), form.Text("body"));
    }

    [Theory]
    [InlineData("{\"order\":\"42\"}")]
    [InlineData("\"Hello from Lambda!\"")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"body\":\"an object without statusCode is the body\"}")]
    public async Task A_JSON_value_without_statusCode_is_a_200_JSON_body(string output)
    {
        await using var api = await FrontEndUnderTest.StartAsync(FrontEndUnderTest.Returns(output), Routes);

        var response = await api.SendAsync("GET", "/orders/1");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.Header("Content-Type"));
        Assert.Equal(output, response.Text);
    }

    [Fact]
    public async Task Structured_responses_carry_status_headers_cookies_and_base64_bodies()
    {
        var hello = Convert.ToBase64String(Encoding.UTF8.GetBytes("hello"));
        await using var api = await FrontEndUnderTest.StartAsync(
            FrontEndUnderTest.Returns($"{{\"statusCode\":202,\"headers\":{{\"x-h\":\"v\",\"content-type\":\"text/plain\"}},\"cookies\":[\"c1=1; Path=/\",\"c2=2\"],\"body\":\"{hello}\",\"isBase64Encoded\":true}}"),
            Routes);

        var response = await api.SendAsync("GET", "/orders/1");

        Assert.Equal(202, response.Status);
        Assert.Equal("v", response.Header("x-h"));
        Assert.Equal("text/plain", response.Header("content-type"));
        Assert.Equal(new[] { "c1=1; Path=/", "c2=2" }, response.All("Set-Cookie"));
        Assert.Equal("hello", response.Text);
    }

    [Fact]
    public async Task Function_errors_and_malformed_responses_are_500_and_unknown_routes_404()
    {
        await using var api = await FrontEndUnderTest.StartAsync(
            (e, response, cancellationToken) => e.Text("pathParameters.id") switch
            {
                "throw" => throw new InvalidOperationException("boom"),
                "badbase64" => response.WriteAsync("{\"statusCode\":200,\"body\":\"***\",\"isBase64Encoded\":true}"u8.ToArray(), cancellationToken).AsTask(),
                _ => response.WriteAsync("not json"u8.ToArray(), cancellationToken).AsTask(),
            },
            Routes);

        foreach (var id in new[] { "throw", "badbase64", "text" })
        {
            var response = await api.SendAsync("GET", "/orders/" + id);
            Assert.Equal(500, response.Status);
            Assert.Equal("{\"message\":\"Internal Server Error\"}", response.Text);
        }

        var unknown = await api.SendAsync("GET", "/customers/1");
        Assert.Equal(404, unknown.Status);
        Assert.Equal("{\"message\":\"Not Found\"}", unknown.Text);
    }

    [Fact]
    public async Task Integration_timeout_is_503_Service_Unavailable()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var release = new TaskCompletionSource();
        await using var api = await FrontEndUnderTest.StartAsync(
            async (_, response, cancellationToken) =>
            {
                await release.Task;
                await response.WriteAsync("{}"u8.ToArray(), cancellationToken);
            },
            Routes, clock: clock);

        var pending = api.SendAsync("GET", "/orders/slow");
        await Eventually.TrueAsync(() => api.EventCount == 1);
        clock.Advance(TimeSpan.FromSeconds(30));
        var response = await pending;
        release.SetResult();

        Assert.Equal(503, response.Status);
        Assert.Equal("{\"message\":\"Service Unavailable\"}", response.Text);
    }

    [Fact]
    public async Task The_default_route_takes_what_no_other_route_matches()
    {
        await using var api = await FrontEndUnderTest.StartAsync(
            FrontEndUnderTest.Returns("{}"), Routes.Append(new HttpRoute { FunctionName = "fn" }));

        await api.SendAsync("PATCH", "/anything/at/all");

        Assert.Equal("$default", api.Event.Text("routeKey"));
        Assert.False(api.Event.Has("pathParameters"));
        Assert.Equal("/anything/at/all", api.Event.Text("rawPath"));
    }
}
