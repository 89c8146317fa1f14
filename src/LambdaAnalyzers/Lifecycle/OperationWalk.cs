using System.Collections.Generic;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>Operation tree walks the lifecycle machinery shares.</summary>
internal static class OperationWalk
{
    /// <summary>Pre-order walk of <paramref name="root"/> that skips the subtrees <paramref name="pruned"/> says are handed over to run per invoke.</summary>
    public static IEnumerable<IOperation> DescendantsAndSelf(IOperation root, SourceEntries? pruned)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var operation = stack.Pop();
            if (pruned is not null && !ReferenceEquals(operation, root) && pruned.IsHandedOver(operation.Syntax))
            {
                continue;
            }

            yield return operation;

            // Push in reverse so children come out in source order.
            var children = new List<IOperation>();
            foreach (var child in operation.ChildOperations)
            {
                children.Add(child);
            }

            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>The field or auto-property a reference names, or null for anything else.</summary>
    public static ISymbol? MemberOf(IOperation operation) => operation.WalkDownConversions() switch
    {
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property,
        _ => null,
    };

    /// <summary>The receiver of a field or property reference (null for statics).</summary>
    public static IOperation? InstanceOf(IOperation operation) => operation.WalkDownConversions() switch
    {
        IFieldReferenceOperation field => field.Instance,
        IPropertyReferenceOperation property => property.Instance,
        _ => null,
    };

    /// <summary>A reference to <c>this</c> (implicit or explicit) or <c>base</c>.</summary>
    public static bool IsThis(IOperation? operation) => operation?.WalkDownConversions() is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

    /// <summary>The enclosing operation of type <typeparamref name="T"/>, stopping at <paramref name="root"/>.</summary>
    public static T? Ancestor<T>(IOperation operation, IOperation? root = null)
        where T : class, IOperation
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is T match)
            {
                return match;
            }

            if (ReferenceEquals(current, root))
            {
                break;
            }
        }

        return null;
    }
}
