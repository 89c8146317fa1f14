using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>Whether code runs during an invoke or once, during Init (docs/architecture.md, "Invoke path and Init code").</summary>
internal enum Phase
{
    Invoke,
    Init,
}

/// <summary>
/// One body reached on the invoke path or in Init code of the analysed type: a method, constructor,
/// initializer or bootstrap lambda, with how it was reached.
/// </summary>
internal sealed class ReachedCode
{
    private readonly ISet<IOperation>? _pruned;

    public ReachedCode(IOperation body, ISymbol owner, Phase phase, int depth, ImmutableArray<IOperation> path, bool freshInstance, ISet<IOperation>? pruned)
    {
        Body = body;
        Owner = owner;
        Phase = phase;
        Depth = depth;
        Path = path.IsDefault ? ImmutableArray<IOperation>.Empty : path;
        FreshInstance = freshInstance;
        _pruned = pruned;
    }

    /// <summary>The body: a method body, a field or property initializer, or a lambda's body.</summary>
    public IOperation Body { get; }

    /// <summary>The method (or lambda, field, property) the body belongs to.</summary>
    public ISymbol Owner { get; }

    public Phase Phase { get; }

    /// <summary>0 for an entry (handler, bootstrap lambda, constructor...); n for a method n calls away.</summary>
    public int Depth { get; }

    /// <summary>
    /// The calls that lead from the entry to this body, outermost first (empty for an entry):
    /// findings in the body are reported at their own place, with these calls as additional
    /// locations, so the way from the handler (or constructor) to the misuse is visible.
    /// </summary>
    public ImmutableArray<IOperation> Path { get; }

    /// <summary><c>this</c> is an object created for this invoke (<c>new Function().Handle(...)</c>), not the reused handler instance.</summary>
    public bool FreshInstance { get; }

    public bool IsEntry => Depth == 0;

    /// <summary>Every operation of the body, nested lambdas and local functions included, minus code that belongs to another phase.</summary>
    public IEnumerable<IOperation> Operations() => OperationWalk.DescendantsAndSelf(Body, _pruned);
}
