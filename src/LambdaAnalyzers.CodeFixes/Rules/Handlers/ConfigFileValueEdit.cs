using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.CodeFixes.Rules.Handlers;

/// <summary>
/// Replaces a scalar value in a configuration file (an additional document) at a diagnostic's span,
/// keeping the quotes it was written with: JSON strings and quoted YAML scalars stay quoted,
/// plain YAML scalars stay plain.
/// </summary>
internal static class ConfigFileValueEdit
{
    public static async Task<Solution> ReplaceAsync(TextDocument document, TextSpan span, string value, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var old = text.ToString(span);
        var replacement = old.Length >= 2 && old[0] == old[old.Length - 1] && old[0] is '"' or '\''
            ? Quote(old[0], value)
            : value;
        return document.Project.Solution.WithAdditionalDocumentText(document.Id, text.Replace(span, replacement));
    }

    private static string Quote(char quote, string value) => quote == '"'
        ? "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""
        : "'" + value.Replace("'", "''") + "'";
}
