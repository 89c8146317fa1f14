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

    private static Task VerifyConfig(string source, string path, string config, OutputKind kind, params DiagnosticResult[] expected) =>
        VerifyConfig(source, path, config, kind, properties: System.Array.Empty<(string, string)>(), expected);

    private static Task VerifyConfig(string source, string path, string config, OutputKind kind, (string Property, string Value)[] properties, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestState = { OutputKind = kind, Sources = { source }, AdditionalFiles = { (path, config) } } };
        if (properties.Length > 0)
        {
            test.TestState.AnalyzerConfigFiles.Add(Infrastructure.TestProjects.GlobalConfig(properties));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>An executable with two generated handlers, as LambdaAnalyzers.Runtime wires them.</summary>
    private static readonly string TwoHandlers = WithSerializer("""
        public class Program { public static void Main() { } }
        public class Handlers
        {
            [LambdaHandler] public Receipt PlaceOrder(Order order) => new Receipt();
            [LambdaHandler("cancel-order")] public Receipt Cancel(Order order) => new Receipt();
        }
        """);

    private static readonly string OneHandler = WithSerializer("""
        public class Program { public static void Main() { } }
        public class Handlers
        {
            [LambdaHandler] public Receipt PlaceOrder(Order order) => new Receipt();
        }
        """);

    private const string TerraformPath = "/repo/infra/main.tf";

    private const string ServerlessPath = "/repo/serverless.yml";

    /// <summary>A serverless.template resource Amazon.Lambda.Annotations keeps, naming the wrapper of a method renamed since.</summary>
    private static string AnnotationsTemplate(string tool) => $$"""
        {
          "Resources": {
            "ShopFunctionPlaceGenerated": {
              "Type": "AWS::Serverless::Function",
              "Metadata": { "Tool": "{{tool}}" },
              "Properties": { "CodeUri": ".", "Runtime": "dotnet8", "Handler": "TestProject::Shop.Function_Place_Generated::Place" }
            }
          }
        }
        """;

    [Fact]
    public Task Accepts_a_stale_handler_in_a_resource_Annotations_writes_again_on_this_build() => VerifyConfig(
        ConfigFiles.ServerlessTemplatePath,
        AnnotationsTemplate("Amazon.Lambda.Annotations"));

    [Fact]
    public Task Flags_the_same_handler_in_a_resource_no_tool_keeps() => VerifyConfig(
        ConfigFiles.ServerlessTemplatePath,
        AnnotationsTemplate("Hand-written"),
        Verify.Diagnostic().WithSpan(ConfigFiles.ServerlessTemplatePath, 6, 72, 6, 123)
            .WithArguments("TestProject::Shop.Function_Place_Generated::Place", "type 'Shop.Function_Place_Generated' does not exist in assembly 'TestProject'"));

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
        var core = Infrastructure.TestReferences.CompileToMetadata("Shop.Core", "namespace Shop.Core { public class FunctionBase { public string Handle(string input) => input; } }");
        var functions = Infrastructure.TestReferences.CompileToMetadata("Shop.Functions", "namespace Shop.Functions { public class SharedFunction : Shop.Core.FunctionBase { } }", core);
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

    [Fact]
    public Task Flags_a_typo_in_a_terraform_function() => VerifyConfig(
        TerraformPath,
        """
        resource "aws_lambda_function" "orders" {
          filename = var.package
          handler  = "TestProject::Shop.Function::Handel"
          runtime  = "dotnet8"
        }
        """,
        Verify.Diagnostic().WithSpan(TerraformPath, 3, 14, 3, 50)
            .WithArguments("TestProject::Shop.Function::Handel", "type 'Shop.Function' has no method 'Handel'; did you mean 'Handle'?"));

    [Fact]
    public Task Flags_a_typo_in_a_serverless_function() => VerifyConfig(
        ServerlessPath,
        """
        provider:
          name: aws
          runtime: dotnet8
        functions:
          process:
            handler: TestProject::Shop.Function::ProcessAsnyc
        """,
        Verify.Diagnostic().WithSpan(ServerlessPath, 6, 14, 6, 54)
            .WithArguments("TestProject::Shop.Function::ProcessAsnyc", "type 'Shop.Function' has no method 'ProcessAsnyc'; did you mean 'ProcessAsync'?"));

    [Fact]
    public Task Ignores_functions_of_unknown_ownership_in_a_shared_terraform_file() => VerifyConfig(
        TerraformPath,
        """
        resource "aws_lambda_function" "other" {
          filename = var.package
          handler  = "Billing::Billing.Function::Handel"
          runtime  = "dotnet8"
        }
        resource "aws_lambda_function" "computed" {
          filename = "../dist/billing.zip"
          handler  = local.handler
          runtime  = "dotnet8"
        }
        """);

    [Theory]
    [InlineData("provided")]
    [InlineData("provided.al2")]
    [InlineData("provided.al2023")]
    public Task Ignores_class_library_strings_on_os_only_runtimes_which_never_read_them(string runtime) => VerifyConfig(
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Handel", runtime));

    [Fact]
    public Task Flags_the_same_class_library_string_on_a_managed_runtime() => VerifyConfig(
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Handel", "dotnet10"),
        Verify.Diagnostic().WithSpan(ConfigFiles.ToolsDefaultsPath, 8, 23, 8, 59)
            .WithArguments("TestProject::Shop.Function::Handel", "type 'Shop.Function' has no method 'Handel'; did you mean 'Handle'?"));

    [Theory]
    [InlineData("dotnet8")]
    [InlineData("dotnet10")]
    public Task Flags_an_executable_with_several_generated_handlers_on_a_managed_runtime(string runtime) => VerifyConfig(
        TwoHandlers,
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("TestProject", runtime),
        OutputKind.ConsoleApplication,
        Verify.Diagnostic().WithSpan(ConfigFiles.ToolsDefaultsPath, 8, 23, 8, 36)
            .WithArguments("TestProject", $"on the {runtime} runtime the handler string must name the executable for the runtime to start it, and the generated Main then receives that name as _HANDLER to select one of its 2 handlers (PlaceOrder, cancel-order), which names none of them; deploy on provided.al2023 with a handler's name as the handler string, or keep one [LambdaHandler] per executable"));

    [Fact]
    public Task Flags_a_generated_handler_name_on_a_managed_runtime_which_looks_for_that_file() => VerifyConfig(
        TwoHandlers,
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("PlaceOrder", "dotnet8"),
        OutputKind.ConsoleApplication,
        Verify.Diagnostic().WithSpan(ConfigFiles.ToolsDefaultsPath, 8, 23, 8, 35)
            .WithArguments("PlaceOrder", "the dotnet8 runtime starts the executable the handler string names, 'PlaceOrder.dll', and this project's executable is 'TestProject'; 'PlaceOrder' is a generated handler's name, which only a provided.* runtime passes through to Main; did you mean 'TestProject'?"));

    [Fact]
    public Task Flags_an_executable_string_that_is_not_the_executable_on_a_managed_runtime() => VerifyConfig(
        WithSerializer("public class Program { public static void Main() { } }"),
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("bootstrap", "dotnet8"),
        OutputKind.ConsoleApplication,
        Verify.Diagnostic().WithSpan(ConfigFiles.ToolsDefaultsPath, 8, 23, 8, 34)
            .WithArguments("bootstrap", "the dotnet8 runtime starts the executable the handler string names, 'bootstrap.dll', and this project's executable is 'TestProject'; did you mean 'TestProject'?"));

    [Theory]
    [InlineData("TestProject")]
    [InlineData("TestProject.dll")]
    public Task Ignores_the_executable_name_with_one_generated_handler_on_a_managed_runtime(string handler) => VerifyConfig(
        OneHandler, ConfigFiles.ToolsDefaultsPath, ConfigFiles.ToolsDefaults(handler, "dotnet8"), OutputKind.ConsoleApplication);

    [Fact]
    public Task Ignores_the_executable_name_when_a_handler_has_that_name() => VerifyConfig(
        WithSerializer("""
            public class Program { public static void Main() { } }
            public class Handlers
            {
                [LambdaHandler("TestProject")] public Receipt PlaceOrder(Order order) => new Receipt();
                [LambdaHandler("cancel-order")] public Receipt Cancel(Order order) => new Receipt();
            }
            """),
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("TestProject", "dotnet8"),
        OutputKind.ConsoleApplication);

    [Fact]
    public Task Ignores_an_executable_string_when_the_assembly_name_is_set_only_at_publish() => VerifyConfig(
        WithSerializer("public class Program { public static void Main() { } }"),
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("bootstrap", "dotnet8"),
        OutputKind.ConsoleApplication,
        new[] { ("LambdaAnalyzersConditionalProperties", "AssemblyName") });

    [Fact]
    public Task Flags_an_assembly_name_the_project_no_longer_has() => VerifyConfig(
        WithSerializer(Function),
        ConfigFiles.SamTemplatePath,
        ConfigFiles.SamTemplate("Handler: OrdersFunction::Shop.Function::Handle"),
        OutputKind.DynamicallyLinkedLibrary,
        new[] { ("ProjectDir", "/0/") },
        Verify.Diagnostic().WithSpan(ConfigFiles.SamTemplatePath, 12, 16, 12, 53)
            .WithArguments("OrdersFunction::Shop.Function::Handle", "the function's code is this project, which builds assembly 'TestProject', not 'OrdersFunction'; did you mean 'TestProject::Shop.Function::Handle'?"));

    [Fact]
    public async Task Fix_writes_this_projects_assembly_name() => Assert.Equal(
        ConfigFiles.SamTemplate("Handler: TestProject::Shop.Function::Handle"),
        await Infrastructure.ConfigFileFixRunner.FixAsync(
            new LambdaAnalyzers.Rules.Handlers.LAM0001UnknownHandlerAnalyzer(),
            new LambdaAnalyzers.CodeFixes.Rules.Handlers.LAM0001UnknownHandlerCodeFix(),
            WithSerializer(Function),
            ConfigFiles.SamTemplatePath,
            ConfigFiles.SamTemplate("Handler: OrdersFunction::Shop.Function::Handle"),
            buildProperties: new System.Collections.Generic.Dictionary<string, string> { ["ProjectDir"] = "/0/" }));

    [Theory]
    [InlineData("Handler: OrdersFunction::Shop.Function::Handle", "../OtherProject/", "ProjectDir")]
    [InlineData("Handler: Amazon.Lambda.Core::Shop.Function::Handle", ".", "ProjectDir")]
    [InlineData("Handler: OrdersFunction::Shop.Missing::Handle", ".", "ProjectDir")]
    [InlineData("Handler: OrdersFunction::Shop.Function::Handle", ".", "LambdaAnalyzersConditionalProperties")]
    public Task Ignores_another_assembly_unless_the_code_is_here_and_the_method_too(string handlerLine, string codeUri, string fact) => VerifyConfig(
        WithSerializer(Function),
        ConfigFiles.SamTemplatePath,
        ConfigFiles.SamTemplate(handlerLine, codeUri),
        OutputKind.DynamicallyLinkedLibrary,
        fact == "ProjectDir" ? new[] { ("ProjectDir", "/0/") } : new[] { ("ProjectDir", "/0/"), ("LambdaAnalyzersConditionalProperties", "AssemblyName") });
}
