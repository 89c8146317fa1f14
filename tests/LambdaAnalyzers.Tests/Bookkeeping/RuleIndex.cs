using System.Linq;
using System.Text;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Tests.Bookkeeping;

/// <summary>Writes docs/rules/README.md, the rule index, from the descriptors themselves.</summary>
internal static class RuleIndex
{
    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("# Rules\n\n");
        text.Append("<!-- Generated from the analyzers' descriptors by tests/LambdaAnalyzers.Tests (RuleBookkeepingTests).\n");
        text.Append("     Do not edit by hand: run `LAMBDA_ACCEPT_GOLDEN=1 dotnet test` after changing a rule. -->\n\n");
        text.Append("Every rule can be configured in `.editorconfig` (`dotnet_diagnostic.<ID>.severity = none|suggestion|warning|error`).\n");
        text.Append("The whole package is switched off with the MSBuild property `LambdaAnalyzersEnabled=false`.\n\n");
        text.Append("| ID | Title | Category | Default severity | Enabled by default | Code fix |\n");
        text.Append("|---|---|---|---|---|---|\n");
        foreach (var d in RuleCatalog.Descriptors)
        {
            text.Append($"| [{d.Id}]({d.Id}.md) | {d.Title} | {d.Category} | {d.DefaultSeverity} | {YesNo(d.IsEnabledByDefault)} | {YesNo(RuleCatalog.FixableIds.Contains(d.Id))} |\n");
        }

        return text.ToString();
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
