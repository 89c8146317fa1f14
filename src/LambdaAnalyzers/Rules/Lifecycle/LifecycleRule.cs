using System.Collections.Immutable;
using LambdaAnalyzers.Lifecycle;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// One lifecycle rule: its descriptor and what it finds in a type's invoke path and Init code. Run by
/// <see cref="LifecycleAnalyzer"/>, which walks each type once for all of them.
/// </summary>
internal abstract class LifecycleRule
{
    public abstract ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>Whether the rule has anything to do in this compilation (its types are referenced).</summary>
    public virtual bool IsEnabled(LifecycleCompilation compilation) => true;

    public abstract void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter);
}
