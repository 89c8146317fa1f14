using System;
using System.Net.Http;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// The Runtime API cannot be reached any more (connection refused or reset, the response cut off) or refused a request
/// (an error status, e.g. a response posted after the invoke timed out): on Lambda this happens only when the execution
/// environment is going away, so the loop ends.
/// </summary>
internal sealed class RuntimeApiGoneException : Exception
{
    public RuntimeApiGoneException(string endpoint, Exception cause)
        : base(
            cause is HttpRequestException { StatusCode: { } status }
                ? $"The Runtime API at {endpoint} answered {(int)status} ({status}); the runtime stops. ({OneLine(cause)})"
                : $"The Runtime API at {endpoint} is gone; the runtime stops. ({OneLine(cause)})",
            cause)
    {
    }

    private static string OneLine(Exception cause)
    {
        var innermost = cause.GetBaseException();
        var text = innermost == cause ? $"{cause.GetType().Name}: {cause.Message}" : $"{cause.GetType().Name}: {cause.Message}; {innermost.GetType().Name}: {innermost.Message}";
        return text.ReplaceLineEndings(" ");
    }
}
