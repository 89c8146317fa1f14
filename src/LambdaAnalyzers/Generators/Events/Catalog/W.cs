namespace LambdaAnalyzers.Generators.Events.Catalog;

/// <summary>Short names for the wire types the catalog declares its properties with.</summary>
internal static class W
{
    public static readonly WireType String = new(WireKind.String);
    public static readonly WireType Bool = new(WireKind.Boolean);
    public static readonly WireType Int = new(WireKind.Int32);
    public static readonly WireType Long = new(WireKind.Int64);
    public static readonly WireType Element = new(WireKind.Element);
    public static readonly WireType Untyped = new(WireKind.Untyped);
    public static readonly WireType Base64 = new(WireKind.Base64Stream);
    public static readonly WireType StatusCode = new(WireKind.HttpStatusCode);

    /// <summary>An ISO 8601 UTC time written with milliseconds: <c>2024-05-01T12:00:00.000Z</c> (SNS, S3).</summary>
    public static readonly WireType IsoMilliseconds = new(WireKind.DateTime, Format: DateFormats.Milliseconds);

    /// <summary>An ISO 8601 UTC time written to the second: <c>2024-05-01T12:00:00Z</c> (EventBridge).</summary>
    public static readonly WireType IsoSeconds = new(WireKind.DateTime, Format: DateFormats.Seconds);

    /// <summary>Seconds since the Unix epoch as a number (DynamoDB Streams, Kinesis).</summary>
    public static readonly WireType EpochSeconds = new(WireKind.EpochDateTime);

    public static readonly WireType StringList = List(String);
    public static readonly WireType StringIList = IList(String);
    public static readonly WireType StringArray = Array(String);
    public static readonly WireType StringDictionary = Dictionary(String);
    public static readonly WireType StringIDictionary = IDictionary(String);
    public static readonly WireType MultiValueIDictionary = IDictionary(IList(String));

    public static WireType Obj(string relativeName) => new(WireKind.Object, relativeName);

    public static WireType Param(string name) => new(WireKind.TypeParameter, name);

    public static WireType List(WireType item) => new(WireKind.Array, Element: item, Collection: CollectionKind.List);

    public static WireType IList(WireType item) => new(WireKind.Array, Element: item, Collection: CollectionKind.IList);

    public static WireType Array(WireType item) => new(WireKind.Array, Element: item, Collection: CollectionKind.Array);

    public static WireType Dictionary(WireType value) => new(WireKind.Map, Element: value, Collection: CollectionKind.Dictionary);

    public static WireType IDictionary(WireType value) => new(WireKind.Map, Element: value, Collection: CollectionKind.IDictionary);
}

/// <summary>The ISO 8601 forms AWS writes times in; each has a codec in the generated helpers.</summary>
internal static class DateFormats
{
    public const string Milliseconds = nameof(Milliseconds);
    public const string Seconds = nameof(Seconds);
}
