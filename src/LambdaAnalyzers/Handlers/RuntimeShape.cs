using System.Collections.Generic;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// What the managed .NET runtime accepts as a handler when it loads one from a class-library handler
/// string: the method's signature (LAM0002 reports the rejections) and its type (LAM0005). Handler
/// inference uses the same facts, so a method the runtime would reject is never inferred.
/// </summary>
internal static class RuntimeShape
{
    /// <summary>
    /// Why the runtime rejects the signature of <paramref name="method"/> at Init: more than two
    /// parameters, a second parameter that is not <c>ILambdaContext</c>, <c>params</c>/varargs, a generic
    /// or abstract method. Empty when it accepts it. A second parameter whose type is not bound is not
    /// judged.
    /// </summary>
    public static List<string> SignatureProblems(IMethodSymbol method, LambdaTypes types)
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
        else if (method.Parameters.Length == 2
            && types.ILambdaContext is not null
            && !TypeChecks.ContainsErrorType(method.Parameters[1].Type)
            && !types.IsLambdaContext(method.Parameters[1].Type))
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
    /// Why the runtime cannot use the type of <paramref name="method"/> (generic, an interface, abstract
    /// with an instance handler, no public parameterless constructor), or null when it can.
    /// </summary>
    public static string? TypeProblem(IMethodSymbol method)
    {
        var type = method.ContainingType;
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return current.Equals(type, SymbolEqualityComparer.Default)
                    ? "it is generic, which the runtime rejects even for static handlers"
                    : $"it is nested in the generic type '{current.Name}'";
            }
        }

        if (type.TypeKind is TypeKind.Interface)
        {
            return "it is an interface";
        }

        if (method.IsStatic || type.TypeKind is TypeKind.Struct)
        {
            return null;
        }

        if (type.IsAbstract)
        {
            return $"it is abstract and '{method.Name}' is an instance method; make the handler static or the class concrete";
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.IsEmpty && constructor.DeclaredAccessibility == Accessibility.Public)
            {
                return null;
            }
        }

        return "it has no public parameterless constructor for the runtime to create the instance the handler runs on";
    }
}
