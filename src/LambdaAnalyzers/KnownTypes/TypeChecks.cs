using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.KnownTypes;

/// <summary>
/// Comparisons against the types <see cref="LambdaTypes"/>, <see cref="AwsSdkTypes"/> and the
/// lifecycle rules resolve by metadata name. The expected type may be null (the project does not
/// reference its assembly): nothing matches it then.
/// </summary>
internal static class TypeChecks
{
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

    /// <summary><paramref name="type"/> is a construction of the generic <paramref name="definition"/>.</summary>
    public static bool IsGeneric(ITypeSymbol? type, INamedTypeSymbol? definition) =>
        type is INamedTypeSymbol named && definition is not null && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, definition);

    /// <summary><paramref name="type"/> is <paramref name="baseType"/> or derives from it (generic types by definition).</summary>
    public static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="type"/> implements <paramref name="interface"/> (generic interfaces by definition).</summary>
    public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? @interface)
    {
        if (type is null || @interface is null)
        {
            return false;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, @interface.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="type"/> is, or is built from, a type the compiler could not bind (a package not
    /// yet restored, a project not referenced, a typo): nothing can be concluded from it.
    /// </summary>
    public static bool ContainsErrorType(ITypeSymbol? type)
    {
        switch (type)
        {
            case null:
                return false;
            case { TypeKind: TypeKind.Error }:
                return true;
            case IArrayTypeSymbol array:
                return ContainsErrorType(array.ElementType);
            case IPointerTypeSymbol pointer:
                return ContainsErrorType(pointer.PointedAtType);
            case INamedTypeSymbol { IsGenericType: true } named:
                foreach (var argument in named.TypeArguments)
                {
                    if (ContainsErrorType(argument))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>A return or parameter type of <paramref name="method"/> is not bound (see <see cref="ContainsErrorType"/>).</summary>
    public static bool SignatureContainsErrorType(IMethodSymbol method)
    {
        if (ContainsErrorType(method.ReturnType))
        {
            return true;
        }

        foreach (var parameter in method.Parameters)
        {
            if (ContainsErrorType(parameter.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="type"/> or one of its base types is not bound: its inherited members cannot be seen.</summary>
    public static bool HasUnboundBase(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.TypeKind == TypeKind.Error)
            {
                return true;
            }
        }

        return false;
    }
}
