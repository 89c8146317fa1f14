using Amazon.Lambda.Core;

namespace Billing;

public class Function
{
    /// <summary>Echoes the payload.</summary>
    public Stream Charge(Stream input, ILambdaContext context)
    {
        context.Logger.LogLine("Billing invoked");
        return input;
    }
}
