using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0206: ending the process on the invoke path — <c>Environment.Exit</c>,
/// <c>Environment.FailFast</c>, <c>Process.GetCurrentProcess().Kill()</c>. The invoke fails with
/// <c>Runtime.ExitError</c> instead of the function's error, and the environment is reset: the
/// next invoke pays a cold start. Throwing reports the error and keeps the environment.
/// </summary>
internal sealed class LAM0206ProcessExitInInvoke : LifecycleRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.ProcessExitInInvoke,
        title: "Process exit on the invoke path",
        messageFormat: "'{0}' ends the runtime process during an invoke; the caller gets Runtime.ExitError and the next invoke a cold start. Throw an exception instead.",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Warning,
        description: "When the runtime process exits during an invoke, Lambda reports Runtime.ExitError instead of the function's own error, loses the response and resets the execution environment, so the next invoke pays a full Init. With Lambda Managed Instances every invoke running in the process fails with it. Throw an exception: the runtime reports it as the function error and keeps the environment.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        var types = compilation.Types;
        foreach (var code in lifecycle.InvokePath)
        {
            foreach (var operation in code.Operations())
            {
                if (operation is IInvocationOperation invocation && Describe(invocation, types) is { } name)
                {
                    reporter.Report(Rule, invocation, code, name);
                }
            }
        }
    }

    private static string? Describe(IInvocationOperation invocation, LifecycleTypes types)
    {
        var method = invocation.TargetMethod;
        if (TypeChecks.Is(method.ContainingType, types.Environment) && method.Name is "Exit" or "FailFast")
        {
            return "Environment." + method.Name;
        }

        if (TypeChecks.Is(method.ContainingType, types.Process) && method.Name == "Kill" && IsCurrentProcess(invocation.Instance))
        {
            return "Process.Kill";
        }

        return null;
    }

    private static bool IsCurrentProcess(IOperation? instance) => instance?.WalkDownConversions() switch
    {
        IInvocationOperation { TargetMethod.Name: "GetCurrentProcess" } => true,
        ILocalReferenceOperation local => IsAssignedCurrentProcess(local),
        _ => false,
    };

    private static bool IsAssignedCurrentProcess(ILocalReferenceOperation local)
    {
        var root = (IOperation)local;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is IVariableDeclaratorOperation { Initializer.Value: { } value } declarator
                && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local)
                && value.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "GetCurrentProcess" })
            {
                return true;
            }
        }

        return false;
    }
}
