using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Serialization;
using static LambdaAnalyzers.Tests.Rules.Serialization.SerializationSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Serialization.LAM0100UnwritableOutputAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Serialization;

public sealed class LAM0100UnwritableOutputTests
{
    private static Task Check(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        SerializationSources.VerifyAsync<LAM0100UnwritableOutputAnalyzer>(source, expected);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expect(string handler, string serializer, string path, string reason) =>
        Verify.Diagnostic().WithLocation(0).WithArguments(handler, serializer, path, reason);

    [Fact]
    public Task Flags_delegate_member_of_task_output() => Check(With(Default, """
        public class Receipt { public string Id { get; set; } = ""; public Action OnPrinted { get; set; } = () => { }; }
        public class Function
        {
            [LambdaHandler]
            public Task<Receipt> {|#0:HandleAsync|}(string input) => Task.FromResult(new Receipt());
        }
        """), Expect("HandleAsync", "System.Text.Json", "Receipt.OnPrinted: System.Action", "a delegate"));

    [Fact]
    public Task Flags_reflection_type_member_under_camel_case() => Check(With(CamelCase, """
        public class Receipt { public Type Kind { get; set; } = typeof(int); }
        public class Function
        {
            [LambdaHandler]
            public Receipt {|#0:Handle|}(string input) => new Receipt();
        }
        """), Expect("Handle", "System.Text.Json", "Receipt.Kind: System.Type", "a reflection type"));

    [Fact]
    public Task Flags_native_integer_member() => Check(With(Default, """
        public class Receipt { public IntPtr Handle { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public Receipt {|#0:Handle|}(string input) => new Receipt();
        }
        """), Expect("Handle", "System.Text.Json", "Receipt.Handle: nint", "a native-sized integer"));

    [Fact]
    public Task Flags_stream_member_other_than_memory_stream() => Check(With(Default, """
        public class Report { public Stream Body { get; set; } = Stream.Null; }
        public class Function
        {
            [LambdaHandler]
            public ValueTask<Report> {|#0:HandleAsync|}(string input) => new(new Report());
        }
        """), Expect("HandleAsync", "System.Text.Json", "Report.Body: System.IO.Stream", "a Stream other than MemoryStream"));

    [Fact]
    public Task Flags_member_reached_through_a_collection() => Check(With(Default, """
        public class Line { public Func<int> Total { get; set; } = () => 0; }
        public class Receipt { public List<Line> Lines { get; set; } = new(); }
        public class Function
        {
            [LambdaHandler]
            public Receipt {|#0:Handle|}(string input) => new Receipt();
        }
        """), Expect("Handle", "System.Text.Json", "Receipt.Lines[].Total: System.Func<int>", "a delegate"));

    [Fact]
    public Task Flags_dictionary_with_unsupported_key_type() => Check(With(Default, """
        public class Key { public int A { get; set; } }
        public class Receipt { public Dictionary<Key, int> Counts { get; set; } = new(); }
        public class Function
        {
            [LambdaHandler]
            public Receipt {|#0:Handle|}(string input) => new Receipt();
        }
        """), Expect("Handle", "System.Text.Json", "Receipt.Counts: System.Collections.Generic.Dictionary<Key, int>", "a dictionary whose key type is not supported"));

    [Fact]
    public Task Leaves_a_generic_handler_to_LAM0002() => Check(With(Default, """
        public class Envelope<T> { public T Value { get; set; } = default!; }
        public class Function
        {
            [LambdaHandler]
            public Envelope<T> Handle<T>(T input) => new Envelope<T> { Value = input };
        }

        public class Generic<T>
        {
            [LambdaHandler]
            public static Envelope<T> Wrap(T input) => new Envelope<T> { Value = input };
        }

        public class Rejected
        {
            [LambdaHandler]
            public Receipt Handle(Order order, string tenant, ILambdaContext context) => new Receipt();
        }

        public class Order { public Order(int id) { } public Action? OnPlaced; }
        public class Receipt { public Action OnPrinted { get; set; } = () => { }; }
        """));

    [Fact]
    public Task Still_flags_a_generic_type_argument_closed_by_the_handler() => Check(With(Default, """
        public class Envelope<T> { public T Value { get; set; } = default!; }
        public class Receipt { public Action OnPrinted { get; set; } = () => { }; }
        public class Function
        {
            [LambdaHandler]
            public Envelope<Receipt> {|#0:Handle|}(string input) => new Envelope<Receipt>();
        }
        """), Expect("Handle", "System.Text.Json", "Envelope<Receipt>.Value.OnPrinted: System.Action", "a delegate"));

    [Fact]
    public Task Flags_stream_member_under_newtonsoft() => Check(With(NewtonsoftSerializer, """
        public class Report { public FileStream? Body { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public Report {|#0:Handle|}(string input) => new Report();
        }
        """), Expect("Handle", "Newtonsoft.Json", "Report.Body: System.IO.FileStream?", "a Stream other than MemoryStream"));

    [Fact]
    public Task Flags_annotations_function() => Check(With(Default, """
        public class Receipt { public Action? OnPrinted { get; set; } }
        public class Function
        {
            [Amazon.Lambda.Annotations.LambdaFunction]
            public Receipt {|#0:Handle|}(string input) => new Receipt();
        }
        """), Expect("Handle", "System.Text.Json", "Receipt.OnPrinted: System.Action?", "a delegate"));

    [Fact]
    public Task Flags_bootstrap_delegate_with_its_serializer() => Check(Usings + """
        using Amazon.Lambda.RuntimeSupport;
        using Amazon.Lambda.Serialization.SystemTextJson;
        public class Receipt { public Action? OnPrinted { get; set; } }
        public static class Program
        {
            public static Task Main() =>
                LambdaBootstrapBuilder.Create({|#0:(string input, ILambdaContext context) => Task.FromResult(new Receipt())|}, new DefaultLambdaJsonSerializer()).Build().RunAsync();
        }
        """, Expect("lambda", "System.Text.Json", "Receipt.OnPrinted: System.Action?", "a delegate"));

    [Fact]
    public Task Ignores_interface_declared_members_of_writable_shape() => Check(With(Default, """
        public interface IShape { double Area { get; } }
        public class Receipt { public IShape? Shape { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(string input) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_abstract_declared_members_of_writable_shape() => Check(With(Default, """
        public abstract class Animal { public string Name { get; set; } = ""; }
        public class Receipt { public Animal? Pet { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(string input) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_object_declared_members_of_writable_shape() => Check(With(Default, """
        
        public class Receipt { public object? Extra { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(string input) => new Receipt();
        }
        """));

    [Fact]
    public Task Flags_delegate_member_under_source_generation() => Check(With(SourceGenerated, """
        public class Receipt { public Action? OnPrinted { get; set; } }
        [JsonSerializable(typeof(Receipt))]
        [JsonSerializable(typeof(string))]
        public abstract partial class Ctx : JsonSerializerContext { protected Ctx() : base(null) { } }
        public class Function
        {
            [LambdaHandler]
            public Receipt {|#0:Handle|}(string input) => new Receipt();
        }
        """), Expect("Handle", "System.Text.Json", "Receipt.OnPrinted: System.Action?", "a delegate"));

    [Fact]
    public Task Ignores_stream_as_the_whole_return_value() => Check(With(Default, """
        public class Function
        {
            [LambdaHandler]
            public Task<Stream> HandleAsync(string input) => Task.FromResult<Stream>(new MemoryStream());
        }
        """));

    [Fact]
    public Task Ignores_memory_stream_member() => Check(With(Default, """
        public class Record { public MemoryStream Data { get; set; } = new(); }
        public class Function
        {
            [LambdaHandler]
            public Record Handle(string input) => new Record();
        }
        """));

    [Fact]
    public Task Ignores_JsonIgnored_member() => Check(With(Default, """
        public class Receipt { [JsonIgnore] public Action? OnPrinted { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(string input) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_newtonsoft_JsonIgnored_member_and_type_members() => Check(With(NewtonsoftSerializer, """
        public class Receipt { [Newtonsoft.Json.JsonIgnore] public Action? OnPrinted { get; set; } public Type Kind { get; set; } = typeof(int); }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(string input) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_property_level_converter() => Check(With(Default, """
        public sealed class TypeConverter : JsonConverter<Type>
        {
            public override Type Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => typeof(int);
            public override void Write(System.Text.Json.Utf8JsonWriter writer, Type value, System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
        }
        public class Receipt { [JsonConverter(typeof(TypeConverter))] public Type Kind { get; set; } = typeof(int); }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(string input) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_type_level_converter() => Check(With(Default, """
        public sealed class CallbackConverter : JsonConverter<Callback>
        {
            public override Callback Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => new();
            public override void Write(System.Text.Json.Utf8JsonWriter writer, Callback value, System.Text.Json.JsonSerializerOptions options) => writer.WriteNullValue();
        }
        [JsonConverter(typeof(CallbackConverter))]
        public class Callback { public Action? Run { get; set; } }
        public class Receipt { public Callback Done { get; set; } = new(); }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(string input) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_converter_registered_in_source_generation_options() => Check(With(SourceGenerated, """
        public sealed class TypeConverter : JsonConverter<Type>
        {
            public override Type Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => typeof(int);
            public override void Write(System.Text.Json.Utf8JsonWriter writer, Type value, System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
        }
        public class Receipt { public Type Kind { get; set; } = typeof(int); }
        [JsonSourceGenerationOptions(Converters = new[] { typeof(TypeConverter) })]
        [JsonSerializable(typeof(Receipt))]
        [JsonSerializable(typeof(string))]
        public abstract partial class Ctx : JsonSerializerContext { protected Ctx() : base(null) { } }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(string input) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_recursive_tree_types() => Check(With(Default, """
        public class Node { public string Name { get; set; } = ""; public List<Node> Children { get; set; } = new(); public Node? Parent { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public Node Handle(string input) => new Node();
        }
        """));

    [Fact]
    public Task Ignores_custom_serializer_even_a_subclass_of_a_known_one() => Check(With("MySerializer", """
        public class MySerializer : Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer { }
        public class Receipt { public Action? OnPrinted { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(string input) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_members_of_types_with_unresolved_bases_or_attributes() => SerializationSources.VerifyUnboundAsync<LAM0100UnwritableOutputAnalyzer>(With(Default, """
        public class Receipt : Shared.ReceiptBase { public Action OnPrinted { get; set; } = () => { }; }
        public class Report { [Missing.Ignore] public Action OnPrinted { get; set; } = () => { }; public Missing.Body Body { get; set; } = null!; }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(string input) => new Receipt();

            [LambdaHandler]
            public Report Render(string input) => new Report();

            [LambdaHandler]
            public Missing.Result Load(string input) => null!;
        }
        """));
}
