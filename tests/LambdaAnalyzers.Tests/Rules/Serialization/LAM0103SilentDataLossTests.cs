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

    [Fact]
    public Task Flags_members_an_interface_typed_output_drops() => Check(With(Default, """
        public interface IReport { string Title { get; } }
        public class SalesReport : IReport { public string Title { get; set; } = ""; public decimal Total { get; set; } }
        public abstract class Document { public string Name { get; set; } = ""; }
        public class Invoice : Document { public string Number { get; set; } = ""; }
        public class Function
        {
            [LambdaHandler]
            public IReport {|#0:Handle|}(string input) => new SalesReport();

            [LambdaHandler]
            public Task<List<Document>> {|#1:ListAsync|}(string input) => Task.FromResult(new List<Document> { new Invoice() });
        }
        """),
        Expect("System.Text.Json", "IReport(SalesReport).Total: decimal", "declared as 'IReport', whose members are all System.Text.Json writes: mark 'IReport' with [JsonDerivedType] for each implementation, or declare the concrete type"),
        Verify.Diagnostic().WithLocation(1).WithArguments("ListAsync", "System.Text.Json", "List<Document>[](Invoice).Number: string", "declared as 'Document', whose members are all System.Text.Json writes: mark 'Document' with [JsonDerivedType] for each implementation, or declare the concrete type"));

    [Fact]
    public Task Ignores_declared_types_that_write_what_the_implementation_has() => Check(With(Default, """
        public interface IReport { string Title { get; } }
        [JsonDerivedType(typeof(SalesReport), "sales")]
        public interface IPolymorphicReport { string Title { get; } }
        public class SalesReport : IReport, IPolymorphicReport { public string Title { get; set; } = ""; public decimal Total { get; set; } }
        public interface ISummary { string Title { get; } }
        public class Summary : ISummary { public string Title { get; set; } = ""; }
        public interface IUnimplemented { string Title { get; } }
        public class Function
        {
            [LambdaHandler]
            public IPolymorphicReport Polymorphic(string input) => new SalesReport();

            [LambdaHandler]
            public object AsObject(string input) => new SalesReport();

            [LambdaHandler]
            public ISummary Same(string input) => new Summary();

            [LambdaHandler]
            public IUnimplemented Elsewhere(string input) => null!;
        }
        """));

    [Fact]
    public Task Ignores_interface_typed_output_under_newtonsoft() => Check(With(NewtonsoftSerializer, """
        public interface IReport { string Title { get; } }
        public class SalesReport : IReport { public string Title { get; set; } = ""; public decimal Total { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public IReport Handle(string input) => new SalesReport();
        }
        """));

    [Fact]
    public Task Leaves_the_members_of_a_type_it_cannot_create_to_LAM0101() => Check(With(Default, """
        public class Line { public string Sku = ""; }
        public class Order
        {
            public Order(string id, int count) { Id = id; }
            public string Id { get; }
            public string Note = "";
            public string Status { get; private set; } = "";
            public Line Line { get; set; } = new();
        }
        public class Function
        {
            [LambdaHandler]
            public void {|#0:Handle|}(Order order) { }
        }
        """), Expect("System.Text.Json", "Order.Line.Sku: string", "a public field, skipped without IncludeFields or [JsonInclude]"));

    [Fact]
    public Task Ignores_types_and_members_whose_base_type_or_attributes_do_not_resolve() => SerializationSources.VerifyUnboundAsync<LAM0103SilentDataLossAnalyzer>(With(Default, """
        public class Order : Shared.EntityBase
        {
            public string Note = "";
            public string Status { get; private set; } = "";
        }
        public class Receipt
        {
            [Serialization.IncludeThis] public string Note = "";
            public Missing.Total Total { get; } = null!;
        }
        public interface IReport { string Title { get; } }
        [Missing.Polymorphic]
        public interface ITaggedReport { string Title { get; } }
        public class SalesReport : IReport, ITaggedReport { public string Title { get; set; } = ""; public decimal Total { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(Order order) => new Receipt();

            [LambdaHandler]
            public ITaggedReport Tagged(string input) => new SalesReport();
        }
        """));
}
