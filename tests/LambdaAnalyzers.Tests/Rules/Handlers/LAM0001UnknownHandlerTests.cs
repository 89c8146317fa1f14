using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Handlers.HandlerSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Handlers.LAM0001UnknownHandlerAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Handlers;

public sealed class LAM0001UnknownHandlerTests
{
    private const string Function = """
        namespace Shop
        {
            public class Function
            {
                public Receipt Handle(Order order, ILambdaContext context) => new Receipt();
                public Task ProcessAsync(SqsEvent sqsEvent) => Task.CompletedTask;
            }
        }
        """;

    private static Task VerifyConfig(string path, string config, params DiagnosticResult[] expected) =>
        VerifyConfig(WithSerializer(Function), path, config, OutputKind.DynamicallyLinkedLibrary, expected);

    private static Task VerifyConfig(string source, string path, string config, OutputKind kind, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestState = { OutputKind = kind, Sources = { source }, AdditionalFiles = { (path, config) } } };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Flags_misspelled_method_with_the_closest_match() => VerifyConfig(
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Handel"),
        Verify.Diagnostic().WithSpan(ConfigFiles.ToolsDefaultsPath, 8, 23, 8, 59)
            .WithArguments("TestProject::Shop.Function::Handel", "type 'Shop.Function' has no method 'Handel'; did you mean 'Handle'?"));

    [Fact]
    public Task Flags_misspelled_type_with_the_closest_match() => VerifyConfig(
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("TestProject::Shop.Fucntion::Handle"),
        Verify.Diagnostic().WithSpan(ConfigFiles.ToolsDefaultsPath, 8, 23, 8, 59)
            .WithArguments("TestProject::Shop.Fucntion::Handle", "type 'Shop.Fucntion' does not exist in assembly 'TestProject'; did you mean 'Shop.Function'?"));

    [Fact]
    public Task Flags_missing_namespace_in_a_sam_template() => VerifyConfig(
        ConfigFiles.SamTemplatePath,
        ConfigFiles.SamTemplate("Handler: TestProject::Function::ProcessAsync"),
        Verify.Diagnostic().WithSpan(ConfigFiles.SamTemplatePath, 12, 16, 12, 51)
            .WithArguments("TestProject::Function::ProcessAsync", "type 'Function' does not exist in assembly 'TestProject'; did you mean 'Shop.Function'?"));

    [Fact]
    public Task Flags_malformed_handler_string() => VerifyConfig(
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("TestProject::Shop.Function"),
        Verify.Diagnostic().WithSpan(ConfigFiles.ToolsDefaultsPath, 8, 23, 8, 51)
            .WithArguments("TestProject::Shop.Function", "the format is ASSEMBLY::NAMESPACE.TYPE::METHOD, with no empty part"));

    [Fact]
    public Task Flags_method_with_no_near_match_without_suggestion() => VerifyConfig(
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Completely"),
        Verify.Diagnostic().WithSpan(ConfigFiles.ToolsDefaultsPath, 8, 23, 8, 63)
            .WithArguments("TestProject::Shop.Function::Completely", "type 'Shop.Function' has no method 'Completely'"));

    [Fact]
    public Task Flags_unknown_handler_name_with_two_generated_handlers() => VerifyConfig(
        WithSerializer("""
            public class Program { public static void Main() { } }
            public class Handlers
            {
                [LambdaHandler] public Receipt PlaceOrder(Order order) => new Receipt();
                [LambdaHandler("cancel-order")] public Receipt Cancel(Order order) => new Receipt();
            }
            """),
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("PlaceOrdr", runtime: "provided.al2023"),
        OutputKind.ConsoleApplication,
        Verify.Diagnostic().WithSpan(ConfigFiles.ToolsDefaultsPath, 8, 23, 8, 34)
            .WithArguments("PlaceOrdr", "this function has 2 generated handlers (PlaceOrder, cancel-order) and selects one by _HANDLER, which names none of them; did you mean 'PlaceOrder'?"));

    [Fact]
    public async Task Fix_writes_the_closest_handler_into_the_json_file() => Assert.Equal(
        ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Handle"),
        await Infrastructure.ConfigFileFixRunner.FixAsync(
            new LambdaAnalyzers.Rules.Handlers.LAM0001UnknownHandlerAnalyzer(),
            new LambdaAnalyzers.CodeFixes.Rules.Handlers.LAM0001UnknownHandlerCodeFix(),
            WithSerializer(Function),
            ConfigFiles.ToolsDefaultsPath,
            ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Handel")));

    [Fact]
    public async Task Fix_writes_the_closest_type_into_the_yaml_template() => Assert.Equal(
        ConfigFiles.SamTemplate("Handler: TestProject::Shop.Function::ProcessAsync"),
        await Infrastructure.ConfigFileFixRunner.FixAsync(
            new LambdaAnalyzers.Rules.Handlers.LAM0001UnknownHandlerAnalyzer(),
            new LambdaAnalyzers.CodeFixes.Rules.Handlers.LAM0001UnknownHandlerCodeFix(),
            WithSerializer(Function),
            ConfigFiles.SamTemplatePath,
            ConfigFiles.SamTemplate("Handler: TestProject::Function::ProcessAsync")));

    [Fact]
    public Task Ignores_resolving_handler_strings() => VerifyConfig(ConfigFiles.ToolsDefaultsPath, ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Handle"));

    [Fact]
    public Task Ignores_strings_naming_another_assembly() => VerifyConfig(ConfigFiles.ToolsDefaultsPath, ConfigFiles.ToolsDefaults("Vendor.Wrapper::Vendor.Wrapper.Entry::Run"));

    [Fact]
    public Task Ignores_sam_functions_whose_CodeUri_is_another_project()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                Sources = { WithSerializer(Function) },
                AdditionalFiles = { (ConfigFiles.SamTemplatePath, ConfigFiles.SamTemplate("Handler: TestProject::Shop.Missing::Handle", codeUri: "../OtherProject/")) },
                AnalyzerConfigFiles = { Infrastructure.TestProjects.GlobalConfig(("ProjectDir", "/0/")) },
            },
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Ignores_values_built_with_Sub_or_Ref() => VerifyConfig(
        ConfigFiles.SamTemplatePath,
        ConfigFiles.SamTemplate("Handler: !Sub '${AssemblyName}::Shop.Missing::Handle'"));

    [Fact]
    public Task Ignores_executable_assembly_strings() => VerifyConfig(ConfigFiles.ToolsDefaultsPath, ConfigFiles.ToolsDefaults("ShopBootstrap"));

    [Fact]
    public Task Ignores_provided_functions_with_one_handler() => VerifyConfig(
        WithSerializer("""
            public class Handlers
            {
                [LambdaHandler] public Receipt PlaceOrder(Order order) => new Receipt();
            }
            public class Program { public static void Main() { } }
            """),
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("bootstrap", runtime: "provided.al2023"),
        OutputKind.ConsoleApplication);

    [Fact]
    public Task Flags_a_method_missing_from_a_visible_base_chain() => VerifyConfig(
        WithSerializer("""
            namespace Shop
            {
                public class FunctionBase { public Receipt Handle(Order order, ILambdaContext context) => new Receipt(); }
                public class Function : FunctionBase { }
            }
            """),
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Handel"),
        OutputKind.DynamicallyLinkedLibrary,
        Verify.Diagnostic().WithSpan(ConfigFiles.ToolsDefaultsPath, 8, 23, 8, 59)
            .WithArguments("TestProject::Shop.Function::Handel", "type 'Shop.Function' has no method 'Handel'; did you mean 'Handle'?"));

    [Fact]
    public Task Ignores_a_handler_inherited_from_a_base_type_that_does_not_bind() => new Verify.Test
    {
        // Amazon.Lambda.AspNetCoreServer not restored yet: the base that declares FunctionHandlerAsync is an error type.
        TestState =
        {
            Sources = { WithSerializer("namespace Shop { public class LambdaEntryPoint : Amazon.Lambda.AspNetCoreServer.APIGatewayProxyFunction { } }") },
            AdditionalFiles = { (ConfigFiles.ToolsDefaultsPath, ConfigFiles.ToolsDefaults("TestProject::Shop.LambdaEntryPoint::FunctionHandlerAsync")) },
        },
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();

    [Fact]
    public Task Ignores_a_handler_inherited_through_an_assembly_that_is_not_referenced()
    {
        // Shop.Functions.dll derives from Shop.Core.dll's base, which declares Handle; this project references only the first.
        var core = Emit("Shop.Core", "namespace Shop.Core { public class FunctionBase { public string Handle(string input) => input; } }");
        var functions = Emit("Shop.Functions", "namespace Shop.Functions { public class SharedFunction : Shop.Core.FunctionBase { } }", core);
        var test = new Verify.Test
        {
            TestState =
            {
                Sources = { WithSerializer("namespace Shop { public class Function : Shop.Functions.SharedFunction { } }") },
                AdditionalFiles = { (ConfigFiles.ToolsDefaultsPath, ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Handle")) },
                AdditionalReferences = { functions },
            },
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Ignores_a_signature_string_when_a_candidate_has_unbound_parameter_types() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                WithSerializer("""
                    namespace Shop
                    {
                        public class Function
                        {
                            public Receipt Handle(Order order) => new Receipt();
                            public Receipt Handle(OrderEvent orderEvent) => new Receipt();
                        }
                    }
                    """),
            },
            AdditionalFiles = { (ConfigFiles.ToolsDefaultsPath, ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Receipt Handle(Shop.OrderEvent)")) },
        },
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();

    private static MetadataReference Emit(string name, string source, params MetadataReference[] references)
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            name,
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source) },
            Infrastructure.TestReferences.Framework.AddRange(references),
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new System.IO.MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
