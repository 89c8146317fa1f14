using System;
using System.IO;
using System.Runtime.InteropServices;
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
    public static async Task RunAsync(LambdaInvocationHandler handler, CancellationToken cancellationToken = default)
    {
        var endpoint = Environment.GetEnvironmentVariable(RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new InvalidOperationException(
                $"{RuntimeApiVariable} is not set: this program is a Lambda bootstrap and runs inside AWS Lambda or the LambdaAnalyzers shim.");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = StopOn(PosixSignal.SIGTERM, stop);
        using var sigint = StopOn(PosixSignal.SIGINT, stop);
        await RunAsync(handler, endpoint!, TimeProvider.System, stop.Token).ConfigureAwait(false);
    }

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
        LambdaLog.Write(LogLevels.Error, exception.ToString(), Console.Error);
        var endpoint = Environment.GetEnvironmentVariable(RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return;
        }

        using var client = new RuntimeApiClient(endpoint!, TimeProvider.System);
        await client.PostInitErrorAsync(ErrorReport.From(exception), cancellationToken).ConfigureAwait(false);
    }

    internal static async Task RunAsync(LambdaInvocationHandler handler, string endpoint, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        LambdaLog.Configure();
        using var client = new RuntimeApiClient(endpoint, clock);
        using var response = new MemoryStream();
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
            response.SetLength(0);
            Exception? failure = null;
            using (var invokeCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (ArmDeadline(invocation, clock, invokeCancellation))
            {
                try
                {
                    await handler(invocation, response, invokeCancellation.Token).ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            }

            // The invoke in flight still gets its outcome when the loop is being stopped.
            if (failure is null)
            {
                await client.PostResponseAsync(invocation.RequestId, new ReadOnlyMemory<byte>(response.GetBuffer(), 0, (int)response.Length), CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                LambdaLog.Write(LogLevels.Error, failure.ToString(), Console.Error);
                await client.PostErrorAsync(invocation.RequestId, ErrorReport.From(failure), CancellationToken.None).ConfigureAwait(false);
            }

            LambdaLog.SetCurrent(null);
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
