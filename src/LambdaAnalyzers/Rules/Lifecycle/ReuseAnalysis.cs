using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// Whether an object created on the invoke path is kept for later invokes (LAM0202): stored in a
/// static member or a member of the reused handler object under a guard (<c>??=</c>, a null check,
/// a lock), handed to a cache or a lazy factory (<c>Lazy&lt;T&gt;</c>, <c>GetOrAdd</c>,
/// <c>LazyInitializer</c>, <c>Interlocked.CompareExchange</c>), or returned to a caller.
/// Anything this cannot follow counts as kept: the rule only reports shapes it understands.
/// </summary>
internal static class ReuseAnalysis
{
    private static readonly string[] FactoryTakingMethods =
    {
        "GetOrAdd", "AddOrUpdate", "GetOrCreate", "GetOrCreateAsync", "EnsureInitialized",
        "AddSingleton", "TryAddSingleton", "CompareExchange", "Exchange",
    };

    public static bool IsKept(IOperation created, ReachedCode code, LifecycleTypes types)
    {
        var current = created;
        for (var steps = 0; steps < 32; steps++)
        {
            var parent = current.ParentSkippingConversions(out var child);
            switch (parent)
            {
                case IConditionalOperation conditional when !ReferenceEquals(conditional.Condition, child):
                case ICoalesceOperation:
                case IConditionalAccessOperation:
                    current = parent;
                    continue;
                case ICoalesceAssignmentOperation:
                    return true;
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, child):
                    if (assignment.Target is IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } }
                        && OperationWalk.Ancestor<IObjectOrCollectionInitializerOperation>(assignment) is { Parent: { } owner })
                    {
                        current = owner;
                        continue;
                    }

                    return IsKeptBy(assignment, code, types);
                case IObjectOrCollectionInitializerOperation or IArrayInitializerOperation or IArrayCreationOperation:
                case { } when parent.WrittenElements() is { IsDefault: false } || parent.SpreadValue() is not null:
                    current = parent;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "Add" } collectionAdd when collectionAdd.IsImplicit:
                    current = collectionAdd;
                    continue;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return IsLocalKept(declarator.Symbol, code, types);
                case IReturnOperation:
                    return IsReturnKept(parent, code, types);
                case IArgumentOperation { Parent: IObjectCreationOperation outer }:
                    current = outer;
                    continue;
                case IArgumentOperation { Parent: IInvocationOperation invocation }:
                    return IsStoringCall(invocation);
                case IExpressionStatementOperation:
                case IUsingOperation:
                case IMemberReferenceOperation:
                case IInvocationOperation:
                case IAwaitOperation:
                    return false;
                default:
                    return true;
            }
        }

        return true;
    }

    private static bool IsKeptBy(ISimpleAssignmentOperation assignment, ReachedCode code, LifecycleTypes types)
    {
        switch (assignment.Target.WalkDownConversions())
        {
            case IDiscardOperation:
                return false;
            case ILocalReferenceOperation local:
                return IsLocalKept(local.Local, code, types);
            case IFieldReferenceOperation or IPropertyReferenceOperation { Arguments.Length: 0 }:
                var instance = OperationWalk.InstanceOf(assignment.Target);
                if (instance is null)
                {
                    return IsGuarded(assignment, code);
                }

                if (OperationWalk.IsThis(instance))
                {
                    return !code.FreshInstance && IsGuarded(assignment, code);
                }

                return true;
            default:
                // Indexers and elements: a cache keyed by region, tenant, ...
                return true;
        }
    }

    /// <summary>
    /// The store happens only when a condition on the object's or a type's state holds (<c>if (_s3 == null)</c>,
    /// <c>if (!_ready)</c>, <c>if (Settings.Cached is null)</c>) or under a lock: lazy initialisation, not a new object
    /// per invoke. A condition on the invoke's input alone (<c>if (kind == SdkKind.S3)</c>: a parameter against a
    /// constant) holds again on the next invoke, so the store it guards is not lazy.
    /// </summary>
    private static bool IsGuarded(IOperation assignment, ReachedCode code)
    {
        for (var current = assignment.Parent; current is not null && !ReferenceEquals(current, code.Body); current = current.Parent)
        {
            switch (current)
            {
                case ILockOperation:
                    return true;
                case IConditionalOperation conditional:
                    foreach (var operation in conditional.Condition.DescendantsAndSelf())
                    {
                        if (IsState(operation))
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>A field or property of <c>this</c> or a static one; not a constant (an enum member), not a member of a parameter or local.</summary>
    private static bool IsState(IOperation operation) => operation switch
    {
        IFieldReferenceOperation { Field.IsConst: true } => false,
        IFieldReferenceOperation or IPropertyReferenceOperation => OperationWalk.InstanceOf(operation) is not { } instance || OperationWalk.IsThis(instance),
        _ => false,
    };

    private static bool IsLocalKept(ILocalSymbol local, ReachedCode code, LifecycleTypes types)
    {
        foreach (var operation in code.Operations())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            var parent = reference.ParentSkippingConversions(out var child);
            switch (parent)
            {
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, child) && assignment.Target is not ILocalReferenceOperation and not IDiscardOperation:
                case ICoalesceAssignmentOperation coalesce when ReferenceEquals(coalesce.Value, child):
                    return true;
                case IReturnOperation:
                    if (IsReturnKept(parent, code, types))
                    {
                        return true;
                    }

                    break;
                case IArgumentOperation { Parent: IInvocationOperation invocation } when IsStoringCall(invocation):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A value returned from a lambda handed to a lazy or cache factory is kept; one returned from a
    /// method goes to its caller, which this rule does not follow (silent).
    /// </summary>
    private static bool IsReturnKept(IOperation returned, ReachedCode code, LifecycleTypes types)
    {
        var lambda = OperationWalk.Ancestor<IAnonymousFunctionOperation>(returned, code.Body);
        if (lambda is null)
        {
            return true;
        }

        var parent = lambda.ParentSkippingConversions(out _);
        if (parent is IDelegateCreationOperation)
        {
            parent = parent.ParentSkippingConversions(out _);
        }

        return parent switch
        {
            IArgumentOperation { Parent: IObjectCreationOperation creation } => TypeChecks.IsGeneric(creation.Type, types.Lazy),
            IArgumentOperation { Parent: IInvocationOperation invocation } => IsFactoryTaking(invocation.TargetMethod.Name),
            _ => false,
        };
    }

    /// <summary>A call on a member (a cache, a holder) or a lazy/atomic initialiser: what it is given is kept.</summary>
    private static bool IsStoringCall(IInvocationOperation invocation)
    {
        if (IsFactoryTaking(invocation.TargetMethod.Name))
        {
            return true;
        }

        return invocation.Instance?.WalkDownConversions() is IFieldReferenceOperation or IPropertyReferenceOperation;
    }

    private static bool IsFactoryTaking(string name)
    {
        foreach (var candidate in FactoryTakingMethods)
        {
            if (candidate == name)
            {
                return true;
            }
        }

        return false;
    }
}
