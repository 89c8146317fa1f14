using System.Collections.Generic;
using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0204: blocking on a task on the invoke path — <c>.Result</c>, <c>.Wait()</c>,
/// <c>.GetAwaiter().GetResult()</c> — unless the control-flow graph shows the task completed on
/// every path to that point (<c>await t</c>, <c>await Task.WhenAll(t, …)</c>, an
/// <c>IsCompleted</c> check), or the task is born completed (<c>Task.FromResult</c>,
/// <c>Task.CompletedTask</c>).
/// </summary>
internal sealed class LAM0204SyncOverAsync : LifecycleRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.SyncOverAsync,
        title: "Blocking on a task on the invoke path",
        messageFormat: "'{0}' blocks a thread until the task completes; await it instead",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Warning,
        description: "Blocking on a task holds a thread-pool thread for the whole wait, wraps failures in AggregateException and can deadlock. On Lambda Managed Instances one process runs many invokes at once on a small thread pool, so blocked threads starve the others. Make the handler async and await the task.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        var types = compilation.Types;
        var flows = new Dictionary<IOperation, AwaitedTasks?>();
        foreach (var code in lifecycle.InvokePath)
        {
            foreach (var operation in code.Operations())
            {
                if (BlockedTask(operation, types) is not { } task || IsBornCompleted(task))
                {
                    continue;
                }

                var root = Root(operation);
                if (!flows.TryGetValue(root, out var flow))
                {
                    flow = AwaitedTasks.For(root, types);
                    flows[root] = flow;
                }

                if (flow is null || flow.IsCompleted(task, operation.Syntax))
                {
                    continue;
                }

                reporter.Report(Rule, operation, code, Describe(operation));
            }
        }
    }

    /// <summary>
    /// The task <paramref name="operation"/> blocks on, when it is one of the three blocking shapes and the task
    /// expression binds (code that does not compile yet proves nothing).
    /// </summary>
    internal static IOperation? BlockedTask(IOperation operation, LifecycleTypes types) =>
        BlockingShape(operation, types) is { } task && !task.IsUnbound() ? task : null;

    private static IOperation? BlockingShape(IOperation operation, LifecycleTypes types)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } instance } when Awaitable.Of(instance.Type, types.Lambda).IsTask:
                return instance;
            case IInvocationOperation { TargetMethod.Name: "Wait", Instance: { } instance } when Awaitable.Of(instance.Type, types.Lambda).IsTask:
                return instance;
            case IInvocationOperation { TargetMethod.Name: "GetResult", Arguments.Length: 0, Instance: { } awaiter } when types.IsTaskAwaiter(awaiter.Type):
                if (awaiter.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitable })
                {
                    var value = awaitable.WalkDownConversions();
                    if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
                    {
                        value = configured;
                    }

                    return Awaitable.Of(value.Type, types.Lambda).IsTask ? value : null;
                }

                return null;
            default:
                return null;
        }
    }

    internal static string Describe(IOperation operation) => operation switch
    {
        IPropertyReferenceOperation => ".Result",
        IInvocationOperation { TargetMethod.Name: "Wait" } => ".Wait()",
        _ => ".GetAwaiter().GetResult()",
    };

    private static bool IsBornCompleted(IOperation task) => task.WalkDownConversions() switch
    {
        IInvocationOperation { TargetMethod: { Name: "FromResult" or "FromException" or "FromCanceled", IsStatic: true } } => true,
        IPropertyReferenceOperation { Property: { Name: "CompletedTask", IsStatic: true } } => true,
        IObjectCreationOperation { Type: { Name: "ValueTask" }, Arguments.Length: 1 } creation => !IsTaskArgument(creation),
        _ => false,
    };

    private static bool IsTaskArgument(IObjectCreationOperation creation) =>
        creation.Arguments[0].Value.Type is { Name: "Task" or "IValueTaskSource" };

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }
}
