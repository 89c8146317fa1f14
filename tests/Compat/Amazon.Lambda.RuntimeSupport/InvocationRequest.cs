using System;
using System.IO;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.RuntimeSupport;

public class InvocationRequest : IDisposable
{
    internal InvocationRequest(Stream inputStream, ILambdaContext lambdaContext)
    {
        InputStream = inputStream;
        LambdaContext = lambdaContext;
    }

    public Stream InputStream { get; }

    public ILambdaContext LambdaContext { get; }

    public void Dispose()
    {
        InputStream?.Dispose();
        GC.SuppressFinalize(this);
    }
}
