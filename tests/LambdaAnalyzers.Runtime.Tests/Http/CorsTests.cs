using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Http;

namespace LambdaAnalyzers.Runtime.Tests.Http;

/// <summary>CORS from the template (docs/platform/http-events.md, "CORS").</summary>
public sealed class CorsTests
{
    private static readonly HttpCors Cors = new()
    {
        AllowOrigins = new[] { "https://app.example" },
        AllowMethods = new[] { "GET", "POST" },
        AllowHeaders = new[] { "content-type" },
        ExposeHeaders = new[] { "x-total" },
        MaxAgeSeconds = 600,
    };

    private static readonly (string, string)[] PreflightHeaders = { ("Origin", "https://app.example"), ("Access-Control-Request-Method", "POST") };

    [Fact]
    public async Task An_HTTP_API_answers_preflights_itself_and_replaces_the_functions_CORS_headers()
    {
        await using var api = await FrontEndUnderTest.StartAsync(
            FrontEndUnderTest.Returns("{\"statusCode\":200,\"headers\":{\"Access-Control-Allow-Origin\":\"*\"},\"body\":\"x\"}"),
            new[] { new HttpRoute { FunctionName = "fn", Method = "ANY", Path = "/items", Cors = Cors } });

        var preflight = await api.SendAsync("OPTIONS", "/items", PreflightHeaders);
        var allowed = await api.SendAsync("GET", "/items", new[] { ("Origin", "https://app.example") });
        var other = await api.SendAsync("GET", "/items", new[] { ("Origin", "https://evil.example") });

        Assert.Equal(204, preflight.Status);
        Assert.Equal("https://app.example", preflight.Header("Access-Control-Allow-Origin"));
        Assert.Equal("GET,POST", preflight.Header("Access-Control-Allow-Methods"));
        Assert.Equal("content-type", preflight.Header("Access-Control-Allow-Headers"));
        Assert.Equal("600", preflight.Header("Access-Control-Max-Age"));
        Assert.Equal(2, api.EventCount);
        Assert.Equal(new[] { "https://app.example" }, allowed.All("Access-Control-Allow-Origin"));
        Assert.Equal("x-total", allowed.Header("Access-Control-Expose-Headers"));
        Assert.Empty(other.All("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_REST_API_answers_OPTIONS_with_the_configured_headers_and_leaves_responses_to_the_function()
    {
        await using var api = await FrontEndUnderTest.StartAsync(
            FrontEndUnderTest.Returns("{\"statusCode\":200,\"body\":\"x\"}"),
            new[] { new HttpRoute { FunctionName = "fn", Format = HttpEventFormat.RestApi, Method = "GET", Path = "/items", Cors = Cors with { AllowMethods = System.Array.Empty<string>() } } });

        var preflight = await api.SendAsync("OPTIONS", "/Prod/items", PreflightHeaders);
        var response = await api.SendAsync("GET", "/Prod/items", new[] { ("Origin", "https://app.example") });

        Assert.Equal(200, preflight.Status);
        Assert.Equal("https://app.example", preflight.Header("Access-Control-Allow-Origin"));
        Assert.Equal("GET,OPTIONS", preflight.Header("Access-Control-Allow-Methods"));
        Assert.Equal(1, api.EventCount);
        Assert.Null(response.Header("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_function_URL_adds_the_headers_to_cross_origin_responses()
    {
        await using var url = await FrontEndUnderTest.StartAsync(
            FrontEndUnderTest.Returns("{}"),
            new[] { new HttpRoute { FunctionName = "fn", Format = HttpEventFormat.FunctionUrl, Cors = new HttpCors { AllowOrigins = new[] { "*" } } } });

        var response = await url.SendAsync("GET", "/", new[] { ("Origin", "https://any.example") });
        var sameOrigin = await url.SendAsync("GET", "/");

        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Null(sameOrigin.Header("Access-Control-Allow-Origin"));
    }
}
