using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Serialization;

/// <summary>How a serializer treats a type as a whole.</summary>
internal enum ShapeKind
{
    /// <summary>A value written and read whole: primitives, strings, enums, framework values, converted types, <c>object</c>.</summary>
    Leaf,

    /// <summary><c>Nullable&lt;T&gt;</c>: the serializer handles its <c>T</c>.</summary>
    Wrapper,

    /// <summary>Fails in both directions (<see cref="TypeShape.Problem"/> says why).</summary>
    Unsupported,

    Collection,

    Dictionary,

    Object,
}

/// <summary>
/// One type as one serializer sees it, computed once per type and profile and shared by every
/// handler whose graph reaches it: its members, its element types, how it is created.
/// </summary>
internal sealed class TypeShape
{
    public static readonly TypeShape LeafShape = new(ShapeKind.Leaf);

    public TypeShape(ShapeKind kind)
    {
        Kind = kind;
        Members = ImmutableArray<SerializedMember>.Empty;
        CollidesWith = ImmutableArray<SerializedMember?>.Empty;
        DerivedTypes = ImmutableArray<ITypeSymbol>.Empty;
        CreationProblems = ImmutableArray<SerializationProblem>.Empty;
        ConstructorParameters = NameSet.Empty;
    }

    public ShapeKind Kind { get; init; }

    /// <summary>For <see cref="ShapeKind.Unsupported"/> types and unsupported dictionary keys.</summary>
    public ProblemKind? Problem { get; init; }

    /// <summary>The element (collections), value (dictionaries) or underlying (Nullable) type.</summary>
    public ITypeSymbol? Element { get; init; }

    public ImmutableArray<SerializedMember> Members { get; init; }

    /// <summary>
    /// System.Text.Json objects: for each of <see cref="Members"/>, the earlier member whose JSON name it shares
    /// ignoring case (a collision), or null. Empty for other shapes and serializers.
    /// </summary>
    public ImmutableArray<SerializedMember?> CollidesWith { get; init; }

    /// <summary>Types named by <c>[JsonDerivedType]</c>: written and read beside the declared type.</summary>
    public ImmutableArray<ITypeSymbol> DerivedTypes { get; init; }

    /// <summary>An interface or abstract type (reading needs polymorphism metadata).</summary>
    public bool IsAbstract { get; init; }

    /// <summary>Has <c>[JsonPolymorphic]</c>/<c>[JsonDerivedType]</c> (System.Text.Json) metadata.</summary>
    public bool IsPolymorphic { get; init; }

    /// <summary>Why the serializer cannot create the type when reading (without a path: the walker adds it).</summary>
    public ImmutableArray<SerializationProblem> CreationProblems { get; init; }

    /// <summary>Names of the deserialization constructor's parameters (case-insensitive).</summary>
    public NameSet ConstructorParameters { get; init; }

    /// <summary>Declared in this compilation's source: data-loss findings apply only to types the user can change.</summary>
    public bool IsSource { get; init; }

    /// <summary>
    /// Part of the type cannot be seen: a base type or interface that does not resolve, or an
    /// attribute that does not (it may be polymorphism metadata or a converter). Nothing is concluded
    /// from its members' absence: no creation, polymorphism or data-loss findings for it.
    /// </summary>
    public bool IsIncomplete { get; init; }
}

/// <summary>A case-insensitive set of names (constructor parameters bind to members ignoring case).</summary>
internal sealed class NameSet
{
    public static readonly NameSet Empty = new(ImmutableHashSet<string>.Empty);

    private readonly ImmutableHashSet<string> _names;

    public NameSet(ImmutableHashSet<string> names) => _names = names.WithComparer(System.StringComparer.OrdinalIgnoreCase);

    public bool Contains(string name) => _names.Contains(name);
}
