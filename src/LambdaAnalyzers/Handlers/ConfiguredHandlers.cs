using System.Collections.Generic;
using System.Threading;
using LambdaAnalyzers.ConfigFiles;
using LambdaAnalyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// Handler strings of this project's configuration files (aws-lambda-tools-defaults.json,
/// serverless.template, SAM templates), resolved against the compilation. Values computed at deploy
/// time (<c>!Sub</c>, <c>!Ref</c>), container-image functions and functions whose code is another
/// project are not ours and are left out.
/// </summary>
internal static class ConfiguredHandlers
{
    public static IReadOnlyList<ConfiguredHandler> Read(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var handlers = new List<ConfiguredHandler>();
        if (!LambdaConfigFiles.HasConfigFiles(options.AdditionalFiles))
        {
            return handlers;
        }

        var projectDirectory = ProjectFacts.Read(compilation, options.AnalyzerConfigOptionsProvider).ProjectDirectory;
        foreach (var function in LambdaConfigFiles.Read(options.AdditionalFiles, cancellationToken).Functions)
        {
            if (function.IsImage
                || function.Handler is not { IsIntrinsic: false } handler
                || function.BelongsTo(projectDirectory) == ProjectMatch.No)
            {
                continue;
            }

            var runtime = function.Runtime is { IsIntrinsic: false } r ? r.Value : null;
            var parsed = HandlerString.Parse(handler.Value);
            handlers.Add(new ConfiguredHandler(handler.Value, handler.Location, runtime, HandlerResolver.Resolve(compilation, parsed, cancellationToken)));
        }

        return handlers;
    }
}
