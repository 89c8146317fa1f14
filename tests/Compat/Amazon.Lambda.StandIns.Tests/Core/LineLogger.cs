using System.Collections.Generic;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.StandIns.Tests.Core;

/// <summary>An <see cref="ILambdaLogger"/> with only the original two members; records what reaches them.</summary>
internal sealed class LineLogger : ILambdaLogger
{
    public List<string> Lines { get; } = new();

    public void Log(string message) => Lines.Add(message);

    public void LogLine(string message) => Lines.Add(message);
}
