using Amazon.Lambda.Core;

namespace Reports;

public class Function
{
    /// <summary>Echoes the payload.</summary>
    public Stream Run(Stream input, ILambdaContext context)
    {
        context.Logger.LogLine("Reports invoked");
        return input;
    }
}
