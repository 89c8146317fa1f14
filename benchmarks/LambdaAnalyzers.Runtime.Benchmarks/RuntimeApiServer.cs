using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LambdaAnalyzers.Runtime.Benchmarks;

/// <summary>
/// A minimal Runtime API (2018-06-01) on 127.0.0.1 that serves a fixed number of invocations per round.
/// <c>GET runtime/invocation/next</c> hands out the next invocation (a small JSON payload and the four
/// headers the platform always sends) until the round's invocations are used up; a <c>next</c> after that
/// cancels the round's stop token, if it has one, and is held until the client aborts it.
/// <c>POST runtime/invocation/{id}/response</c> drains and counts the body and answers 202.
/// Every answer is built from precomputed values, so both benchmarks pay the same server cost per exchange.
/// </summary>
internal sealed class RuntimeApiServer : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime/invocation/";
    private const string NextPath = Prefix + "next";
    private const string ResponseSuffix = "/response";

    private static readonly byte[] Accepted = "{\"status\":\"OK\"}"u8.ToArray();

    private readonly WebApplication _app;
    private readonly byte[] _payload;
    private readonly string[] _requestIds;
    private readonly string _deadlineMs;
    private int _limit;
    private int _issued;
    private int _responses;
    private int _badResponses;
    private CancellationTokenSource? _stopAfterLimit;

    private RuntimeApiServer(WebApplication app, byte[] payload, int maxInvocations)
    {
        _app = app;
        _payload = payload;
        _requestIds = Enumerable.Range(0, maxInvocations).Select(i => new Guid(i, 0x4c41, 0x4d42, 0, 0, 0, 0, 0, 0, 0, 1).ToString()).ToArray();
        _deadlineMs = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        Endpoint = string.Empty;
    }

    /// <summary><c>host:port</c>, the form <c>AWS_LAMBDA_RUNTIME_API</c> takes.</summary>
    public string Endpoint { get; private set; }

    /// <summary>Responses received in the current round.</summary>
    public int Responses => Volatile.Read(ref _responses);

    /// <summary>Responses in the current round whose body was not the payload (the handlers echo it).</summary>
    public int BadResponses => Volatile.Read(ref _badResponses);

    public static async Task<RuntimeApiServer> StartAsync(byte[] payload, int maxInvocations)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new RuntimeApiServer(app, payload, maxInvocations);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.Endpoint = $"{address.Host}:{address.Port}";
        return server;
    }

    /// <summary>
    /// Starts a round of <paramref name="invocations"/> invocations. A <c>next</c> beyond them cancels
    /// <paramref name="stopAfterLimit"/> (the runtime loop's token) and waits for the client to give up.
    /// </summary>
    public void BeginRound(int invocations, CancellationTokenSource? stopAfterLimit)
    {
        if (invocations > _requestIds.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(invocations));
        }

        _limit = invocations;
        _stopAfterLimit = stopAfterLimit;
        Volatile.Write(ref _issued, 0);
        Volatile.Write(ref _responses, 0);
        Volatile.Write(ref _badResponses, 0);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        if (HttpMethods.IsGet(request.Method) && path == NextPath)
        {
            return NextAsync(context);
        }

        if (HttpMethods.IsPost(request.Method) && path.StartsWith(Prefix, StringComparison.Ordinal) && path.EndsWith(ResponseSuffix, StringComparison.Ordinal))
        {
            return ResponseAsync(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private async Task NextAsync(HttpContext context)
    {
        var index = Interlocked.Increment(ref _issued) - 1;
        if (index >= _limit)
        {
            // The round is over: stop the runtime loop, which is now waiting in this next, as the
            // platform would freeze it. Cancelling aborts this request on the client side.
            var stop = _stopAfterLimit;
            if (stop is not null)
            {
                // Not inline: the loop's continuation would otherwise run on this request's stack.
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.Cancel(), stop, preferLocal: false);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        var response = context.Response;
        var headers = response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = _requestIds[index];
        headers["Lambda-Runtime-Deadline-Ms"] = _deadlineMs;
        headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:bench";
        headers["Lambda-Runtime-Trace-Id"] = "Root=1-5e1b4151-5ac6c58f3f9f1d6f2a1b2c3d;Parent=53995c3f42cd8ad8;Sampled=1";
        response.ContentType = "application/json";
        response.ContentLength = _payload.Length;
        await response.BodyWriter.WriteAsync(_payload, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ResponseAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        long length = 0;
        var echoed = true;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            var buffer = read.Buffer;
            foreach (var segment in buffer)
            {
                var span = segment.Span;
                echoed &= length + span.Length <= _payload.Length && span.SequenceEqual(_payload.AsSpan((int)length, span.Length));
                length += span.Length;
            }

            reader.AdvanceTo(buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        if (!echoed || length != _payload.Length)
        {
            Interlocked.Increment(ref _badResponses);
        }

        Interlocked.Increment(ref _responses);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status202Accepted;
        response.ContentType = "application/json";
        response.ContentLength = Accepted.Length;
        await response.BodyWriter.WriteAsync(Accepted, context.RequestAborted).ConfigureAwait(false);
    }
}
