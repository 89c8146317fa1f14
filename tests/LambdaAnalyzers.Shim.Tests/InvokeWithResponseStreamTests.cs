using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// <c>InvokeWithResponseStream</c> on the Invoke API: an event stream of <c>PayloadChunk</c> events and one
/// <c>InvokeComplete</c>. Checked with botocore's own event-stream parser (it verifies both CRCs of every
/// message) and with a reading of the framing written from the encoding's description.
/// </summary>
public sealed class InvokeWithResponseStreamTests
{
    private const string Script = """
        import json, sys, botocore.session
        client = botocore.session.get_session().create_client(
            'lambda', region_name='us-east-1', endpoint_url=sys.argv[1],
            aws_access_key_id='shim', aws_secret_access_key='shim')
        answer = client.invoke_with_response_stream(FunctionName=sys.argv[2], Payload=sys.argv[3].encode(), LogType='Tail')
        chunks, complete = [], None
        for event in answer['EventStream']:
            if 'PayloadChunk' in event:
                chunks.append(event['PayloadChunk']['Payload'])
            if 'InvokeComplete' in event:
                complete = event['InvokeComplete']
        print(json.dumps({'status': answer['StatusCode'], 'version': answer.get('ExecutedVersion'),
                          'payload': b''.join(chunks).decode(), 'chunks': len(chunks), 'complete': complete}))
        """;

    private static Task<LambdaShim> StartAsync() => TestFunctionHost.StartAsync(o => o.EnableInvokeApi = true);

    [Fact]
    public async Task Botocore_reads_the_payload_in_chunks_and_the_completion_with_the_log_tail()
    {
        await using var fn = await StartAsync();

        var answer = await BotocoreAsync(fn, "{\"op\":\"big\",\"size\":100000}");

        Assert.Equal(200, answer.GetProperty("status").GetInt32());
        Assert.Equal("$LATEST", answer.GetProperty("version").GetString());
        var payload = answer.GetProperty("payload").GetString()!;
        Assert.Equal(100_000, payload.Length);
        Assert.Equal(4, answer.GetProperty("chunks").GetInt32());
        var complete = answer.GetProperty("complete");
        Assert.False(complete.TryGetProperty("ErrorCode", out _));
        Assert.Contains("REPORT RequestId", Encoding.UTF8.GetString(Convert.FromBase64String(complete.GetProperty("LogResult").GetString()!)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Botocore_sees_a_function_error_in_InvokeComplete_of_a_200_answer()
    {
        await using var fn = await StartAsync();

        var answer = await BotocoreAsync(fn, "{\"op\":\"throw\"}");

        Assert.Equal(200, answer.GetProperty("status").GetInt32());
        Assert.Equal(0, answer.GetProperty("chunks").GetInt32());
        var complete = answer.GetProperty("complete");
        var details = JsonDocument.Parse(complete.GetProperty("ErrorDetails").GetString()!).RootElement;
        Assert.Equal(details.GetProperty("errorType").GetString(), complete.GetProperty("ErrorCode").GetString());
        Assert.False(string.IsNullOrEmpty(details.GetProperty("errorMessage").GetString()));
    }

    [Fact]
    public async Task The_answer_is_framed_as_event_stream_messages_with_string_headers()
    {
        await using var fn = await StartAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(
            new Uri(fn.InvokeApiEndpoint!, "/2021-11-15/functions/test-function/response-streaming-invocations"),
            new StringContent("{\"op\":\"echo\",\"n\":1}"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.amazon.eventstream", response.Content.Headers.ContentType!.MediaType);
        var messages = Read(body);
        Assert.Equal(2, messages.Count);
        Assert.Equal(("PayloadChunk", "application/octet-stream", "event"), (messages[0].Headers[":event-type"], messages[0].Headers[":content-type"], messages[0].Headers[":message-type"]));
        Assert.Equal("{\"op\":\"echo\",\"n\":1}", Encoding.UTF8.GetString(messages[0].Payload));
        Assert.Equal(("InvokeComplete", "application/json"), (messages[1].Headers[":event-type"], messages[1].Headers[":content-type"]));
        Assert.Equal("{}", Encoding.UTF8.GetString(messages[1].Payload));
    }

    [Fact]
    public async Task Event_invocations_are_refused_and_an_unknown_function_is_404()
    {
        await using var fn = await StartAsync();
        using var http = new HttpClient();

        using var eventType = new HttpRequestMessage(HttpMethod.Post, new Uri(fn.InvokeApiEndpoint!, "/2021-11-15/functions/test-function/response-streaming-invocations"))
        {
            Content = new StringContent("{}"),
        };
        eventType.Headers.Add("X-Amz-Invocation-Type", "Event");
        using var refused = await http.SendAsync(eventType);
        using var unknown = await http.PostAsync(new Uri(fn.InvokeApiEndpoint!, "/2021-11-15/functions/other/response-streaming-invocations"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("InvalidParameterValueException", refused.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("ResourceNotFoundException", unknown.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task A_stream_that_fails_part_way_reaches_the_caller_chunk_by_chunk_and_then_the_error()
    {
        await using var fn = await StartExternalAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fn.InvokeApiEndpoint!, "/2021-11-15/functions/streamer/response-streaming-invocations"))
        {
            Content = new StringContent("{}"),
        };
        var answering = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var id = (await RawHttp.GetAsync(endpoint, Next).WaitAsync(TimeSpan.FromSeconds(30))).Header("Lambda-Runtime-Aws-Request-Id")!;
        const string error = "{\"errorType\":\"StreamBroke\",\"errorMessage\":\"mid-stream\"}";
        await using var upload = await RawHttp.ChunkedUpload.OpenAsync(endpoint, "POST", $"/2018-06-01/runtime/invocation/{id}/response", new Dictionary<string, string>
        {
            ["Lambda-Runtime-Function-Response-Mode"] = "streaming",
            ["Content-Type"] = "text/plain",
        }, new[] { "Lambda-Runtime-Function-Error-Type", "Lambda-Runtime-Function-Error-Body" });
        await upload.WriteAsync("first "u8.ToArray());

        // The first chunk reaches the caller while the function is still streaming.
        using var response = await answering.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, response.Headers.GetValues("x-amzn-RequestId").Single());
        var body = await response.Content.ReadAsStreamAsync();
        var first = await ReadMessageAsync(body).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("PayloadChunk", "first "), (first.Headers[":event-type"], Encoding.UTF8.GetString(first.Payload)));

        // Then the function writes more and fails: the caller keeps both chunks, and the error comes after them.
        await upload.WriteAsync("second"u8.ToArray());
        var posted = await upload.FinishAsync(new Dictionary<string, string>
        {
            ["Lambda-Runtime-Function-Error-Type"] = "StreamBroke",
            ["Lambda-Runtime-Function-Error-Body"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(error)),
        });
        Assert.Equal(202, posted.Status);
        _ = RawHttp.GetAsync(endpoint, Next);
        using var rest = new MemoryStream();
        await body.CopyToAsync(rest).WaitAsync(TimeSpan.FromSeconds(30));
        var messages = Read(rest.ToArray());

        Assert.Equal(new[] { "PayloadChunk", "InvokeComplete" }, messages.Select(m => m.Headers[":event-type"]));
        Assert.Equal("second", Encoding.UTF8.GetString(messages[0].Payload));
        var complete = JsonDocument.Parse(messages[1].Payload).RootElement;
        Assert.Equal("StreamBroke", complete.GetProperty("ErrorCode").GetString());
        Assert.Equal(error, complete.GetProperty("ErrorDetails").GetString());
    }

    [Fact]
    public async Task A_streaming_function_sends_over_6_MB_to_a_streaming_caller_but_a_plain_Invoke_gets_Function_ResponseSizeTooLarge()
    {
        await using var fn = await StartExternalAsync();
        var endpoint = fn.RuntimeApiEndpoints[0];
        using var http = new HttpClient();
        var sevenMegabytes = new byte[7 * 1024 * 1024];
        Array.Fill(sevenMegabytes, (byte)'a');

        // The runtime is back in next after each answer (the invoke phase ends there), and that one next call is the
        // one the following invoke arrives on: a second, concurrent next would race it for the event.
        Task<RawHttp.Response>? next = null;
        async Task<HttpResponseMessage> InvokeAsync(string path)
        {
            var answering = http.PostAsync(new Uri(fn.InvokeApiEndpoint!, path), new StringContent("{}"));
            var id = (await (next ?? RawHttp.GetAsync(endpoint, Next)).WaitAsync(TimeSpan.FromSeconds(30))).Header("Lambda-Runtime-Aws-Request-Id")!;
            var chunks = Enumerable.Range(0, 7).Select(i => sevenMegabytes.AsSpan(i * 1024 * 1024, 1024 * 1024).ToArray()).ToArray();
            await RawHttp.SendAsync(endpoint, "POST", $"/2018-06-01/runtime/invocation/{id}/response", new Dictionary<string, string>
            {
                ["Lambda-Runtime-Function-Response-Mode"] = "streaming",
            }, null, chunks);
            next = RawHttp.GetAsync(endpoint, Next);
            return await answering.WaitAsync(TimeSpan.FromSeconds(30));
        }

        using var streamed = await InvokeAsync("/2021-11-15/functions/streamer/response-streaming-invocations");
        using var buffered = await InvokeAsync("/2015-03-31/functions/streamer/invocations");

        var messages = Read(await streamed.Content.ReadAsByteArrayAsync());
        Assert.Equal(sevenMegabytes.Length, messages.Where(m => m.Headers[":event-type"] == "PayloadChunk").Sum(m => m.Payload.Length));
        Assert.Equal("{}", Encoding.UTF8.GetString(messages[^1].Payload));
        Assert.Equal(HttpStatusCode.OK, buffered.StatusCode);
        Assert.Equal("Unhandled", buffered.Headers.GetValues("X-Amz-Function-Error").Single());
        var error = JsonDocument.Parse(await buffered.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Function.ResponseSizeTooLarge", error.GetProperty("errorType").GetString());
        Assert.Equal("Response payload size exceeded maximum allowed payload size (6291556 bytes).", error.GetProperty("errorMessage").GetString());
    }

    private const string Next = "/2018-06-01/runtime/invocation/next";

    /// <summary>A function whose runtime the test plays, over raw HTTP.</summary>
    private static Task<LambdaShim> StartExternalAsync() => LambdaShim.StartAsync(new LambdaShimOptions
    {
        Mode = ShimExecutionMode.External, FunctionName = "streamer", EnableInvokeApi = true, Timeout = TimeSpan.FromSeconds(60),
    });

    /// <summary>Reads exactly one event-stream message from <paramref name="stream"/>.</summary>
    private static async Task<(Dictionary<string, string> Headers, byte[] Payload)> ReadMessageAsync(Stream stream)
    {
        var prelude = new byte[4];
        await stream.ReadExactlyAsync(prelude);
        var message = new byte[BinaryPrimitives.ReadInt32BigEndian(prelude)];
        prelude.CopyTo(message, 0);
        await stream.ReadExactlyAsync(message.AsMemory(4));
        return Read(message).Single();
    }

    private static async Task<JsonElement> BotocoreAsync(LambdaShim fn, string payload)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", Script, fn.InvokeApiEndpoint!.ToString().TrimEnd('/'), "test-function", payload })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, "python3 with botocore (the AWS CLI's library) failed: " + await stderr);
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }

    /// <summary>Prelude (total length, headers length, prelude CRC), headers (name, type 7 = string, value), payload, message CRC.</summary>
    private static List<(Dictionary<string, string> Headers, byte[] Payload)> Read(byte[] body)
    {
        var messages = new List<(Dictionary<string, string>, byte[])>();
        var offset = 0;
        while (offset < body.Length)
        {
            var total = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(offset));
            var headersLength = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(offset + 4));
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            var position = offset + 12;
            while (position < offset + 12 + headersLength)
            {
                var nameLength = body[position++];
                var name = Encoding.UTF8.GetString(body, position, nameLength);
                position += nameLength;
                Assert.Equal(7, body[position++]);
                var valueLength = BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(position));
                position += 2;
                headers[name] = Encoding.UTF8.GetString(body, position, valueLength);
                position += valueLength;
            }

            var payloadLength = total - 12 - headersLength - 4;
            messages.Add((headers, body.AsSpan(position, payloadLength).ToArray()));
            offset += total;
        }

        Assert.Equal(body.Length, offset);
        return messages;
    }
}
