using System.IO;

namespace Amazon.Lambda.RuntimeSupport;

public class InvocationResponse
{
    public InvocationResponse(Stream outputStream)
        : this(outputStream, true)
    {
    }

    public InvocationResponse(Stream outputStream, bool disposeOutputStream)
    {
        OutputStream = outputStream;
        DisposeOutputStream = disposeOutputStream;
    }

    public Stream OutputStream { get; }

    public bool DisposeOutputStream { get; }
}
