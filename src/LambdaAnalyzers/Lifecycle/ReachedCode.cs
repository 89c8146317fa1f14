using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>Whether code runs during an invoke or once, during Init (docs/architecture.md, "Invoke path and Init code").</summary>
internal enum Phase
{
    Invoke,
    Init,
}

/// <summary>Which object <c>this</c> is in a reached body, as far as the walk can tell.</summary>
internal enum InstanceKind
{
    /// <summary>The object that serves every invoke: the handler instance the runtime keeps, or a service it holds in a read-only field.</summary>
    Reused,

    /// <summary>An object created for this invoke (<c>new Function().Handle(...)</c>, a controller).</summary>
    Fresh,

    /// <summary>An object reached through a parameter, a local or a writable field: its lifetime is not known.</summary>
    Unknown,
}

/// <summary>
/// One body reached on the invoke path or in Init code of the analysed type: a method, constructor,
/// initializer or bootstrap lambda, with how it was reached.
/// </summary>
internal sealed class ReachedCode
{
    private readonly SourceEntries? _pruned;
    private IOperation[]? _operations;

    public ReachedCode(IOperation body, ISymbol owner, Phase phase, int depth, ImmutableArray<IOperation> path, InstanceKind instance, SourceEntries? pruned)
    {
        Body = body;
        Owner = owner;
        Phase = phase;
        Depth = depth;
        Path = path.IsDefault ? ImmutableArray<IOperation>.Empty : path;
        Instance = instance;
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

    /// <summary>Which object <c>this</c> is.</summary>
    public InstanceKind Instance { get; }

    /// <summary><c>this</c> is an object created for this invoke (<c>new Function().Handle(...)</c>), not the reused handler instance.</summary>
    public bool FreshInstance => Instance == InstanceKind.Fresh;

    /// <summary><c>this</c> is certainly the object every invoke shares; for <see cref="InstanceKind.Unknown"/> it may not be.</summary>
    public bool ReusedInstance => Instance == InstanceKind.Reused;

    public bool IsEntry => Depth == 0;

    /// <summary>
    /// Every operation of the body in source order, nested lambdas and local functions included, minus code handed
    /// over to run in another phase. Walked once, on first use, for all the rules that read the body.
    /// </summary>
    public IReadOnlyList<IOperation> Operations() =>
        // Rules read a body one after another; two walks racing would build equal lists.
        _operations ??= OperationWalk.DescendantsAndSelf(Body, _pruned).ToArray();
}
