using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Handlers.HandlerSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Handlers.LAM0004AmbiguousHandlerNameAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Handlers;

public sealed class LAM0004AmbiguousHandlerNameTests
{
    private const string Overloads = """
        namespace Shop
        {
            public class Function
            {
                public string Handle(string input) => input;
                public Receipt Handle(Order order, ILambdaContext context) => new Receipt();
            }
        }
        """;

    private static Task VerifyConfig(string source, string path, string config, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestState = { Sources = { source }, AdditionalFiles = { (path, config) } } };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Flags_overloaded_handler_name() => VerifyConfig(
        WithSerializer(Overloads),
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Handle"),
        Verify.Diagnostic().WithSpan(ConfigFiles.ToolsDefaultsPath, 8, 23, 8, 59)
            .WithArguments("TestProject::Shop.Function::Handle", 2, "Shop.Function", "Handle", "TestProject::Shop.Function::System.String Handle(System.String)"));

    [Fact]
    public Task Flags_static_and_instance_methods_sharing_a_name() => VerifyConfig(
        WithSerializer("""
            namespace Shop
            {
                public class Function
                {
                    public static Receipt Process(Order order) => new Receipt();
                    public Task Process(SqsEvent sqsEvent, ILambdaContext context) => Task.CompletedTask;
                }
            }
            """),
        ConfigFiles.SamTemplatePath,
        ConfigFiles.SamTemplate("Handler: TestProject::Shop.Function::Process"),
        Verify.Diagnostic().WithSpan(ConfigFiles.SamTemplatePath, 12, 16, 12, 51)
            .WithArguments("TestProject::Shop.Function::Process", 2, "Shop.Function", "Process", "TestProject::Shop.Function::Receipt Process(Order)"));

    [Fact]
    public Task Flags_private_overload_too() => VerifyConfig(
        WithSerializer("""
            namespace Shop
            {
                public class Function
                {
                    public Receipt Handle(Order order) => new Receipt();
                    private Receipt Handle(Order order, string source) => new Receipt();
                }
            }
            """),
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Handle"),
        Verify.Diagnostic().WithSpan(ConfigFiles.ToolsDefaultsPath, 8, 23, 8, 59)
            .WithArguments("TestProject::Shop.Function::Handle", 2, "Shop.Function", "Handle", "TestProject::Shop.Function::Receipt Handle(Order)"));

    [Theory]
    [InlineData(0, "TestProject::Shop.Function::System.String Handle(System.String)")]
    [InlineData(1, "TestProject::Shop.Function::Receipt Handle(Order, Amazon.Lambda.Core.ILambdaContext)")]
    public async Task Fix_writes_the_chosen_signature(int index, string fixedHandler) => Assert.Equal(
        ConfigFiles.ToolsDefaults(fixedHandler),
        await Infrastructure.ConfigFileFixRunner.FixAsync(
            new LambdaAnalyzers.Rules.Handlers.LAM0004AmbiguousHandlerNameAnalyzer(),
            new LambdaAnalyzers.CodeFixes.Rules.Handlers.LAM0004AmbiguousHandlerNameCodeFix(),
            WithSerializer(Overloads),
            ConfigFiles.ToolsDefaultsPath,
            ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Handle"),
            index));

    [Fact]
    public Task Ignores_handler_strings_giving_the_full_signature() => VerifyConfig(
        WithSerializer(Overloads),
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("TestProject::Shop.Function::System.String Handle(System.String)"));

    [Fact]
    public Task Ignores_an_override_in_a_derived_type_that_hides_the_base_name() => VerifyConfig(
        WithSerializer("""
            namespace Shop
            {
                public class Base { public virtual Receipt Handle(Order order) => new Receipt(); }
                public class Function : Base { public override Receipt Handle(Order order) => new Receipt(); }
            }
            """),
        ConfigFiles.ToolsDefaultsPath,
        ConfigFiles.ToolsDefaults("TestProject::Shop.Function::Handle"));
}
