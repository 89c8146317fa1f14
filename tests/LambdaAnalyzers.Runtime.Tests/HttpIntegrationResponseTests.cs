using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Runtime.Tests;

/// <summary>
/// <see cref="LambdaHttpResponse"/>: the HTTP-integration prelude of a streamed response (docs/platform/runtime-api.md,
/// "Response streaming"), as the Runtime API receives it.
/// </summary>
public sealed class HttpIntegrationResponseTests
{
    [Fact]
    public async Task The_prelude_goes_out_with_its_content_type_then_eight_NUL_bytes_then_the_body()
    {
        await using var loop = await Loop.StartAsync(
            async (_, response, cancellationToken) =>
            {
                await LambdaHttpResponse.StartAsync(
                    response, 418, new Dictionary<string, string> { ["content-type"] = "text/plain", ["x-one"] = "1" }, new[] { "a=1; Path=/", "b=2" }, cancellationToken);
                await response.WriteAsync("body bytes"u8.ToArray(), cancellationToken);
            },
            mode: LambdaResponseMode.Streaming);

        var result = await loop.Shim.InvokeAsync("{}");

        result.EnsureSuccess();
        Assert.True(result.Streamed);
        Assert.Equal(LambdaHttpResponse.HttpIntegrationContentType, result.ContentType);
        var payload = result.Payload;
        var delimiter = Enumerable.Range(0, payload.Length - 7).First(i => payload.AsSpan(i, 8).IndexOfAnyExcept((byte)0) < 0);
        using var prelude = JsonDocument.Parse(payload.AsMemory(0, delimiter));
        Assert.Equal(418, prelude.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("text/plain", prelude.RootElement.GetProperty("headers").GetProperty("content-type").GetString());
        Assert.Equal("1", prelude.RootElement.GetProperty("headers").GetProperty("x-one").GetString());
        Assert.Equal(new[] { "a=1; Path=/", "b=2" }, prelude.RootElement.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("body bytes", Encoding.UTF8.GetString(payload, delimiter + 8, payload.Length - delimiter - 8));
    }

    [Fact]
    public async Task A_plain_streamed_response_keeps_the_octet_stream_content_type()
    {
        await using var loop = await Loop.StartAsync(
            (_, response, cancellationToken) => response.WriteAsync("x"u8.ToArray(), cancellationToken),
            mode: LambdaResponseMode.Streaming);

        var result = await loop.Shim.InvokeAsync("{}");

        Assert.Equal("application/octet-stream", result.ContentType);
        Assert.Equal("x", result.PayloadText);
    }

    [Fact]
    public async Task The_prelude_after_the_first_byte_fails_the_invoke_with_InvalidOperationException()
    {
        await using var loop = await Loop.StartAsync(
            async (_, response, cancellationToken) =>
            {
                await response.WriteAsync("early"u8.ToArray(), cancellationToken);
                await LambdaHttpResponse.StartAsync(response, 200, cancellationToken: cancellationToken);
            },
            mode: LambdaResponseMode.Streaming);

        var result = await loop.Shim.InvokeAsync("{}");

        Assert.Equal("InvalidOperationException", result.Error!.ErrorType);
        Assert.Contains("before its first byte", result.Error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_buffered_handler_cannot_send_a_prelude()
    {
        await using var loop = await Loop.StartAsync((_, response, cancellationToken) => new ValueTask(LambdaHttpResponse.StartAsync(response, 200, cancellationToken: cancellationToken)));

        var result = await loop.Shim.InvokeAsync("{}");

        Assert.Equal("InvalidOperationException", result.Error!.ErrorType);
        Assert.Contains("ResponseStreaming = true", result.Error.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(600)]
    public void Status_codes_outside_100_to_599_are_refused(int status) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LambdaHttpResponse.Prelude(status, null, null));

    [Fact]
    public void A_prelude_without_headers_or_cookies_still_names_both()
    {
        using var prelude = JsonDocument.Parse(LambdaHttpResponse.Prelude(204, null, null));

        Assert.Equal("{\"statusCode\":204,\"headers\":{},\"cookies\":[]}", prelude.RootElement.GetRawText());
    }
}
