using System.Collections.Immutable;
using LambdaAnalyzers.Rules.Lifecycle;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Infrastructure;

/// <summary>
/// The lifecycle analyzer running one rule only, so a rule's tests see that rule's diagnostics alone
/// (the package runs every lifecycle rule through one <see cref="LifecycleAnalyzer"/>).
/// </summary>
// Not an analyzer a compiler loads (no [DiagnosticAnalyzer]); Initialize is the wrapped analyzer's, which
// configures generated code and concurrency itself.
#pragma warning disable RS1001, RS1025, RS1026
internal sealed class OneLifecycleRule<TRule> : DiagnosticAnalyzer
    where TRule : LifecycleRule, new()
{
    private readonly LifecycleAnalyzer _analyzer = new(ImmutableArray.Create<LifecycleRule>(new TRule()));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _analyzer.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => _analyzer.Initialize(context);
}
#pragma warning restore RS1001, RS1025, RS1026
