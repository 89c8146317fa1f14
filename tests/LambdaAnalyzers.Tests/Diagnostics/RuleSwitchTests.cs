using System.Threading;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Rules.Lifecycle;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LambdaAnalyzers.Tests.Diagnostics;

/// <summary>A group skips a rule that is off everywhere, as the driver skips an analyzer whose rules all are.</summary>
/// <remarks><c>.editorconfig</c> and global configs: <c>RuleGroupTests</c>, against the driver's own verdict.</remarks>
public sealed class RuleSwitchTests
{

    private static CSharpCompilation Compilation(params (string Id, ReportDiagnostic Severity)[] severities)
    {
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        foreach (var (id, severity) in severities)
        {
            options = options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem(id, severity));
        }

        return CSharpCompilation.Create("RuleSwitch", new[] { CSharpSyntaxTree.ParseText("class C { }") }, TestReferences.Framework, options);
    }

    [Fact]
    public void A_rule_disabled_by_default_is_off_until_configured()
    {
        Assert.False(LAM0209UnsynchronizedStaticState.Rule.IsEnabledByDefault);
        Assert.False(RuleSwitch.MayReport(LAM0209UnsynchronizedStaticState.Rule, Compilation(), CancellationToken.None));
        Assert.True(RuleSwitch.MayReport(LAM0209UnsynchronizedStaticState.Rule, Compilation(("LAM0209", ReportDiagnostic.Warn)), CancellationToken.None));
        Assert.False(RuleSwitch.MayReport(LAM0209UnsynchronizedStaticState.Rule, Compilation(("LAM0209", ReportDiagnostic.Suppress)), CancellationToken.None));
    }

    [Fact]
    public void A_rule_enabled_by_default_is_on_until_switched_off_for_the_whole_compilation()
    {
        Assert.True(RuleSwitch.MayReport(LAM0200ContextInStaticField.Rule, Compilation(), CancellationToken.None));
        Assert.True(RuleSwitch.MayReport(LAM0200ContextInStaticField.Rule, Compilation(("LAM0200", ReportDiagnostic.Error)), CancellationToken.None));
        Assert.False(RuleSwitch.MayReport(LAM0200ContextInStaticField.Rule, Compilation(("LAM0200", ReportDiagnostic.Suppress)), CancellationToken.None));
    }
}
