using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Http;
using static LambdaAnalyzers.Runtime.Tests.Http.RequestShapes;

namespace LambdaAnalyzers.Runtime.Tests.Http;

/// <summary>Lambda function URLs: the 2.0 payload, buffered and streamed responses (docs/platform/http-events.md, "Function URLs").</summary>
public sealed class FunctionUrlEventTests
{
    private static readonly HttpRoute[] Buffered = { new() { FunctionName = "fn", Format = HttpEventFormat.FunctionUrl } };
    private static readonly HttpRoute[] Streamed = { new() { FunctionName = "fn", Format = HttpEventFormat.FunctionUrl, ResponseStreaming = true } };

    [Fact]
    public async Task Request_becomes_the_function_URL_event_field_by_field()
    {
        await using var url = await FrontEndUnderTest.StartAsync(FrontEndUnderTest.Returns("{\"statusCode\":200}"), Buffered);

        var response = await url.SendAsync("POST", "/any/path?" + Query, Headers, RequestShapes.Binary);

        Assert.Equal(200, response.Status);
        var e = url.Event;
        Assert.Equal("2.0", e.Text("version"));
        Assert.Equal("$default", e.Text("routeKey"));
        Assert.Equal("/any/path", e.Text("rawPath"));
        Assert.Equal(Query, e.Text("rawQueryString"));
        Assert.Equal(new[] { "a=1", "b=2" }, e.Strings("cookies"));
        Assert.Equal("1,2", e.Text("headers.x-multi"));
        Assert.Equal("a,b", e.Text("queryStringParameters.tag"));
        Assert.Equal("anonymous", e.Text("requestContext.accountId"));
        Assert.Equal("$default", e.Text("requestContext.routeKey"));
        Assert.Equal("$default", e.Text("requestContext.stage"));
        Assert.Equal("POST", e.Text("requestContext.http.method"));
        Assert.Equal("/any/path", e.Text("requestContext.http.path"));
        Assert.Equal(response.Header("x-amzn-RequestId"), e.Text("requestContext.requestId"));
        Assert.False(e.Has("pathParameters"));
        // No content type: the body is binary.
        Assert.True(e.At("isBase64Encoded").GetBoolean());
        Assert.Equal(Convert.ToBase64String(RequestShapes.Binary), e.Text("body"));
    }

    [Fact]
    public async Task Buffered_responses_follow_the_2_0_rules_and_errors_are_502()
    {
        await using var url = await FrontEndUnderTest.StartAsync(
            (e, response, cancellationToken) => e.Text("rawPath") switch
            {
                "/throw" => throw new InvalidOperationException("boom"),
                "/cookies" => response.WriteAsync("{\"statusCode\":201,\"cookies\":[\"a=1\",\"b=2\"],\"body\":\"made\"}"u8.ToArray(), cancellationToken).AsTask(),
                _ => response.WriteAsync("\"Hello, world!\""u8.ToArray(), cancellationToken).AsTask(),
            },
            Buffered);

        var shorthand = await url.SendAsync("GET", "/");
        var cookies = await url.SendAsync("GET", "/cookies");
        var failed = await url.SendAsync("GET", "/throw");

        Assert.Equal("application/json", shorthand.Header("Content-Type"));
        Assert.Equal("\"Hello, world!\"", shorthand.Text);
        Assert.Equal(201, cookies.Status);
        Assert.Equal(new[] { "a=1", "b=2" }, cookies.All("Set-Cookie"));
        Assert.Equal(502, failed.Status);
    }

    [Fact]
    public async Task Streamed_response_reaches_the_client_while_the_function_is_still_writing()
    {
        var firstWritten = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var url = await FrontEndUnderTest.StartAsync(
            async (_, response, cancellationToken) =>
            {
                await LambdaHttpResponse.StartAsync(
                    response, 201, new Dictionary<string, string> { ["content-type"] = "text/plain", ["x-stream"] = "yes" }, new[] { "s=1", "t=2" }, cancellationToken);
                await response.WriteAsync("first,"u8.ToArray(), cancellationToken);
                firstWritten.SetResult();
                await release.Task;
                await response.WriteAsync("second"u8.ToArray(), cancellationToken);
            },
            Streamed, LambdaResponseMode.Streaming);
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(url.BaseAddress, "/stream"), HttpCompletionOption.ResponseHeadersRead);
        await firstWritten.Task;
        var body = await response.Content.ReadAsStreamAsync();
        var first = new byte[6];
        await body.ReadExactlyAsync(first);

        // Status, headers, cookies and the first bytes arrived while the function waits for "release".
        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal("yes", string.Join(",", response.Headers.GetValues("x-stream")));
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new[] { "s=1", "t=2" }, response.Headers.GetValues("Set-Cookie"));
        Assert.Equal("first,", Encoding.UTF8.GetString(first));
        release.SetResult();
        Assert.Equal("second", await new StreamReader(body).ReadToEndAsync());
    }

    [Fact]
    public async Task A_stream_without_the_prelude_is_a_200_with_the_functions_content_type()
    {
        await using var url = await FrontEndUnderTest.StartAsync(
            (_, response, cancellationToken) => response.WriteAsync("raw bytes"u8.ToArray(), cancellationToken).AsTask(),
            Streamed, LambdaResponseMode.Streaming);

        var response = await url.SendAsync("GET", "/");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/octet-stream", response.Header("Content-Type"));
        Assert.Equal("raw bytes", response.Text);
    }

    [Fact]
    public async Task A_streaming_function_that_fails_before_its_first_byte_is_a_502()
    {
        await using var url = await FrontEndUnderTest.StartAsync(
            (_, _, _) => throw new InvalidOperationException("no data"), Streamed, LambdaResponseMode.Streaming);

        var response = await url.SendAsync("GET", "/");

        Assert.Equal(502, response.Status);
    }
}
