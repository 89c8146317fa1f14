using System.Collections.Immutable;
using System.Threading;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0203: a task started on the invoke path whose every flow ends in a discard (<c>_ = …</c>),
/// an expression statement (<c>Task.Run(…);</c>), a local nobody reads, or a helper that lets it go
/// (<c>SendAsync().Forget()</c>, <see cref="TaskSinks"/>). When the handler returns, Lambda freezes
/// the environment: the task stops mid-way and resumes, if ever, inside a later invoke. Tasks stored,
/// returned, passed on (<c>Task.WhenAll</c>, a list) or awaited are not reported.
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
        var forgotten = new Forgotten(compilation.Sinks, reporter.CancellationToken);
        foreach (var code in lifecycle.InvokePath)
        {
            foreach (var operation in code.Operations())
            {
                if (operation is IInvocationOperation invocation
                    && types.IsTaskOrConfiguredAwaitable(invocation.Type)
                    && forgotten.Is(invocation, code)
                    && !forgotten.ContinuesALetGoParameter(invocation, code))
                {
                    reporter.Report(Rule, invocation, code, invocation.TargetMethod.Name);
                }
            }
        }
    }

    /// <summary>Whether a task's every flow ends without anyone waiting for it.</summary>
    private readonly struct Forgotten
    {
        private readonly TaskSinks _sinks;
        private readonly CancellationToken _cancellationToken;

        public Forgotten(TaskSinks sinks, CancellationToken cancellationToken)
        {
            _sinks = sinks;
            _cancellationToken = cancellationToken;
        }

        public bool Is(IOperation task, ReachedCode code)
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
                case IArgumentOperation argument:
                    // task.Forget(): the compiler says nothing (the call returns void), and the helper lets it go.
                    return _sinks.Forgets(argument.Parameter, _cancellationToken);
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>task.ContinueWith(…)</c> inside a helper that lets its <c>task</c> parameter go: the task is reported where it
        /// is handed to the helper (one root cause, one diagnostic), not the continuation.
        /// </summary>
        public bool ContinuesALetGoParameter(IInvocationOperation invocation, ReachedCode code) =>
            invocation.TargetMethod.Name == "ContinueWith"
            && invocation.Instance?.WalkDownConversions() is IParameterReferenceOperation { Parameter: var parameter }
            && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, code.Owner)
            && _sinks.Forgets(parameter, _cancellationToken);

        /// <summary>The local's value flows somewhere: read in any way other than being overwritten, discarded or let go.</summary>
        private bool IsRead(ILocalSymbol local, ReachedCode code)
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
                var letGo = parent is IArgumentOperation argument && _sinks.Forgets(argument.Parameter, _cancellationToken);
                if (!written && !discarded && !letGo && !reference.IsDeclaration)
                {
                    return true;
                }
            }

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
}
