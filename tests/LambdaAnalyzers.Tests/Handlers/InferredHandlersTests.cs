using System.Linq;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Tests.Handlers;

/// <summary>
/// Handlers inferred in a Lambda project when no deployment file, attribute or bootstrap names them:
/// what counts, and the near-misses that stay helpers.
/// </summary>
public sealed class InferredHandlersTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using LambdaAnalyzers.Runtime;

        public class Order { public string Id { get; set; } = ""; }
        public class Receipt { public string OrderId { get; set; } = ""; }

        """;

    [Theory]
    [InlineData("public Receipt FunctionHandler(Order order, ILambdaContext context) => new Receipt();")]
    [InlineData("public async Task<Receipt> Handle(Order order, ILambdaContext context) { await Task.Yield(); return new Receipt(); }")]
    [InlineData("public Task FunctionHandlerAsync(Order order) => Task.CompletedTask;")]
    [InlineData("public string FunctionHandler() => \"ok\";")]
    [InlineData("public static void Handle(ILambdaContext context) { }")]
    [InlineData("public async ValueTask Handle(Order order, ILambdaContext context) => await Task.Yield();")]
    public void Infers_a_public_method_nothing_calls(string member)
    {
        var harness = HandlerModelHarness.Library(Usings + "public class Function { " + member + " }").Compiles();
        var method = harness.Compilation.GetTypeByMetadataName("Function")!.GetMembers().OfType<IMethodSymbol>().Single(m => m.MethodKind == MethodKind.Ordinary);
        Assert.Equal(HandlerKind.Inferred, harness.Model.KindOf(method, default));
    }

    [Fact]
    public void Infers_in_a_static_class_a_struct_and_a_nested_public_type()
    {
        var harness = HandlerModelHarness.Library(Usings + """
            public static class Handlers { public static Receipt FunctionHandler(Order order) => new Receipt(); }
            public struct Valued { public Receipt Handle(Order order, ILambdaContext context) => new Receipt(); }
            public class Outer { public class Inner { public void Handle(Order order, ILambdaContext context) { } } }
            """).Compiles();
        Assert.Equal(HandlerKind.Inferred, harness.KindOf("Handlers.FunctionHandler"));
        Assert.Equal(HandlerKind.Inferred, harness.KindOf("Valued.Handle"));
        Assert.Equal(HandlerKind.Inferred, harness.KindOf("Outer+Inner.Handle"));
    }

    [Theory]
    [InlineData("private Receipt FunctionHandler(Order order, ILambdaContext context) => new Receipt();")]
    [InlineData("internal Receipt FunctionHandler(Order order, ILambdaContext context) => new Receipt();")]
    [InlineData("public Receipt Handle(Order order) => new Receipt();")]
    [InlineData("public Receipt Handle(Order order, ILambdaContext context, int retries) => new Receipt();")]
    [InlineData("public Receipt FunctionHandler(Order order, string context) => new Receipt();")]
    [InlineData("public Receipt FunctionHandler<T>(T order, ILambdaContext context) => new Receipt();")]
    [InlineData("public async void FunctionHandler(Order order, ILambdaContext context) => await Task.Yield();")]
    [InlineData("public Receipt FunctionHandler(ref Order order, ILambdaContext context) => new Receipt();")]
    [InlineData("public Receipt FunctionHandler(params Order[] orders) => new Receipt();")]
    public void Does_not_infer_what_the_runtime_would_reject_or_what_is_not_public(string member)
    {
        var harness = HandlerModelHarness.Library(Usings + "public class Function { " + member + " }");
        Assert.Null(harness.KindOf("Function." + (member.Contains("Handle(") ? "Handle" : "FunctionHandler")));
    }

    [Theory]
    [InlineData("internal class Function { public Receipt FunctionHandler(Order order, ILambdaContext context) => new Receipt(); }")]
    [InlineData("public abstract class Function { public Receipt FunctionHandler(Order order, ILambdaContext context) => new Receipt(); }")]
    [InlineData("public class Function { public Function(string table) { } public Receipt FunctionHandler(Order order, ILambdaContext context) => new Receipt(); }")]
    [InlineData("public class Function<T> { public Receipt FunctionHandler(Order order, ILambdaContext context) => new Receipt(); }")]
    [InlineData("public interface Function { Receipt FunctionHandler(Order order, ILambdaContext context); }")]
    [InlineData("internal class Outer { public class Function { public Receipt FunctionHandler(Order order, ILambdaContext context) => new Receipt(); } }")]
    public void Does_not_infer_in_types_the_runtime_cannot_create_or_that_are_not_public(string types)
    {
        var harness = HandlerModelHarness.Library(Usings + types);
        var method = harness.Compilation.GetSymbolsWithName("FunctionHandler").OfType<IMethodSymbol>().Single();
        Assert.Null(harness.Model.KindOf(method, default));
    }

    [Fact]
    public void Does_not_infer_an_extension_method()
    {
        var harness = HandlerModelHarness.Library(Usings + "public static class Extensions { public static void Handle(this Order order, ILambdaContext context) { } }");
        Assert.Null(harness.KindOf("Extensions.Handle"));
    }

    [Fact]
    public void A_method_the_compilation_calls_is_a_helper()
    {
        var harness = HandlerModelHarness.Library(Usings + """
            public class Function
            {
                public Receipt FunctionHandler(Order order, ILambdaContext context) => Process(order, context);
                public Receipt Process(Order order, ILambdaContext context) => new Receipt();
            }
            public class Referenced { public Receipt Handle(Order order, ILambdaContext context) => new Receipt(); }
            public class Wiring { public Func<Order, ILambdaContext, Receipt> Get() => new Referenced().Handle; }
            public class Overloads
            {
                public void Handle(Order order, ILambdaContext context) { }
                public void Caller(object value) => Handle(value, null!);
            }
            public static class Reduced { public static void Handle(Order order, ILambdaContext context) { } }
            """);
        Assert.Equal(HandlerKind.Inferred, harness.KindOf("Function.FunctionHandler"));
        Assert.Null(harness.KindOf("Function.Process"));
        Assert.Null(harness.KindOf("Referenced.Handle"));

        // Overload resolution failed on `Handle(value, null!)`: the candidate may be what is called.
        Assert.Null(harness.KindOf("Overloads.Handle"));
    }

    [Theory]
    [InlineData("Handle(order, context);")]
    [InlineData("@Handle(order, context);")]
    [InlineData("\\u0048andle(order, context);")]
    [InlineData("this.Handle(order, context);")]
    [InlineData("var text = $\"{Handle(order, context)}\";")]
    [InlineData("Func<Order, ILambdaContext, string> run = Handle;")]
    [InlineData("var name = nameof(Handle);")]
    [InlineData("/* Handle(order, context) */ Handle(order, context);")]
    public void A_reference_in_any_spelling_makes_a_helper(string statement)
    {
        var harness = HandlerModelHarness.Library(Usings + $$"""
            public class Function
            {
                public Receipt FunctionHandler(Order order, ILambdaContext context) { {{statement}} return new Receipt(); }
                public string Handle(Order order, ILambdaContext context) => "handled";
            }
            """).Compiles();
        Assert.Equal(HandlerKind.Inferred, harness.KindOf("Function.FunctionHandler"));
        Assert.Null(harness.KindOf("Function.Handle"));
    }

    [Theory]
    [InlineData("// Handle(order, context);")]
    [InlineData("var text = \"Handle(order, context)\";")]
    [InlineData("var text = $\"Handle(order, context) {order.Id}\";")]
    [InlineData("Rehandle(order, context);")]
    public void A_name_in_a_comment_or_a_string_or_a_longer_name_is_not_a_reference(string statement)
    {
        var harness = HandlerModelHarness.Library(Usings + $$"""
            public class Other
            {
                public void Work(Order order, ILambdaContext context)
                {
                    {{statement}}
                }
                public void Rehandle(Order order, ILambdaContext context) { }
            }
            public class Function { public string Handle(Order order, ILambdaContext context) => "handled"; }
            """).Compiles();
        Assert.Equal(HandlerKind.Inferred, harness.KindOf("Function.Handle"));
    }

    [Fact]
    public void A_method_called_through_its_interface_or_base_method_is_a_helper()
    {
        var harness = HandlerModelHarness.Library(Usings + """
            public interface IStep { Receipt Handle(Order order, ILambdaContext context); }
            public class Step : IStep { public Receipt Handle(Order order, ILambdaContext context) => new Receipt(); }
            public abstract class StageBase { public abstract void Run(Order order, ILambdaContext context); }
            public class Stage : StageBase { public override void Run(Order order, ILambdaContext context) { } }
            public class Pipeline
            {
                private readonly IStep _step = new Step();
                private readonly StageBase _stage = new Stage();
                public Receipt FunctionHandler(Order order, ILambdaContext context) { _stage.Run(order, context); return _step.Handle(order, context); }
            }
            """).Compiles();
        Assert.Null(harness.KindOf("Step.Handle"));
        Assert.Null(harness.KindOf("Stage.Run"));
        Assert.Equal(HandlerKind.Inferred, harness.KindOf("Pipeline.FunctionHandler"));
    }

    [Fact]
    public void A_type_with_a_declared_handler_gets_no_inferred_one()
    {
        var harness = HandlerModelHarness.Library(Usings + """
            public class Function
            {
                [LambdaHandler]
                public Receipt Handle(Order order, ILambdaContext context) => new Receipt();
                public Receipt FunctionHandler(Order order, ILambdaContext context) => new Receipt();
            }
            public class Annotated
            {
                [Amazon.Lambda.Annotations.LambdaFunction]
                public Receipt Handle(Order order, ILambdaContext context) => new Receipt();
                public Receipt Other(Order order, ILambdaContext context) => new Receipt();
            }
            """).Compiles();
        Assert.Equal(HandlerKind.RuntimeLoaded, harness.KindOf("Function.Handle"));
        Assert.Null(harness.KindOf("Function.FunctionHandler"));
        Assert.Null(harness.KindOf("Annotated.Other"));
    }

    [Fact]
    public void A_type_whose_method_is_handed_to_a_bootstrap_gets_no_inferred_one()
    {
        var harness = HandlerModelHarness.Executable("using Amazon.Lambda.RuntimeSupport;\nusing Amazon.Lambda.Serialization.SystemTextJson;\n" + Usings + """
            public class Function
            {
                public static async Task Main() =>
                    await LambdaBootstrapBuilder.Create<Order, Receipt>(Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();

                public static Task<Receipt> Handle(Order order, ILambdaContext context) => Task.FromResult(new Receipt());

                public static Task<Receipt> Other(Order order, ILambdaContext context) => Task.FromResult(new Receipt());
            }
            """).Compiles();
        Assert.Equal(HandlerKind.BootstrapDelegate, harness.KindOf("Function.Handle"));
        Assert.Null(harness.KindOf("Function.Other"));
    }

    [Fact]
    public void A_signature_with_an_unbound_type_is_not_inferred()
    {
        var harness = HandlerModelHarness.Library(Usings + """
            public class Function { public Receipt FunctionHandler(APIGatewayProxyRequest request, ILambdaContext context) => new Receipt(); }
            public class Derived : MissingBase { public Receipt FunctionHandler(Order order, ILambdaContext context) => new Receipt(); }
            """);
        Assert.Null(harness.KindOf("Function.FunctionHandler"));
        Assert.Null(harness.KindOf("Derived.FunctionHandler"));
    }

    [Fact]
    public void Test_projects_and_projects_that_switch_it_off_infer_nothing()
    {
        const string Source = Usings + "public class Function { public Receipt FunctionHandler(Order order, ILambdaContext context) => new Receipt(); }";
        Assert.Equal(HandlerKind.Inferred, HandlerModelHarness.Library(Source).KindOf("Function.FunctionHandler"));
        Assert.Null(HandlerModelHarness.Library(Source, ("IsTestProject", "true")).KindOf("Function.FunctionHandler"));
        Assert.Null(HandlerModelHarness.Library(Source, ("LambdaAnalyzersInferHandlers", "false")).KindOf("Function.FunctionHandler"));
        Assert.Equal(HandlerKind.Inferred, HandlerModelHarness.Library(Source, ("LambdaAnalyzersInferHandlers", "true")).KindOf("Function.FunctionHandler"));
    }

    [Fact]
    public void Without_Amazon_Lambda_Core_only_an_AWS_Lambda_project_infers_and_only_by_name()
    {
        const string Source = """
            public class Function
            {
                public string FunctionHandler(string input) => input.ToUpperInvariant();
                public string Handle(string input) => input;
            }
            """;
        var plain = HandlerModelHarness.Create(Source, OutputKind.DynamicallyLinkedLibrary, TestReferences.Framework);
        Assert.Null(plain.KindOf("Function.FunctionHandler"));

        var lambda = HandlerModelHarness.Create(Source, OutputKind.DynamicallyLinkedLibrary, TestReferences.Framework, ("AWSProjectType", "Lambda"));
        Assert.Equal(HandlerKind.Inferred, lambda.KindOf("Function.FunctionHandler"));
        Assert.Null(lambda.KindOf("Function.Handle"));
    }
}
