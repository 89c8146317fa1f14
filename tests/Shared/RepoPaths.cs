using System;
using System.IO;

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

        throw new InvalidOperationException($"LambdaAnalyzers.sln not found above {AppContext.BaseDirectory}.");
    }
}
