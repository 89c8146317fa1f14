using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// The HTTP status, headers and cookies of a streamed response for a function URL in <c>RESPONSE_STREAM</c> mode (or
/// API Gateway response streaming). Call <see cref="StartAsync"/> on the response stream of a streaming handler
/// (<c>[LambdaHandler(ResponseStreaming = true)]</c>, <see cref="LambdaRuntime.RunStreamingAsync"/>) before writing
/// the body: the runtime sends the content type <c>application/vnd.awslambda.http-integration-response</c> and a JSON
/// prelude followed by eight NUL bytes, which the service turns into the HTTP status line and headers.
/// <code>await LambdaHttpResponse.StartAsync(response, 200, new Dictionary&lt;string, string&gt; { ["content-type"] = "text/plain" });
/// await response.WriteAsync(chunk);</code>
/// </summary>
public static class LambdaHttpResponse
{
    /// <summary>The content type of a streamed response that opens with the HTTP prelude.</summary>
    public const string HttpIntegrationContentType = "application/vnd.awslambda.http-integration-response";

    /// <summary>The count of NUL bytes that end the prelude.</summary>
    internal const int DelimiterLength = 8;

    /// <summary>Sends the status, headers and cookies ahead of the body of a streamed response.</summary>
    /// <param name="response">The response stream the runtime handed to the handler.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="headers">Response headers (one value each; join repeats with commas).</param>
    /// <param name="cookies">Cookies, each sent as its own <c>Set-Cookie</c> header.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the prelude was sent.</returns>
    /// <exception cref="InvalidOperationException">The handler does not stream its response, or already wrote to it.</exception>
    public static Task StartAsync(
        Stream response, int statusCode, IEnumerable<KeyValuePair<string, string>>? headers = null, IEnumerable<string>? cookies = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response is not StreamingResponse streaming)
        {
            throw new InvalidOperationException(
                "An HTTP status and headers can only precede a streamed response: mark the handler [LambdaHandler(ResponseStreaming = true)] " +
                "(or run it with LambdaRuntime.RunStreamingAsync). A buffered handler returns {\"statusCode\":…,\"headers\":…,\"body\":…} instead.");
        }

        return streaming.StartHttpIntegrationAsync(Prelude(statusCode, headers, cookies), cancellationToken);
    }

    /// <summary>The prelude JSON: <c>{"statusCode":…,"headers":{…},"cookies":[…]}</c>.</summary>
    internal static byte[] Prelude(int statusCode, IEnumerable<KeyValuePair<string, string>>? headers, IEnumerable<string>? cookies)
    {
        if (statusCode is < 100 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An HTTP status code is between 100 and 599.");
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", statusCode);
            writer.WriteStartObject("headers");
            foreach (var (name, value) in headers ?? Array.Empty<KeyValuePair<string, string>>())
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("cookies");
            foreach (var cookie in cookies ?? Array.Empty<string>())
            {
                writer.WriteStringValue(cookie);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
