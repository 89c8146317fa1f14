using Microsoft.CodeAnalysis;
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
