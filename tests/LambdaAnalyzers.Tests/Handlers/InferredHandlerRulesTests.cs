using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Handlers;
using LambdaAnalyzers.Rules.Lifecycle;
using LambdaAnalyzers.Rules.Serialization;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Handlers;

/// <summary>
/// An inferred handler gets the serialization (01xx) and lifecycle (02xx) rules at their normal
/// severity, and none of the runtime-shape rules; a helper of the same shape that code calls gets
/// nothing; the MSBuild property and the <c>.editorconfig</c> key switch inference off.
/// </summary>
public sealed class InferredHandlerRulesTests
{
    private const string Function = """
        using System.Net.Http;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using Amazon.Lambda.Serialization.SystemTextJson;

        [assembly: LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<ShopContext>))]

        public class Order { public string Id { get; set; } = ""; }
        public class Receipt { public string OrderId { get; set; } = ""; }

        [JsonSerializable(typeof(Order))]
        public abstract partial class ShopContext : JsonSerializerContext { protected ShopContext() : base(null) { } }

        public class Function
        {
            public Task<Receipt> {|#0:FunctionHandler|}(Order order, ILambdaContext context)
            {
                using var http = {|#1:new HttpClient()|};
                var page = {|#2:http.GetStringAsync("https://example.com/" + order.Id).Result|};
                return Task.FromResult(new Receipt { OrderId = order.Id + page.Length });
            }
        }
        """;

    [Fact]
    public Task An_inferred_handler_gets_the_serialization_and_lifecycle_rules() => new RulesTest(Analyzers())
    {
        TestCode = Function,
        ExpectedDiagnostics =
        {
            RulesTest.Diagnostic(LAM0102TypeMissingFromContextAnalyzer.Rule).WithLocation(0).WithArguments("FunctionHandler", "returns", "Receipt", "ShopContext"),
            RulesTest.Diagnostic(LAM0202ClientCreatedPerInvoke.Rule).WithLocation(1).WithArguments("HttpClient"),
            RulesTest.Diagnostic(LAM0204SyncOverAsync.Rule).WithLocation(2).WithArguments(".Result"),
        },
    }.RunAsync();

    [Fact]
    public Task The_same_method_called_by_code_is_a_helper() => new RulesTest(Analyzers())
    {
        TestCode = Unmarked(Function) + """

            internal static class Warmup
            {
                public static Task<Receipt> Run() => new Function().FunctionHandler(new Order(), null!);
            }
            """,
    }.RunAsync();

    [Fact]
    public Task The_MSBuild_property_switches_inference_off() => new RulesTest(Analyzers())
    {
        TestCode = Unmarked(Function),
        TestState = { AnalyzerConfigFiles = { TestProjects.GlobalConfig(("LambdaAnalyzersInferHandlers", "false")) } },
    }.RunAsync();

    [Fact]
    public Task The_editorconfig_key_switches_inference_off_for_the_files_it_covers() => new RulesTest(Analyzers())
    {
        TestCode = Unmarked(Function),
        TestState = { AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n\n[*.cs]\nlambda_analyzers.infer_handlers = false\n") } },
    }.RunAsync();

    [Fact]
    public Task The_runtime_shape_rules_stay_with_handlers_the_runtime_is_known_to_load() => new RulesTest(
        new LAM0006MissingSerializerAnalyzer(),
        new LAM0008ValueTaskHandlerAnalyzer())
    {
        // Named by no deployment file: how the runtime runs it is unknown, so no LAM0006/LAM0008 (a
        // configured handler of this shape gets LAM0008; see its tests).
        TestCode = """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class Order { }
            public class Function
            {
                public ValueTask<string> FunctionHandler(Order order, ILambdaContext context) => new ValueTask<string>("ok");
            }
            """,
    }.RunAsync();

    private static string Unmarked(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"\{\|#\d+:", string.Empty).Replace("|}", string.Empty);

    private static DiagnosticAnalyzer[] Analyzers() => new DiagnosticAnalyzer[]
    {
        new LAM0100UnwritableOutputAnalyzer(),
        new LAM0101UncreatableInputAnalyzer(),
        new LAM0102TypeMissingFromContextAnalyzer(),
        new LAM0103SilentDataLossAnalyzer(),
        new OneLifecycleRule<LAM0200ContextInStaticField>(),
        new OneLifecycleRule<LAM0201ContextInInstanceField>(),
        new OneLifecycleRule<LAM0202ClientCreatedPerInvoke>(),
        new OneLifecycleRule<LAM0204SyncOverAsync>(),
        new LAM0002RejectedHandlerSignatureAnalyzer(),
        new LAM0005HandlerTypeNotCreatableAnalyzer(),
        new LAM0006MissingSerializerAnalyzer(),
    };
}
