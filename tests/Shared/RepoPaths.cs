using System;
using System.IO;
using System.Reflection;

namespace LambdaAnalyzers.Testing;

/// <summary>
/// Paths inside the repository, found from the test binaries by walking up to the solution file.
/// Shared by the test projects (linked from tests/Shared).
/// </summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string RulesDocs => Path.Combine(Root, "docs", "rules");

    public static string AnalyzerProject => Path.Combine(Root, "src", "LambdaAnalyzers");

    public static string Combine(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LambdaAnalyzers.sln")))
            {
                return dir.FullName;
            }
        }

        // Built outside the repository (an artifacts path): the build recorded where it was.
        foreach (var metadata in typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (metadata.Key == "LambdaAnalyzers.RepoRoot" && metadata.Value is { } recorded
                && File.Exists(Path.Combine(recorded, "LambdaAnalyzers.sln")))
            {
                return Path.GetFullPath(recorded);
            }
        }

        throw new InvalidOperationException($"LambdaAnalyzers.sln not found above {AppContext.BaseDirectory}.");
    }
}
