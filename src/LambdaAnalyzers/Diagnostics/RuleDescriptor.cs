using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Diagnostics;

/// <summary>
/// Builds descriptors the same way for every rule, so each one carries its help link to
/// <c>docs/rules/&lt;ID&gt;.md</c> and the same custom tags.
/// </summary>
internal static class RuleDescriptor
{
    /// <summary>Where the rule pages are published; each descriptor links to <c>{base}/{ID}.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/lambdaanalyzers/lambdaanalyzers/blob/main/docs/rules/";

    public static string HelpLinkFor(string id) => HelpLinkBase + id + ".md";

    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description,
        bool isEnabledByDefault = true,
        params string[] customTags) =>
        new(
            id,
            title,
            messageFormat,
            category,
            defaultSeverity,
            isEnabledByDefault,
            description,
            HelpLinkFor(id),
            customTags);
}
