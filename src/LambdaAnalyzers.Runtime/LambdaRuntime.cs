using System;
using System.IO;
using System.Net.Http;
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

    /// <summary>Runs <paramref name="handler"/> for every invocation of the Runtime API named by <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    /// <param name="handler">The invocation handler.</param>
    /// <param name="cancellationToken">Stops the loop after the current invocation.</param>
    /// <returns>A task that completes when the loop is cancelled.</returns>
    /// <exception cref="InvalidOperationException"><c>AWS_LAMBDA_RUNTIME_API</c> is not set.</exception>
    public static Task RunAsync(LambdaInvocationHandler handler, CancellationToken cancellationToken = default)
    {
        var endpoint = Environment.GetEnvironmentVariable(RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new InvalidOperationException(
                $"{RuntimeApiVariable} is not set: this program is a Lambda bootstrap and runs inside AWS Lambda or the LambdaAnalyzers shim.");
        }

        return RunAsync(handler, endpoint!, TimeProvider.System, cancellationToken);
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
        Console.Error.WriteLine(exception.ToString());
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
            response.SetLength(0);
            Exception? failure = null;
            try
            {
                await handler(invocation, response, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            if (failure is null)
            {
                await client.PostResponseAsync(invocation.RequestId, new ReadOnlyMemory<byte>(response.GetBuffer(), 0, (int)response.Length), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Console.Error.WriteLine(failure.ToString());
                await client.PostErrorAsync(invocation.RequestId, ErrorReport.From(failure), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
