namespace LambdaAnalyzers.Runtime;

/// <summary>How <see cref="LambdaRuntime"/> sends a handler's response to the Runtime API.</summary>
internal enum LambdaResponseMode
{
    /// <summary>The whole response at once, after the handler returns (at most 6,291,556 bytes).</summary>
    Buffered,

    /// <summary>
    /// Streamed as the handler writes (<c>Lambda-Runtime-Function-Response-Mode: streaming</c>, at most 200 MB), for
    /// functions invoked through <c>InvokeWithResponseStream</c> or a function URL with response streaming.
    /// </summary>
    Streaming,
}
