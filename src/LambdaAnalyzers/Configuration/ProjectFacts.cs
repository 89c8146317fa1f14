using System;
using LambdaAnalyzers.ConfigFiles;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Configuration;

/// <summary>
/// MSBuild facts a rule may need, read once per compilation from the properties the package's
/// build props make compiler-visible, with a fallback on the compilation itself where MSBuild
/// is not in the loop (an IDE-less host, a test).
/// </summary>
internal sealed class ProjectFacts
{
    private static readonly string[] TestFrameworkAssemblies =
    {
        "xunit.core",
        "xunit.v3.core",
        "nunit.framework",
        "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "TUnit.Core",
    };

    private ProjectFacts(bool isTestProject) => IsTestProject = isTestProject;

    /// <summary>A test project: MSBuild's <c>IsTestProject</c>, or a reference to a test framework.</summary>
    public bool IsTestProject { get; }

    /// <summary>
    /// The project references Amazon.Lambda.Annotations, whose source generator rewrites the template resources it keeps
    /// (<see cref="ConfigFiles.FunctionConfig.WrittenByAnnotations"/>) on every build.
    /// </summary>
    public bool UsesAnnotations { get; private set; }

    /// <summary>MSBuild's <c>OutputType</c> (<c>Exe</c>, <c>Library</c>, ...); null when not visible to the compiler.</summary>
    public string? OutputType { get; private set; }

    /// <summary>MSBuild's <c>AssemblyName</c>; null when not visible to the compiler.</summary>
    public string? AssemblyName { get; private set; }

    /// <summary>MSBuild's <c>TargetFramework</c> of this (inner) build, e.g. <c>net8.0</c>; null when unknown.</summary>
    public string? TargetFramework { get; private set; }

    /// <summary>The project folder (<c>ProjectDir</c>, which the .NET SDK makes compiler-visible); null when unknown.</summary>
    public string? ProjectDirectory { get; private set; }

    /// <summary>
    /// The AWS tooling's project marker, <c>&lt;AWSProjectType&gt;Lambda&lt;/AWSProjectType&gt;</c> in the
    /// Lambda project templates: the project deploys as a Lambda function.
    /// </summary>
    public bool IsAwsLambdaProject => string.Equals(GetBuildProperty("AWSProjectType"), "Lambda", StringComparison.OrdinalIgnoreCase);

    /// <summary>What a config file's function is matched against: the project folder, <c>MSBuildProjectName</c> and the compilation's assembly.</summary>
    public ProjectIdentity Identity { get; private set; } = ProjectIdentity.InDirectory(null);

    private AnalyzerConfigOptions? BuildProperties { get; set; }

    /// <summary>Any compiler-visible MSBuild property (<c>build_property.&lt;name&gt;</c>), trimmed; null when absent or empty.</summary>
    public string? GetBuildProperty(string name) => BuildProperties is null ? null : MsBuildProperty.Read(BuildProperties, name);

    /// <summary>
    /// Whether the project (or its Directory.Build.props/.targets) sets <paramref name="name"/> only
    /// under a condition (<c>Condition="'$(Configuration)' == 'Release'"</c>, a <c>RuntimeIdentifier</c>
    /// test, ...): the value this build sees may not be the one published. The package's build targets
    /// list such properties in <c>LambdaAnalyzersConditionalProperties</c>.
    /// </summary>
    public bool IsSetConditionally(string name)
    {
        var listed = GetBuildProperty("LambdaAnalyzersConditionalProperties");
        if (listed is null)
        {
            return false;
        }

        foreach (var part in listed.Split(';'))
        {
            if (string.Equals(part.Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static ProjectFacts Read(Compilation compilation, AnalyzerConfigOptionsProvider options)
    {
        var global = options.GlobalOptions;
        var references = References(compilation);
        var isTest = MsBuildProperty.IsTrue(MsBuildProperty.Read(global, "IsTestProject")) || references.TestFramework;
        var facts = new ProjectFacts(isTest) { BuildProperties = global };
        facts.OutputType = facts.GetBuildProperty("OutputType");
        facts.AssemblyName = facts.GetBuildProperty("AssemblyName");
        facts.TargetFramework = facts.GetBuildProperty("TargetFramework");
        facts.ProjectDirectory = facts.GetBuildProperty("ProjectDir");
        facts.UsesAnnotations = references.Annotations;
        facts.Identity = new ProjectIdentity(facts.ProjectDirectory, facts.GetBuildProperty("MSBuildProjectName"), compilation.AssemblyName);
        return facts;
    }

    /// <summary>Which of the assemblies the facts care about the compilation references, in one pass over its references.</summary>
    private static (bool TestFramework, bool Annotations) References(Compilation compilation)
    {
        var (testFramework, annotations) = (false, false);
        foreach (var identity in compilation.ReferencedAssemblyNames)
        {
            annotations |= string.Equals(identity.Name, "Amazon.Lambda.Annotations", StringComparison.OrdinalIgnoreCase);
            foreach (var name in TestFrameworkAssemblies)
            {
                testFramework |= string.Equals(identity.Name, name, StringComparison.OrdinalIgnoreCase);
            }
        }

        return (testFramework, annotations);
    }
}
