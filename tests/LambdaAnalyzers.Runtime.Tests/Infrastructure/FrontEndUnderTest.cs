using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim;
using LambdaAnalyzers.Shim.Http;

namespace LambdaAnalyzers.Runtime.Tests;

/// <summary>
/// The HTTP front end over one function (<see cref="Loop"/>, named <c>fn</c>) whose handler the test writes: every
/// event the function received is kept, parsed, for field-by-field assertions.
/// </summary>
internal sealed class FrontEndUnderTest : IAsyncDisposable
{
    private readonly List<JsonElement> _events = new();

    private FrontEndUnderTest(Loop loop, HttpFrontEnd frontEnd)
    {
        Loop = loop;
        FrontEnd = frontEnd;
    }

    public Loop Loop { get; }

    public HttpFrontEnd FrontEnd { get; }

    public Uri BaseAddress => FrontEnd.BaseAddress;

    /// <summary>The last event the function received.</summary>
    public JsonElement Event
    {
        get
        {
            lock (_events)
            {
                return _events[^1];
            }
        }
    }

    public int EventCount
    {
        get
        {
            lock (_events)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Starts the function with <paramref name="respond"/> (gets the event, writes the response) behind <paramref name="routes"/>.</summary>
    public static async Task<FrontEndUnderTest> StartAsync(
        Func<JsonElement, Stream, CancellationToken, Task> respond, IEnumerable<HttpRoute> routes, LambdaResponseMode mode = LambdaResponseMode.Buffered, TimeProvider? clock = null)
    {
        FrontEndUnderTest? self = null;
        var loop = await Loop.StartAsync(
            async (invocation, response, cancellationToken) =>
            {
                var parsed = JsonDocument.Parse(invocation.Payload).RootElement.Clone();
                lock (self!._events)
                {
                    self._events.Add(parsed);
                }

                await respond(parsed, response, cancellationToken);
            },
            mode: mode,
            functionName: "fn");
        var options = new HttpFrontEndOptions { TimeProvider = clock ?? TimeProvider.System };
        options.Functions["fn"] = loop.Shim;
        foreach (var route in routes)
        {
            options.Routes.Add(route);
        }

        try
        {
            self = new FrontEndUnderTest(loop, await HttpFrontEnd.StartAsync(options));
        }
        catch
        {
            await loop.DisposeAsync();
            throw;
        }

        return self;
    }

    /// <summary>A handler that writes <paramref name="json"/> whatever the event.</summary>
    public static Func<JsonElement, Stream, CancellationToken, Task> Returns(string json) =>
        (_, response, cancellationToken) => response.WriteAsync(Encoding.UTF8.GetBytes(json), cancellationToken).AsTask();

    public Task<WireHttp.Response> SendAsync(string method, string target, IEnumerable<(string, string)>? headers = null, byte[]? body = null) =>
        WireHttp.SendAsync(BaseAddress, method, target, headers, body);

    public async ValueTask DisposeAsync()
    {
        await FrontEnd.DisposeAsync();
        await Loop.DisposeAsync();
    }
}

/// <summary>Reads event fields by path (<c>requestContext.http.method</c>).</summary>
internal static class EventFields
{
    public static JsonElement At(this JsonElement root, string path)
    {
        var current = root;
        foreach (var name in path.Split('.'))
        {
            Assert.True(current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out current), $"The event has no '{path}': {root}");
        }

        return current;
    }

    public static string? Text(this JsonElement root, string path) => root.At(path).ValueKind == JsonValueKind.Null ? null : root.At(path).GetString();

    public static bool Has(this JsonElement root, string name) => root.TryGetProperty(name, out _);

    public static string[] Strings(this JsonElement root, string path) => root.At(path).EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static string[] Names(this JsonElement root, string path) => root.At(path).EnumerateObject().Select(p => p.Name).ToArray();
}
