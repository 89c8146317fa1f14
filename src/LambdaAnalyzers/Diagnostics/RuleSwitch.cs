using System.Threading;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Diagnostics;

/// <summary>
/// Whether a rule may report in a compilation, for an analyzer that runs several rules: the analyzer driver
/// skips an analyzer whose every diagnostic is off, but not one rule among many, so a group asks this per rule
/// and answers as the driver would for an analyzer of that one rule. A rule is off when it is disabled by
/// default, or switched off for the whole compilation (<c>NoWarn</c>, a rule set, a global config's
/// <c>severity = none</c>), and no <c>.editorconfig</c> section switches it on by its ID for one of the files. A bulk
/// severity (<c>dotnet_analyzer_diagnostic.*</c>) never switches such a rule on: it neither enables rules disabled by
/// default nor overrides a rule's own setting. Never off when in doubt: a rule switched off only file by file
/// still runs, and the driver drops what it reports there.
/// </summary>
internal static class RuleSwitch
{
    public static bool MayReport(DiagnosticDescriptor rule, Compilation compilation, CancellationToken cancellationToken)
    {
        var options = compilation.Options;
        var provider = options.SyntaxTreeOptionsProvider;
        var off = !rule.IsEnabledByDefault;

        // The whole compilation's setting overrides the rule's default; NoWarn and rule sets before a global config.
        if ((options.SpecificDiagnosticOptions.TryGetValue(rule.Id, out var configured)
                || provider is not null && provider.TryGetGlobalDiagnosticValue(rule.Id, cancellationToken, out configured))
            && configured != ReportDiagnostic.Default)
        {
            off = configured == ReportDiagnostic.Suppress;
        }

        if (!off)
        {
            return true;
        }

        // A file's own setting switches it on again for that file.
        if (provider is not null)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (provider.TryGetDiagnosticValue(tree, rule.Id, cancellationToken, out var severity) && severity != ReportDiagnostic.Suppress)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
