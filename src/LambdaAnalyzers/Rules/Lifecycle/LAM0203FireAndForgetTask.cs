using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0203: a task started on the invoke path whose every flow ends in a discard (<c>_ = …</c>),
/// an expression statement (<c>Task.Run(…);</c>) or a local nobody reads. When the handler
/// returns, Lambda freezes the environment: the task stops mid-way and resumes, if ever, inside a
/// later invoke. Tasks stored, returned, passed on (<c>Task.WhenAll</c>, a list) or awaited are
/// not reported.
/// </summary>
internal sealed class LAM0203FireAndForgetTask : LifecycleRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.FireAndForgetTask,
        title: "Task is not awaited on the invoke path",
        messageFormat: "The task from '{0}' is never awaited; Lambda freezes the environment when the handler returns, so it stops mid-way or runs inside a later invoke. Await it.",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Warning,
        description: "After a handler returns, Lambda freezes the execution environment until the next invoke, or retires it. Work left running in a fire-and-forget task is paused with it: it may finish during some later invoke, be lost, or fail with timeouts. Await every task before the handler returns.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        var types = compilation.Types;
        foreach (var code in lifecycle.InvokePath)
        {
            foreach (var operation in code.Operations())
            {
                if (operation is IInvocationOperation invocation
                    && types.IsTaskOrConfiguredAwaitable(invocation.Type)
                    && IsForgotten(invocation, code))
                {
                    reporter.Report(Rule, invocation, code, invocation.TargetMethod.Name);
                }
            }
        }
    }

    private static bool IsForgotten(IOperation task, ReachedCode code)
    {
        var parent = task.ParentSkippingConversions(out var child);
        switch (parent)
        {
            case IExpressionStatementOperation:
                // In an async function the compiler already warns about this statement (CS4014): one root cause,
                // one diagnostic.
                return !IsInAsyncFunction(task, code);
            case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, child):
                return assignment.Target switch
                {
                    IDiscardOperation => true,
                    ILocalReferenceOperation local => !IsRead(local.Local, code),
                    _ => false,
                };
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return !IsRead(declarator.Symbol, code);
            default:
                return false;
        }
    }

    /// <summary>The innermost lambda, local function or method around <paramref name="operation"/> is <c>async</c>.</summary>
    private static bool IsInAsyncFunction(IOperation operation, ReachedCode code)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol.IsAsync;
                case ILocalFunctionOperation local:
                    return local.Symbol.IsAsync;
            }
        }

        return code.Owner is IMethodSymbol { IsAsync: true };
    }

    /// <summary>The local's value flows somewhere: read in any way other than being overwritten or discarded.</summary>
    private static bool IsRead(ILocalSymbol local, ReachedCode code)
    {
        foreach (var operation in code.Operations())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            var parent = reference.ParentSkippingConversions(out var child);
            var written = parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, child);
            var discarded = parent is ISimpleAssignmentOperation { Target: IDiscardOperation } discard && ReferenceEquals(discard.Value, child);
            if (!written && !discarded && !reference.IsDeclaration)
            {
                return true;
            }
        }

        return false;
    }
}
