using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Serialization;
using static LambdaAnalyzers.Tests.Rules.Serialization.SerializationSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Serialization.LAM0101UncreatableInputAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Serialization;

public sealed class LAM0101UncreatableInputTests
{
    private const string Abstract = "no [JsonPolymorphic]/[JsonDerivedType] metadata (an interface or abstract type)";

    private static Task Check(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        SerializationSources.VerifyAsync<LAM0101UncreatableInputAnalyzer>(source, expected);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expect(string serializer, string path, string reason) =>
        Verify.Diagnostic().WithLocation(0).WithArguments("Handle", serializer, path, reason);

    [Fact]
    public Task Flags_interface_input() => Check(With(Default, """
        public interface IOrder { string Id { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public void {|#0:Handle|}(IOrder order) { }
        }
        """), Expect("System.Text.Json", "IOrder: IOrder", Abstract));

    [Fact]
    public Task Flags_abstract_member_in_a_list() => Check(With(Default, """
        public abstract class Shape { public string Name { get; set; } = ""; }
        public class Drawing { public List<Shape> Shapes { get; set; } = new(); }
        public class Function
        {
            [LambdaHandler]
            public void {|#0:Handle|}(Drawing drawing) { }
        }
        """), Expect("System.Text.Json", "Drawing.Shapes[]: Shape", Abstract));

    [Fact]
    public Task Flags_interface_input_under_newtonsoft() => Check(With(NewtonsoftSerializer, """
        public interface IOrder { string Id { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public void {|#0:Handle|}(IOrder order) { }
        }
        """), Expect("Newtonsoft.Json", "IOrder: IOrder", Abstract));

    [Fact]
    public Task Flags_type_without_usable_constructor() => Check(With(Default, """
        public class Order { private Order() { } public string Id { get; set; } = ""; }
        public class Function
        {
            [LambdaHandler]
            public void {|#0:Handle|}(Order order) { }
        }
        """), Expect("System.Text.Json", "Order: Order", "no public parameterless constructor, single public constructor or [JsonConstructor]"));

    [Fact]
    public Task Flags_several_public_constructors_without_JsonConstructor() => Check(With(Default, """
        public class Order
        {
            public Order(string id) { Id = id; }
            public Order(string id, decimal total) { Id = id; Total = total; }
            public string Id { get; }
            public decimal Total { get; }
        }
        public class Function
        {
            [LambdaHandler]
            public void {|#0:Handle|}(Order order) { }
        }
        """), Expect("System.Text.Json", "Order: Order", "several public constructors and none marked [JsonConstructor]"));

    [Fact]
    public Task Flags_constructor_parameter_binding_to_no_property() => Check(With(Default, """
        public class Order(string id, string region)
        {
            public string Id { get; } = id + region;
        }
        public class Function
        {
            [LambdaHandler]
            public void {|#0:Handle|}(Order order) { }
        }
        """), Expect("System.Text.Json", "Order: Order", "constructor parameter 'region' binds to no property or field"));

    [Fact]
    public Task Ignores_records_and_primary_constructors() => Check(With(Default, """
        public record Order(string Id, decimal Total);
        public class Line(string sku) { public string Sku { get; } = sku; }
        public class Cart { public Order? Order { get; set; } public List<Line> Lines { get; set; } = new(); }
        public class Function
        {
            [LambdaHandler]
            public void Handle(Cart cart) { }
        }
        """));

    [Fact]
    public Task Ignores_JsonConstructor() => Check(With(Default, """
        public class Order
        {
            [JsonConstructor]
            public Order(string id) { Id = id; }
            public Order(string id, decimal total) { Id = id; }
            public string Id { get; }
        }
        public class Function
        {
            [LambdaHandler]
            public void Handle(Order order) { }
        }
        """));

    [Fact]
    public Task Ignores_init_members() => Check(With(Default, """
        public class Order { public string Id { get; init; } = ""; }
        public class Function
        {
            [LambdaHandler]
            public void Handle(Order order) { }
        }
        """));

    [Fact]
    public Task Ignores_required_members() => Check(With(Default, """
        public class Order { public required string Id { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public void Handle(Order order) { }
        }
        """));

    [Fact]
    public Task Ignores_computed_get_only_properties() => Check(With(Default, """
        public class Order
        {
            public string Id { get; set; } = "";
            public string Region { get; set; } = "";
            public string Key => Id + Region;
        }
        public class Function
        {
            [LambdaHandler]
            public void Handle(Order order) { }
        }
        """));

    [Fact]
    public Task Flags_several_public_constructors_under_newtonsoft() => Check(With(NewtonsoftSerializer, """
        public class Order
        {
            public Order(string id) { Id = id; }
            public Order(string id, decimal total) { Id = id; }
            public string Id { get; }
        }
        public class Function
        {
            [LambdaHandler]
            public void {|#0:Handle|}(Order order) { }
        }
        """), Expect("Newtonsoft.Json", "Order: Order", "several public constructors and none marked [JsonConstructor]"));

    [Fact]
    public Task Ignores_newtonsoft_JsonConstructor() => Check(With(NewtonsoftSerializer, """
        public class Order
        {
            [Newtonsoft.Json.JsonConstructor]
            public Order(string id) { Id = id; }
            public Order(string id, decimal total) { Id = id; }
            public string Id { get; }
        }
        public class Function
        {
            [LambdaHandler]
            public void Handle(Order order) { }
        }
        """));

    [Fact]
    public Task Flags_interface_input_under_source_generation() => Check(With(SourceGenerated, """
        public interface IOrder { string Id { get; set; } }
        [JsonSerializable(typeof(IOrder))]
        public abstract partial class Ctx : JsonSerializerContext { protected Ctx() : base(null) { } }
        public class Function
        {
            [LambdaHandler]
            public void {|#0:Handle|}(IOrder order) { }
        }
        """), Expect("System.Text.Json", "IOrder: IOrder", Abstract));

    [Fact]
    public Task Ignores_interfaces_with_polymorphism_metadata_and_collection_interfaces() => Check(With(Default, """
        [JsonDerivedType(typeof(Circle), "circle")]
        public interface IShape { }
        public class Circle : IShape { public double Radius { get; set; } }
        public class Drawing
        {
            public IShape? Main { get; set; }
            public IReadOnlyList<Circle> Circles { get; set; } = new List<Circle>();
            public IDictionary<string, int> Counts { get; set; } = new Dictionary<string, int>();
            public IEnumerable<string> Tags { get; set; } = new List<string>();
        }
        public class Function
        {
            [LambdaHandler]
            public void Handle(Drawing drawing) { }
        }
        """));

    [Fact]
    public Task Ignores_unbound_constructor_parameter_under_newtonsoft() => Check(With(NewtonsoftSerializer, """
        public class Order(string id, string region)
        {
            public string Id { get; } = id + region;
        }
        public class Function
        {
            [LambdaHandler]
            public void Handle(Order order) { }
        }
        """));

    [Fact]
    public Task Ignores_aws_sdk_constant_classes() => Check(With(Default, """
        public class Request { public Amazon.S3.S3StorageClass StorageClass { get; set; } = Amazon.S3.S3StorageClass.Standard; }
        public class Function
        {
            [LambdaHandler]
            public void Handle(Request request) { }
        }
        """));

    [Fact]
    public Task Ignores_annotations_parameters_bound_from_services_or_the_request() => Check(With(Default, """
        public interface IOrders { }
        public interface IFilter { }
        public class Function
        {
            [Amazon.Lambda.Annotations.LambdaFunction]
            public void Handle([Amazon.Lambda.Annotations.FromServices] IOrders orders) { }

            [Amazon.Lambda.Annotations.LambdaFunction]
            [Amazon.Lambda.Annotations.APIGateway.HttpApi(Amazon.Lambda.Annotations.APIGateway.LambdaHttpMethod.Get, "/orders")]
            public string List([Amazon.Lambda.Annotations.APIGateway.FromQuery] string region, [Amazon.Lambda.Annotations.FromServices] IFilter filter) => region;
        }
        """));

    [Fact]
    public Task Flags_annotations_FromBody_parameter() => Check(With(Default, """
        public interface IOrder { string Id { get; set; } }
        public class Function
        {
            [Amazon.Lambda.Annotations.LambdaFunction]
            [Amazon.Lambda.Annotations.APIGateway.HttpApi(Amazon.Lambda.Annotations.APIGateway.LambdaHttpMethod.Post, "/orders")]
            public void {|#0:Handle|}([Amazon.Lambda.Annotations.FromServices] IDisposable services, [Amazon.Lambda.Annotations.APIGateway.FromBody] IOrder order) { }
        }
        """), Expect("System.Text.Json", "IOrder: IOrder", Abstract));

    [Fact]
    public Task Ignores_raw_stream_input() => Check(With(Default, """
        public class Function
        {
            [LambdaHandler]
            public void Handle(Stream input) { }
        }
        """));

    [Fact]
    public Task Flags_a_constructor_parameter_no_member_of_the_resolved_base_binds() => SerializationSources.VerifyAsync<LAM0101UncreatableInputAnalyzer>(With(Default, """
        public abstract class EntityBase { public string Tenant { get; set; } = ""; }
        public class Order : EntityBase
        {
            public Order(string id) { }
        }
        public class Function
        {
            [LambdaHandler]
            public void {|#0:Handle|}(Order order) { }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Handle", "System.Text.Json", "Order: Order", "constructor parameter 'id' binds to no property or field"));

    [Fact]
    public Task Ignores_a_type_whose_base_type_or_attributes_do_not_resolve() => SerializationSources.VerifyUnboundAsync<LAM0101UncreatableInputAnalyzer>(With(Default, """
        public class Order : Shared.EntityBase
        {
            public Order(string id) { }
        }

        [Polymorphism.KnownShapes]
        public interface IShape { }

        public class Batch { public IShape Shape { get; set; } = null!; public Missing.Line Line { get; set; } = null!; }

        public class Function
        {
            [LambdaHandler]
            public void Handle(Order order) { }

            [LambdaHandler]
            public void Place(Batch batch) { }

            [LambdaHandler]
            public void Load(Missing.Payload payload) { }
        }
        """));

    [Fact]
    public Task Leaves_a_generic_handler_to_LAM0002() => SerializationSources.VerifyAsync<LAM0101UncreatableInputAnalyzer>(With(Default, """
        public class Function
        {
            [LambdaHandler]
            public string Handle<T>(T input) => "";

            [LambdaHandler]
            public string Shape(IDisposable input, ILambdaContext context, string extra) => "";
        }
        """));
}
