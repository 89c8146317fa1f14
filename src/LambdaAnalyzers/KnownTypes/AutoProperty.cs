using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.KnownTypes;

/// <summary>The one test of an auto-property in the codebase.</summary>
internal static class AutoProperty
{
    /// <summary>
    /// <paramref name="property"/> stores its value in a field the compiler made for it: some field of its type has the
    /// property as its <see cref="IFieldSymbol.AssociatedSymbol"/>. So <c>{ get; set; }</c>, <c>{ get; init; }</c> and
    /// <c>{ get; }</c> of a class or struct are, and so is a property whose accessors use the <c>field</c> keyword (C# 14);
    /// an abstract or interface <c>{ get; }</c> (a declared accessor, no storage), an expression-bodied property and one
    /// with accessor bodies of its own are not. A property of a referenced assembly is not seen as one, since its
    /// private backing field is not in the metadata the compiler imports.
    /// </summary>
    public static bool Is(IPropertySymbol property)
    {
        foreach (var member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return true;
            }
        }

        return false;
    }
}
