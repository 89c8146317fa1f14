using System;
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

    public static ProjectFacts Read(Compilation compilation, AnalyzerConfigOptionsProvider options)
    {
        var global = options.GlobalOptions;
        var isTest = IsTrue(global, "build_property.IsTestProject") || ReferencesTestFramework(compilation);
        return new ProjectFacts(isTest);
    }

    private static bool IsTrue(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static bool ReferencesTestFramework(Compilation compilation)
    {
        foreach (var identity in compilation.ReferencedAssemblyNames)
        {
            foreach (var name in TestFrameworkAssemblies)
            {
                if (string.Equals(identity.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
