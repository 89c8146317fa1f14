using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Operations;

/// <summary>Small walks over the IOperation tree that many rules share.</summary>
internal static class OperationExtensions
{
    /// <summary>
    /// True when the compiler could not bind this value. Such an operation may still carry the type of the one
    /// candidate member overload resolution looked at (an extension method of another receiver type, say), so no
    /// rule may conclude anything from its type.
    /// </summary>
    public static bool IsUnbound(this IOperation operation) => operation.WalkDownConversions() is IInvalidOperation;

    /// <summary>The value under any implicit conversions the compiler inserted (<c>string</c> to <c>object</c>, derived to base).</summary>
    public static IOperation WalkDownImplicitConversions(this IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The first parent that is not an implicit conversion of this operation.</summary>
    public static IOperation? ParentSkippingImplicitConversions(this IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation { IsImplicit: true })
        {
            parent = parent.Parent;
        }

        return parent;
    }

    /// <summary>The value under implicit and explicit conversions and parentheses.</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }

    /// <summary>
    /// <c>OperationKind.CollectionExpression</c> and <c>OperationKind.Spread</c>, which compilers from Roslyn 4.9 on
    /// have; the package builds against 4.8, which has neither and hands both over as operations of kind <c>None</c> on
    /// their syntax. Either way the children are the elements, and the spread collection.
    /// </summary>
    private const OperationKind CollectionExpressionKind = (OperationKind)0x7F;
    private const OperationKind SpreadKind = (OperationKind)0x80;

    private static bool IsCollectionExpression(IOperation operation) =>
        operation.Kind == CollectionExpressionKind || (operation.Kind == OperationKind.None && operation.Syntax is CollectionExpressionSyntax);

    private static bool IsSpread(IOperation operation) =>
        operation.Kind == SpreadKind || (operation.Kind == OperationKind.None && operation.Syntax is SpreadElementSyntax);

    /// <summary>
    /// The elements a value writes into a new collection, in order: an array created with an initializer
    /// (<c>new[] { a, b }</c>, a <c>params</c> array) or a collection expression (<c>[a, b]</c>; and, from C# 13, the
    /// <c>params</c> span a call such as <c>Task.WhenAll(a, b)</c> or <c>Path.Combine(a, b, c, d, e)</c> binds to on .NET 9
    /// and later). A spread element (<c>..items</c>) is among them: <see cref="SpreadValue"/> tells it. Default for any other value.
    /// </summary>
    public static ImmutableArray<IOperation> WrittenElements(this IOperation value)
    {
        value = value.WalkDownConversions();
        return value switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            _ when IsCollectionExpression(value) => ImmutableArray.CreateRange(value.ChildOperations),
            _ => default,
        };
    }

    /// <summary>The collection a spread element (<c>..items</c>) of a collection expression copies; null for any other element.</summary>
    public static IOperation? SpreadValue(this IOperation element)
    {
        if (!IsSpread(element))
        {
            return null;
        }

        foreach (var child in element.ChildOperations)
        {
            return child;
        }

        return null;
    }

    /// <summary>The first parent that is not a conversion or parentheses around <paramref name="operation"/>.</summary>
    public static IOperation? ParentSkippingConversions(this IOperation operation, out IOperation child)
    {
        child = operation;
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            child = parent;
            parent = parent.Parent;
        }

        return parent;
    }
}
