using System;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Handlers;

/// <summary>
/// Runs a handler-string rule for each configuration file among the AdditionalFiles, on the
/// handler strings that file holds (from an additional-file action, so findings show in the IDE
/// as the file is edited).
/// </summary>
internal static class ConfiguredHandlerAnalysis
{
    public static void Register(AnalysisContext context, Action<AdditionalFileAnalysisContext, ConfiguredHandler, HandlerModel> analyze)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (!LambdaProject.CanHoldHandlers(start.Compilation, start.Options, start.CancellationToken))
            {
                return;
            }

            var model = HandlerModel.For(start.Compilation, start.Options, start.CancellationToken);
            if (model.Configured.Count == 0)
            {
                return;
            }

            start.RegisterAdditionalFileAction(file =>
            {
                foreach (var handler in model.Configured)
                {
                    if (string.Equals(handler.Location.GetLineSpan().Path, file.AdditionalFile.Path, StringComparison.Ordinal))
                    {
                        analyze(file, handler, model);
                    }
                }
            });
        });
    }
}
