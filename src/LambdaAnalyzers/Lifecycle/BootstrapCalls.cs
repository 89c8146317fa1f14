using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// Delegates handed to a bootstrap: <c>LambdaBootstrapBuilder.Create(...)</c>,
/// <c>HandlerWrapper.GetHandlerWrapper(...)</c> (Amazon.Lambda.RuntimeSupport) and our
/// <c>LambdaRuntime.RunAsync(...)</c>. The runtime calls them once per invoke.
/// </summary>
internal static class BootstrapCalls
{
    public static IEnumerable<IDelegateCreationOperation> DelegatesIn(IOperation root, LifecycleTypes types)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is not IInvocationOperation invocation || !IsBootstrapCall(invocation.TargetMethod, types))
            {
                continue;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.WalkDownConversions() is IDelegateCreationOperation created)
                {
                    yield return created;
                }
            }
        }
    }

    private static bool IsBootstrapCall(IMethodSymbol method, LifecycleTypes types)
    {
        var container = method.ContainingType?.OriginalDefinition;
        var lambda = types.Lambda;
        return (method.Name == "Create" && LifecycleTypes.Is(container, lambda.LambdaBootstrapBuilder))
            || (method.Name == "GetHandlerWrapper" && LifecycleTypes.Is(container, lambda.HandlerWrapper))
            || (method.Name == "RunAsync" && LifecycleTypes.Is(container, lambda.LambdaRuntime));
    }
}
