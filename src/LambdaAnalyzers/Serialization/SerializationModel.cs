using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using LambdaAnalyzers.Caching;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Serialization;

/// <summary>
/// What one known serializer does with the type graphs of one compilation. Type shapes and the
/// findings per root are computed once and shared: handlers reach the same types again and again,
/// so the work grows with the number of types, not with the number of handlers times their depth.
/// </summary>
internal sealed class SerializationModel
{
    // One model per known serializer (profile) of a compilation.
    private static readonly CompilationCache<ConcurrentDictionary<string, Once<SerializationModel>>> Cache = new(static _ => new ConcurrentDictionary<string, Once<SerializationModel>>());

    private readonly ConcurrentDictionary<ITypeSymbol, TypeShape> _shapes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, ImmutableArray<SerializationProblem>> _writes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, ImmutableArray<SerializationProblem>> _reads = new(SymbolEqualityComparer.Default);

    private readonly Compilation _compilation;
    private readonly Once<Dictionary<ITypeSymbol, List<INamedTypeSymbol>>> _implementations = new();
    private readonly Once<HashSet<ITypeSymbol>> _covered = new();

    private SerializationModel(Compilation compilation, SerializerProfile profile, SerializationTypes types)
    {
        Profile = profile;
        Types = types;
        _compilation = compilation;
    }

    public SerializerProfile Profile { get; }

    public SerializationTypes Types { get; }

    public static SerializationModel For(Compilation compilation, SerializerProfile profile)
    {
        return Cache.Get(compilation)
            .GetOrAdd(profile.Key, static _ => new Once<SerializationModel>())
            .Get(() => new SerializationModel(compilation, profile, WellKnownTypes.For(compilation).Serialization));
    }

    public TypeShape ShapeOf(ITypeSymbol type) =>
        _shapes.TryGetValue(type, out var shape) ? shape : _shapes.GetOrAdd(type, TypeShapes.Classify(type, Profile, Types));

    /// <summary>Everything that goes wrong when the serializer writes (output) or reads (input) <paramref name="root"/>.</summary>
    public ImmutableArray<SerializationProblem> Problems(ITypeSymbol root, Direction direction, CancellationToken cancellationToken)
    {
        var cache = direction == Direction.Write ? _writes : _reads;
        if (cache.TryGetValue(root, out var known))
        {
            return known;
        }

        var problems = Walk(root, direction, cancellationToken);
        return cache.GetOrAdd(root, problems);
    }

    /// <summary>
    /// The types metadata is generated for when <paramref name="roots"/> are listed in a
    /// source-generated context: the roots and every type their serialized members, elements and
    /// derived types reach.
    /// </summary>
    public HashSet<ITypeSymbol> Reachable(IEnumerable<ITypeSymbol> roots, CancellationToken cancellationToken)
    {
        var reached = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ITypeSymbol>(roots);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = pending.Pop();
            if (!reached.Add(type))
            {
                continue;
            }

            var shape = ShapeOf(type);
            if (shape.Element is { } element)
            {
                pending.Push(element);
            }

            foreach (var member in shape.Members)
            {
                if ((member.IsWritten || member.IsSettable) && !member.HasConverter)
                {
                    pending.Push(member.Type);
                }
            }

            foreach (var derived in shape.DerivedTypes)
            {
                pending.Push(derived);
            }
        }

        return reached;
    }

    /// <summary>The types <paramref name="context"/> generates metadata for, computed once per model (a model has one context).</summary>
    public HashSet<ITypeSymbol> CoveredBy(INamedTypeSymbol context, CancellationToken cancellationToken)
    {
        return _covered.Get(() => Reachable(SerializerProfile.ListedTypes(context, Types), cancellationToken));
    }

    private ImmutableArray<SerializationProblem> Walk(ITypeSymbol root, Direction direction, CancellationToken cancellationToken)
    {
        if (direction == Direction.Write && Profile.HasConverterFactory)
        {
            // A registered converter factory may handle any type: nothing is known to fail.
            return ImmutableArray<SerializationProblem>.Empty;
        }

        var problems = ImmutableArray.CreateBuilder<SerializationProblem>();
        var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Queue<(ITypeSymbol Type, MemberPath Path, ITypeSymbol? Owner)>();
        pending.Enqueue((root, MemberPath.Root(root), null));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (type, path, owner) = pending.Dequeue();
            if (!visited.Add(type))
            {
                continue;
            }

            var shape = ShapeOf(type);
            switch (shape.Kind)
            {
                case ShapeKind.Wrapper:
                    Enqueue(pending, visited, shape.Element!, path, null, null, owner);
                    break;
                case ShapeKind.Unsupported:
                    if (owner is null || !ShapeOf(owner).IsIncomplete)
                    {
                        problems.Add(new SerializationProblem(shape.Problem!.Value, path.ToString(), type, owner: owner));
                    }

                    break;
                case ShapeKind.Collection:
                    Enqueue(pending, visited, shape.Element!, path, null, "[]", owner);
                    break;
                case ShapeKind.Dictionary:
                    if (shape.Problem is { } keyProblem)
                    {
                        problems.Add(new SerializationProblem(keyProblem, path.ToString(), type, owner: owner));
                    }

                    Enqueue(pending, visited, shape.Element!, path, null, "[]", owner);
                    break;
                case ShapeKind.Object:
                    VisitObject(type, shape, path, direction, problems, pending, visited);
                    break;
            }
        }

        return problems.ToImmutable();
    }

    /// <summary>
    /// Queues a type reached at <paramref name="path"/> followed by <paramref name="separator"/> and <paramref name="step"/>,
    /// unless there is nothing to learn from it: a type already walked (its problems are known, whatever the path)
    /// or a leaf (the walk finds nothing in one).
    /// </summary>
    private void Enqueue(Queue<(ITypeSymbol Type, MemberPath Path, ITypeSymbol? Owner)> pending, HashSet<ITypeSymbol> visited, ITypeSymbol type, MemberPath path, string? separator, string? step, ITypeSymbol? owner)
    {
        if (!visited.Contains(type) && ShapeOf(type).Kind != ShapeKind.Leaf)
        {
            pending.Enqueue((type, step is null ? path : path.Then(separator, step), owner));
        }
    }

    private void VisitObject(
        ITypeSymbol type,
        TypeShape shape,
        MemberPath path,
        Direction direction,
        ImmutableArray<SerializationProblem>.Builder problems,
        Queue<(ITypeSymbol Type, MemberPath Path, ITypeSymbol? Owner)> pending,
        HashSet<ITypeSymbol> visited)
    {
        var stj = Profile.IsSystemTextJson;
        if (direction == Direction.Read)
        {
            if (shape.IsAbstract && !shape.IsPolymorphic)
            {
                if (!shape.IsIncomplete)
                {
                    problems.Add(new SerializationProblem(ProblemKind.AbstractWithoutPolymorphism, path.ToString(), type));
                }

                return;
            }

            if (!shape.IsIncomplete)
            {
                foreach (var creation in shape.CreationProblems)
                {
                    problems.Add(new SerializationProblem(creation.Kind, path.ToString(), type, creation.Detail));
                }
            }

            if (shape.IsAbstract)
            {
                // A polymorphic base is never created: each [JsonDerivedType] is read with its own
                // members (inherited ones included), so the base's declared members say nothing.
                foreach (var derived in shape.DerivedTypes)
                {
                    Enqueue(pending, visited, derived, path, "(", derived.Name + ")", type);
                }

                return;
            }
        }
        else if (stj && shape.IsAbstract && !shape.IsPolymorphic && !shape.IsIncomplete && DroppedMember(type, shape) is { } dropped)
        {
            // System.Text.Json writes the declared type's members, not the runtime type's.
            problems.Add(new SerializationProblem(
                ProblemKind.DerivedMembersDropped,
                path.ToString() + "(" + dropped.Implementation.Name + ")." + dropped.Member.Name,
                dropped.Member.Type,
                type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                owner: type));
        }

        for (var index = 0; index < shape.Members.Length; index++)
        {
            var member = shape.Members[index];
            if (member.IsUncertain)
            {
                // An attribute that does not resolve may be [JsonIgnore], [JsonInclude] or a converter.
                continue;
            }

            var reportsLoss = shape.IsSource && !shape.IsIncomplete;
            if (member.IsField && !member.IsWritten)
            {
                if (stj && reportsLoss)
                {
                    problems.Add(new SerializationProblem(ProblemKind.FieldSkipped, path.Then(".", member.Name).ToString(), member.Type, owner: type));
                }

                continue;
            }

            if (stj && !shape.IsIncomplete && shape.CollidesWith[index] is { } other)
            {
                problems.Add(new SerializationProblem(ProblemKind.NameCollision, path.Then(".", member.Name).ToString(), member.Type, other.Name, owner: type));
            }

            bool follow;
            if (direction == Direction.Write)
            {
                follow = member.IsWritten;
            }
            else
            {
                var filledInPlace = !stj && member.IsWritten && IsCollection(member.Type);
                follow = member.IsSettable || shape.ConstructorParameters.Contains(member.Name) || filledInPlace;
                if (!follow && reportsLoss && member.IsAutoProperty && member.IsWritten)
                {
                    problems.Add(new SerializationProblem(ProblemKind.NoSetter, path.Then(".", member.Name).ToString(), member.Type, owner: type));
                }
            }

            if (!stj && !shape.IsSource && ShapeOf(member.Type).Problem == ProblemKind.MemoryStreamWithoutConverter)
            {
                // Amazon.Lambda.Serialization.Json's contract resolver gives the MemoryStream members
                // of AWS event types (Kinesis, DynamoDB, MQ ...) a base64 converter.
                continue;
            }

            if (follow && !member.HasConverter)
            {
                Enqueue(pending, visited, member.Type, path, ".", member.Name, type);
            }
        }

        foreach (var derived in shape.DerivedTypes)
        {
            Enqueue(pending, visited, derived, path, "(", derived.Name + ")", type);
        }
    }

    /// <summary>
    /// A member System.Text.Json drops when it writes a value declared as the abstract type
    /// <paramref name="declared"/>: the first written member (in ordinal order of type, then source order)
    /// of a class of this compilation implementing it that the declared type does not have. Null when
    /// no implementation is visible, or none adds a member.
    /// </summary>
    private (INamedTypeSymbol Implementation, SerializedMember Member)? DroppedMember(ITypeSymbol declared, TypeShape shape)
    {
        if (declared is INamedTypeSymbol { IsGenericType: true } || !_implementations.Get(_compilation, static c => SourceImplementations(c)).TryGetValue(declared, out var implementations))
        {
            return null;
        }

        var declaredNames = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var member in shape.Members)
        {
            declaredNames.Add(member.Name);
        }

        foreach (var implementation in implementations)
        {
            var implementationShape = ShapeOf(implementation);
            if (implementationShape.Kind != ShapeKind.Object || implementationShape.IsIncomplete)
            {
                continue;
            }

            foreach (var member in implementationShape.Members)
            {
                if (member.IsWritten && !member.IsUncertain && !declaredNames.Contains(member.Name))
                {
                    return (implementation, member);
                }
            }
        }

        return null;
    }

    /// <summary>Every non-generic class of the compilation's source, by the non-generic abstract classes and interfaces it derives from or implements, in ordinal order.</summary>
    private static Dictionary<ITypeSymbol, List<INamedTypeSymbol>> SourceImplementations(Compilation compilation)
    {
        var map = new Dictionary<ITypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop().GetMembers())
            {
                if (member is not INamespaceOrTypeSymbol container)
                {
                    continue;
                }

                pending.Push(container);
                if (container is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, IsGenericType: false } type)
                {
                    continue;
                }

                for (var current = type.BaseType; current is not null; current = current.BaseType)
                {
                    if (current.IsAbstract && !current.IsGenericType)
                    {
                        Add(map, current, type);
                    }
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    if (!implemented.IsGenericType)
                    {
                        Add(map, implemented, type);
                    }
                }
            }
        }

        foreach (var list in map.Values)
        {
            list.Sort(static (a, b) => string.CompareOrdinal(a.ToDisplayString(), b.ToDisplayString()));
        }

        return map;
    }

    private static void Add(Dictionary<ITypeSymbol, List<INamedTypeSymbol>> map, ITypeSymbol key, INamedTypeSymbol type)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = new List<INamedTypeSymbol>();
            map.Add(key, list);
        }

        list.Add(type);
    }

    private bool IsCollection(ITypeSymbol type) => ShapeOf(type).Kind is ShapeKind.Collection or ShapeKind.Dictionary;
}
