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
}
