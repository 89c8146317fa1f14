using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Configuration;

/// <summary>
/// A <c>lambda_analyzers.*</c> setting: from the <c>.editorconfig</c> section that applies to a file,
/// else from a global analyzer config (<c>is_global = true</c>).
/// </summary>
internal static class EditorConfigOption
{
    public static string? Read(AnalyzerConfigOptionsProvider options, SyntaxTree tree, string key)
    {
        if (options.GetOptions(tree).TryGetValue(key, out var value) || options.GlobalOptions.TryGetValue(key, out value))
        {
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        return null;
    }
}
