namespace LambdaAnalyzers.Generators.Events;

/// <summary>How a value is written in JSON, and so which C# type holds it and which codec reads and writes it.</summary>
internal enum WireKind
{
    String,
    Boolean,
    Int32,
    Int64,
    Double,
    Decimal,

    /// <summary>An ISO 8601 string held as a UTC <c>DateTime</c>, written back in <see cref="WireType.Format"/>.</summary>
    DateTime,

    /// <summary>Seconds since the Unix epoch (a number, fractions allowed) held as a UTC <c>DateTime</c>.</summary>
    EpochDateTime,

    /// <summary>An ISO 8601 string held as a <c>DateTimeOffset</c> (types inferred from samples).</summary>
    DateTimeOffset,

    /// <summary>A base64 string held as a <c>MemoryStream</c> of the decoded bytes.</summary>
    Base64Stream,

    /// <summary>Any JSON value kept as a <c>JsonElement</c>.</summary>
    Element,

    /// <summary>Any JSON value held as <c>object</c>: a <c>JsonElement</c> when read.</summary>
    Untyped,

    /// <summary>A number held as <c>System.Net.HttpStatusCode</c>.</summary>
    HttpStatusCode,

    /// <summary>A generated type; <see cref="WireType.Name"/> is its name relative to the namespace (<c>SQSEvent.SQSMessage</c>).</summary>
    Object,

    /// <summary>A type parameter of the declaring type (<see cref="WireType.Name"/>), read and written through the serializer options.</summary>
    TypeParameter,

    /// <summary>A JSON array; <see cref="WireType.Element"/> is the item and <see cref="WireType.Collection"/> the declared C# type.</summary>
    Array,

    /// <summary>A JSON object with arbitrary keys; <see cref="WireType.Element"/> is the value type.</summary>
    Map,
}

/// <summary>The C# type that holds a JSON array or map.</summary>
internal enum CollectionKind
{
    None,
    List,
    IList,
    Array,
    Dictionary,
    IDictionary,
}

/// <summary>The JSON shape of a value and the C# type it is held in.</summary>
internal sealed record WireType(WireKind Kind, string? Name = null, WireType? Element = null, CollectionKind Collection = CollectionKind.None, string? Format = null)
{
    /// <summary>True for the kinds a C# struct holds (nullable as <c>T?</c>).</summary>
    public bool IsValueType => Kind is WireKind.Boolean or WireKind.Int32 or WireKind.Int64 or WireKind.Double or WireKind.Decimal
        or WireKind.DateTime or WireKind.EpochDateTime or WireKind.DateTimeOffset or WireKind.Element or WireKind.HttpStatusCode;
}

/// <summary>One property of a generated type: its C# name, the exact JSON name AWS uses, its shape.</summary>
/// <param name="Required">
/// AWS always sends it: the property is not nullable (collections and objects are created on first read, strings
/// start empty). Optional properties are nullable and left out when null.
/// </param>
internal sealed record EventProperty(string Name, string WireName, WireType Type, bool Required, string Summary);

/// <summary>Whether a generated class can be derived from and whether it gets a converter.</summary>
internal enum TypeForm
{
    /// <summary><c>sealed</c>, with a converter.</summary>
    Sealed,

    /// <summary>A concrete base of other generated types: not sealed, with a converter of its own.</summary>
    Base,

    /// <summary><c>abstract</c>: only its derived types are read and written.</summary>
    Abstract,
}

/// <summary>
/// One generated class, catalog or inferred, as the emitter needs it: its declaration and, for its converter, every
/// property it reads and writes (<see cref="Inherited"/> first, with the base type's type arguments substituted).
/// </summary>
/// <param name="Container">The containing generated type's name relative to the namespace, or null at namespace level.</param>
/// <param name="TypeParameters">Type parameter names (<c>T</c>), empty for non-generic types.</param>
/// <param name="Constraints">One <c>where</c> clause base type per type parameter (relative name), or empty.</param>
/// <param name="BaseType">The base class: a generated type's relative name (<c>CloudWatchEvent</c>), null for object.</param>
/// <param name="BaseArguments">The base class's type arguments (<c>Detail</c> in <c>CloudWatchEvent&lt;Detail&gt;</c>).</param>
/// <param name="MapValue">For a class that derives from <c>Dictionary&lt;string, T&gt;</c> and is read as a JSON object of its entries.</param>
/// <param name="Members">Hand-written helper members (methods, constants, constructors), as C# source.</param>
/// <param name="ResolverMethod">For a generic type, the name of the resolver method that registers a closed type (<c>WithDetail</c>).</param>
internal sealed record EventType(
    string Name,
    string? Container,
    TypeForm Form,
    EquatableArray<string> TypeParameters,
    EquatableArray<string> Constraints,
    string? BaseType,
    EquatableArray<WireType> BaseArguments,
    WireType? MapValue,
    EquatableArray<EventProperty> Properties,
    EquatableArray<EventProperty> Inherited,
    string Summary,
    string? Members,
    string? ResolverMethod)
{
    /// <summary>The name relative to the namespace, without type parameters: <c>SQSEvent.SQSMessage</c>.</summary>
    public string RelativeName => Container is null ? Name : Container + "." + Name;

    /// <summary>A name unique in the namespace that is a valid identifier: <c>SQSEvent_SQSMessage</c>.</summary>
    public string FlatName => RelativeName.Replace('.', '_');

    public bool IsGeneric => TypeParameters.Length > 0;
}
