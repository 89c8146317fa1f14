using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Serialization;
using LambdaAnalyzers.Tests.Infrastructure;
using static LambdaAnalyzers.Tests.Rules.Serialization.SerializationSources;
using Fix = LambdaAnalyzers.Tests.Infrastructure.CodeFixVerifier<LambdaAnalyzers.Rules.Serialization.LAM0102TypeMissingFromContextAnalyzer, LambdaAnalyzers.CodeFixes.Rules.Serialization.LAM0102TypeMissingFromContextCodeFix>;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Serialization.LAM0102TypeMissingFromContextAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Serialization;

public sealed class LAM0102TypeMissingFromContextTests
{
    private const string Context = "public abstract partial class Ctx : JsonSerializerContext { protected Ctx() : base(null) { } }";

    private static Task Check(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        SerializationSources.VerifyAsync<LAM0102TypeMissingFromContextAnalyzer>(source, expected);

    [Fact]
    public Task Flags_output_type_missing_from_the_context() => Check(With(SourceGenerated, $$"""
        public class Order { public string Id { get; set; } = ""; }
        public class Receipt { public string Id { get; set; } = ""; }
        [JsonSerializable(typeof(Order))]
        {{Context}}
        public class Function
        {
            [LambdaHandler]
            public Task<Receipt> {|#0:HandleAsync|}(Order order) => Task.FromResult(new Receipt());
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("HandleAsync", "returns", "Receipt", "Ctx"));

    [Fact]
    public Task Flags_input_type_and_its_derived_types_missing_from_the_context() => Check(With(SourceGenerated, $$"""
        [JsonDerivedType(typeof(Circle), "circle")]
        public abstract class Shape { }
        public class Circle : Shape { public double Radius { get; set; } }
        [JsonSerializable(typeof(string))]
        {{Context}}
        public class Function
        {
            [LambdaHandler]
            public string {|#0:Handle|}(Shape shape) => "";
        }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Handle", "takes", "Shape", "Ctx"),
        Verify.Diagnostic().WithLocation(0).WithArguments("Handle", "takes (as a [JsonDerivedType] of 'Shape')", "Circle", "Ctx"));

    [Fact]
    public Task Ignores_generated_event_types_which_serialize_through_their_own_resolver() => CheckWithEventTypes(With(SourceGenerated, $$"""
        [JsonSerializable(typeof(string))]
        {{Context}}
        public class Function
        {
            [LambdaHandler]
            public LambdaAnalyzers.Events.SQSBatchResponse Handle(LambdaAnalyzers.Events.SQSEvent batch) => new();

            [LambdaHandler]
            public string Tick(LambdaAnalyzers.Events.CloudWatchEvent<System.Text.Json.JsonElement> tick) => "";
        }
        """));

    [Fact]
    public Task Flags_the_user_type_a_generated_event_type_carries_when_the_context_misses_it() => CheckWithEventTypes(
        With(SourceGenerated, $$"""
            public class Placed { public string OrderId { get; set; } = ""; }
            [JsonSerializable(typeof(string))]
            {{Context}}
            public class Function
            {
                [LambdaHandler]
                public string {|#0:Handle|}(LambdaAnalyzers.Events.CloudWatchEvent<Placed> placed) => "";
            }
            """),
        Verify.Diagnostic().WithLocation(0).WithArguments("Handle", "takes (in 'LambdaAnalyzers.Events.CloudWatchEvent<Placed>')", "Placed", "Ctx"));

    /// <summary>Checks <paramref name="source"/> compiled with the event types the events generator writes for SQS and EventBridge.</summary>
    private static Task CheckWithEventTypes(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        foreach (var generated in LambdaAnalyzers.Tests.Generators.Events.EventsTestInput.GeneratedSources("LambdaAnalyzers.Runtime.LambdaEventSources.Sqs | LambdaAnalyzers.Runtime.LambdaEventSources.EventBridge"))
        {
            test.TestState.Sources.Add(generated);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Ignores_types_reached_from_a_listed_root() => Check(With(SourceGenerated, $$"""
        public class Order { public string Id { get; set; } = ""; }
        public class Batch { public List<Order> Orders { get; set; } = new(); public Order? First { get; set; } }
        [JsonSerializable(typeof(Batch))]
        {{Context}}
        public class Function
        {
            [LambdaHandler]
            public List<Order> Handle(Order order) => new();
        }
        """));

    [Fact]
    public Task Ignores_contexts_declared_in_another_assembly()
    {
        var library = TestReferences.CompileToMetadata("Contexts", """
            using System.Text.Json.Serialization;
            [JsonSerializable(typeof(string))]
            public abstract partial class ExternalCtx : JsonSerializerContext { protected ExternalCtx() : base(null) { } }
            """);
        var test = new Verify.Test
        {
            TestCode = With("Amazon.Lambda.Serialization.SystemTextJson.SourceGeneratorLambdaJsonSerializer<ExternalCtx>", """
                public class Receipt { public string Id { get; set; } = ""; }
                public class Function
                {
                    [LambdaHandler]
                    public Receipt Handle(string input) => new Receipt();
                }
                """),
        };
        test.TestState.AdditionalReferences.Add(library);
        return test.RunAsync();
    }

    [Fact]
    public Task Ignores_other_serializers() => Check(With(Default, $$"""
        public class Order { public string Id { get; set; } = ""; }
        public class Function
        {
            [LambdaHandler]
            public Order Handle(Order order) => order;
        }
        """));

    [Fact]
    public Task Fix_adds_the_missing_JsonSerializable() => Fix.VerifyAsync(With(SourceGenerated, $$"""
        public class Order { public string Id { get; set; } = ""; }
        public class Receipt { public string Id { get; set; } = ""; }
        [JsonSerializable(typeof(Order))]
        {{Context}}
        public class Function
        {
            [LambdaHandler]
            public Receipt {|#0:Handle|}(Order order) => new Receipt();
        }
        """), With(SourceGenerated, $$"""
        public class Order { public string Id { get; set; } = ""; }
        public class Receipt { public string Id { get; set; } = ""; }
        [JsonSerializable(typeof(Order))]
        [JsonSerializable(typeof(Receipt))]
        {{Context}}
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(Order order) => new Receipt();
        }
        """), Fix.Diagnostic().WithLocation(0).WithArguments("Handle", "returns", "Receipt", "Ctx"));

    [Fact]
    public Task Fix_all_in_document_adds_every_missing_type_once() => Fix.VerifyFixAllInDocumentAsync(With(SourceGenerated, $$"""
        public class Order { public string Id { get; set; } = ""; }
        public class Receipt { public string Id { get; set; } = ""; }
        public class Refund { public string Id { get; set; } = ""; }
        [JsonSerializable(typeof(Order))]
        {{Context}}
        public class Function
        {
            [LambdaHandler]
            public Receipt {|LAM0102:Charge|}(Order order) => new Receipt();

            [LambdaHandler]
            public Refund {|LAM0102:Refund|}(Order order) => new Refund();
        }
        """), With(SourceGenerated, $$"""
        public class Order { public string Id { get; set; } = ""; }
        public class Receipt { public string Id { get; set; } = ""; }
        public class Refund { public string Id { get; set; } = ""; }
        [JsonSerializable(typeof(Order))]
        [JsonSerializable(typeof(Receipt))]
        [JsonSerializable(typeof(Refund))]
        {{Context}}
        public class Function
        {
            [LambdaHandler]
            public Receipt Charge(Order order) => new Receipt();

            [LambdaHandler]
            public Refund Refund(Order order) => new Refund();
        }
        """));

    [Fact]
    public Task Fix_all_in_project_edits_a_context_declared_in_another_file() => Fix.VerifyFixAllInProjectAsync(
        (With(SourceGenerated, """
            public class Order { public string Id { get; set; } = ""; }
            public class Receipt { public string Id { get; set; } = ""; }
            public class Function
            {
                [LambdaHandler]
                public Receipt {|LAM0102:Handle|}(Order order) => new Receipt();
            }
            """), With(SourceGenerated, """
            public class Order { public string Id { get; set; } = ""; }
            public class Receipt { public string Id { get; set; } = ""; }
            public class Function
            {
                [LambdaHandler]
                public Receipt Handle(Order order) => new Receipt();
            }
            """)),
        (Usings + $$"""
            public class Refund { public string Id { get; set; } = ""; }
            public class Refunds
            {
                [LambdaHandler]
                public Refund {|LAM0102:Handle|}(Order order) => new Refund();
            }
            [JsonSerializable(typeof(Order))]
            {{Context}}
            """, Usings + $$"""
            public class Refund { public string Id { get; set; } = ""; }
            public class Refunds
            {
                [LambdaHandler]
                public Refund Handle(Order order) => new Refund();
            }
            [JsonSerializable(typeof(Order))]
            [JsonSerializable(typeof(Receipt))]
            [JsonSerializable(typeof(Refund))]
            {{Context}}
            """));

    /// <summary>The test framework skips its Fix All checks when a fix has no Fix All provider: make sure this one has.</summary>
    [Fact]
    public void Fix_all_is_offered_in_document_project_and_solution()
    {
        var provider = new LambdaAnalyzers.CodeFixes.Rules.Serialization.LAM0102TypeMissingFromContextCodeFix().GetFixAllProvider();
        Assert.NotNull(provider);
        Assert.Equal(
            new[] { Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Document, Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Project, Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Solution },
            provider!.GetSupportedFixAllScopes());
    }

    [Fact]
    public Task Ignores_handler_types_that_do_not_resolve() => SerializationSources.VerifyUnboundAsync<LAM0102TypeMissingFromContextAnalyzer>(With(SourceGenerated, """
        public class Receipt { public string Id { get; set; } = ""; }
        [JsonSerializable(typeof(Receipt))]
        public abstract partial class Ctx : JsonSerializerContext { protected Ctx() : base(null) { } }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(Missing.Order order) => new Receipt();

            [LambdaHandler]
            public List<Missing.Line> Lines(Receipt receipt) => new();
        }
        """));
}
