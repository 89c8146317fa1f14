using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// Builds a type's <see cref="TypeLifecycle"/>. Entries of the invoke path are the type's handlers
/// (<see cref="Handlers.HandlerModel.KindOf"/>), methods its executable hands to a bootstrap builder
/// and the lambdas it hands over; Init entries are constructors, field and property initializers
/// and the entry point (minus the delegates it hands over). From each entry the walk follows, up
/// to <see cref="MaxDepth"/> calls deep:
/// <list type="bullet">
/// <item>static methods declared in this compilation;</item>
/// <item>instance methods called on <c>this</c>/<c>base</c>, and on an object just created (<c>new Helper().Run()</c>);</item>
/// <item>constructors of types declared in this compilation;</item>
/// <item>method groups of those kinds (<c>items.Select(Transform)</c>).</item>
/// </list>
/// It stops at interface, abstract, virtual and overridable calls, at calls on other objects
/// (injected services, fields, parameters: their implementation is chosen at run time), at code in
/// other assemblies, and at another type's handlers (analysed with that type).
/// Local functions and lambdas are part of the body that declares them.
/// </summary>
internal static class InvokePathWalker
{
    /// <summary>How many calls away from an entry the walk still reads a body.</summary>
    public const int MaxDepth = 4;

    public static TypeLifecycle Build(LifecycleCompilation compilation, INamedTypeSymbol type, TypeBlocks blocks, CancellationToken cancellationToken)
    {
        var invokeEntries = new List<ReachedCode>();
        var initEntries = new List<ReachedCode>();
        var handedOver = new HashSet<IOperation>();
        var entryMethods = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var all = blocks.All();

        // Delegates given to a bootstrap builder by this type's code: their bodies run per invoke.
        foreach (var pair in all)
        {
            foreach (var block in pair.Value)
            {
                foreach (var handler in BootstrapHandler.In(block, compilation.Model.Types))
                {
                    handedOver.Add(handler.Delegate);
                    if (handler.Delegate.Target is IAnonymousFunctionOperation lambda)
                    {
                        invokeEntries.Add(new ReachedCode(lambda.Body, lambda.Symbol, Phase.Invoke, 0, default, freshInstance: false, pruned: null));
                    }
                }
            }
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && compilation.Model.KindOf(method) is not null)
            {
                AddMethodEntry(compilation, blocks, method, fresh: false, invokeEntries, entryMethods, cancellationToken);
            }
        }

        foreach (var pair in compilation.BootstrapMethods(cancellationToken))
        {
            if (SymbolEqualityComparer.Default.Equals(pair.Key.ContainingType, type))
            {
                AddMethodEntry(compilation, blocks, pair.Key, pair.Value, invokeEntries, entryMethods, cancellationToken);
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
                    initEntries.Add(new ReachedCode(body, pair.Key, Phase.Init, 0, default, freshInstance: false, pruned: handedOver));
                }
            }
        }

        var invokePath = Walk(compilation, type, blocks, invokeEntries, handedOver, cancellationToken);
        var initCode = Walk(compilation, type, blocks, initEntries, handedOver, cancellationToken);
        return new TypeLifecycle(type, invokePath, initCode, AssignedMembers(initCode));
    }

    private static void AddMethodEntry(
        LifecycleCompilation compilation,
        TypeBlocks blocks,
        IMethodSymbol method,
        bool fresh,
        List<ReachedCode> entries,
        HashSet<IMethodSymbol> entryMethods,
        CancellationToken cancellationToken)
    {
        if (entryMethods.Add(method.OriginalDefinition)
            && (blocks.BodyOf(method) ?? compilation.BodyOf(method, cancellationToken)) is { } body)
        {
            entries.Add(new ReachedCode(body, method, Phase.Invoke, 0, default, fresh, pruned: null));
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
        ISet<IOperation> handedOver,
        CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return ImmutableArray<ReachedCode>.Empty;
        }

        var reached = ImmutableArray.CreateBuilder<ReachedCode>();
        var visited = new HashSet<(ISymbol, bool)>();
        var queue = new Queue<ReachedCode>();
        foreach (var entry in entries)
        {
            if (entry.Owner is not IMethodSymbol { MethodKind: not MethodKind.AnonymousFunction } || visited.Add((entry.Owner.OriginalDefinition, entry.FreshInstance)))
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
                if (!TryGetCallee(compilation, operation, code, out var callee, out var fresh, cancellationToken))
                {
                    continue;
                }

                var definition = callee.PartialImplementationPart ?? callee.OriginalDefinition;
                if (!visited.Add((definition, fresh)))
                {
                    continue;
                }

                var inType = SymbolEqualityComparer.Default.Equals(definition.ContainingType, type);
                var body = (inType ? blocks.BodyOf(definition) : null) ?? compilation.BodyOf(definition, cancellationToken);
                if (body is null)
                {
                    continue;
                }

                queue.Enqueue(new ReachedCode(body, definition, code.Phase, code.Depth + 1, code.Path.Add(operation), fresh, code.Phase == Phase.Init ? handedOver : null));
            }
        }

        return reached.ToImmutable();
    }

    /// <summary>The source method an operation runs and whether its <c>this</c> is a fresh object, when the walk follows it.</summary>
    private static bool TryGetCallee(
        LifecycleCompilation compilation,
        IOperation operation,
        ReachedCode code,
        out IMethodSymbol callee,
        out bool fresh,
        CancellationToken cancellationToken)
    {
        IOperation? receiver;
        switch (operation)
        {
            case IInvocationOperation invocation:
                callee = invocation.TargetMethod;
                receiver = invocation.Instance;
                break;
            case IMethodReferenceOperation reference:
                callee = reference.Method;
                receiver = reference.Instance;
                break;
            case IObjectCreationOperation { Constructor: { } constructor }:
                callee = constructor;
                fresh = true;
                return compilation.IsSource(callee) && !compilation.IsEntry(callee, cancellationToken);
            default:
                callee = null!;
                fresh = false;
                return false;
        }

        fresh = false;
        if (callee.MethodKind is not (MethodKind.Ordinary or MethodKind.ReducedExtension)
            || callee.IsAbstract
            || callee.IsVirtual
            || (callee.IsOverride && !callee.IsSealed && !callee.ContainingType.IsSealed)
            || callee.ContainingType.TypeKind == TypeKind.Interface
            || !compilation.IsSource(callee)
            || compilation.IsEntry(callee, cancellationToken))
        {
            return false;
        }

        if (callee.IsStatic || callee.MethodKind == MethodKind.ReducedExtension)
        {
            return true;
        }

        if (OperationWalk.IsThis(receiver))
        {
            fresh = code.FreshInstance;
            return true;
        }

        if (receiver?.WalkDownConversions() is IObjectCreationOperation)
        {
            fresh = true;
            return true;
        }

        return false;
    }

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
