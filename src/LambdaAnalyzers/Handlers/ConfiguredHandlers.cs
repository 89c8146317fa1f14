using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Handlers;

/// <summary>Handler strings of this project's configuration files, resolved against the compilation.</summary>
internal static class ConfiguredHandlers
{
    public static IReadOnlyList<ConfiguredHandler> Read(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var handlers = new List<ConfiguredHandler>();
        return handlers;
    }
}
