namespace LambdaAnalyzers.Runtime;

/// <summary>The log formats of the managed .NET runtime.</summary>
internal enum LogFormat
{
    /// <summary><c>timestamp\trequestId\tlevel\tmessage</c> (Lambda's <c>Text</c>, the runtime's <c>Default</c>).</summary>
    Text,

    /// <summary>The message only.</summary>
    Unformatted,

    /// <summary>One JSON object per line.</summary>
    Json,
}
