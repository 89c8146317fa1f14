using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Serialization;

/// <summary>
/// What one known serializer does with the type graphs of one compilation. Type shapes and the
/// findings per root are computed once and shared: handlers reach the same types again and again,
/// so the work grows with the number of types, not with the number of handlers times their depth.
/// </summary>
internal sealed class SerializationModel
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, SerializationModel>> Cache = new();

    private readonly ConcurrentDictionary<ITypeSymbol, TypeShape> _shapes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, ImmutableArray<SerializationProblem>> _writes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, ImmutableArray<SerializationProblem>> _reads = new(SymbolEqualityComparer.Default);

    private readonly object _coveredLock = new();
    private HashSet<ITypeSymbol>? _covered;

    private SerializationModel(SerializerProfile profile, SerializationTypes types)
    {
        Profile = profile;
        Types = types;
    }

    public SerializerProfile Profile { get; }

    public SerializationTypes Types { get; }

    public static SerializationModel For(Compilation compilation, SerializerProfile profile)
    {
        var models = Cache.GetValue(compilation, _ => new ConcurrentDictionary<string, SerializationModel>());
        return models.GetOrAdd(profile.Key, _ => new SerializationModel(profile, SerializationTypes.For(compilation)));
    }

    public TypeShape ShapeOf(ITypeSymbol type) => _shapes.GetOrAdd(type, t => TypeShapes.Classify(t, Profile, Types));

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
        lock (_coveredLock)
        {
            return _covered ??= Reachable(SerializerProfile.ListedTypes(context, Types), cancellationToken);
        }
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
        var pending = new Queue<(ITypeSymbol Type, string Path)>();
        pending.Enqueue((root, root.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (type, path) = pending.Dequeue();
            if (!visited.Add(type))
            {
                continue;
            }

            var shape = ShapeOf(type);
            switch (shape.Kind)
            {
                case ShapeKind.Wrapper:
                    pending.Enqueue((shape.Element!, path));
                    break;
                case ShapeKind.Unsupported:
                    problems.Add(new SerializationProblem(shape.Problem!.Value, path, type));
                    break;
                case ShapeKind.Collection:
                    pending.Enqueue((shape.Element!, path + "[]"));
                    break;
                case ShapeKind.Dictionary:
                    if (shape.Problem is { } keyProblem)
                    {
                        problems.Add(new SerializationProblem(keyProblem, path, type));
                    }

                    pending.Enqueue((shape.Element!, path + "[]"));
                    break;
                case ShapeKind.Object:
                    VisitObject(type, shape, path, direction, problems, pending);
                    break;
            }
        }

        return problems.ToImmutable();
    }

    private void VisitObject(
        ITypeSymbol type,
        TypeShape shape,
        string path,
        Direction direction,
        ImmutableArray<SerializationProblem>.Builder problems,
        Queue<(ITypeSymbol Type, string Path)> pending)
    {
        var stj = Profile.IsSystemTextJson;
        if (direction == Direction.Read)
        {
            if (shape.IsAbstract && !shape.IsPolymorphic)
            {
                problems.Add(new SerializationProblem(ProblemKind.AbstractWithoutPolymorphism, path, type));
                return;
            }

            foreach (var creation in shape.CreationProblems)
            {
                problems.Add(new SerializationProblem(creation.Kind, path, type, creation.Detail));
            }

            if (shape.IsAbstract)
            {
                // A polymorphic base is never created: each [JsonDerivedType] is read with its own
                // members (inherited ones included), so the base's declared members say nothing.
                foreach (var derived in shape.DerivedTypes)
                {
                    pending.Enqueue((derived, path + "(" + derived.Name + ")"));
                }

                return;
            }
        }

        Dictionary<string, SerializedMember>? names = null;
        foreach (var member in shape.Members)
        {
            var memberPath = path + "." + member.Name;
            if (member.IsField && !member.IsWritten)
            {
                if (stj && shape.IsSource)
                {
                    problems.Add(new SerializationProblem(ProblemKind.FieldSkipped, memberPath, member.Type));
                }

                continue;
            }

            if (stj && (member.IsWritten || member.IsSettable))
            {
                // Lambda's System.Text.Json serializers match names case-insensitively, so names
                // differing only in case collide whatever the naming policy.
                names ??= new Dictionary<string, SerializedMember>(System.StringComparer.OrdinalIgnoreCase);
                if (names.TryGetValue(member.JsonName, out var other))
                {
                    problems.Add(new SerializationProblem(ProblemKind.NameCollision, memberPath, member.Type, other.Name));
                }
                else
                {
                    names.Add(member.JsonName, member);
                }
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
                if (!follow && shape.IsSource && member.IsAutoProperty && member.IsWritten)
                {
                    problems.Add(new SerializationProblem(ProblemKind.NoSetter, memberPath, member.Type));
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
                pending.Enqueue((member.Type, memberPath));
            }
        }

        foreach (var derived in shape.DerivedTypes)
        {
            pending.Enqueue((derived, path + "(" + derived.Name + ")"));
        }
    }

    private bool IsCollection(ITypeSymbol type) => ShapeOf(type).Kind is ShapeKind.Collection or ShapeKind.Dictionary;
}
