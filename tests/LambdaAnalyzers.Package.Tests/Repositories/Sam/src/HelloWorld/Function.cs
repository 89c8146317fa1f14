using Amazon.Lambda.Core;

namespace HelloWorld;

public class Function
{
    /// <summary>Echoes the payload.</summary>
    public Stream FunctionHandler(Stream input, ILambdaContext context)
    {
        context.Logger.LogLine("HelloWorld invoked");
        return input;
    }
}
