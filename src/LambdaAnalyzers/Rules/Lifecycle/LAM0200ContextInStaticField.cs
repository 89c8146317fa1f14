using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Lifecycle;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0200: the invoke's <c>ILambdaContext</c>, its input, or data derived from them stored in a
/// static field or property on the invoke path. The execution environment is reused: the value
/// outlives the invoke and is seen by later requests (and, with Lambda Managed Instances, by
/// requests running at the same time).
/// </summary>
internal sealed class LAM0200ContextInStaticField : LifecycleRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.ContextInStaticField,
        title: "Invoke data is stored in static state",
        messageFormat: "The {0} keeps the invoke's context or input past the invoke; later and concurrent requests see it. Pass it as an argument instead.",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Warning,
        description: "Lambda reuses an execution environment for many invokes, and with Lambda Managed Instances runs several at once in one process. A static field given the ILambdaContext, the handler's input or data taken from them outlives the invoke it belongs to and leaks into other requests. Pass the value to the code that needs it, or use an AsyncLocal accessor.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        foreach (var store in InvokeDataStore.Find(lifecycle, compilation.Types))
        {
            if (store.IsStatic)
            {
                reporter.Report(Rule, store.Assignment, store.Code, store.Describe());
            }
        }
    }
}
