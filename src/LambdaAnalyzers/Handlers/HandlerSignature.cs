using System.Collections.Generic;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Handlers;

/// <summary>The input and output types of a handler as the runtime sees them (docs/platform/handlers.md, "Type mapping").</summary>
internal static class HandlerSignature
{
    /// <summary>The event type: the first parameter unless it is <c>ILambdaContext</c>; null for none.</summary>
    public static ITypeSymbol? Input(IMethodSymbol method, LambdaTypes types) =>
        method.Parameters.Length > 0 && !types.IsLambdaContext(method.Parameters[0].Type) ? method.Parameters[0].Type : null;

    /// <summary>
    /// Why the managed runtime rejects the method's signature at Init (LAM0002), empty when it accepts
    /// it: abstract, generic, more than two parameters, a second parameter that is not
    /// <c>ILambdaContext</c>, <c>params</c>, varargs. No invoke of such a handler ever reaches its
    /// serializer, so the serialization rules say nothing about it.
    /// </summary>
    public static IReadOnlyList<string> Rejections(IMethodSymbol method, LambdaTypes types)
    {
        var reasons = new List<string>();
        if (method.IsAbstract)
        {
            reasons.Add("it is abstract");
        }

        if (method.IsGenericMethod)
        {
            reasons.Add("it is a generic method");
        }

        if (method.Parameters.Length > 2)
        {
            reasons.Add($"it has {method.Parameters.Length} parameters, at most 2 are allowed (input, ILambdaContext)");
        }
        else if (method.Parameters.Length == 2 && types.ILambdaContext is not null && !types.IsLambdaContext(method.Parameters[1].Type)
            && method.Parameters[1].Type.TypeKind != TypeKind.Error)
        {
            reasons.Add($"its second parameter is '{method.Parameters[1].Type.ToDisplayString()}', not ILambdaContext");
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.IsParams)
            {
                reasons.Add($"parameter '{parameter.Name}' is params");
            }
        }

        if (method.IsVararg)
        {
            reasons.Add("it takes varargs");
        }

        return reasons;
    }

    /// <summary>
    /// The generic type the method is declared in (itself or an enclosing one), or null: the runtime
    /// cannot load a handler there, even a static one (LAM0005).
    /// </summary>
    public static INamedTypeSymbol? GenericContainer(IMethodSymbol method)
    {
        for (var current = method.ContainingType; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return current;
            }
        }

        return null;
    }

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
