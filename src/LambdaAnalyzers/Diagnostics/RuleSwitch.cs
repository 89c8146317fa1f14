using System.Threading;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Diagnostics;

/// <summary>
/// Whether a rule may report in a compilation, for an analyzer that runs several rules: the analyzer driver
/// skips an analyzer whose every diagnostic is off, but not one rule among many. Conservative: a rule enabled
/// by default always runs (the driver drops what a configuration switches off); one disabled by default runs
/// when any configuration (compilation options, a global config, an <c>.editorconfig</c> section) gives it a
/// severity other than <c>none</c>.
/// </summary>
internal static class RuleSwitch
{
    public static bool MayReport(DiagnosticDescriptor rule, Compilation compilation, CancellationToken cancellationToken)
    {
        if (rule.IsEnabledByDefault)
        {
            return true;
        }

        var options = compilation.Options;
        if (options.SpecificDiagnosticOptions.TryGetValue(rule.Id, out var specific))
        {
            return specific != ReportDiagnostic.Suppress;
        }

        if (options.SyntaxTreeOptionsProvider is not { } provider)
        {
            return false;
        }

        if (provider.TryGetGlobalDiagnosticValue(rule.Id, cancellationToken, out var global) && global != ReportDiagnostic.Suppress)
        {
            return true;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (provider.TryGetDiagnosticValue(tree, rule.Id, cancellationToken, out var severity) && severity != ReportDiagnostic.Suppress)
            {
                return true;
            }
        }

        return false;
    }
}
