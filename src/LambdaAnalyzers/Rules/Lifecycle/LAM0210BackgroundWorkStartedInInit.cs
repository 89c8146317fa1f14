using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0210: background work started in Init code that is meant to keep running between invokes:
/// a periodic <c>System.Threading.Timer</c>, a <c>System.Timers.Timer</c> or <c>PeriodicTimer</c>,
/// a started <c>Thread</c>, or <c>Task.Run</c>/<c>StartNew</c> of a loop. Lambda freezes the
/// environment between invokes, so such work runs only while an invoke is in progress. Timers
/// created and used within one invoke are not reported.
/// </summary>
internal sealed class LAM0210BackgroundWorkStartedInInit : LifecycleRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.BackgroundWorkStartedInInit,
        title: "Background work started in Init is frozen between invokes",
        messageFormat: "{0} started during Init runs only while an invoke is in progress: Lambda freezes the environment between invokes",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Info,
        description: "After each invoke Lambda freezes the execution environment: timers, background threads and loops started during Init stop and resume, possibly much later, at the next invoke. Periodic refreshes, heartbeats and flushes do not happen on schedule. Do the work inside the invoke (refresh when stale), or use a Lambda extension or a scheduled function.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        var types = compilation.Types;
        foreach (var code in lifecycle.InitCode)
        {
            foreach (var operation in code.Operations())
            {
                if (Describe(operation, types) is { } what)
                {
                    reporter.Report(Rule, operation, code, what);
                }
            }
        }
    }

    private static string? Describe(IOperation operation, LifecycleTypes types)
    {
        switch (operation)
        {
            case IObjectCreationOperation creation when TypeChecks.Is(creation.Type, types.ThreadingTimer):
                return IsPeriodic(creation) ? "A periodic timer" : null;
            case IObjectCreationOperation creation when TypeChecks.Is(creation.Type, types.TimersTimer) || TypeChecks.Is(creation.Type, types.PeriodicTimer):
                return "A " + creation.Type!.Name;
            case IInvocationOperation { TargetMethod.Name: "Start", Instance: { } thread } when TypeChecks.Is(thread.Type, types.Thread):
                return "A background thread";
            case IInvocationOperation { TargetMethod.Name: "Run" or "StartNew" } start
                when (TypeChecks.Is(start.TargetMethod.ContainingType, types.Lambda.Task) || TypeChecks.Is(start.TargetMethod.ContainingType, types.TaskFactory))
                    && RunsLoop(start):
                return "A background loop";
            default:
                return null;
        }
    }

    /// <summary>A <c>Timer(callback, state, dueTime, period)</c> whose period is not infinite.</summary>
    private static bool IsPeriodic(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name != "period")
            {
                continue;
            }

            var value = argument.Value.WalkDownConversions();
            if (value.ConstantValue is { HasValue: true, Value: { } constant })
            {
                return System.Convert.ToInt64(constant, System.Globalization.CultureInfo.InvariantCulture) > 0;
            }

            return value is not IFieldReferenceOperation { Field.Name: "InfiniteTimeSpan" or "Infinite" };
        }

        return false;
    }

    private static bool RunsLoop(IInvocationOperation start)
    {
        foreach (var argument in start.Arguments)
        {
            if (argument.Value.WalkDownConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            {
                foreach (var operation in lambda.Body.Descendants())
                {
                    if (operation is ILoopOperation)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
