using System;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// The Runtime API cannot be reached any more (connection refused or reset, the response cut off, an error status):
/// on Lambda this happens only when the execution environment is going away, so the loop ends.
/// </summary>
internal sealed class RuntimeApiGoneException : Exception
{
    public RuntimeApiGoneException(string endpoint, Exception cause)
        : base($"The Runtime API at {endpoint} is gone; the runtime stops. ({OneLine(cause)})", cause)
    {
    }

    private static string OneLine(Exception cause)
    {
        var innermost = cause.GetBaseException();
        var text = innermost == cause ? $"{cause.GetType().Name}: {cause.Message}" : $"{cause.GetType().Name}: {cause.Message}; {innermost.GetType().Name}: {innermost.Message}";
        return text.ReplaceLineEndings(" ");
    }
}
