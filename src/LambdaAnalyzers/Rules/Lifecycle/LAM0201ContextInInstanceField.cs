using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Lifecycle;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0201: the invoke's context, input or data derived from them stored in an instance field of a
/// handler object the runtime reuses. The managed runtime (and Annotations' wrapper, and a
/// bootstrap given a method group) creates the handler object once per execution environment.
/// A handler run on a fresh object per invoke (<c>(i, c) =&gt; new Function().Handle(i, c)</c>) is fine.
/// </summary>
internal sealed class LAM0201ContextInInstanceField : LifecycleRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.ContextInInstanceField,
        title: "Invoke data is stored in a reused handler instance",
        messageFormat: "The {0} of the handler object keeps the invoke's context or input; the runtime reuses the object for later and concurrent requests. Pass it as an argument instead.",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Warning,
        description: "The Lambda runtime creates the handler's object once per execution environment and calls the handler on it for every invoke (with Lambda Managed Instances, for several invokes at once). An instance field given the ILambdaContext, the input or data taken from them is shared by those invokes. Pass the value to the code that needs it.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        foreach (var store in InvokeDataStore.Find(lifecycle, compilation.Types))
        {
            if (!store.IsStatic && store.Code.ReusedInstance && OperationWalk.IsThis(OperationWalk.InstanceOf(store.Assignment.Target)))
            {
                reporter.Report(Rule, store.Assignment, store.Code, store.Describe());
            }
        }
    }
}
