using Amazon.Lambda.Core;

namespace CreateOrder;

public class Function
{
    /// <summary>Echoes the payload.</summary>
    public Stream Handle(Stream input, ILambdaContext context)
    {
        context.Logger.LogLine("CreateOrder invoked");
        return input;
    }
}
