using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// What the managed .NET runtime accepts as the type of a handler it loads from a class-library handler
/// string (LAM0005 reports the problems; the signature's are <see cref="HandlerSignature.Rejections"/>).
/// Handler inference uses the same facts, so a method the runtime would reject is never inferred.
/// </summary>
internal static class RuntimeShape
{
    /// <summary>
    /// Why the runtime cannot use <paramref name="type"/>, the type it creates to call
    /// <paramref name="method"/> on (generic, an interface, abstract with an instance handler, no public
    /// parameterless constructor), or null when it can. The type is the one the handler string names,
    /// which may derive the method from a base: <c>Orders.AddOrder::Handle</c> with <c>Handle</c>
    /// declared on an abstract or generic base is loaded on <c>AddOrder</c>.
    /// </summary>
    public static string? TypeProblem(IMethodSymbol method, INamedTypeSymbol type)
    {
        if (HandlerSignature.GenericContainer(type) is { } generic)
        {
            return generic.Equals(type, SymbolEqualityComparer.Default)
                ? "it is generic, which the runtime rejects even for static handlers"
                : $"it is nested in the generic type '{generic.Name}'";
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
