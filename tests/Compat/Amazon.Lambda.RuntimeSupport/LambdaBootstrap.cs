using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Amazon.Lambda.RuntimeSupport;

/// <summary>The runtime client loop (declaration only: <see cref="RunAsync"/> throws).</summary>
public class LambdaBootstrap : IDisposable
{
    public LambdaBootstrap(LambdaBootstrapHandler handler, LambdaBootstrapInitializer initializer = null)
    {
    }

    public LambdaBootstrap(HandlerWrapper handlerWrapper, LambdaBootstrapInitializer initializer = null)
    {
    }

    public LambdaBootstrap(HttpClient httpClient, LambdaBootstrapHandler handler, LambdaBootstrapInitializer initializer = null)
    {
    }

    public LambdaBootstrap(HttpClient httpClient, HandlerWrapper handlerWrapper, LambdaBootstrapInitializer initializer = null)
    {
    }

    public static HttpClient ConstructHttpClient() => new();

    public Task RunAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("stand-in: Amazon.Lambda.RuntimeSupport is declaration-only here");

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
