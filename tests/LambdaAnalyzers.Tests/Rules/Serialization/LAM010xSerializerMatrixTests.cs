using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Serialization;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Serialization.SerializationSources;

namespace LambdaAnalyzers.Tests.Rules.Serialization;

/// <summary>
/// Every construct the serialization model handles, under each serializer it applies to, in a
/// must-flag and a must-not-flag form. Each case runs all four serialization rules (LAM0100–LAM0103)
/// and expects exactly the listed diagnostics (rule, location, message with the member path) — an
/// empty list means none of the four reports anything. Read the table as construct × serializer:
/// <list type="bullet">
/// <item><c>Stj</c>: the System.Text.Json reflection serializer (<c>DefaultLambdaJsonSerializer</c>);
/// <c>Camel</c> (<c>CamelCaseLambdaJsonSerializer</c>) shares its model, shown by the first construct.</item>
/// <item><c>Sg</c>: <c>SourceGeneratorLambdaJsonSerializer&lt;Ctx&gt;</c>, <c>Ctx</c> listing the handler's root types.</item>
/// <item><c>Nj</c>: the Newtonsoft-based <c>Amazon.Lambda.Serialization.Json.JsonSerializer</c>, which honours
/// Newtonsoft's own attributes and none of System.Text.Json's.</item>
/// </list>
/// </summary>
public sealed class LAM010xSerializerMatrixTests
{
    private const string Delegate = "a delegate";
    private const string Reflection = "a reflection type";
    private const string OtherStream = "a Stream other than MemoryStream";
    private const string BadKey = "a dictionary whose key type is not supported";
    private const string Abstract = "no [JsonPolymorphic]/[JsonDerivedType] metadata (an interface or abstract type)";
    private const string Several = "several public constructors and none marked [JsonConstructor]";
    private const string FieldSkipped = "a public field, skipped without IncludeFields or [JsonInclude]";

    /// <summary>Converters the cases share: for <c>Action</c> and for <c>Type</c> (System.Text.Json), for anything (Newtonsoft).</summary>
    private const string Converters = """
        public sealed class StjActionConverter : JsonConverter<Action>
        {
            public override Action Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => () => { };
            public override void Write(System.Text.Json.Utf8JsonWriter writer, Action value, System.Text.Json.JsonSerializerOptions options) => writer.WriteNullValue();
        }
        public sealed class StjTypeConverter : JsonConverter<Type>
        {
            public override Type Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => typeof(int);
            public override void Write(System.Text.Json.Utf8JsonWriter writer, Type value, System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
        }
        public sealed class StjCallbackConverter : JsonConverter<Callback>
        {
            public override Callback Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => new();
            public override void Write(System.Text.Json.Utf8JsonWriter writer, Callback value, System.Text.Json.JsonSerializerOptions options) => writer.WriteNullValue();
        }
        public sealed class StjAnyConverterFactory : JsonConverterFactory
        {
            public override bool CanConvert(Type typeToConvert) => true;
            public override JsonConverter? CreateConverter(Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => null;
        }
        public sealed class NjConverter : Newtonsoft.Json.JsonConverter
        {
            public override bool CanConvert(Type objectType) => true;
            public override object? ReadJson(Newtonsoft.Json.JsonReader reader, Type objectType, object? existingValue, Newtonsoft.Json.JsonSerializer serializer) => null;
            public override void WriteJson(Newtonsoft.Json.JsonWriter writer, object? value, Newtonsoft.Json.JsonSerializer serializer) => writer.WriteNull();
        }

        """;

    private static readonly Case[] Table =
    {
        // ---- Task<T> / ValueTask<T>: the serializer writes the T. -------------------------------
        Flags("Task<T> output", Ser.Stj, Out("Task<Receipt>"), "public class Receipt { public string Id { get; set; } = \"\"; public Action? OnPrinted { get; set; } }", W("Receipt.OnPrinted: System.Action?", Delegate)),
        Flags("Task<T> output", Ser.Sg, Out("Task<Receipt>"), "public class Receipt { public string Id { get; set; } = \"\"; public Action? OnPrinted { get; set; } }", W("Receipt.OnPrinted: System.Action?", Delegate)),
        Flags("Task<T> output", Ser.Nj, Out("Task<Receipt>"), "public class Receipt { public string Id { get; set; } = \"\"; public Action? OnPrinted { get; set; } }", W("Receipt.OnPrinted: System.Action?", Delegate)),
        Ignores("Task<T> output", Ser.Stj, Out("Task<Receipt>"), "public class Receipt { public string Id { get; set; } = \"\"; }"),
        Ignores("Task<T> output", Ser.Sg, Out("Task<Receipt>"), "public class Receipt { public string Id { get; set; } = \"\"; }"),
        Ignores("Task<T> output", Ser.Nj, Out("Task<Receipt>"), "public class Receipt { public string Id { get; set; } = \"\"; }"),
        Flags("Task<T> output", Ser.Camel, Out("Task<Receipt>"), "public class Receipt { public string Id { get; set; } = \"\"; public Action? OnPrinted { get; set; } }", W("Receipt.OnPrinted: System.Action?", Delegate)),
        Ignores("Task<T> output", Ser.Camel, Out("Task<Receipt>"), "public class Receipt { public string Id { get; set; } = \"\"; }"),
        Flags("ValueTask<T> output", Ser.Stj, Out("ValueTask<Receipt>"), "public class Receipt { public Func<int>? Total { get; set; } }", W("Receipt.Total: System.Func<int>?", Delegate)),
        Flags("ValueTask<T> output", Ser.Sg, Out("ValueTask<Receipt>"), "public class Receipt { public Func<int>? Total { get; set; } }", W("Receipt.Total: System.Func<int>?", Delegate)),
        Flags("ValueTask<T> output", Ser.Nj, Out("ValueTask<Receipt>"), "public class Receipt { public Func<int>? Total { get; set; } }", W("Receipt.Total: System.Func<int>?", Delegate)),
        Ignores("ValueTask<T> output", Ser.Stj, Out("ValueTask<Receipt>"), "public class Receipt { public int Total { get; set; } }"),
        Ignores("ValueTask<T> output", Ser.Sg, Out("ValueTask<Receipt>"), "public class Receipt { public int Total { get; set; } }"),
        Ignores("ValueTask<T> output", Ser.Nj, Out("ValueTask<Receipt>"), "public class Receipt { public int Total { get; set; } }"),

        // ---- Properties: public getters are written, non-public ones are not (every serializer). --
        Flags("get-only property", Ser.Stj, Out("Receipt"), "public class Receipt { public Action Run => () => { }; }", W("Receipt.Run: System.Action", Delegate)),
        Flags("get-only property", Ser.Sg, Out("Receipt"), "public class Receipt { public Action Run => () => { }; }", W("Receipt.Run: System.Action", Delegate)),
        Flags("get-only property", Ser.Nj, Out("Receipt"), "public class Receipt { public Action Run => () => { }; }", W("Receipt.Run: System.Action", Delegate)),
        Ignores("non-public property", Ser.Stj, Out("Receipt"), "public class Receipt { private Action? Hidden { get; set; } internal Type? Kind { get; set; } public Action? Later { private get; set; } public string Id { get; set; } = \"\"; }"),
        Ignores("non-public property", Ser.Sg, Out("Receipt"), "public class Receipt { private Action? Hidden { get; set; } internal Type? Kind { get; set; } public Action? Later { private get; set; } public string Id { get; set; } = \"\"; }"),
        Ignores("non-public property", Ser.Nj, Out("Receipt"), "public class Receipt { private Action? Hidden { get; set; } internal Type? Kind { get; set; } public Action? Later { private get; set; } public string Id { get; set; } = \"\"; }"),

        // ---- Fields: System.Text.Json skips them (data loss, and a bad field type is never written)
        //      unless IncludeFields/[JsonInclude]; Newtonsoft writes public fields. -----------------
        Flags("public field", Ser.Stj, Out("Receipt"), "public class Receipt { public Action? OnPrinted; }", L("Receipt.OnPrinted: System.Action?", FieldSkipped)),
        Flags("public field with IncludeFields", Ser.Sg, Out("Receipt"), "public class Receipt { public Action? OnPrinted; }", W("Receipt.OnPrinted: System.Action?", Delegate)).WithOptions("[JsonSourceGenerationOptions(IncludeFields = true)]"),
        Flags("public field", Ser.Nj, Out("Receipt"), "public class Receipt { public Action? OnPrinted; }", W("Receipt.OnPrinted: System.Action?", Delegate)),
        Ignores("non-public, static and const fields", Ser.Stj, Out("Receipt"), "public class Receipt { private Action? _hidden = null; public static Action? Shared; public const string Kind = \"k\"; public Action? Hidden() => _hidden; }"),
        Ignores("public field with IncludeFields", Ser.Sg, Out("Receipt"), "public class Receipt { public string Note = \"\"; }").WithOptions("[JsonSourceGenerationOptions(IncludeFields = true)]"),
        Ignores("public field", Ser.Nj, Out("Receipt"), "public class Receipt { public string Note = \"\"; public static Action? Shared; }"),

        // ---- Generics: closed generic types are walked with their type arguments. ----------------
        Flags("closed generic", Ser.Stj, Out("Envelope<Receipt>"), "public class Envelope<T> { public T Value { get; set; } = default!; } public class Receipt { public Action? OnPrinted { get; set; } }", W("Envelope<Receipt>.Value.OnPrinted: System.Action?", Delegate)),
        Flags("closed generic", Ser.Sg, Out("Envelope<Receipt>"), "public class Envelope<T> { public T Value { get; set; } = default!; } public class Receipt { public Action? OnPrinted { get; set; } }", W("Envelope<Receipt>.Value.OnPrinted: System.Action?", Delegate)),
        Flags("closed generic", Ser.Nj, Out("Envelope<Receipt>"), "public class Envelope<T> { public T Value { get; set; } = default!; } public class Receipt { public Action? OnPrinted { get; set; } }", W("Envelope<Receipt>.Value.OnPrinted: System.Action?", Delegate)),
        Ignores("closed generic", Ser.Stj, Out("Envelope<Receipt>"), "public class Envelope<T> { public T Value { get; set; } = default!; } public class Receipt { public string Id { get; set; } = \"\"; }"),
        Ignores("closed generic", Ser.Sg, Out("Envelope<Receipt>"), "public class Envelope<T> { public T Value { get; set; } = default!; } public class Receipt { public string Id { get; set; } = \"\"; }"),
        Ignores("closed generic", Ser.Nj, Out("Envelope<Receipt>"), "public class Envelope<T> { public T Value { get; set; } = default!; } public class Receipt { public string Id { get; set; } = \"\"; }"),
        // Open type parameters come only from generic handlers, which the runtime rejects at Init (LAM0002 says
        // so): no invoke reaches the serializer, so no serialization rule adds to it. A source-generated
        // context cannot list one (typeof(T) is not a constant), so Sg does not apply.
        Ignores("open generic", Ser.Stj, new Handler("string", "Envelope<T>", "<T>"), "public class Envelope<T> { public T Value { get; set; } = default!; }"),
        Ignores("open generic", Ser.Nj, new Handler("T", "Envelope<T>", "<T>"), "public class Envelope<T> { public T Value { get; set; } = default!; }"),

        // ---- Collections: elements are walked ([] in the path); collection interfaces are creatable.
        Flags("collection elements", Ser.Stj, Out("Receipt"), "public class Line { public Func<int>? Total { get; set; } } public class Receipt { public IReadOnlyList<Line> Lines { get; set; } = new List<Line>(); }", W("Receipt.Lines[].Total: System.Func<int>?", Delegate)),
        Flags("collection elements", Ser.Sg, Out("Receipt"), "public class Line { public Func<int>? Total { get; set; } } public class Receipt { public Line[] Lines { get; set; } = new Line[0]; }", W("Receipt.Lines[].Total: System.Func<int>?", Delegate)),
        Flags("collection elements", Ser.Nj, Out("Receipt"), "public class Line { public Func<int>? Total { get; set; } } public class Receipt { public HashSet<Line> Lines { get; set; } = new(); }", W("Receipt.Lines[].Total: System.Func<int>?", Delegate)),
        Ignores("collection interfaces read", Ser.Stj, In("Order"), "public class Line { public string Sku { get; set; } = \"\"; } public class Order { public IReadOnlyList<Line> Lines { get; set; } = new List<Line>(); public IList<string> Tags { get; set; } = new List<string>(); public ISet<int> Codes { get; set; } = new HashSet<int>(); public byte[] Raw { get; set; } = new byte[0]; }"),
        Ignores("collection interfaces read", Ser.Sg, In("Order"), "public class Line { public string Sku { get; set; } = \"\"; } public class Order { public IReadOnlyList<Line> Lines { get; set; } = new List<Line>(); public IList<string> Tags { get; set; } = new List<string>(); public ISet<int> Codes { get; set; } = new HashSet<int>(); public byte[] Raw { get; set; } = new byte[0]; }"),
        Ignores("collection interfaces read", Ser.Nj, In("Order"), "public class Line { public string Sku { get; set; } = \"\"; } public class Order { public IReadOnlyList<Line> Lines { get; set; } = new List<Line>(); public IList<string> Tags { get; set; } = new List<string>(); public ISet<int> Codes { get; set; } = new HashSet<int>(); public byte[] Raw { get; set; } = new byte[0]; }"),

        // ---- Dictionaries: values are walked; System.Text.Json supports only primitive-like keys.
        Flags("dictionary key type", Ser.Stj, Out("Receipt"), "public class Key { public int A { get; set; } } public class Receipt { public Dictionary<Key, int> Counts { get; set; } = new(); }", W("Receipt.Counts: System.Collections.Generic.Dictionary<Key, int>", BadKey)),
        Flags("dictionary key type", Ser.Sg, Out("Receipt"), "public class Key { public int A { get; set; } } public class Receipt { public IReadOnlyDictionary<Key, int> Counts { get; set; } = new Dictionary<Key, int>(); }", W("Receipt.Counts: System.Collections.Generic.IReadOnlyDictionary<Key, int>", BadKey)),
        // Newtonsoft writes any key with ToString(): its flag case is the value type.
        Flags("dictionary value type", Ser.Nj, Out("Receipt"), "public class Receipt { public Dictionary<string, Action> Handlers { get; set; } = new(); }", W("Receipt.Handlers[]: System.Action", Delegate)),
        Ignores("dictionary key types", Ser.Stj, Out("Receipt"), "public class Line { public string Sku { get; set; } = \"\"; } public class Receipt { public Dictionary<string, int> A { get; set; } = new(); public Dictionary<int, Line> B { get; set; } = new(); public IReadOnlyDictionary<Guid, string> C { get; set; } = new Dictionary<Guid, string>(); public Dictionary<DayOfWeek, string> D { get; set; } = new(); }"),
        Ignores("dictionary key types", Ser.Sg, Out("Receipt"), "public class Line { public string Sku { get; set; } = \"\"; } public class Receipt { public Dictionary<string, int> A { get; set; } = new(); public Dictionary<int, Line> B { get; set; } = new(); public IReadOnlyDictionary<Guid, string> C { get; set; } = new Dictionary<Guid, string>(); public Dictionary<DayOfWeek, string> D { get; set; } = new(); }"),
        Ignores("dictionary key types", Ser.Nj, Out("Receipt"), "public class Key { public int A { get; set; } } public class Receipt { public Dictionary<Key, int> Counts { get; set; } = new(); public Dictionary<Guid, string> C { get; set; } = new(); }"),

        // ---- Records and primary constructors (reading). ------------------------------------------
        Flags("primary constructor", Ser.Stj, In("Order"), "public class Order(string id, string region) { public string Id { get; } = id; public override string ToString() => region; }", R("Order: Order", "constructor parameter 'region' binds to no property or field")),
        Flags("primary constructor", Ser.Sg, In("Order"), "public class Order(string id, string region) { public string Id { get; } = id; public override string ToString() => region; }", R("Order: Order", "constructor parameter 'region' binds to no property or field")),
        Flags("record with two constructors", Ser.Nj, In("Order"), "public record Order(string Id) { public Order(int number) : this(number.ToString()) { } }", R("Order: Order", Several)),
        Ignores("records and primary constructors", Ser.Stj, In("Order"), "public record Line(string Sku, int Quantity); public class Order(string id) { public string Id { get; } = id; public List<Line> Lines { get; set; } = new(); }"),
        Ignores("records and primary constructors", Ser.Sg, In("Order"), "public record Line(string Sku, int Quantity); public class Order(string id) { public string Id { get; } = id; public List<Line> Lines { get; set; } = new(); }"),
        // Newtonsoft passes a default for a constructor parameter it cannot match.
        Ignores("records and primary constructors", Ser.Nj, In("Order"), "public record Line(string Sku, int Quantity); public class Order(string id, string region) { public string Id { get; } = id; public List<Line> Lines { get; set; } = new(); public override string ToString() => region; }"),

        // ---- [JsonConstructor]: each serializer honours only its own attribute. --------------------
        Flags("Newtonsoft's [JsonConstructor]", Ser.Stj, In("Order"), TwoConstructors("[Newtonsoft.Json.JsonConstructor]"), R("Order: Order", Several)),
        Flags("Newtonsoft's [JsonConstructor]", Ser.Sg, In("Order"), TwoConstructors("[Newtonsoft.Json.JsonConstructor]"), R("Order: Order", Several)),
        Flags("System.Text.Json's [JsonConstructor]", Ser.Nj, In("Order"), TwoConstructors("[JsonConstructor]"), R("Order: Order", Several)),
        Ignores("System.Text.Json's [JsonConstructor]", Ser.Stj, In("Order"), TwoConstructors("[JsonConstructor]")),
        Ignores("System.Text.Json's [JsonConstructor]", Ser.Sg, In("Order"), TwoConstructors("[JsonConstructor]")),
        Ignores("Newtonsoft's [JsonConstructor]", Ser.Nj, In("Order"), TwoConstructors("[Newtonsoft.Json.JsonConstructor]")),

        // ---- [JsonIgnore]: each serializer honours only its own; only Condition = Always drops a member.
        Flags("Newtonsoft's [JsonIgnore]", Ser.Stj, Out("Receipt"), "public class Receipt { [Newtonsoft.Json.JsonIgnore] public Action? OnPrinted { get; set; } }", W("Receipt.OnPrinted: System.Action?", Delegate)),
        Flags("[JsonIgnore(Condition = WhenWritingNull)]", Ser.Sg, Out("Receipt"), "public class Receipt { [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Action? OnPrinted { get; set; } }", W("Receipt.OnPrinted: System.Action?", Delegate)),
        Flags("System.Text.Json's [JsonIgnore]", Ser.Nj, Out("Receipt"), "public class Receipt { [JsonIgnore] public Action? OnPrinted { get; set; } }", W("Receipt.OnPrinted: System.Action?", Delegate)),
        Ignores("System.Text.Json's [JsonIgnore]", Ser.Stj, Out("Receipt"), "public class Receipt { [JsonIgnore] public Action? OnPrinted { get; set; } [JsonIgnore(Condition = JsonIgnoreCondition.Always)] public Type? Kind { get; set; } }"),
        Ignores("System.Text.Json's [JsonIgnore]", Ser.Sg, Out("Receipt"), "public class Receipt { [JsonIgnore] public Action? OnPrinted { get; set; } [JsonIgnore(Condition = JsonIgnoreCondition.Always)] public Type? Kind { get; set; } }"),
        Ignores("Newtonsoft's [JsonIgnore]", Ser.Nj, Out("Receipt"), "public class Receipt { [Newtonsoft.Json.JsonIgnore] public Action? OnPrinted { get; set; } }"),

        // ---- [JsonInclude] (System.Text.Json) / [JsonProperty] (Newtonsoft) bring members in. --------
        Flags("[JsonInclude] field", Ser.Stj, Out("Receipt"), "public class Receipt { [JsonInclude] public Action? OnPrinted; }", W("Receipt.OnPrinted: System.Action?", Delegate)),
        Flags("[JsonInclude] field", Ser.Sg, Out("Receipt"), "public class Receipt { [JsonInclude] public Action? OnPrinted; }", W("Receipt.OnPrinted: System.Action?", Delegate)),
        Flags("[JsonProperty] private property", Ser.Nj, Out("Receipt"), "public class Receipt { [Newtonsoft.Json.JsonProperty] private Action? OnPrinted { get; set; } }", W("Receipt.OnPrinted: System.Action?", Delegate)),
        Ignores("[JsonInclude] field", Ser.Stj, Out("Receipt"), "public class Receipt { [JsonInclude] public string Note = \"\"; }"),
        Ignores("[JsonInclude] field", Ser.Sg, Out("Receipt"), "public class Receipt { [JsonInclude] public string Note = \"\"; }"),
        Ignores("[JsonInclude] private property", Ser.Nj, Out("Receipt"), "public class Receipt { [JsonInclude] private Action? OnPrinted { get; set; } }"),

        // ---- [JsonPolymorphic]/[JsonDerivedType]: makes abstract input readable and derived types
        //      written (System.Text.Json only; Newtonsoft ignores them). -----------------------------
        Flags("abstract input without metadata", Ser.Stj, In("Shape"), "public abstract class Shape { } public class Circle : Shape { public double Radius { get; set; } }", R("Shape: Shape", Abstract)),
        Flags("abstract input without metadata", Ser.Sg, In("Shape"), "public abstract class Shape { } public class Circle : Shape { public double Radius { get; set; } }", R("Shape: Shape", Abstract)),
        Flags("abstract input with [JsonDerivedType]", Ser.Nj, In("Shape"), Polymorphic("public double Radius { get; set; }"), R("Shape: Shape", Abstract)),
        Ignores("abstract input with [JsonDerivedType]", Ser.Stj, In("Shape"), Polymorphic("public double Radius { get; set; }")),
        Ignores("abstract input with [JsonDerivedType]", Ser.Sg, In("Shape"), Polymorphic("public double Radius { get; set; }")),
        Ignores("abstract output", Ser.Nj, Out("Shape"), "public abstract class Shape { public string Name { get; set; } = \"\"; }"),
        Flags("[JsonDerivedType] written", Ser.Stj, Out("Shape"), Polymorphic("public Action? OnDraw { get; set; }"), W("Shape(Circle).OnDraw: System.Action?", Delegate)),
        Flags("[JsonDerivedType] written", Ser.Sg, Out("Shape"), Polymorphic("public Action? OnDraw { get; set; }"), W("Shape(Circle).OnDraw: System.Action?", Delegate)),
        // Newtonsoft ignores System.Text.Json's metadata and writes the runtime type, which no static
        // graph knows: its must-not-flag case is the "abstract output" row above.

        // ---- [JsonConverter] on a property: each serializer honours only its own. -----------------
        Flags("Newtonsoft's [JsonConverter] on a property", Ser.Stj, Out("Receipt"), Converters + "public class Callback { } public class Receipt { [Newtonsoft.Json.JsonConverter(typeof(NjConverter))] public Type? Kind { get; set; } }", W("Receipt.Kind: System.Type?", Reflection)),
        Flags("Newtonsoft's [JsonConverter] on a property", Ser.Sg, Out("Receipt"), Converters + "public class Callback { } public class Receipt { [Newtonsoft.Json.JsonConverter(typeof(NjConverter))] public Type? Kind { get; set; } }", W("Receipt.Kind: System.Type?", Reflection)),
        Flags("System.Text.Json's [JsonConverter] on a property", Ser.Nj, Out("Receipt"), Converters + "public class Callback { } public class Receipt { [JsonConverter(typeof(StjActionConverter))] public Action? Run { get; set; } }", W("Receipt.Run: System.Action?", Delegate)),
        Ignores("System.Text.Json's [JsonConverter] on a property", Ser.Stj, Out("Receipt"), Converters + "public class Callback { } public class Receipt { [JsonConverter(typeof(StjTypeConverter))] public Type? Kind { get; set; } }"),
        Ignores("System.Text.Json's [JsonConverter] on a property", Ser.Sg, Out("Receipt"), Converters + "public class Callback { } public class Receipt { [JsonConverter(typeof(StjTypeConverter))] public Type? Kind { get; set; } }"),
        Ignores("Newtonsoft's [JsonConverter] on a property", Ser.Nj, Out("Receipt"), Converters + "public class Callback { } public class Receipt { [Newtonsoft.Json.JsonConverter(typeof(NjConverter))] public Action? Run { get; set; } }"),

        // ---- [JsonConverter] on a type: each serializer honours only its own. ----------------------
        Flags("Newtonsoft's [JsonConverter] on a type", Ser.Stj, Out("Receipt"), Converters + "[Newtonsoft.Json.JsonConverter(typeof(NjConverter))] public class Callback { public Action? Run { get; set; } } public class Receipt { public Callback Done { get; set; } = new(); }", W("Receipt.Done.Run: System.Action?", Delegate)),
        Flags("Newtonsoft's [JsonConverter] on a type", Ser.Sg, Out("Receipt"), Converters + "[Newtonsoft.Json.JsonConverter(typeof(NjConverter))] public class Callback { public Action? Run { get; set; } } public class Receipt { public Callback Done { get; set; } = new(); }", W("Receipt.Done.Run: System.Action?", Delegate)),
        Flags("System.Text.Json's [JsonConverter] on a type", Ser.Nj, Out("Receipt"), Converters + "[JsonConverter(typeof(StjCallbackConverter))] public class Callback { public Action? Run { get; set; } } public class Receipt { public Callback Done { get; set; } = new(); }", W("Receipt.Done.Run: System.Action?", Delegate)),
        Ignores("System.Text.Json's [JsonConverter] on a type", Ser.Stj, Out("Receipt"), Converters + "[JsonConverter(typeof(StjCallbackConverter))] public class Callback { public Action? Run { get; set; } } public class Receipt { public Callback Done { get; set; } = new(); }"),
        Ignores("System.Text.Json's [JsonConverter] on a type", Ser.Sg, Out("Receipt"), Converters + "[JsonConverter(typeof(StjCallbackConverter))] public class Callback { public Action? Run { get; set; } } public class Receipt { public Callback Done { get; set; } = new(); }"),
        Ignores("Newtonsoft's [JsonConverter] on a type", Ser.Nj, Out("Receipt"), Converters + "[Newtonsoft.Json.JsonConverter(typeof(NjConverter))] public class Callback { public Action? Run { get; set; } } public class Receipt { public Callback Done { get; set; } = new(); }"),

        // ---- Converters registered in [JsonSourceGenerationOptions]: they apply to the context's own
        //      serializer only. A reflection serializer never reads a context's options; Newtonsoft
        //      has no such attribute (does not apply). -----------------------------------------------
        Flags("converter registered for another type", Ser.Sg, Out("Receipt"), Converters + "public class Callback { } public class Receipt { public Action? Run { get; set; } }", W("Receipt.Run: System.Action?", Delegate)).WithOptions("[JsonSourceGenerationOptions(Converters = new[] { typeof(StjTypeConverter) })]"),
        Flags("converter registered in an unused context", Ser.Stj, Out("Receipt"), Converters + "public class Callback { } public class Receipt { public Action? Run { get; set; } } [JsonSourceGenerationOptions(Converters = new[] { typeof(StjActionConverter) })] [JsonSerializable(typeof(Receipt))] public abstract partial class OtherCtx : JsonSerializerContext { protected OtherCtx() : base(null) { } }", W("Receipt.Run: System.Action?", Delegate)),
        Ignores("converter registered in options", Ser.Sg, Out("Receipt"), Converters + "public class Callback { } public class Receipt { public Action? Run { get; set; } }").WithOptions("[JsonSourceGenerationOptions(Converters = new[] { typeof(StjActionConverter) })]"),
        Ignores("converter factory registered in options", Ser.Sg, Out("Receipt"), Converters + "public class Callback { } public class Receipt { public Action? Run { get; set; } public Type? Kind { get; set; } }").WithOptions("[JsonSourceGenerationOptions(Converters = new[] { typeof(StjAnyConverterFactory) })]"),

        // ---- MemoryStream: Lambda's System.Text.Json serializers convert it (base64); Newtonsoft
        //      does not for the user's types. Any other Stream member fails everywhere. ------------
        Flags("Stream member", Ser.Stj, Out("Report"), "public class Report { public Stream Body { get; set; } = Stream.Null; }", W("Report.Body: System.IO.Stream", OtherStream)),
        Flags("Stream member", Ser.Sg, Out("Report"), "public class Report { public FileStream? Body { get; set; } }", W("Report.Body: System.IO.FileStream?", OtherStream)),
        Flags("MemoryStream member", Ser.Nj, Out("Report"), "public class Report { public MemoryStream Data { get; set; } = new(); }", W("Report.Data: System.IO.MemoryStream", "a MemoryStream, which only Lambda's System.Text.Json serializers convert (as base64)")),
        Ignores("MemoryStream member", Ser.Stj, new Handler("Report", "Report"), "public class Report { public MemoryStream Data { get; set; } = new(); }"),
        Ignores("MemoryStream member", Ser.Sg, new Handler("Report", "Report"), "public class Report { public MemoryStream Data { get; set; } = new(); }"),
        Ignores("Stream as the whole output", Ser.Nj, Out("Task<Stream>"), "public class Report { public byte[] Data { get; set; } = new byte[0]; }"),

        // ---- Interface-typed members: written by their declared members, never created when read.
        Flags("interface member written", Ser.Stj, Out("Receipt"), "public interface IShape { string Name { get; } Action? OnDraw { get; } } public class Receipt { public IShape? Shape { get; set; } }", W("Receipt.Shape.OnDraw: System.Action?", Delegate)),
        Flags("interface member written", Ser.Sg, Out("Receipt"), "public interface IShape { string Name { get; } Action? OnDraw { get; } } public class Receipt { public IShape? Shape { get; set; } }", W("Receipt.Shape.OnDraw: System.Action?", Delegate)),
        Flags("interface member written", Ser.Nj, Out("Receipt"), "public interface IShape { string Name { get; } Action? OnDraw { get; } } public class Receipt { public IShape? Shape { get; set; } }", W("Receipt.Shape.OnDraw: System.Action?", Delegate)),
        Ignores("interface member written", Ser.Stj, Out("Receipt"), "public interface IShape { string Name { get; } } public class Receipt { public IShape? Shape { get; set; } public object? Extra { get; set; } }"),
        Ignores("interface member written", Ser.Sg, Out("Receipt"), "public interface IShape { string Name { get; } } public class Receipt { public IShape? Shape { get; set; } public object? Extra { get; set; } }"),
        Ignores("interface member written", Ser.Nj, Out("Receipt"), "public interface IShape { string Name { get; } } public class Receipt { public IShape? Shape { get; set; } public object? Extra { get; set; } }"),
        Flags("interface member read", Ser.Stj, In("Order"), "public interface IShape { string Name { get; } } public class Order { public IShape? Shape { get; set; } }", R("Order.Shape: IShape?", Abstract)),
        Flags("interface member read", Ser.Sg, In("Order"), "public interface IShape { string Name { get; } } public class Order { public IShape? Shape { get; set; } }", R("Order.Shape: IShape?", Abstract)),
        Flags("interface member read", Ser.Nj, In("Order"), "public interface IShape { string Name { get; } } public class Order { public IShape? Shape { get; set; } }", R("Order.Shape: IShape?", Abstract)),
        Ignores("interface member read with [JsonDerivedType]", Ser.Stj, In("Order"), "[JsonDerivedType(typeof(Square), \"square\")] public interface IShape { string Name { get; } } public class Square : IShape { public string Name { get; set; } = \"\"; } public class Order { public IShape? Shape { get; set; } }"),
        Ignores("interface member read with [JsonDerivedType]", Ser.Sg, In("Order"), "[JsonDerivedType(typeof(Square), \"square\")] public interface IShape { string Name { get; } } public class Square : IShape { public string Name { get; set; } = \"\"; } public class Order { public IShape? Shape { get; set; } }"),
        // Newtonsoft cannot create an interface-typed member whatever its metadata: its must-not-flag
        // case is the interfaces it does create, collection interfaces.
        Ignores("collection interface member read", Ser.Nj, In("Order"), "public class Order { public IDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>(); public IEnumerable<string> Tags { get; set; } = new List<string>(); }"),
        // An abstract polymorphic base's own get-only members are not lost: the derived type is created and read.
        Ignores("get-only member of a polymorphic base read", Ser.Stj, In("Shape"), "[JsonDerivedType(typeof(Circle), \"circle\")] public abstract class Shape { public abstract string Kind { get; } } public class Circle : Shape { public override string Kind => \"circle\"; public double Radius { get; set; } }"),
    };

    public static TheoryData<string> Cases => new(Table.Select(c => c.Name));

    [Fact]
    public void Case_names_are_unique() => Assert.Equal(Table.Length, Table.Select(c => c.Name).Distinct().Count());

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Matrix(string name) => Table.Single(c => c.Name == name).RunAsync();

    private static string TwoConstructors(string attribute) => $$"""
        public class Order
        {
            public Order(string id) => Id = id;
            {{attribute}}
            public Order(string id, decimal total) { Id = id; Total = total; }
            public string Id { get; set; }
            public decimal Total { get; set; }
        }
        """;

    private static string Polymorphic(string circleMember) =>
        "[JsonPolymorphic] [JsonDerivedType(typeof(Circle), \"circle\")] public abstract class Shape { } public class Circle : Shape { " + circleMember + " }";

    private static Handler In(string input) => new(input, "string");

    private static Handler Out(string output) => new("string", output);

    private static Expected W(string path, string reason) => new(LAM0100UnwritableOutputAnalyzer.Rule, path, reason);

    private static Expected R(string path, string has) => new(LAM0101UncreatableInputAnalyzer.Rule, path, has);

    private static Expected L(string path, string reason) => new(LAM0103SilentDataLossAnalyzer.Rule, path, reason);

    private static Case Flags(string construct, Ser serializer, Handler handler, string types, params Expected[] expected) =>
        new(construct, serializer, handler, types, expected.ToImmutableArray());

    private static Case Ignores(string construct, Ser serializer, Handler handler, string types) =>
        new(construct, serializer, handler, types, ImmutableArray<Expected>.Empty);

    private enum Ser
    {
        Stj,
        Camel,
        Sg,
        Nj,
    }

    /// <summary>The handler's input and output as written in its signature (and its type parameters).</summary>
    private sealed record Handler(string Input, string Output, string TypeParameters = "");

    private sealed record Expected(DiagnosticDescriptor Rule, string Path, string Reason);

    private sealed record Case(string Construct, Ser Serializer, Handler Handler, string Types, ImmutableArray<Expected> Expected, string Options = "")
    {
        public string Name => $"{Construct} | {Serializer} | {(Expected.IsEmpty ? "must not flag" : "must flag")}";

        public Case WithOptions(string options) => this with { Options = options };

        public Task RunAsync()
        {
            var function = $$"""

                public class Function
                {
                    [LambdaHandler]
                    public {{Handler.Output}} {|#0:Handle|}{{Handler.TypeParameters}}({{Handler.Input}} input) => throw new NotImplementedException();
                }
                """;
            var source = Serializer switch
            {
                Ser.Stj => With(Default, Types + function),
                Ser.Camel => With(CamelCase, Types + function),
                Ser.Nj => With(NewtonsoftSerializer, Types + function),
                _ => With(SourceGenerated, Types + function + "\n" + Context()),
            };
            var library = Serializer == Ser.Nj ? "Newtonsoft.Json" : "System.Text.Json";
            var test = new AllSerializationRules { TestCode = source };
            test.TestState.AdditionalReferences.Add(NewtonsoftJson);
            foreach (var expected in Expected)
            {
                test.ExpectedDiagnostics.Add(new DiagnosticResult(expected.Rule).WithLocation(0).WithArguments("Handle", library, expected.Path, expected.Reason));
            }

            return test.RunAsync();
        }

        /// <summary>A context listing the handler's root types (unwrapped), as LAM0102 wants.</summary>
        private string Context()
        {
            var listed = new[] { Handler.Input, Handler.Output }
                .Select(Unwrap)
                .Distinct()
                .Select(type => $"[JsonSerializable(typeof({type}))]");
            return Options + "\n" + string.Join("\n", listed) + "\npublic abstract partial class Ctx : JsonSerializerContext { protected Ctx() : base(null) { } }\n";
        }

        private static string Unwrap(string type)
        {
            foreach (var wrapper in new[] { "ValueTask<", "Task<" })
            {
                if (type.StartsWith(wrapper, StringComparison.Ordinal))
                {
                    return type.Substring(wrapper.Length, type.Length - wrapper.Length - 1);
                }
            }

            return type;
        }
    }

    /// <summary>LAM0100–LAM0103 together, so a must-not-flag case proves silence from all of them.</summary>
    private sealed class AllSerializationRules : CSharpAnalyzerTest<LAM0100UnwritableOutputAnalyzer, DefaultVerifier>
    {
        public AllSerializationRules()
        {
            ReferenceAssemblies = TestReferences.Empty;
            TestState.AdditionalReferences.AddRange(TestReferences.LambdaProject);
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new DiagnosticAnalyzer[]
        {
            new LAM0100UnwritableOutputAnalyzer(),
            new LAM0101UncreatableInputAnalyzer(),
            new LAM0102TypeMissingFromContextAnalyzer(),
            new LAM0103SilentDataLossAnalyzer(),
        };
    }
}
