using Amazon.Lambda.Core;

namespace Orders;

public class Function
{
    /// <summary>Echoes the payload.</summary>
    public Stream Handle(Stream input, ILambdaContext context)
    {
        context.Logger.LogLine("Orders invoked");
        return input;
    }
}
