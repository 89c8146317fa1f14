using System;
using System.Collections.Immutable;
using System.Globalization;
using LambdaAnalyzers.ConfigFiles;
using LambdaAnalyzers.Configuration;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Platform;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Deployment;

/// <summary>
/// LAM0300: a function's runtime cannot run what this project builds. An OS-only runtime
/// (<c>provided.al2023</c>, ...) starts a file named <c>bootstrap</c>, so the project must be an
/// executable with that assembly name; a managed <c>dotnetN</c> runtime runs framework-dependent
/// apps targeting .NET N or older. Only functions whose code is this project are judged, and only
/// when the MSBuild facts are known (<c>msbuild-parameters</c> in aws-lambda-tools-defaults.json count).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LAM0300RuntimeProjectMismatchAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.RuntimeProjectMismatch,
        title: "Function runtime does not match the project",
        messageFormat: "Runtime '{0}' {1}",
        RuleCategories.Deployment,
        DiagnosticSeverity.Warning,
        description: "An OS-only runtime (provided.al2023, provided.al2) starts an executable named 'bootstrap' from the package: the project must build an executable (OutputType Exe) whose AssemblyName is 'bootstrap'. A managed .NET runtime (dotnet8, dotnet10) runs framework-dependent code built for that .NET version or older: a newer target framework fails at Init.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ConfigFileAnalysis.Register(context, Analyze);
    }

    private static void Analyze(ConfigFileAnalysisContext context)
    {
        var projectDirectory = context.Project.ProjectDirectory;
        if (projectDirectory is null)
        {
            return;
        }

        // msbuild-parameters of the project's tools defaults are what it is published with. A property
        // the project sets only under a condition (Release, a RuntimeIdentifier) may be published with
        // another value than this build sees: unknown, so nothing is concluded from it.
        var toolsProperties = context.Model.ToolsMsBuildProperties(projectDirectory);
        string? Property(string name) =>
            toolsProperties.TryGetValue(name, out var value) && value.Trim().Length > 0 ? value.Trim()
            : context.Project.IsSetConditionally(name) ? null
            : context.Project.GetBuildProperty(name);

        foreach (var (function, runtime) in context.RuntimesOfThisProject())
        {
            var name = runtime.Value.Trim();
            if (LambdaRuntimes.Refusal(name) is not null)
            {
                // A runtime Lambda refuses whatever the project builds: LAM0304's.
                continue;
            }

            if (LambdaRuntimes.IsOsOnly(name))
            {
                if (BootstrapProblem(context, function, Property) is { } problem)
                {
                    context.Report(Rule, runtime.Location, name, problem);
                }
            }
            else if (LambdaRuntimes.TryParseManagedRuntime(name, out var runtimeVersion)
                && FrameworkProblem(context, name, runtimeVersion, Property) is { } problem)
            {
                context.Report(Rule, runtime.Location, name, problem);
            }
        }
    }

    /// <summary>Why the project gives an OS-only runtime no <c>bootstrap</c> executable; null when it does or when that cannot be known.</summary>
    private static string? BootstrapProblem(ConfigFileAnalysisContext context, FunctionConfig function, Func<string, string?> property)
    {
        // A layer may bring /opt/bootstrap, and a bootstrap script listed beside the config is the user's own.
        if (function.LayerCount is { Value: > 0 } or { IsIntrinsic: true } || HasBootstrapFile(context.Options))
        {
            return null;
        }

        var outputType = property("OutputType");
        var assemblyName = property("AssemblyName");
        if (outputType is null || assemblyName is null)
        {
            return null;
        }

        if (!outputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) && !outputType.Equals("WinExe", StringComparison.OrdinalIgnoreCase))
        {
            return $"starts an executable named 'bootstrap', but this project builds a library (OutputType '{outputType}'); set <OutputType>Exe</OutputType> and <AssemblyName>bootstrap</AssemblyName>";
        }

        if (!string.Equals(assemblyName, "bootstrap", StringComparison.Ordinal))
        {
            return $"starts an executable named 'bootstrap', but this project's executable is named '{assemblyName}'; set <AssemblyName>bootstrap</AssemblyName> (or pass /p:AssemblyName=bootstrap in msbuild-parameters)";
        }

        return null;
    }

    /// <summary>Why a managed runtime cannot run this project's target framework; null when it can or the framework is unknown.</summary>
    private static string? FrameworkProblem(ConfigFileAnalysisContext context, string runtime, Version runtimeVersion, Func<string, string?> property)
    {
        // A self-contained executable brings its own .NET; the managed runtime's bootstrap starts it directly.
        var outputType = property("OutputType");
        if (outputType is not null && outputType.Equals("Exe", StringComparison.OrdinalIgnoreCase)
            && (MsBuildProperty.IsTrue(property("SelfContained")) || MsBuildProperty.IsTrue(property("PublishAot"))))
        {
            return null;
        }

        // It may be published self-contained, or for another framework, than this build shows.
        foreach (var name in new[] { "OutputType", "SelfContained", "PublishAot", "TargetFramework", "TargetFrameworks" })
        {
            if (property(name) is null && context.Project.IsSetConditionally(name))
            {
                return null;
            }
        }

        string? deployed = null;
        foreach (var tools in context.Model.ToolsDefaults)
        {
            if (tools.Framework is { IsIntrinsic: false } framework && ConfigPaths.AreSame(tools.Directory, context.Project.ProjectDirectory!))
            {
                deployed = framework.Value.Trim();
            }
        }

        var candidates = deployed is not null
            ? new[] { deployed }
            : (property("TargetFrameworks") ?? context.Project.TargetFramework ?? string.Empty).Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries);
        if (candidates.Length == 0)
        {
            return null;
        }

        string? newest = null;
        foreach (var candidate in candidates)
        {
            var tfm = candidate.Trim();
            if (!LambdaRuntimes.TryParseFramework(tfm, out var frameworkVersion) || frameworkVersion <= runtimeVersion)
            {
                return null;
            }

            newest ??= tfm;
        }

        var runtimeName = runtimeVersion.Major >= 5
            ? ".NET " + runtimeVersion.Major.ToString(CultureInfo.InvariantCulture)
            : ".NET Core " + runtimeVersion.ToString(2);
        return $"runs {runtimeName} and older, but this project targets {newest}; choose the runtime for that .NET version or target a framework '{runtime}' runs";
    }

    private static bool HasBootstrapFile(AnalyzerOptions options)
    {
        foreach (var file in options.AdditionalFiles)
        {
            if (string.Equals(ConfigPaths.FileName(file.Path), "bootstrap", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

}
