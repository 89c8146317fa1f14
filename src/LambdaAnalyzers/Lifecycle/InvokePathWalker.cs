using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// Builds a type's <see cref="TypeLifecycle"/>. Entries of the invoke path are the type's handlers of
/// every kind (<see cref="HandlerModel.KindOf"/>: declared, bootstrap method groups, ASP.NET Core
/// controller actions and endpoint methods, inferred), methods a bootstrap lambda calls, and the
/// lambdas and local functions of the type that run per invoke (handed to a bootstrap builder or to an
/// ASP.NET Core endpoint or middleware), and the <c>Deserialize</c>/<c>Serialize</c> of a serializer this
/// compilation declares and its assembly's <c>[LambdaSerializer]</c> names. Init entries are constructors, field and property
/// initializers and the entry point (minus the code they hand over). From each entry the walk
/// follows, up to <see cref="MaxDepth"/> calls deep:
/// <list type="bullet">
/// <item>static methods declared in this compilation;</item>
/// <item>instance methods called on <c>this</c>/<c>base</c>, on an object just created (<c>new Helper().Run()</c>),
/// and on any other object when the method is not virtual (its body is known whatever the object);</item>
/// <item>interface, abstract and virtual calls when the compilation holds the one body they can run
/// (<see cref="Lifecycle.Implementations"/>): an <c>IOrderService</c> injected into the handler with a
/// single <c>OrderService</c> in the compilation;</item>
/// <item>constructors of types declared in this compilation;</item>
/// <item>method groups of those kinds (<c>items.Select(Transform)</c>).</item>
/// </list>
/// It stops at calls with several possible bodies, at code in other assemblies, and at another type's
/// entries (analysed with that type). Local functions and lambdas are part of the body that declares them.
/// </summary>
internal static class InvokePathWalker
{
    /// <summary>How many calls away from an entry the walk still reads a body.</summary>
    public const int MaxDepth = 4;

    public static TypeLifecycle Build(LifecycleCompilation compilation, INamedTypeSymbol type, TypeBlocks blocks, CancellationToken cancellationToken)
    {
        var invokeEntries = new List<ReachedCode>();
        var initEntries = new List<ReachedCode>();
        var entryMethods = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var all = blocks.All();
        var entries = compilation.Model.Entries(cancellationToken);

        // Lambdas and local functions of this type that run per invoke.
        if (entries.DeclaresEntryBody(type))
        {
            foreach (var pair in all)
            {
                foreach (var block in pair.Value)
                {
                    foreach (var operation in block.DescendantsAndSelf())
                    {
                        switch (operation)
                        {
                            case IAnonymousFunctionOperation lambda when entries.IsEntryBody(lambda.Syntax):
                                invokeEntries.Add(new ReachedCode(lambda.Body, lambda.Symbol, Phase.Invoke, 0, default, InstanceKind.Reused, pruned: null));
                                break;
                            case ILocalFunctionOperation { Body: { } body } local when entries.IsEntryBody(local.Syntax):
                                invokeEntries.Add(new ReachedCode(body, local.Symbol, Phase.Invoke, 0, default, InstanceKind.Reused, pruned: null));
                                break;
                        }
                    }
                }
            }
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && compilation.Model.KindOf(method, cancellationToken) is { } kind)
            {
                var instance = kind.RunsOnFreshInstance() ? InstanceKind.Fresh : InstanceKind.Reused;
                AddMethodEntry(compilation, blocks, method, instance, invokeEntries, entryMethods, cancellationToken);
            }
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, compilation.OwnSerializer) && compilation.Model.Types.ILambdaSerializer is { } serializerInterface)
        {
            // The runtime's one serializer instance reads every event and writes every response.
            foreach (var member in serializerInterface.GetMembers())
            {
                if (member is IMethodSymbol interfaceMethod && type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol implementation)
                {
                    AddMethodEntry(compilation, blocks, implementation, InstanceKind.Reused, invokeEntries, entryMethods, cancellationToken);
                }
            }
        }

        foreach (var pair in entries.CalledFromBootstrapLambdas)
        {
            if (SymbolEqualityComparer.Default.Equals(pair.Key.ContainingType, type))
            {
                AddMethodEntry(compilation, blocks, pair.Key, pair.Value ? InstanceKind.Fresh : InstanceKind.Reused, invokeEntries, entryMethods, cancellationToken);
            }
        }

        var entryPoint = compilation.EntryPoint(cancellationToken);
        var holdsEntryPoint = entryPoint is not null && SymbolEqualityComparer.Default.Equals(entryPoint.ContainingType, type);
        if (invokeEntries.Count > 0 || holdsEntryPoint)
        {
            foreach (var pair in all)
            {
                if (IsInitOwner(pair.Key, entryPoint) && TypeBlocks.BodyIn(pair.Value) is { } body)
                {
                    initEntries.Add(new ReachedCode(body, pair.Key, Phase.Init, 0, default, InstanceKind.Reused, pruned: entries));
                }
            }
        }

        var invokePath = Walk(compilation, type, blocks, invokeEntries, entries, cancellationToken);
        var initCode = Walk(compilation, type, blocks, initEntries, entries, cancellationToken);
        return new TypeLifecycle(type, invokePath, initCode, AssignedMembers(initCode));
    }

    private static void AddMethodEntry(
        LifecycleCompilation compilation,
        TypeBlocks blocks,
        IMethodSymbol method,
        InstanceKind instance,
        List<ReachedCode> entries,
        HashSet<IMethodSymbol> entryMethods,
        CancellationToken cancellationToken)
    {
        if (entryMethods.Add(method.OriginalDefinition)
            && (blocks.BodyOf(method) ?? compilation.BodyOf(method, cancellationToken)) is { } body)
        {
            entries.Add(new ReachedCode(body, method, Phase.Invoke, 0, default, instance, pruned: null));
        }
    }

    private static bool IsInitOwner(ISymbol owner, IMethodSymbol? entryPoint) => owner switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } => true,
        IMethodSymbol method => entryPoint is not null && SymbolEqualityComparer.Default.Equals(method, entryPoint),
        IFieldSymbol or IPropertySymbol => true,
        _ => false,
    };

    private static ImmutableArray<ReachedCode> Walk(
        LifecycleCompilation compilation,
        INamedTypeSymbol type,
        TypeBlocks blocks,
        List<ReachedCode> entries,
        SourceEntries handedOver,
        CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return ImmutableArray<ReachedCode>.Empty;
        }

        var reached = ImmutableArray.CreateBuilder<ReachedCode>();
        var visited = new HashSet<(ISymbol, InstanceKind)>();
        var queue = new Queue<ReachedCode>();
        foreach (var entry in entries)
        {
            if (entry.Owner is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.Constructor or MethodKind.StaticConstructor }
                || visited.Add((entry.Owner.OriginalDefinition, entry.Instance)))
            {
                queue.Enqueue(entry);
            }
        }

        while (queue.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var code = queue.Dequeue();
            reached.Add(code);
            if (code.Depth >= MaxDepth)
            {
                continue;
            }

            foreach (var operation in code.Operations())
            {
                var held = HeldDelegateTarget(compilation, operation, cancellationToken);
                if (held is IAnonymousFunctionOperation lambda)
                {
                    if (visited.Add((lambda.Symbol, InstanceKind.Reused)))
                    {
                        queue.Enqueue(new ReachedCode(lambda.Body, lambda.Symbol, code.Phase, code.Depth + 1, code.Path.Add(operation), InstanceKind.Reused, code.Phase == Phase.Init ? handedOver : null));
                    }

                    continue;
                }

                if (!TryGetCallee(compilation, operation, held as IMethodReferenceOperation, code, out var callee, out var instance, cancellationToken))
                {
                    continue;
                }

                var definition = callee.PartialImplementationPart ?? callee.OriginalDefinition;
                if (!visited.Add((definition, instance)))
                {
                    continue;
                }

                var inType = SymbolEqualityComparer.Default.Equals(definition.ContainingType, type);
                var body = (inType ? blocks.BodyOf(definition) : null) ?? compilation.BodyOf(definition, cancellationToken);
                if (body is null)
                {
                    continue;
                }

                queue.Enqueue(new ReachedCode(body, definition, code.Phase, code.Depth + 1, code.Path.Add(operation), instance, code.Phase == Phase.Init ? handedOver : null));
            }
        }

        return reached.ToImmutable();
    }

    /// <summary>
    /// What a delegate call runs, when the delegate is certainly one written in source: a read-only field,
    /// get-only auto-property or local given a lambda or a method group once (<c>static readonly Func&lt;string,
    /// Client&gt; ClientFor = url =&gt; new Client(url);</c>, then <c>ClientFor(url)</c> per invoke). The
    /// <see cref="IAnonymousFunctionOperation"/> or <see cref="IMethodReferenceOperation"/>, or null.
    /// </summary>
    internal static IOperation? HeldDelegateTarget(LifecycleCompilation compilation, IOperation operation, CancellationToken cancellationToken) =>
        operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: { } held }
        && AssignedOnce.Resolve(held, compilation.Compilation, cancellationToken) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation or IMethodReferenceOperation } creation
            ? creation.Target
            : null;

    /// <summary>
    /// The source method an operation runs and which object its <c>this</c> is, when the walk follows it.
    /// <paramref name="heldGroup"/> is what <see cref="HeldDelegateTarget"/> found the operation calls when
    /// that is a method group.
    /// </summary>
    private static bool TryGetCallee(
        LifecycleCompilation compilation,
        IOperation operation,
        IMethodReferenceOperation? heldGroup,
        ReachedCode code,
        out IMethodSymbol callee,
        out InstanceKind instance,
        CancellationToken cancellationToken)
    {
        IOperation? receiver;
        bool dispatched;
        switch (operation)
        {
            case IInvocationOperation when heldGroup is not null:
                callee = heldGroup.Method;
                receiver = heldGroup.Instance;
                dispatched = heldGroup.IsVirtual;
                break;
            case IInvocationOperation invocation:
                callee = invocation.TargetMethod;
                receiver = invocation.Instance;
                dispatched = invocation.IsVirtual;
                break;
            case IMethodReferenceOperation reference:
                callee = reference.Method;
                receiver = reference.Instance;
                dispatched = reference.IsVirtual;
                break;
            case IObjectCreationOperation { Constructor: { } constructor }:
                callee = constructor;
                instance = InstanceKind.Fresh;
                return compilation.IsSource(callee) && !compilation.IsEntry(callee, cancellationToken);
            default:
                callee = null!;
                instance = InstanceKind.Unknown;
                return false;
        }

        instance = InstanceKind.Reused;
        if (callee.MethodKind is not (MethodKind.Ordinary or MethodKind.ReducedExtension))
        {
            return false;
        }

        if (dispatched && !IsFixedTarget(callee))
        {
            var receiverType = receiver?.WalkDownConversions().Type;
            if (compilation.Implementations(cancellationToken).Single(callee, receiverType) is not { } body)
            {
                return false;
            }

            callee = body;
        }

        if (!compilation.IsSource(callee) || compilation.IsEntry(callee, cancellationToken))
        {
            return false;
        }

        if (!callee.IsStatic && callee.MethodKind != MethodKind.ReducedExtension)
        {
            instance = InstanceOf(receiver, code);
        }

        return true;
    }

    /// <summary>A call the compiler dispatches virtually but whose target cannot change: a sealed override, a member of a sealed type.</summary>
    private static bool IsFixedTarget(IMethodSymbol callee) =>
        callee.ContainingType.TypeKind != TypeKind.Interface
        && !callee.IsAbstract
        && !callee.IsVirtual
        && (!callee.IsOverride || callee.IsSealed || callee.ContainingType.IsSealed);

    /// <summary>
    /// Which object a call's receiver is: the caller's own <c>this</c>, an object just created, a
    /// read-only field or get-only property of a shared holder (a service injected once into the
    /// reused handler, a static), or one whose lifetime the walk does not know.
    /// </summary>
    private static InstanceKind InstanceOf(IOperation? receiver, ReachedCode code)
    {
        var value = receiver?.WalkDownConversions();
        if (OperationWalk.IsThis(value))
        {
            return code.Instance;
        }

        switch (value)
        {
            case IObjectCreationOperation:
                return InstanceKind.Fresh;
            case IFieldReferenceOperation { Field.IsReadOnly: true } field:
                return HolderInstance(field.Field.IsStatic, field.Instance, code);
            case IPropertyReferenceOperation { Property: { SetMethod: null, IsIndexer: false } property } reference when AutoProperty.Is(property):
                return HolderInstance(property.IsStatic, reference.Instance, code);
            default:
                return InstanceKind.Unknown;
        }
    }

    private static InstanceKind HolderInstance(bool isStatic, IOperation? holder, ReachedCode code) =>
        isStatic || (OperationWalk.IsThis(holder) && code.Instance == InstanceKind.Reused) ? InstanceKind.Reused : InstanceKind.Unknown;

    private static ISet<ISymbol> AssignedMembers(ImmutableArray<ReachedCode> initCode)
    {
        var members = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var code in initCode)
        {
            if (code.Owner is IFieldSymbol or IPropertySymbol)
            {
                members.Add(code.Owner);
                if (code.Body is IFieldInitializerOperation initializer)
                {
                    foreach (var field in initializer.InitializedFields)
                    {
                        members.Add(field);
                    }
                }
            }

            foreach (var operation in code.Operations())
            {
                if (operation is IAssignmentOperation assignment && OperationWalk.MemberOf(assignment.Target) is { } member)
                {
                    members.Add(member.OriginalDefinition);
                }
            }
        }

        return members;
    }
}
