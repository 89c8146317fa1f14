using System;
using System.Collections.Generic;
using LambdaAnalyzers.Caching;
using LambdaAnalyzers.ConfigFiles;
using LambdaAnalyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Rules.Deployment;

/// <summary>What a config-file rule sees for one file: the file, the compilation's whole config model and the project's MSBuild facts.</summary>
internal sealed class ConfigFileAnalysisContext
{
    private readonly AdditionalFileAnalysisContext _context;
    private readonly HashSet<(string Path, TextSpan Span, string Id)> _reported = new();

    public ConfigFileAnalysisContext(AdditionalFileAnalysisContext context, ConfigFile file, LambdaConfigModel model, ProjectFacts project)
    {
        _context = context;
        File = file;
        Model = model;
        Project = project;
    }

    public ConfigFile File { get; }

    public LambdaConfigModel Model { get; }

    public ProjectFacts Project { get; }

    public AnalyzerOptions Options => _context.Options;

    /// <summary>The functions of this file that deploy this project (<see cref="FunctionConfig.BelongsTo"/>): a shared file's other functions, and those nothing ties to a project, are skipped.</summary>
    public IEnumerable<FunctionConfig> FunctionsOfThisProject()
    {
        foreach (var function in File.Functions)
        {
            if (function.BelongsTo(Project.Identity) == ProjectMatch.Yes)
            {
                yield return function;
            }
        }
    }

    /// <summary>
    /// The runtimes this file gives the project's .zip functions, as written (values computed at deploy time and container
    /// images are skipped), except for template resources Amazon.Lambda.Annotations keeps in a project that references it:
    /// its generator writes their runtime again on every build, so the file's may be an older build's.
    /// </summary>
    public IEnumerable<(FunctionConfig Function, ConfigValue<string> Runtime)> RuntimesOfThisProject()
    {
        foreach (var function in FunctionsOfThisProject())
        {
            if (function.Runtime is { IsIntrinsic: false } runtime && !function.IsImage && !(function.WrittenByAnnotations && Project.UsesAnnotations))
            {
                yield return (function, runtime);
            }
        }
    }

    /// <summary>Reports once per rule and place: a <c>Globals</c> value several functions inherit is one finding.</summary>
    public void Report(DiagnosticDescriptor rule, Location location, params object?[] arguments)
    {
        var key = (location.GetLineSpan().Path ?? string.Empty, location.SourceSpan, rule.Id);
        lock (_reported)
        {
            if (!_reported.Add(key))
            {
                return;
            }
        }

        _context.ReportDiagnostic(Diagnostic.Create(rule, location, arguments));
    }
}

/// <summary>
/// Runs a rule once per Lambda config file among the AdditionalFiles (from an additional-file
/// action, so findings show in the IDE as the file is edited), with the config model read once
/// per compilation and each file parsed once per text snapshot.
/// </summary>
internal static class ConfigFileAnalysis
{
    public static void Register(AnalysisContext context, Action<ConfigFileAnalysisContext> analyze)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (!LambdaConfigFiles.HasConfigFiles(start.Options.AdditionalFiles))
            {
                return;
            }

            var project = ProjectFacts.Read(start.Compilation, start.Options.AnalyzerConfigOptionsProvider);
            // The compilation's config model, read on first use; a cancelled read is retried rather than remembered.
            var model = new Once<LambdaConfigModel>();
            start.RegisterAdditionalFileAction(fileContext =>
            {
                var config = model.Get(() => LambdaConfigFiles.Read(fileContext.Options.AdditionalFiles, fileContext.CancellationToken));
                foreach (var file in config.Files)
                {
                    if (string.Equals(file.Path, fileContext.AdditionalFile.Path, StringComparison.Ordinal))
                    {
                        analyze(new ConfigFileAnalysisContext(fileContext, file, config, project));
                        return;
                    }
                }
            });
        });
    }
}
