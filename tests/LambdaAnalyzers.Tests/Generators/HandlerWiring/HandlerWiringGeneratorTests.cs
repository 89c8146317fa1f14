using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Generators.HandlerWiring;
using LambdaAnalyzers.Operations;
using LambdaAnalyzers.Runtime;
using LambdaAnalyzers.Testing;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LambdaAnalyzers.Tests.Generators.HandlerWiring;

public sealed class HandlerWiringGeneratorTests
{
    private const string Models = """
        namespace Shop
        {
            public class Order { public string Id { get; set; } = ""; public int Quantity { get; set; } }
            public class Receipt { public string OrderId { get; set; } = ""; public int Count { get; set; } public string? RequestId { get; set; } }
        }
        """;

    private const string Handlers = """
        using System.IO;
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using LambdaAnalyzers.Runtime;

        [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

        namespace Shop
        {
            public class Handlers
            {
                [LambdaHandler]
                public Task<Receipt> PlaceOrder(Order order, ILambdaContext context) =>
                    Task.FromResult(new Receipt { OrderId = order.Id, Count = order.Quantity, RequestId = context.AwsRequestId });

                [LambdaHandler("echo-stream", ResponseStreaming = true)]
                public static Stream Echo(Stream input) => input;

                [LambdaHandler]
                public static ValueTask<int> Count(Order order) => new(order.Quantity);

                [LambdaHandler]
                public void Fire(ILambdaContext context) => context.Logger.LogLine("fired " + context.FunctionName.Length);
            }
        }
        """;

    private static readonly string Golden = RepoPaths.Combine("tests", "LambdaAnalyzers.Tests", "Golden", "HandlerWiring");

    private static Compilation Input(params string[] extra) =>
        GeneratorHarness.Compile(TestReferences.LambdaProject, new[] { Models, Handlers }.Concat(extra).ToArray());

    [Fact]
    public void Output_matches_golden_files() =>
        GeneratorHarness.AssertGolden(GeneratorHarness.Run(new HandlerWiringGenerator(), Input()).Result, Golden);

    [Fact]
    public void Its_trees_are_known_as_the_handler_wiring_and_no_other_tree_is()
    {
        var (output, result, _) = GeneratorHarness.Run(new HandlerWiringGenerator(), Input());
        Assert.NotEmpty(result.GeneratedTrees);
        Assert.All(result.GeneratedTrees, tree => Assert.True(GeneratedCode.IsHandlerWiring(tree), tree.FilePath));
        Assert.All(output.SyntaxTrees.Except(result.GeneratedTrees), tree => Assert.False(GeneratedCode.IsHandlerWiring(tree), tree.FilePath));

        // The compiler names a generated tree [output folder/]assembly/generator type/hint name, with either separator.
        Assert.True(GeneratedCode.IsHandlerWiring(SyntaxFactory.ParseSyntaxTree(string.Empty, path: @"C:\obj\generated\LambdaAnalyzers\LambdaAnalyzers.Generators.HandlerWiring.HandlerWiringGenerator\LambdaHandlers.g.cs")));
        Assert.False(GeneratedCode.IsHandlerWiring(SyntaxFactory.ParseSyntaxTree(string.Empty, path: "LambdaAnalyzers.Generators.HandlerWiring.HandlerWiringGenerator")));
        Assert.False(GeneratedCode.IsHandlerWiring(SyntaxFactory.ParseSyntaxTree(string.Empty, path: "src/NotLambdaAnalyzers.Generators.HandlerWiring.HandlerWiringGenerator/Function.cs")));
        Assert.False(GeneratedCode.IsHandlerWiring(SyntaxFactory.ParseSyntaxTree(string.Empty, path: string.Empty)));
    }

    [Fact]
    public void Output_compiles_without_warnings() =>
        GeneratorHarness.AssertCompiles(GeneratorHarness.Run(new HandlerWiringGenerator(), Input()).Output);

    [Fact]
    public async Task Invoker_deserializes_calls_and_serializes_with_the_serializer_in_force()
    {
        var assembly = GeneratorHarness.Load(GeneratorHarness.Run(new HandlerWiringGenerator(), Input()).Output);
        var response = await InvokeAsync(assembly, "PlaceOrder", """{"id":"o-1","Quantity":3}""", requestId: "req-1");
        Assert.Equal("""{"OrderId":"o-1","Count":3,"RequestId":"req-1"}""", response);
    }

    [Fact]
    public async Task The_generated_context_hands_out_client_context_and_identity_from_the_invocation_or_null()
    {
        const string caller = """
            using Amazon.Lambda.Core;
            using LambdaAnalyzers.Runtime;

            namespace Shop
            {
                public static class Who
                {
                    [LambdaHandler]
                    public static string Caller(ILambdaContext context) =>
                        context.ClientContext is null || context.Identity is null
                            ? "anonymous"
                            : $"{context.ClientContext.Client.AppTitle}/{context.ClientContext.Custom["tier"]}/{context.ClientContext.Environment["locale"]}/{context.Identity.IdentityId}/{context.Identity.IdentityPoolId}";
                }
            }
            """;
        var assembly = GeneratorHarness.Load(GeneratorHarness.Run(new HandlerWiringGenerator(), Input(caller)).Output);

        var known = await InvokeAsync(
            assembly,
            "Caller",
            "{}",
            clientContext: """{"client":{"app_title":"Shop"},"custom":{"tier":"gold"},"env":{"locale":"de_DE"}}""",
            identity: """{"cognitoIdentityId":"id-1","cognitoIdentityPoolId":"pool-1"}""");
        var anonymous = await InvokeAsync(assembly, "Caller", "{}");

        Assert.Equal("\"Shop/gold/de_DE/id-1/pool-1\"", known);
        Assert.Equal("\"anonymous\"", anonymous);
    }

    [Fact]
    public async Task Stream_handlers_pass_the_payload_through() =>
        Assert.Equal("raw bytes, not JSON", await InvokeAsync(GeneratorHarness.Load(GeneratorHarness.Run(new HandlerWiringGenerator(), Input()).Output), "EchoStream", "raw bytes, not JSON"));

    [Fact]
    public async Task ValueTask_results_are_awaited_and_serialized() =>
        Assert.Equal("7", await InvokeAsync(GeneratorHarness.Load(GeneratorHarness.Run(new HandlerWiringGenerator(), Input()).Output), "Count", """{"Quantity":7}"""));

    [Fact]
    public async Task Void_handlers_send_an_empty_response() =>
        Assert.Equal(string.Empty, await InvokeAsync(GeneratorHarness.Load(GeneratorHarness.Run(new HandlerWiringGenerator(), Input()).Output), "Fire", "{}"));

    /// <summary>
    /// Message templates reach LambdaLog with their arguments: the generated logger implements the template overloads
    /// itself instead of leaving them to Amazon.Lambda.Core's default methods (placeholders in the real package).
    /// </summary>
    [Fact]
    public async Task The_generated_logger_fills_message_templates()
    {
        const string logging = """
            using System;
            using Amazon.Lambda.Core;
            using LambdaAnalyzers.Runtime;

            namespace Shop
            {
                public static class Audit
                {
                    [LambdaHandler]
                    public static void Record(ILambdaContext context)
                    {
                        context.Logger.LogInformation("order {Id} x{Count}", "o-7", 3);
                        context.Logger.LogWarning(new InvalidOperationException("stock low"), "reorder {Sku}", "sku-9");
                    }
                }
            }
            """;
        var assembly = GeneratorHarness.Load(GeneratorHarness.Run(new HandlerWiringGenerator(), Input(logging)).Output);
        var output = new System.IO.StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            await InvokeAsync(assembly, "Record", "{}");
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Contains("order o-7 x3", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("reorder sku-9", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("stock low", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Handler_strings_name_the_method_for_class_libraries()
    {
        var assembly = GeneratorHarness.Load(GeneratorHarness.Run(new HandlerWiringGenerator(), Input()).Output);
        Assert.Equal("GeneratorTest::Shop.Handlers::PlaceOrder", Constant(assembly, "PlaceOrder", "HandlerString"));
        Assert.Equal("echo-stream", Constant(assembly, "EchoStream", "Name"));
    }

    [Fact]
    public void Nothing_is_generated_without_LambdaAnalyzers_Runtime()
    {
        var withoutRuntime = GeneratorHarness.Compile(
            TestReferences.Framework.AddRange(TestReferences.Lambda.Where(r => !r.Display!.Contains("LambdaAnalyzers.Runtime", StringComparison.Ordinal))),
            Models,
            "namespace LambdaAnalyzers.Runtime { [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class LambdaHandlerAttribute : System.Attribute { } }",
            "namespace Shop { public class H { [LambdaAnalyzers.Runtime.LambdaHandler] public static void Run() { } } }");
        Assert.Empty(GeneratorHarness.Run(new HandlerWiringGenerator(), withoutRuntime).Result.GeneratedTrees);
    }

    [Fact]
    public void Unrelated_edits_leave_every_step_cached() =>
        GeneratorHarness.AssertAllCached(new HandlerWiringGenerator(), Input(), GeneratorHarness.AddUnrelatedFile, HandlerWiringGenerator.TrackingNames.All);

    [Fact]
    public void The_context_interfaces_are_read_once_per_referenced_Amazon_Lambda_Core()
    {
        var options = new TestBuildProperties(new System.Collections.Generic.Dictionary<string, string>());
        var input = Input();
        var before = HandlerWiringParser.ParseProject(input, options);
        var edited = HandlerWiringParser.ParseProject(GeneratorHarness.AddUnrelatedFile(input), options);
        var otherCore = HandlerWiringParser.ParseProject(
            GeneratorHarness.Compile(TestReferences.LambdaProject.Select(r => r.Display!.EndsWith("Amazon.Lambda.Core.dll", StringComparison.Ordinal) ? MetadataReference.CreateFromFile(r.Display) : r), Models, Handlers),
            options);

        Assert.NotNull(before.Context);
        Assert.Same(before.Context, edited.Context);
        Assert.NotSame(before.Context, otherCore.Context);
        Assert.Equal(before.Context, otherCore.Context);
    }

    [Fact]
    public void A_method_body_edit_leaves_every_step_cached() =>
        GeneratorHarness.AssertAllCached(
            new HandlerWiringGenerator(),
            Input(),
            c => GeneratorHarness.ReplaceFile(c, "Source1.cs", Handlers.Replace("order.Quantity);", "order.Quantity + 0);", StringComparison.Ordinal)),
            HandlerWiringGenerator.TrackingNames.All);

    [Fact]
    public void A_handler_signature_edit_is_Modified() =>
        GeneratorHarness.AssertModified(
            new HandlerWiringGenerator(),
            Input(),
            c => GeneratorHarness.ReplaceFile(c, "Source1.cs", Handlers.Replace("ValueTask<int> Count(Order order)", "ValueTask<long> Count(Order order)", StringComparison.Ordinal).Replace("new(order.Quantity)", "new((long)order.Quantity)", StringComparison.Ordinal)),
            HandlerWiringGenerator.TrackingNames.Handlers);

    [Fact]
    public void Executables_without_Main_get_a_bootstrap_that_selects_by_HANDLER()
    {
        var (output, result, _) = GeneratorHarness.Run(new HandlerWiringGenerator(), Executable());
        GeneratorHarness.AssertGolden(result, RepoPaths.Combine("tests", "LambdaAnalyzers.Tests", "Golden", "HandlerWiringBootstrap"));
        GeneratorHarness.AssertCompiles(output);
        Assert.Equal("Main", output.GetEntryPoint(CancellationToken.None)!.Name);
    }

    [Fact]
    public void An_executable_whose_only_handler_streams_runs_the_streaming_loop()
    {
        var compilation = GeneratorHarness.Compile(TestReferences.LambdaProject, """
            using System.IO;
            using LambdaAnalyzers.Runtime;

            public static class Export
            {
                [LambdaHandler(ResponseStreaming = true)]
                public static Stream Report(Stream request) => new MemoryStream(new byte[] { 1, 2, 3 });
            }
            """);
        var executable = compilation.WithOptions(((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)compilation.Options).WithOutputKind(OutputKind.ConsoleApplication));

        var (output, result, _) = GeneratorHarness.Run(new HandlerWiringGenerator(), executable);

        var bootstrap = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("LambdaBootstrap.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("await global::LambdaAnalyzers.Runtime.LambdaRuntime.RunStreamingAsync(handler).ConfigureAwait(false);", bootstrap, StringComparison.Ordinal);
        Assert.DoesNotContain("streaming", bootstrap.Replace("RunStreamingAsync", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        GeneratorHarness.AssertCompiles(output);
    }

    [Fact]
    public void A_user_Main_gets_no_bootstrap() =>
        AssertNoBootstrap(Executable("public static class Program { public static System.Threading.Tasks.Task Main() => System.Threading.Tasks.Task.CompletedTask; }"));

    [Fact]
    public void Top_level_statements_get_no_bootstrap() =>
        AssertNoBootstrap(Executable("System.Console.WriteLine(\"own entry point\");"));

    [Fact]
    public void Annotations_generated_Main_gets_no_bootstrap() =>
        AssertNoBootstrap(Executable("[assembly: Amazon.Lambda.Annotations.LambdaGlobalProperties(GenerateMain = true)]"));

    [Fact]
    public void The_bootstrap_can_be_switched_off()
    {
        var driver = CSharpGeneratorDriver.Create(
            new[] { new HandlerWiringGenerator().AsSourceGenerator() },
            parseOptions: GeneratorHarness.ParseOptions,
            optionsProvider: new TestBuildProperties(new System.Collections.Generic.Dictionary<string, string> { ["LambdaAnalyzersGenerateMain"] = "false" }));
        var result = driver.RunGenerators(Executable()).GetRunResult();
        Assert.DoesNotContain(result.GeneratedTrees, t => t.FilePath.EndsWith("LambdaBootstrap.g.cs", StringComparison.Ordinal));
        Assert.Contains(result.GeneratedTrees, t => t.FilePath.EndsWith("LambdaHandlers.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Class_libraries_get_no_bootstrap() =>
        Assert.DoesNotContain(GeneratorHarness.Run(new HandlerWiringGenerator(), Input()).Result.GeneratedTrees, t => t.FilePath.EndsWith("LambdaBootstrap.g.cs", StringComparison.Ordinal));

    private static Compilation Executable(params string[] extra) =>
        Input(extra).WithOptions(((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)Input().Options).WithOutputKind(OutputKind.ConsoleApplication));

    private static void AssertNoBootstrap(Compilation compilation)
    {
        var (output, result, _) = GeneratorHarness.Run(new HandlerWiringGenerator(), compilation);
        Assert.DoesNotContain(result.GeneratedTrees, t => t.FilePath.EndsWith("LambdaBootstrap.g.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id == "CS0017");
    }

    private static string? Constant(Assembly assembly, string handler, string name) =>
        (string?)assembly.GetType($"LambdaAnalyzers.Generated.LambdaHandlers+{handler}", throwOnError: true)!.GetField(name)!.GetRawConstantValue();

    private static async Task<string> InvokeAsync(Assembly assembly, string handler, string payload, string requestId = "req", string? clientContext = null, string? identity = null)
    {
        var invocation = (LambdaInvocation)Activator.CreateInstance(
            typeof(LambdaInvocation),
            BindingFlags.Instance | BindingFlags.NonPublic,
            binder: null,
            args: new object?[] { requestId, DateTimeOffset.UtcNow.AddMinutes(1), "arn:aws:lambda:us-east-1:123456789012:function:shop", "Root=1-abc", clientContext, identity, string.Empty, (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(payload) },
            culture: null)!;
        var type = assembly.GetType($"LambdaAnalyzers.Generated.LambdaHandlers+{handler}", throwOnError: true)!;
        type.GetMethod("Initialize")!.Invoke(null, null);
        using var response = new MemoryStream();
        await (ValueTask)type.GetMethod("InvokeAsync")!.Invoke(null, new object[] { invocation, response, CancellationToken.None })!;
        return Encoding.UTF8.GetString(response.ToArray());
    }
}
