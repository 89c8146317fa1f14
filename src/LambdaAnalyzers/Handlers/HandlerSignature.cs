using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Handlers;

/// <summary>The input and output types of a handler as the runtime sees them (docs/platform/handlers.md, "Type mapping").</summary>
internal static class HandlerSignature
{
    /// <summary>The event type: the first parameter unless it is <c>ILambdaContext</c>; null for none.</summary>
    public static ITypeSymbol? Input(IMethodSymbol method, LambdaTypes types) =>
        method.Parameters.Length > 0 && !types.IsLambdaContext(method.Parameters[0].Type) ? method.Parameters[0].Type : null;

    /// <summary>The response type after unwrapping <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>; null for void, Task and ValueTask.</summary>
    public static ITypeSymbol? Output(IMethodSymbol method, LambdaTypes types)
    {
        var returned = method.ReturnType;
        if (method.ReturnsVoid || types.IsTask(returned) || types.IsValueTask(returned))
        {
            return null;
        }

        return types.TaskResult(returned) ?? types.ValueTaskResult(returned) ?? returned;
    }
}
