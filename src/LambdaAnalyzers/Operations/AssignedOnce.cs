using System.Threading;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Lifecycle;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Operations;

/// <summary>
/// The value a variable certainly holds where it is read: a local declared with a value and never
/// written again (no assignment, increment, <c>ref</c>/<c>out</c> use or ref alias anywhere in its
/// body), or a read-only field or get-only auto-property given a value exactly once (its initializer,
/// or a single assignment in a constructor or <c>init</c> accessor of its type). Anything else —
/// parameters, fields written twice, values computed at run time — has no certain value and the
/// caller concludes nothing.
/// </summary>
internal static class AssignedOnce
{
    /// <summary>How many variables are followed one to the next (<c>var a = F; var b = a;</c>).</summary>
    private const int MaxSteps = 4;

    /// <summary>
    /// <paramref name="value"/> under its conversions, with each local, field or property read replaced by
    /// the one value it was given, while that value is certain.
    /// </summary>
    public static IOperation Resolve(IOperation value, Compilation compilation, CancellationToken cancellationToken)
    {
        var current = value.WalkDownConversions();
        for (var step = 0; step < MaxSteps; step++)
        {
            var next = current switch
            {
                ILocalReferenceOperation local => LocalValue(local, cancellationToken),
                IFieldReferenceOperation { Field: { IsReadOnly: true } field } => MemberValue(field, compilation, cancellationToken),
                IPropertyReferenceOperation { Property: { SetMethod: null, IsIndexer: false } property } when AutoProperty.Is(property) =>
                    MemberValue(property, compilation, cancellationToken),
                _ => null,
            };
            if (next is null)
            {
                return current;
            }

            current = next.WalkDownConversions();
        }

        return current;
    }

    private static IOperation? LocalValue(ILocalReferenceOperation reference, CancellationToken cancellationToken)
    {
        var local = reference.Local;
        if (local.IsRef)
        {
            return null;
        }

        IOperation? value = null;
        var declarations = 0;
        foreach (var operation in SourceOperations.RootOf(reference).DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    declarations++;
                    value = declarator.Initializer?.Value;
                    break;
                case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, local) && IsWritten(other):
                    return null;
            }
        }

        return declarations == 1 ? value : null;
    }

    private static IOperation? MemberValue(ISymbol member, Compilation compilation, CancellationToken cancellationToken)
    {
        var type = member.ContainingType;
        if (type is null || member.DeclaringSyntaxReferences.IsDefaultOrEmpty)
        {
            return null;
        }

        var value = SourceOperations.InitializerOf(member, compilation, cancellationToken);
        var assignments = value is null ? 0 : 1;
        foreach (var candidate in type.GetMembers())
        {
            if (candidate is not IMethodSymbol method
                || !(method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor || method.IsInitOnly))
            {
                continue;
            }

            if (SourceOperations.BodyOf(method, compilation, cancellationToken) is not { } body)
            {
                // Compiler-made constructors only run the initializers; a declared one we cannot read is unknown.
                if (!method.IsImplicitlyDeclared)
                {
                    return null;
                }

                continue;
            }

            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IMemberReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Member, member)
                    && IsWritten(reference))
                {
                    if (++assignments > 1 || reference.Parent is not ISimpleAssignmentOperation assignment)
                    {
                        return null;
                    }

                    value = assignment.Value;
                }
            }
        }

        return assignments == 1 ? value : null;
    }

    /// <summary>The reference is written to, or handed out so that it can be (<c>ref</c>, <c>out</c>, a ref alias, its address).</summary>
    private static bool IsWritten(IOperation reference)
    {
        var parent = reference.Parent;
        return parent switch
        {
            IAssignmentOperation assignment => ReferenceEquals(assignment.Target, reference),
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
            IAddressOfOperation => true,
            ITupleOperation => true,
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } } => true,
            _ => false,
        };
    }
}
