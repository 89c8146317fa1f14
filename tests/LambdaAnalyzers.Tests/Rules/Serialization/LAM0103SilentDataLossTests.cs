using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Serialization;
using static LambdaAnalyzers.Tests.Rules.Serialization.SerializationSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Serialization.LAM0103SilentDataLossAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Serialization;

public sealed class LAM0103SilentDataLossTests
{
    private static Task Check(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        SerializationSources.VerifyAsync<LAM0103SilentDataLossAnalyzer>(source, expected);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expect(string serializer, string path, string reason) =>
        Verify.Diagnostic().WithLocation(0).WithArguments("Handle", serializer, path, reason);

    [Fact]
    public Task Flags_public_field_under_system_text_json() => Check(With(Default, """
        public class Receipt { public string Id = ""; }
        public class Function
        {
            [LambdaHandler]
            public Receipt {|#0:Handle|}(string input) => new Receipt();
        }
        """), Expect("System.Text.Json", "Receipt.Id: string", "a public field, skipped without IncludeFields or [JsonInclude]"));

    [Fact]
    public Task Flags_input_property_with_private_setter() => Check(With(Default, """
        public class Order { public string Id { get; private set; } = ""; }
        public class Function
        {
            [LambdaHandler]
            public void {|#0:Handle|}(Order order) { }
        }
        """), Expect("System.Text.Json", "Order.Id: string", "no public setter and no constructor parameter sets it"));

    [Fact]
    public Task Flags_get_only_collection_under_system_text_json() => Check(With(Default, """
        public class Order { public List<string> Tags { get; } = new(); }
        public class Function
        {
            [LambdaHandler]
            public void {|#0:Handle|}(Order order) { }
        }
        """), Expect("System.Text.Json", "Order.Tags: System.Collections.Generic.List<string>", "no public setter and no constructor parameter sets it"));

    [Fact]
    public Task Flags_members_colliding_ignoring_case() => Check(With(CamelCase, """
        public class Receipt { public string Url { get; set; } = ""; public string URL { get; set; } = ""; }
        public class Function
        {
            [LambdaHandler]
            public Receipt {|#0:Handle|}(string input) => new Receipt();
        }
        """), Expect("System.Text.Json", "Receipt.URL: string", "its JSON name collides with 'Url'"));

    [Fact]
    public Task Ignores_fields_under_newtonsoft() => Check(With(NewtonsoftSerializer, """
        public class Receipt { public string Id = ""; }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(Receipt input) => input;
        }
        """));

    [Fact]
    public Task Ignores_get_only_collections_under_newtonsoft() => Check(With(NewtonsoftSerializer, """
        public class Order { public List<string> Tags { get; } = new(); }
        public class Function
        {
            [LambdaHandler]
            public void Handle(Order order) { }
        }
        """));

    [Fact]
    public Task Ignores_included_fields_and_fields_with_IncludeFields() => Check(With(SourceGenerated, """
        public class Receipt { [JsonInclude] public string Id = ""; }
        public class Line { public int Count; }
        [JsonSourceGenerationOptions(IncludeFields = true)]
        [JsonSerializable(typeof(Receipt))]
        [JsonSerializable(typeof(Line))]
        public abstract partial class Ctx : JsonSerializerContext { protected Ctx() : base(null) { } }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(Line input) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_computed_and_constructor_set_properties() => Check(With(Default, """
        public class Order(string id)
        {
            public string Id { get; } = id;
            public string Key => Id.ToUpperInvariant();
        }
        public class Function
        {
            [LambdaHandler]
            public void Handle(Order order) { }
        }
        """));
}
