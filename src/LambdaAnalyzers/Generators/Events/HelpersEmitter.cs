using System.Collections.Generic;
using System.Linq;
using LambdaAnalyzers.KnownTypes;

namespace LambdaAnalyzers.Generators.Events;

/// <summary>
/// Writes what every set of generated event types shares: the codec interface and the codecs of JSON values and
/// collections (<c>LambdaEventsJson</c>), and the public resolver that hands out type information for every
/// generated class.
/// </summary>
internal static class HelpersEmitter
{
    public const string JsonClass = "LambdaEventsJson";
    public const string ResolverClass = "LambdaEventsJsonResolver";

    /// <summary>The resolver's own members, which no per-type property may shadow.</summary>
    private static readonly HashSet<string> ResolverMembers = new(System.StringComparer.Ordinal)
    {
        "Default", "Options", "GetTypeInfo", "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", ResolverClass,
    };

    /// <summary>The shared codecs. They depend on nothing generated, so the file is the same for every project but its namespace.</summary>
    public static string Json(string ns) => EventsEmitter.Header + $$"""
        namespace {{ns}}
        {
            /// <summary>
            /// The reflection-free serialization of the generated event types: a codec per type reads and writes the exact
            /// JSON names AWS uses with Utf8JsonReader and Utf8JsonWriter, and a JsonConverter wraps it. Null properties are
            /// left out when writing, as the Lambda serializers do and as every AWS service reads them.
            /// </summary>
            [global::System.CodeDom.Compiler.GeneratedCode("{{GeneratedEventTypes.Tool}}", null)]
            internal static partial class {{JsonClass}}
            {
                /// <summary>Reads and writes one type; the reader is on the value's first token, never on a JSON null.</summary>
                internal interface ICodec<T>
                {
                    static abstract T Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options);

                    static abstract void Write(global::System.Text.Json.Utf8JsonWriter writer, T value, global::System.Text.Json.JsonSerializerOptions options);
                }

                /// <summary>The converter of a generated type: named by its [JsonConverter] and created by the resolver.</summary>
                internal sealed class CodecConverter<T, TCodec> : global::System.Text.Json.Serialization.JsonConverter<T>
                    where TCodec : ICodec<T>
                {
                    public override T? Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options) =>
                        TCodec.Read(ref reader, options);

                    public override void Write(global::System.Text.Json.Utf8JsonWriter writer, T value, global::System.Text.Json.JsonSerializerOptions options) =>
                        TCodec.Write(writer, value, options);
                }

                internal static global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> CreateTypeInfo<T, TCodec>(global::System.Text.Json.JsonSerializerOptions options)
                    where TCodec : ICodec<T> =>
                    global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<T>(options, new CodecConverter<T, TCodec>());

                internal static void ExpectObject(ref global::System.Text.Json.Utf8JsonReader reader, string type)
                {
                    if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartObject)
                    {
                        throw new global::System.Text.Json.JsonException("Expected a JSON object for " + type + " but found " + reader.TokenType + ".");
                    }
                }

                internal static void ExpectArray(ref global::System.Text.Json.Utf8JsonReader reader)
                {
                    if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartArray)
                    {
                        throw new global::System.Text.Json.JsonException("Expected a JSON array but found " + reader.TokenType + ".");
                    }
                }

                /// <summary>
                /// Moves to the next property of an object: its unescaped UTF-8 name, and the reader on its value. False at
                /// the end of the object. An escaped or split name (rare in AWS events) is unescaped into a new array.
                /// </summary>
                internal static bool NextProperty(ref global::System.Text.Json.Utf8JsonReader reader, out global::System.ReadOnlySpan<byte> name)
                {
                    reader.Read();
                    if (reader.TokenType != global::System.Text.Json.JsonTokenType.PropertyName)
                    {
                        name = default;
                        return false;
                    }

                    name = !reader.HasValueSequence && !reader.ValueIsEscaped
                        ? reader.ValueSpan
                        : global::System.Text.Encoding.UTF8.GetBytes(reader.GetString()!);
                    reader.Read();
                    return true;
                }

                internal static void WriteOrNull<T, TCodec>(global::System.Text.Json.Utf8JsonWriter writer, T value, global::System.Text.Json.JsonSerializerOptions options)
                    where TCodec : ICodec<T>
                {
                    if (value is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        TCodec.Write(writer, value, options);
                    }
                }

                internal readonly struct StringCodec : ICodec<string>
                {
                    public static string Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) => reader.GetString()!;

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, string value, global::System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value);
                }

                internal readonly struct BooleanCodec : ICodec<bool>
                {
                    public static bool Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) => reader.GetBoolean();

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, bool value, global::System.Text.Json.JsonSerializerOptions options) => writer.WriteBooleanValue(value);
                }

                internal readonly struct Int32Codec : ICodec<int>
                {
                    public static int Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) => reader.GetInt32();

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, int value, global::System.Text.Json.JsonSerializerOptions options) => writer.WriteNumberValue(value);
                }

                internal readonly struct Int64Codec : ICodec<long>
                {
                    public static long Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) => reader.GetInt64();

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, long value, global::System.Text.Json.JsonSerializerOptions options) => writer.WriteNumberValue(value);
                }

                internal readonly struct DoubleCodec : ICodec<double>
                {
                    public static double Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) => reader.GetDouble();

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, double value, global::System.Text.Json.JsonSerializerOptions options) => writer.WriteNumberValue(value);
                }

                internal readonly struct DecimalCodec : ICodec<decimal>
                {
                    public static decimal Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) => reader.GetDecimal();

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, decimal value, global::System.Text.Json.JsonSerializerOptions options) => writer.WriteNumberValue(value);
                }

                /// <summary>A UTC time as AWS writes it to the millisecond: 2024-05-01T12:00:00.000Z.</summary>
                internal readonly struct IsoMillisecondsDateTimeCodec : ICodec<global::System.DateTime>
                {
                    public static global::System.DateTime Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) => ReadUtc(ref reader);

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, global::System.DateTime value, global::System.Text.Json.JsonSerializerOptions options) =>
                        WriteUtc(writer, value, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'");
                }

                /// <summary>A UTC time as AWS writes it to the second: 2024-05-01T12:00:00Z.</summary>
                internal readonly struct IsoSecondsDateTimeCodec : ICodec<global::System.DateTime>
                {
                    public static global::System.DateTime Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) => ReadUtc(ref reader);

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, global::System.DateTime value, global::System.Text.Json.JsonSerializerOptions options) =>
                        WriteUtc(writer, value, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'");
                }

                /// <summary>
                /// Seconds since the Unix epoch, fractions kept to the tick. A number too large to be seconds (past the year 5000)
                /// is read as milliseconds.
                /// </summary>
                internal readonly struct EpochSecondsDateTimeCodec : ICodec<global::System.DateTime>
                {
                    public static global::System.DateTime Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        var seconds = reader.TryGetDecimal(out var exact) ? exact : (decimal)reader.GetDouble();
                        if (seconds > 100_000_000_000m)
                        {
                            seconds /= 1000m;
                        }

                        return global::System.DateTime.UnixEpoch.AddTicks((long)(seconds * global::System.TimeSpan.TicksPerSecond));
                    }

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, global::System.DateTime value, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        var ticks = Utc(value).Ticks - global::System.DateTime.UnixEpoch.Ticks;
                        if (ticks % global::System.TimeSpan.TicksPerSecond == 0)
                        {
                            writer.WriteNumberValue(ticks / global::System.TimeSpan.TicksPerSecond);
                        }
                        else
                        {
                            writer.WriteNumberValue((decimal)ticks / global::System.TimeSpan.TicksPerSecond);
                        }
                    }
                }

                /// <summary>An ISO 8601 time with its offset; a zero offset is written as Z.</summary>
                internal readonly struct DateTimeOffsetCodec : ICodec<global::System.DateTimeOffset>
                {
                    public static global::System.DateTimeOffset Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) => reader.GetDateTimeOffset();

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, global::System.DateTimeOffset value, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        if (value.Offset == global::System.TimeSpan.Zero)
                        {
                            WriteUtc(writer, value.UtcDateTime, "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'");
                        }
                        else
                        {
                            writer.WriteStringValue(value);
                        }
                    }
                }

                /// <summary>Base64 text as the decoded bytes; the whole stream is written, whatever its position.</summary>
                internal readonly struct Base64StreamCodec : ICodec<global::System.IO.MemoryStream>
                {
                    public static global::System.IO.MemoryStream Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        var bytes = reader.GetBytesFromBase64();
                        return new global::System.IO.MemoryStream(bytes, 0, bytes.Length, writable: true, publiclyVisible: true);
                    }

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, global::System.IO.MemoryStream value, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        if (value.TryGetBuffer(out var buffer))
                        {
                            writer.WriteBase64StringValue(global::System.MemoryExtensions.AsSpan(buffer));
                        }
                        else
                        {
                            writer.WriteBase64StringValue(value.ToArray());
                        }
                    }
                }

                internal readonly struct ElementCodec : ICodec<global::System.Text.Json.JsonElement>
                {
                    public static global::System.Text.Json.JsonElement Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) =>
                        global::System.Text.Json.JsonElement.ParseValue(ref reader);

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, global::System.Text.Json.JsonElement value, global::System.Text.Json.JsonSerializerOptions options) =>
                        value.WriteTo(writer);
                }

                /// <summary>
                /// object values: read as JsonElement; written from JsonElement, strings, booleans and numbers directly, any other
                /// type through the type information the options resolve for it.
                /// </summary>
                internal readonly struct UntypedCodec : ICodec<object>
                {
                    public static object Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) =>
                        global::System.Text.Json.JsonElement.ParseValue(ref reader);

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, object value, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        switch (value)
                        {
                            case global::System.Text.Json.JsonElement element:
                                element.WriteTo(writer);
                                break;
                            case string text:
                                writer.WriteStringValue(text);
                                break;
                            case bool flag:
                                writer.WriteBooleanValue(flag);
                                break;
                            case int number:
                                writer.WriteNumberValue(number);
                                break;
                            case long number:
                                writer.WriteNumberValue(number);
                                break;
                            case double number:
                                writer.WriteNumberValue(number);
                                break;
                            case decimal number:
                                writer.WriteNumberValue(number);
                                break;
                            default:
                                global::System.Text.Json.JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
                                break;
                        }
                    }
                }

                internal readonly struct HttpStatusCodeCodec : ICodec<global::System.Net.HttpStatusCode>
                {
                    public static global::System.Net.HttpStatusCode Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) =>
                        (global::System.Net.HttpStatusCode)reader.GetInt32();

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, global::System.Net.HttpStatusCode value, global::System.Text.Json.JsonSerializerOptions options) =>
                        writer.WriteNumberValue((int)value);
                }

                /// <summary>A type parameter's value: through the type information the options resolve (JsonElement directly).</summary>
                internal readonly struct GenericCodec<T> : ICodec<T>
                {
                    public static T Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        if (typeof(T) == typeof(global::System.Text.Json.JsonElement))
                        {
                            return (T)(object)global::System.Text.Json.JsonElement.ParseValue(ref reader);
                        }

                        return global::System.Text.Json.JsonSerializer.Deserialize(ref reader, (global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)))!;
                    }

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, T value, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        if (value is global::System.Text.Json.JsonElement element)
                        {
                            element.WriteTo(writer);
                            return;
                        }

                        global::System.Text.Json.JsonSerializer.Serialize(writer, value, (global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
                    }
                }

                internal readonly struct ListCodec<T, TCodec> : ICodec<global::System.Collections.Generic.List<T>>
                    where TCodec : ICodec<T>
                {
                    public static global::System.Collections.Generic.List<T> Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) =>
                        ReadItems<T, TCodec>(ref reader, options);

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, global::System.Collections.Generic.List<T> value, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        writer.WriteStartArray();
                        foreach (var item in value)
                        {
                            WriteOrNull<T, TCodec>(writer, item, options);
                        }

                        writer.WriteEndArray();
                    }
                }

                internal readonly struct IListCodec<T, TCodec> : ICodec<global::System.Collections.Generic.IList<T>>
                    where TCodec : ICodec<T>
                {
                    public static global::System.Collections.Generic.IList<T> Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) =>
                        ReadItems<T, TCodec>(ref reader, options);

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, global::System.Collections.Generic.IList<T> value, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        writer.WriteStartArray();
                        for (var i = 0; i < value.Count; i++)
                        {
                            WriteOrNull<T, TCodec>(writer, value[i], options);
                        }

                        writer.WriteEndArray();
                    }
                }

                internal readonly struct ArrayCodec<T, TCodec> : ICodec<T[]>
                    where TCodec : ICodec<T>
                {
                    public static T[] Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) =>
                        ReadItems<T, TCodec>(ref reader, options).ToArray();

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, T[] value, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        writer.WriteStartArray();
                        foreach (var item in value)
                        {
                            WriteOrNull<T, TCodec>(writer, item, options);
                        }

                        writer.WriteEndArray();
                    }
                }

                internal readonly struct DictionaryCodec<T, TCodec> : ICodec<global::System.Collections.Generic.Dictionary<string, T>>
                    where TCodec : ICodec<T>
                {
                    public static global::System.Collections.Generic.Dictionary<string, T> Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) =>
                        ReadEntries<T, TCodec>(ref reader, options);

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, global::System.Collections.Generic.Dictionary<string, T> value, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        writer.WriteStartObject();
                        foreach (var entry in value)
                        {
                            writer.WritePropertyName(entry.Key);
                            WriteOrNull<T, TCodec>(writer, entry.Value, options);
                        }

                        writer.WriteEndObject();
                    }
                }

                internal readonly struct IDictionaryCodec<T, TCodec> : ICodec<global::System.Collections.Generic.IDictionary<string, T>>
                    where TCodec : ICodec<T>
                {
                    public static global::System.Collections.Generic.IDictionary<string, T> Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) =>
                        ReadEntries<T, TCodec>(ref reader, options);

                    public static void Write(global::System.Text.Json.Utf8JsonWriter writer, global::System.Collections.Generic.IDictionary<string, T> value, global::System.Text.Json.JsonSerializerOptions options)
                    {
                        writer.WriteStartObject();
                        foreach (var entry in value)
                        {
                            writer.WritePropertyName(entry.Key);
                            WriteOrNull<T, TCodec>(writer, entry.Value, options);
                        }

                        writer.WriteEndObject();
                    }
                }

                private static global::System.Collections.Generic.List<T> ReadItems<T, TCodec>(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options)
                    where TCodec : ICodec<T>
                {
                    ExpectArray(ref reader);
                    var items = new global::System.Collections.Generic.List<T>();
                    while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndArray)
                    {
                        items.Add(reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? default! : TCodec.Read(ref reader, options));
                    }

                    return items;
                }

                private static global::System.Collections.Generic.Dictionary<string, T> ReadEntries<T, TCodec>(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options)
                    where TCodec : ICodec<T>
                {
                    ExpectObject(ref reader, "a map");
                    var entries = new global::System.Collections.Generic.Dictionary<string, T>();
                    while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)
                    {
                        var key = reader.GetString()!;
                        reader.Read();
                        entries[key] = reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? default! : TCodec.Read(ref reader, options);
                    }

                    return entries;
                }

                private static global::System.DateTime ReadUtc(ref global::System.Text.Json.Utf8JsonReader reader) => Utc(reader.GetDateTime());

                /// <summary>A time without a zone is taken as UTC, which is what AWS means by it.</summary>
                private static global::System.DateTime Utc(global::System.DateTime value) => value.Kind switch
                {
                    global::System.DateTimeKind.Utc => value,
                    global::System.DateTimeKind.Local => value.ToUniversalTime(),
                    _ => global::System.DateTime.SpecifyKind(value, global::System.DateTimeKind.Utc),
                };

                private static void WriteUtc(global::System.Text.Json.Utf8JsonWriter writer, global::System.DateTime value, string format)
                {
                    global::System.Span<char> text = stackalloc char[40];
                    Utc(value).TryFormat(text, out var written, format, global::System.Globalization.CultureInfo.InvariantCulture);
                    writer.WriteStringValue(text.Slice(0, written));
                }
            }
        }

        """;

    /// <summary>
    /// The public resolver: <c>GetTypeInfo</c> for every concrete generated class, a <c>JsonTypeInfo</c> property per
    /// namespace-level class, and for generic classes a method that registers a closed type.
    /// </summary>
    public static string Resolver(string ns, IReadOnlyList<EventType> types)
    {
        var w = new SourceWriter();
        w.Block(EventsEmitter.Header);
        w.Open("namespace " + ns);
        w.Line("/// <summary>");
        w.Line("/// Type information for every generated event type, created without reflection. Combine it with your own");
        w.Line("/// context: <c>JsonTypeInfoResolver.Combine(LambdaEventsJsonResolver.Default, MyJsonContext.Default)</c>; or read and");
        w.Line("/// write one type directly: <c>JsonSerializer.Deserialize(json, LambdaEventsJsonResolver.Default.SQSEvent)</c>.");
        w.Line("/// </summary>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"{GeneratedEventTypes.Tool}\", null)]");
        w.Open($"public sealed partial class {ResolverClass} : global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver");
        const string Factory = "global::System.Func<global::System.Text.Json.JsonSerializerOptions, global::System.Text.Json.Serialization.Metadata.JsonTypeInfo>";
        const string Entry = "global::System.Collections.Generic.KeyValuePair<global::System.Type, " + Factory + ">";
        w.Line($"private readonly {Entry}[] _closedTypes;");
        w.Line("private global::System.Text.Json.JsonSerializerOptions? _options;");
        w.Line();
        w.Line($"private {ResolverClass}({Entry}[] closedTypes) => _closedTypes = closedTypes;");
        w.Line();
        var generic = types.Where(static t => t.IsGeneric && t.Form != TypeForm.Abstract && t.ResolverMethod is not null).ToList();
        w.Line("/// <summary>The resolver of every generated type" + (generic.Count > 0 ? " (and of the generic ones closed over JsonElement)." : ".") + "</summary>");
        var defaults = generic.Where(static t => t.TypeParameters.Length == 1)
            .Select(t => $"Closed<{ClosedName(ns, t, "global::System.Text.Json.JsonElement")}, {HelpersEmitterCodec(ns, t, "global::System.Text.Json.JsonElement")}>()");
        w.Line($"public static {ResolverClass} Default {{ get; }} = new(new {Entry}[] {{ {string.Join(", ", defaults)} }});".Replace("{  }", "{ }"));
        w.Line();
        w.Line("/// <summary>Options that read and write with this resolver and the relaxed escaping the Lambda serializers use.</summary>");
        w.Line("public global::System.Text.Json.JsonSerializerOptions Options");
        w.Line("{");
        w.Line("    get");
        w.Line("    {");
        w.Line("        if (_options is null)");
        w.Line("        {");
        w.Line("            var options = new global::System.Text.Json.JsonSerializerOptions");
        w.Line("            {");
        w.Line("                TypeInfoResolver = this,");
        w.Line("                Encoder = global::System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,");
        w.Line("            };");
        w.Line("            options.MakeReadOnly();");
        w.Line("            global::System.Threading.Interlocked.CompareExchange(ref _options, options, null);");
        w.Line("        }");
        w.Line();
        w.Line("        return _options;");
        w.Line("    }");
        w.Line("}");
        foreach (var type in types.Where(t => t.Container is null && !t.IsGeneric && t.Form != TypeForm.Abstract && !ResolverMembers.Contains(t.Name)))
        {
            var qualified = EventsEmitter.QualifiedName(ns, type);
            w.Line();
            w.Line($"/// <summary>The type information of {type.Name}, bound to <see cref=\"Options\"/>.</summary>");
            w.Line($"public global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{qualified}> {type.Name} =>");
            w.Line($"    (global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{qualified}>)Options.GetTypeInfo(typeof({qualified}));");
        }

        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open("public global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(global::System.Type type, global::System.Text.Json.JsonSerializerOptions options)");
        foreach (var type in types.Where(static t => !t.IsGeneric && t.Form != TypeForm.Abstract))
        {
            var qualified = EventsEmitter.QualifiedName(ns, type);
            w.Open($"if (type == typeof({qualified}))");
            w.Line($"return global::{ns}.{JsonClass}.CreateTypeInfo<{qualified}, global::{ns}.{JsonClass}.{EventsEmitter.CodecOf(type)}>(options);");
            w.Close();
            w.Line();
        }

        w.Open("foreach (var closed in _closedTypes)");
        w.Open("if (closed.Key == type)");
        w.Line("return closed.Value(options);");
        w.Close();
        w.Close();
        w.Line();
        w.Line("return null;");
        w.Close();
        foreach (var type in generic.Where(static t => t.TypeParameters.Length == 1))
        {
            // WithDetail<TDetail>: the method names what it closes.
            var argument = "T" + (type.ResolverMethod!.StartsWith("With", System.StringComparison.Ordinal) ? type.ResolverMethod.Substring(4) : type.TypeParameters[0]);
            var closed = ClosedName(ns, type, argument);
            w.Line();
            w.Line($"/// <summary>This resolver, also resolving {type.Name}&lt;{argument}&gt; (its {type.TypeParameters[0]} through the options' resolvers).</summary>");
            w.Line($"public {ResolverClass} {type.ResolverMethod}<{argument}>() =>");
            w.Line($"    new(global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Append(_closedTypes, Closed<{closed}, {HelpersEmitterCodec(ns, type, argument)}>())));");
        }

        w.Line();
        w.Line($"private static {Entry} Closed<T, TCodec>()");
        w.Line($"    where TCodec : global::{ns}.{JsonClass}.ICodec<T> =>");
        w.Line($"    new(typeof(T), static options => global::{ns}.{JsonClass}.CreateTypeInfo<T, TCodec>(options));");
        w.Close();
        w.Close();
        return w.ToString();
    }

    private static string ClosedName(string ns, EventType type, string argument) => $"global::{ns}.{type.RelativeName}<{argument}>";

    private static string HelpersEmitterCodec(string ns, EventType type, string argument) => $"global::{ns}.{JsonClass}.{type.FlatName}Codec<{argument}>";
}
