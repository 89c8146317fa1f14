using System;
using System.IO;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// The Lambda Runtime API client loop: fetch the next invocation, run the handler, post its
/// response or error, repeat until cancelled. Generated bootstraps call <see cref="RunAsync(LambdaInvocationHandler, CancellationToken)"/>
/// from <c>Main</c>; it speaks the real Runtime API, so the same binary runs on AWS Lambda and
/// under the LambdaAnalyzers shim.
/// </summary>
public static class LambdaRuntime
{
    /// <summary>The environment variable that holds the Runtime API's <c>host:port</c>.</summary>
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>
    /// Runs <paramref name="handler"/> for every invocation of the Runtime API named by <c>AWS_LAMBDA_RUNTIME_API</c>,
    /// until <paramref name="cancellationToken"/> is cancelled or the process receives SIGTERM or SIGINT (the loop
    /// then finishes the invocation in flight and returns, so <c>Main</c> can exit 0).
    /// </summary>
    /// <param name="handler">The invocation handler. Its cancellation token fires shortly before the invocation's
    /// deadline (at the deadline minus a tenth of the time left at its start, at most 500 ms before it), or when the loop stops.</param>
    /// <param name="cancellationToken">Stops the loop after the current invocation.</param>
    /// <returns>A task that completes when the loop is stopped.</returns>
    /// <exception cref="InvalidOperationException"><c>AWS_LAMBDA_RUNTIME_API</c> is not set.</exception>
    public static Task RunAsync(LambdaInvocationHandler handler, CancellationToken cancellationToken = default) =>
        RunAsync(handler, LambdaResponseMode.Buffered, cancellationToken);

    /// <summary>
    /// Runs <paramref name="handler"/> as <see cref="RunAsync(LambdaInvocationHandler, CancellationToken)"/> does, but streams
    /// each response (<c>Lambda-Runtime-Function-Response-Mode: streaming</c>): the stream the handler gets sends its writes to
    /// the caller as they happen (up to 200 MB), and a failure after the first byte still reaches the caller as an error.
    /// For functions invoked through <c>InvokeWithResponseStream</c> or a function URL with response streaming.
    /// </summary>
    /// <param name="handler">The invocation handler.</param>
    /// <param name="cancellationToken">Stops the loop after the current invocation.</param>
    /// <returns>A task that completes when the loop is stopped.</returns>
    /// <exception cref="InvalidOperationException"><c>AWS_LAMBDA_RUNTIME_API</c> is not set.</exception>
    public static Task RunStreamingAsync(LambdaInvocationHandler handler, CancellationToken cancellationToken = default) =>
        RunAsync(handler, LambdaResponseMode.Streaming, cancellationToken);

    private static async Task RunAsync(LambdaInvocationHandler handler, LambdaResponseMode responseMode, CancellationToken cancellationToken)
    {
        var endpoint = Environment.GetEnvironmentVariable(RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new InvalidOperationException(
                $"{RuntimeApiVariable} is not set: this program is a Lambda bootstrap and runs inside AWS Lambda or the LambdaAnalyzers shim.");
        }

        if (OwnsProcess)
        {
            // As in the managed runtime, the function's console lines are log lines (with the request id and level).
            LambdaLog.CaptureConsole();
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = StopOn(PosixSignal.SIGTERM, stop);
        using var sigint = StopOn(PosixSignal.SIGINT, stop);
        try
        {
            await RunAsync(handler, responseMode, endpoint!, TimeProvider.System, stop.Token).ConfigureAwait(false);
        }
        catch (RuntimeApiGoneException gone) when (OwnsProcess)
        {
            // The environment is being torn down under the runtime: nothing is left to report to, so one line and a
            // non-zero exit (an escaping exception would abort the process with SIGABRT and a stack trace). A loop
            // hosted inside another program (the shim's in-process mode) leaves the exception to its host instead.
            LambdaLog.Write(LogLevels.Error, gone.Message, LambdaLog.Error);
            LambdaLog.Error.Flush();
            Environment.Exit(RuntimeApiGoneExitCode);
        }
    }

    /// <summary>
    /// Whether this loop is its process's own runtime (loaded in the default context, as a bootstrap's is) rather than one
    /// hosted in a collectible context of another program, which must not be ended under its host nor take its console.
    /// </summary>
    private static bool OwnsProcess => AssemblyLoadContext.GetLoadContext(typeof(LambdaRuntime).Assembly) == AssemblyLoadContext.Default;

    /// <summary>The exit code of a runtime whose Runtime API went away.</summary>
    internal const int RuntimeApiGoneExitCode = 1;

    /// <summary>
    /// Reports that Init failed (an unknown <c>_HANDLER</c>, a throwing constructor) to the Runtime API's
    /// <c>init/error</c>, in the error shape the managed runtime uses, and writes it to standard error.
    /// Call it instead of <see cref="RunAsync(LambdaInvocationHandler, CancellationToken)"/>, then exit non-zero.
    /// </summary>
    /// <param name="exception">Why Init failed.</param>
    /// <param name="cancellationToken">Cancels the report.</param>
    /// <returns>A task that completes when the report was sent.</returns>
    public static async Task ReportInitErrorAsync(Exception exception, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        LambdaLog.Configure();
        LambdaLog.Write(LogLevels.Error, exception, string.Empty, null, LambdaLog.Error);
        var endpoint = Environment.GetEnvironmentVariable(RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return;
        }

        using var client = new RuntimeApiClient(endpoint!, TimeProvider.System);
        await client.PostInitErrorAsync(ErrorReport.From(exception), cancellationToken).ConfigureAwait(false);
    }

    internal static async Task RunAsync(LambdaInvocationHandler handler, LambdaResponseMode responseMode, string endpoint, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        LambdaLog.Configure();
        using var client = new RuntimeApiClient(endpoint, clock);
        using var buffer = new MemoryStream();
        try
        {
            await LoopAsync(handler, responseMode, endpoint, clock, client, buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // Handler failures never get here (they are posted as errors): only the Runtime API's own failures, also
            // while the loop is stopping (a cancelled next is an OperationCanceledException and returns above).
            throw new RuntimeApiGoneException(endpoint, exception);
        }
    }

    private static async Task LoopAsync(
        LambdaInvocationHandler handler, LambdaResponseMode responseMode, string endpoint, TimeProvider clock, RuntimeApiClient client, MemoryStream buffer, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await client.NextAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
            LambdaLog.SetCurrent(invocation);
            if (responseMode == LambdaResponseMode.Streaming)
            {
                await InvokeStreamingAsync(handler, invocation, endpoint, clock, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await InvokeBufferedAsync(handler, invocation, client, buffer, clock, cancellationToken).ConfigureAwait(false);
            }

            LambdaLog.SetCurrent(null);
        }
    }

    // The invoke in flight still gets its outcome when the loop is being stopped: posts use no token.
    private static async Task InvokeBufferedAsync(LambdaInvocationHandler handler, LambdaInvocation invocation, RuntimeApiClient client, MemoryStream buffer, TimeProvider clock, CancellationToken cancellationToken)
    {
        buffer.SetLength(0);
        var failure = await CallAsync(handler, invocation, buffer, clock, cancellationToken).ConfigureAwait(false);
        if (failure is null)
        {
            await client.PostResponseAsync(invocation.RequestId, new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length), CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await client.PostErrorAsync(invocation.RequestId, ErrorReport.From(failure), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task InvokeStreamingAsync(LambdaInvocationHandler handler, LambdaInvocation invocation, string endpoint, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var stream = await StreamingResponse.OpenAsync(endpoint, invocation.RequestId, CancellationToken.None).ConfigureAwait(false);
        var failure = await CallAsync(handler, invocation, stream, clock, cancellationToken).ConfigureAwait(false);
        int status;
        try
        {
            status = await stream.CompleteAsync(failure is null ? null : ErrorReport.From(failure), CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            // The Runtime API stopped reading (above the streaming limit it answers 413 and closes): the
            // platform has ended this invoke already, so the loop goes on.
            LambdaLog.Write(LogLevels.Error, $"The streamed response of {invocation.RequestId} was cut off by the Runtime API after {stream.Written} bytes: {exception.Message}", LambdaLog.Error);
            return;
        }

        if (status == 413)
        {
            LambdaLog.Write(LogLevels.Error, $"The streamed response of {invocation.RequestId} exceeds the Runtime API's payload limit and was refused.", LambdaLog.Error);
        }
        else if (status is < 200 or > 299)
        {
            throw new HttpRequestException($"The Runtime API answered {status} to the streamed response of {invocation.RequestId}.");
        }
    }

    /// <summary>Calls the handler under a token that fires shortly before the deadline; returns its exception, logged, or null.</summary>
    private static async Task<Exception?> CallAsync(LambdaInvocationHandler handler, LambdaInvocation invocation, Stream response, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var invokeCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var deadline = ArmDeadline(invocation, clock, invokeCancellation);
        try
        {
            await handler(invocation, response, invokeCancellation.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception)
        {
            // As the managed runtime logs an unhandled exception: at Error, the exception as the message.
            LambdaLog.Write(LogLevels.Error, exception, string.Empty, null, LambdaLog.Error);
            return exception;
        }
    }

    /// <summary>The part of an invocation's time left that its cancellation token fires before the deadline: a tenth, at most this much.</summary>
    internal static readonly TimeSpan MaxDeadlineMargin = TimeSpan.FromMilliseconds(500);

    private static ITimer? ArmDeadline(LambdaInvocation invocation, TimeProvider clock, CancellationTokenSource invokeCancellation)
    {
        if (invocation.Deadline is null)
        {
            return null;
        }

        var remaining = invocation.RemainingTime(clock);
        var margin = TimeSpan.FromTicks(Math.Min(MaxDeadlineMargin.Ticks, Math.Max(0, remaining.Ticks / 10)));
        var due = remaining - margin;
        if (due <= TimeSpan.Zero)
        {
            invokeCancellation.Cancel();
            return null;
        }

        return clock.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), invokeCancellation, due, Timeout.InfiniteTimeSpan);
    }

    private static PosixSignalRegistration? StopOn(PosixSignal signal, CancellationTokenSource stop)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, context =>
            {
                // Keep the process alive: the loop returns and Main exits by itself.
                context.Cancel = true;
                stop.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }
}
