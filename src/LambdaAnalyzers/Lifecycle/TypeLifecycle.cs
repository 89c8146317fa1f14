using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// The invoke path and the Init code of one type (docs/architecture.md, "Invoke path and Init code"), as every lifecycle rule reads
/// them. Empty for types that hold no handler and no entry point.
/// </summary>
internal sealed class TypeLifecycle
{
    public TypeLifecycle(
        INamedTypeSymbol type,
        ImmutableArray<ReachedCode> invokePath,
        ImmutableArray<ReachedCode> initCode,
        ISet<ISymbol> initAssignedMembers)
    {
        Type = type;
        InvokePath = invokePath;
        InitCode = initCode;
        InitAssignedMembers = initAssignedMembers;
    }

    public INamedTypeSymbol Type { get; }

    /// <summary>Handler bodies, bootstrap lambdas and what they call, to <see cref="InvokePathWalker.MaxDepth"/>.</summary>
    public ImmutableArray<ReachedCode> InvokePath { get; }

    /// <summary>Constructors, initializers and the entry point before the loop, and what they call.</summary>
    public ImmutableArray<ReachedCode> InitCode { get; }

    /// <summary>Fields and properties Init code assigns (initializers included): shared by every invoke.</summary>
    public ISet<ISymbol> InitAssignedMembers { get; }

    public bool IsEmpty => InvokePath.IsEmpty && InitCode.IsEmpty;
}
