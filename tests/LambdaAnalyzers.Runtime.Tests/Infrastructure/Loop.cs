using System;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim;

namespace LambdaAnalyzers.Runtime.Tests;

/// <summary>
/// A shim in external mode with <see cref="LambdaRuntime"/>'s loop running in this process against its Runtime API:
/// the function is the handler a test passes, reached through the real protocol.
/// </summary>
internal sealed class Loop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private Loop(LambdaShim shim, LambdaInvocationHandler handler, LambdaResponseMode mode)
    {
        Shim = shim;
        Running = Task.Run(() => LambdaRuntime.RunAsync(handler, mode, shim.RuntimeApiEndpoints[0], TimeProvider.System, _stop.Token));
    }

    public LambdaShim Shim { get; }

    public Task Running { get; }

    public static async Task<Loop> StartAsync(
        LambdaInvocationHandler handler, TimeSpan? timeout = null, LambdaResponseMode mode = LambdaResponseMode.Buffered, string functionName = "runtime-tests")
    {
        var shim = await LambdaShim.StartAsync(new LambdaShimOptions
        {
            Mode = ShimExecutionMode.External,
            FunctionName = functionName,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        });
        return new Loop(shim, handler, mode);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await Shim.DisposeAsync();
        try
        {
            await Running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is OperationCanceledException or RuntimeApiGoneException)
        {
        }

        _stop.Dispose();
    }
}
