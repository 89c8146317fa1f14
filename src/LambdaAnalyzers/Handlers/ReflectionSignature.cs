using System.Text;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// Formats a method as .NET's <c>MethodInfo.ToString()</c> does, the form a handler string may use
/// to pick one of several methods sharing a name: <c>System.String Handle(System.String)</c>.
/// Primitive, nested and <c>void</c> types print their simple name (<c>Int32</c>, <c>Void</c>,
/// <c>Request</c>); other types their full name, generic ones with their arguments in brackets
/// (<c>System.Threading.Tasks.Task`1[System.String]</c>).
/// </summary>
internal static class ReflectionSignature
{
    public static string Format(IMethodSymbol method)
    {
        var text = new StringBuilder();
        AppendParameterOrReturn(text, method.ReturnType);
        text.Append(' ').Append(method.MetadataName);
        if (method.IsGenericMethod)
        {
            text.Append('[');
            for (var i = 0; i < method.TypeParameters.Length; i++)
            {
                text.Append(i == 0 ? string.Empty : ",").Append(method.TypeParameters[i].Name);
            }

            text.Append(']');
        }

        text.Append('(');
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            var parameter = method.Parameters[i];
            AppendParameterOrReturn(text, parameter.Type);
            if (parameter.RefKind != RefKind.None)
            {
                text.Append(" ByRef");
            }
        }

        return text.Append(')').ToString();
    }

    /// <summary>
    /// Reflection's <c>Type.ToString()</c> of a type: for a type definition its full metadata name
    /// (<c>Namespace.Outer+Inner</c>, <c>Namespace.Generic`1</c>), the name <c>Assembly.GetType</c> takes.
    /// </summary>
    public static string TypeName(ITypeSymbol type)
    {
        var text = new StringBuilder();
        AppendTypeToString(text, type);
        return text.ToString();
    }

    /// <summary>Reflection's <c>FormatTypeName</c>: the simple name for primitives, nested types and void.</summary>
    private static void AppendParameterOrReturn(StringBuilder text, ITypeSymbol type)
    {
        var root = RootElement(type);
        if (IsPrimitiveOrVoid(root) || root.ContainingType is not null)
        {
            AppendWithElementSuffix(text, type, t => text.Append(t.MetadataName));
            return;
        }

        AppendTypeToString(text, type);
    }

    /// <summary>Reflection's <c>Type.ToString()</c>: full names, <c>+</c> for nesting, generic arguments in brackets.</summary>
    private static void AppendTypeToString(StringBuilder text, ITypeSymbol type) =>
        AppendWithElementSuffix(text, type, t => AppendFullName(text, t));

    private static void AppendWithElementSuffix(StringBuilder text, ITypeSymbol type, System.Action<ITypeSymbol> appendRoot)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                AppendWithElementSuffix(text, array.ElementType, appendRoot);
                text.Append('[').Append(',', array.Rank - 1).Append(']');
                break;
            case IPointerTypeSymbol pointer:
                AppendWithElementSuffix(text, pointer.PointedAtType, appendRoot);
                text.Append('*');
                break;
            default:
                appendRoot(type);
                break;
        }
    }

    private static void AppendFullName(StringBuilder text, ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol parameter)
        {
            text.Append(parameter.Name);
            return;
        }

        if (type.ContainingType is { } outer)
        {
            AppendFullName(text, outer.OriginalDefinition);
            text.Append('+');
        }
        else if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            text.Append(ns.ToDisplayString()).Append('.');
        }

        text.Append(type.MetadataName);
        if (type is INamedTypeSymbol { IsGenericType: true } named && !SymbolEqualityComparer.Default.Equals(named, named.OriginalDefinition))
        {
            text.Append('[');
            var arguments = AllTypeArguments(named);
            for (var i = 0; i < arguments.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                AppendTypeToString(text, arguments[i]);
            }

            text.Append(']');
        }
    }

    /// <summary>Reflection lists the type arguments of enclosing generic types first.</summary>
    private static ITypeSymbol[] AllTypeArguments(INamedTypeSymbol type)
    {
        var list = new System.Collections.Generic.List<ITypeSymbol>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            list.InsertRange(0, current.TypeArguments);
        }

        return list.ToArray();
    }

    private static ITypeSymbol RootElement(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => RootElement(array.ElementType),
        IPointerTypeSymbol pointer => RootElement(pointer.PointedAtType),
        _ => type,
    };

    private static bool IsPrimitiveOrVoid(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Void or SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte
            or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32
            or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single
            or SpecialType.System_Double or SpecialType.System_IntPtr or SpecialType.System_UIntPtr => true,
        _ => false,
    };
}
