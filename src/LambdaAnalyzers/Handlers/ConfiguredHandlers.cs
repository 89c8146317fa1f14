using System;
using System.Collections.Generic;
using System.Threading;
using LambdaAnalyzers.ConfigFiles;
using LambdaAnalyzers.Configuration;
using LambdaAnalyzers.Platform;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// Handler strings of the functions that deploy this project (<see cref="FunctionConfig.BelongsTo"/>)
/// in its configuration files (aws-lambda-tools-defaults.json, serverless.template, SAM templates,
/// serverless.yml, Terraform), resolved against the compilation. Values computed at deploy time
/// (<c>!Sub</c>, <c>${var}</c>, <c>var.x</c>), container-image functions, other projects' functions and
/// class-library strings of <c>provided.*</c> functions (those runtimes never read them) are left out.
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

        var project = ProjectFacts.Read(compilation, options.AnalyzerConfigOptionsProvider);
        var config = LambdaConfigFiles.Read(options.AdditionalFiles, cancellationToken);
        var deployedAssembly = DeployedAssemblyName(compilation, project, config);
        foreach (var function in config.Functions)
        {
            if (function.IsImage
                || function.Handler is not { IsIntrinsic: false } handler
                || function.BelongsTo(project.Identity) != ProjectMatch.Yes)
            {
                continue;
            }

            var runtime = function.Runtime is { IsIntrinsic: false } r ? r.Value.Trim() : null;
            var parsed = HandlerString.Parse(handler.Value);
            if (parsed.Form == HandlerStringForm.ClassLibrary && LambdaRuntimes.IsOsOnly(runtime))
            {
                continue;
            }

            var resolution = HandlerResolver.Resolve(compilation, parsed, cancellationToken);
            if (resolution.Kind == HandlerResolutionKind.NotOurs
                && parsed.Form == HandlerStringForm.ClassLibrary
                && function.LocationMatch(project.Identity) == ProjectMatch.Yes)
            {
                resolution = RenamedAssembly(compilation, parsed, deployedAssembly, cancellationToken) ?? resolution;
            }

            handlers.Add(new ConfiguredHandler(handler.Value, handler.Location, runtime, deployedAssembly, resolution, function.WrittenByAnnotations && project.UsesAnnotations));
        }

        return handlers;
    }

    /// <summary>
    /// How the configuration files among the AdditionalFiles deploy this project (<see cref="FunctionConfig.BelongsTo"/>):
    /// not at all, only as a class library the managed runtime loads (so the project's <c>Main</c>, if it has one, never
    /// runs on Lambda: an ASP.NET Core project's local Kestrel entry point), or as a program Lambda starts.
    /// </summary>
    public static ProjectDeployment DeploymentOf(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (!LambdaConfigFiles.HasConfigFiles(options.AdditionalFiles))
        {
            return ProjectDeployment.None;
        }

        var project = ProjectFacts.Read(compilation, options.AnalyzerConfigOptionsProvider);
        var deployment = ProjectDeployment.None;
        foreach (var function in LambdaConfigFiles.Read(options.AdditionalFiles, cancellationToken).Functions)
        {
            if (function.BelongsTo(project.Identity) != ProjectMatch.Yes)
            {
                continue;
            }

            if (!LoadedAsClassLibrary(function))
            {
                return ProjectDeployment.Program;
            }

            deployment = ProjectDeployment.ClassLibrary;
        }

        return deployment;
    }

    /// <summary>
    /// Certainly run by a managed runtime from a class-library handler string (<c>Assembly::Type::Method</c>). Anything
    /// left open (a container image, a value computed at deploy time, no runtime named) may start the program.
    /// </summary>
    private static bool LoadedAsClassLibrary(FunctionConfig function) =>
        !function.IsImage
        && function.Handler is { IsIntrinsic: false } handler
        && function.Runtime is { IsIntrinsic: false } runtime
        && LambdaRuntimes.TryParseManagedRuntime(runtime.Value.Trim(), out _)
        && HandlerString.Parse(handler.Value).Form == HandlerStringForm.ClassLibrary;

    /// <summary>
    /// The name of the assembly the deployed package holds: <c>/p:AssemblyName</c> in the project's
    /// aws-lambda-tools-defaults.json, else the compilation's; null when the project sets
    /// <c>AssemblyName</c> only under a condition, so the published name may be another.
    /// </summary>
    private static string? DeployedAssemblyName(Compilation compilation, ProjectFacts project, LambdaConfigModel config)
    {
        if (config.ToolsMsBuildProperties(project.ProjectDirectory).TryGetValue("AssemblyName", out var tools) && tools.Trim().Length > 0)
        {
            return tools.Trim();
        }

        return project.IsSetConditionally("AssemblyName") ? null : compilation.AssemblyName;
    }

    /// <summary>
    /// A class-library string in a function whose code is this project, naming an assembly that is
    /// neither this project's nor one it references, whose type and method exist here: the assembly
    /// was renamed (or the string copied from another project), and the runtime will not find it.
    /// </summary>
    private static HandlerResolution? RenamedAssembly(Compilation compilation, HandlerString parsed, string? deployedAssembly, CancellationToken cancellationToken)
    {
        if (deployedAssembly is null
            || compilation.AssemblyName is not { } assembly
            || string.Equals(parsed.Assembly, deployedAssembly, StringComparison.Ordinal)
            || !string.Equals(deployedAssembly, assembly, StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var referenced in compilation.ReferencedAssemblyNames)
        {
            if (string.Equals(referenced.Name, parsed.Assembly, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        var here = HandlerResolver.Resolve(compilation, parsed.WithAssembly(assembly), cancellationToken);
        return here.Kind == HandlerResolutionKind.Found && here.Type is { } type && here.Method is { } method
            ? HandlerResolution.WrongAssembly(type, method, assembly)
            : null;
    }
}

/// <summary>How configuration files deploy a project (<see cref="ConfiguredHandlers.DeploymentOf"/>).</summary>
internal enum ProjectDeployment
{
    /// <summary>No configuration file deploys it.</summary>
    None,

    /// <summary>Every function that deploys it is a class library a managed .NET runtime loads.</summary>
    ClassLibrary,

    /// <summary>At least one function may start it as a program (executable-assembly handler, <c>provided.*</c>, image).</summary>
    Program,
}
