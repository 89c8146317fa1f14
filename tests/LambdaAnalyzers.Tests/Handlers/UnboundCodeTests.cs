using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Serialization;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LambdaAnalyzers.Tests.Handlers;

/// <summary>
/// Half-written or half-restored code, as the IDE sees it on every keystroke: the handler model hands
/// the rules nothing to conclude from a type the compiler cannot bind.
/// </summary>
public sealed class UnboundCodeTests
{
    [Theory]
    [InlineData("public Receipt Handle(APIGatewayProxyRequest request) => new Receipt();")]
    [InlineData("public APIGatewayProxyResponse Handle(Order order) => null!;")]
    [InlineData("public Task<List<APIGatewayProxyResponse>> Handle(Order order) => null!;")]
    public Task The_serialization_rules_say_nothing_about_an_unbound_input_or_output(string member) => new RulesTest(
        new LAM0100UnwritableOutputAnalyzer(),
        new LAM0101UncreatableInputAnalyzer(),
        new LAM0102TypeMissingFromContextAnalyzer(),
        new LAM0103SilentDataLossAnalyzer())
    {
        // Amazon.Lambda.APIGatewayEvents not restored yet.
        TestCode = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using LambdaAnalyzers.Runtime;

            [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.SourceGeneratorLambdaJsonSerializer<ShopContext>))]

            [System.Text.Json.Serialization.JsonSerializable(typeof(Order))]
            [System.Text.Json.Serialization.JsonSerializable(typeof(Receipt))]
            public abstract partial class ShopContext : System.Text.Json.Serialization.JsonSerializerContext { protected ShopContext() : base(null) { } }

            public class Order { public string Id { get; set; } = ""; }
            public class Receipt { public string Id { get; set; } = ""; }
            public class Function
            {
                [LambdaHandler]
                MEMBER
            }
            """.Replace("MEMBER", member),
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();

    /// <summary>A top-level program handing a lambda to the bootstrap; <c>PARAMETER</c> is the event parameter.</summary>
    private const string BootstrapProgram = """
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using Amazon.Lambda.RuntimeSupport;
        using Amazon.Lambda.Serialization.SystemTextJson;

        await LambdaBootstrapBuilder.Create({|#0:(PARAMETER, ILambdaContext context) => Task.FromResult(new Receipt())|}, new SourceGeneratorLambdaJsonSerializer<ShopContext>()).Build().RunAsync();

        public class Order { public string Id { get; set; } = ""; }
        public class Receipt { public string Id { get; set; } = ""; }

        [System.Text.Json.Serialization.JsonSerializable(typeof(Receipt))]
        public abstract partial class ShopContext : System.Text.Json.Serialization.JsonSerializerContext { protected ShopContext() : base(null) { } }
        """;

    [Fact]
    public Task A_bootstrap_lambda_whose_input_is_missing_from_the_context_is_reported() => new RulesTest(new LAM0102TypeMissingFromContextAnalyzer())
    {
        TestCode = BootstrapProgram.Replace("PARAMETER", "Order order"),
        SolutionTransforms = { TestProjects.AsExecutable },
        ExpectedDiagnostics = { RulesTest.Diagnostic(LAM0102TypeMissingFromContextAnalyzer.Rule).WithLocation(0).WithArguments("lambda", "takes", "Order", "ShopContext") },
    }.RunAsync();

    [Fact]
    public Task A_bootstrap_lambda_whose_input_does_not_bind_is_not_judged() => new RulesTest(new LAM0102TypeMissingFromContextAnalyzer())
    {
        // Amazon.Lambda.SQSEvents not restored yet.
        TestCode = BootstrapProgram.Replace("{|#0:", string.Empty).Replace("|}", string.Empty).Replace("PARAMETER", "SQSEvent sqsEvent"),
        SolutionTransforms = { TestProjects.AsExecutable },
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();

    /// <summary>An Annotations function; <c>PARAMETER</c> is the event parameter its wrapper deserializes.</summary>
    private const string AnnotationsFunction = """
        using Amazon.Lambda.Core;

        [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.SourceGeneratorLambdaJsonSerializer<ShopContext>))]

        public class Order { public string Id { get; set; } = ""; }
        public class Receipt { public string Id { get; set; } = ""; }

        [System.Text.Json.Serialization.JsonSerializable(typeof(Receipt))]
        public abstract partial class ShopContext : System.Text.Json.Serialization.JsonSerializerContext { protected ShopContext() : base(null) { } }

        public class Functions
        {
            [Amazon.Lambda.Annotations.LambdaFunction]
            public Receipt {|#0:Handle|}(PARAMETER, ILambdaContext context) => new Receipt();
        }
        """;

    [Fact]
    public Task An_annotations_function_whose_input_is_missing_from_the_context_is_reported() => new RulesTest(new LAM0102TypeMissingFromContextAnalyzer())
    {
        TestCode = AnnotationsFunction.Replace("PARAMETER", "Order order"),
        ExpectedDiagnostics = { RulesTest.Diagnostic(LAM0102TypeMissingFromContextAnalyzer.Rule).WithLocation(0).WithArguments("Handle", "takes", "Order", "ShopContext") },
    }.RunAsync();

    [Fact]
    public Task An_annotations_function_whose_input_does_not_bind_is_not_judged() => new RulesTest(
        new LAM0100UnwritableOutputAnalyzer(),
        new LAM0101UncreatableInputAnalyzer(),
        new LAM0102TypeMissingFromContextAnalyzer(),
        new LAM0103SilentDataLossAnalyzer())
    {
        TestCode = AnnotationsFunction.Replace("{|#0:", string.Empty).Replace("|}", string.Empty).Replace("PARAMETER", "SQSEvent sqsEvent"),
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}
