using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Serialization;

/// <summary>Which way data crosses the serializer: the handler's output is written, its input read.</summary>
internal enum Direction
{
    Write,
    Read,
}

/// <summary>Why a member cannot be serialized, or how its data is lost.</summary>
internal enum ProblemKind
{
    Delegate,
    ReflectionType,
    Pointer,
    NativeInteger,
    RefStruct,
    NonMemoryStream,
    MemoryStreamWithoutConverter,
    OpenGeneric,
    UnsupportedDictionaryKey,
    AbstractWithoutPolymorphism,
    NoUsableConstructor,
    SeveralConstructors,
    UnboundConstructorParameter,
    FieldSkipped,
    NoSetter,
    NameCollision,
    DerivedMembersDropped,
}

/// <summary>
/// One finding of the model: the path from the handler's root type to the offending member and
/// the member's declared type (<c>Receipt.OnPrinted: System.Action</c>).
/// </summary>
internal sealed class SerializationProblem
{
    public SerializationProblem(ProblemKind kind, string path, ITypeSymbol type, string? detail = null, ITypeSymbol? owner = null)
    {
        Kind = kind;
        Path = path;
        Type = type;
        Detail = detail;
        Owner = owner;
    }

    public ProblemKind Kind { get; }

    public string Path { get; }

    public ITypeSymbol Type { get; }

    /// <summary>The constructor parameter, colliding member or declared type the problem names, when it names one.</summary>
    public string? Detail { get; }

    /// <summary>For data loss: the object type whose member is lost.</summary>
    public ITypeSymbol? Owner { get; }

    /// <summary>A write failure (LAM0100) or read failure (LAM0101) rather than silent data loss (LAM0103).</summary>
    public bool IsDataLoss => Kind is ProblemKind.FieldSkipped or ProblemKind.NoSetter or ProblemKind.NameCollision or ProblemKind.DerivedMembersDropped;

    /// <summary>The serializer cannot create <see cref="Type"/> at all: reading any JSON for it throws.</summary>
    public bool IsCreationFailure => Kind is ProblemKind.AbstractWithoutPolymorphism or ProblemKind.NoUsableConstructor
        or ProblemKind.SeveralConstructors or ProblemKind.UnboundConstructorParameter;

    public string Finding => Path + ": " + Type.ToDisplayString();

    public string Reason => Kind switch
    {
        ProblemKind.Delegate => "a delegate",
        ProblemKind.ReflectionType => "a reflection type",
        ProblemKind.Pointer => "a pointer",
        ProblemKind.NativeInteger => "a native-sized integer",
        ProblemKind.RefStruct => "a ref struct",
        ProblemKind.NonMemoryStream => "a Stream other than MemoryStream",
        ProblemKind.MemoryStreamWithoutConverter => "a MemoryStream, which only Lambda's System.Text.Json serializers convert (as base64)",
        ProblemKind.OpenGeneric => "an open generic type parameter",
        ProblemKind.UnsupportedDictionaryKey => "a dictionary whose key type is not supported",
        ProblemKind.AbstractWithoutPolymorphism => "an interface or abstract type without polymorphism metadata",
        ProblemKind.NoUsableConstructor => "no public parameterless constructor, single public constructor or [JsonConstructor]",
        ProblemKind.SeveralConstructors => "several public constructors and none marked [JsonConstructor]",
        ProblemKind.UnboundConstructorParameter => $"constructor parameter '{Detail}' binds to no property or field",
        ProblemKind.FieldSkipped => "a public field, skipped without IncludeFields or [JsonInclude]",
        ProblemKind.NoSetter => "no public setter and no constructor parameter sets it",
        ProblemKind.NameCollision => $"its JSON name collides with '{Detail}'",
        ProblemKind.DerivedMembersDropped => $"declared as '{Detail}', whose members are all System.Text.Json writes: mark '{Detail}' with [JsonDerivedType] for each implementation, or declare the concrete type",
        _ => Kind.ToString(),
    };
}
