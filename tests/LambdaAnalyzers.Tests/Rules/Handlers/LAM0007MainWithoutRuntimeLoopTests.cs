using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Handlers.HandlerSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Handlers.LAM0007MainWithoutRuntimeLoopAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Handlers;

public sealed class LAM0007MainWithoutRuntimeLoopTests
{
    private const string Bootstrap = """
        using Amazon.Lambda.RuntimeSupport;
        using Amazon.Lambda.Serialization.SystemTextJson;

        """;

    private static Verify.Test WithAspNetCore(Verify.Test test)
    {
        test.TestState.AdditionalReferences.AddRange(TestReferences.AspNetCore);
        test.TestState.AdditionalReferences.AddRange(TestReferences.AspNetCoreServer);
        return test;
    }

    private static Task VerifyExecutable(string source, params DiagnosticResult[] expected) => VerifyExecutable(new[] { source }, expected);

    private static Task VerifyExecutable(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestState = { OutputKind = OutputKind.ConsoleApplication } };
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Flags_bootstrap_built_but_never_run() => VerifyExecutable(Usings + Bootstrap + Events + """
        public static class Program
        {
            public static void {|#0:Main|}()
            {
                var bootstrap = LambdaBootstrapBuilder.Create((Order order, ILambdaContext context) => new Receipt(), new DefaultLambdaJsonSerializer()).Build();
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithArguments("Main"));

    [Fact]
    public Task Flags_main_that_only_logs() => VerifyExecutable(Usings + Bootstrap + """
        public static class Program
        {
            public static async Task {|#0:Main|}(string[] args)
            {
                Console.WriteLine("starting");
                await Task.Delay(10);
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithArguments("Main"));

    [Fact]
    public Task Flags_main_whose_helper_two_calls_deep_never_runs_the_loop() => VerifyExecutable(Usings + Bootstrap + Events + """
        public static class Program
        {
            public static Task {|#0:Main|}() => Start();
            private static Task Start() => Configure();
            private static Task Configure()
            {
                LambdaBootstrapBuilder.Create((Order order, ILambdaContext context) => new Receipt(), new DefaultLambdaJsonSerializer()).Build();
                return Task.CompletedTask;
            }
        }
        """, Verify.Diagnostic().WithLocation(0).WithArguments("Main"));

    [Fact]
    public Task Flags_top_level_statements_without_a_loop() => VerifyExecutable(
        "{|#0:System.Console.WriteLine(\"hello\");|}\n" + """
        public static class Referenced { public static System.Type Marker => typeof(Amazon.Lambda.RuntimeSupport.LambdaBootstrap); }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Top-level statements"));

    [Fact]
    public Task Ignores_LambdaBootstrapBuilder_RunAsync() => VerifyExecutable(Usings + Bootstrap + Events + """
        public static class Program
        {
            public static async Task Main()
            {
                await LambdaBootstrapBuilder.Create((Order order, ILambdaContext context) => new Receipt(), new DefaultLambdaJsonSerializer())
                    .Build()
                    .RunAsync();
            }
        }
        """);

    [Fact]
    public Task Ignores_our_LambdaRuntime_RunAsync_two_calls_deep() => VerifyExecutable(Usings + Bootstrap + """
        public static class Program
        {
            public static Task Main() => Run();
            private static Task Run() => LambdaRuntime.RunAsync((invocation, response, cancellationToken) => default);
        }
        """);

    [Fact]
    public Task Ignores_an_extension_program_that_registers_with_LambdaExtension() => VerifyExecutable(
        """
        using System.Threading.Tasks;
        using LambdaAnalyzers.Runtime;

        using var extension = await LambdaExtension.RegisterAsync("telemetry-buffer", LambdaExtensionEvents.Invoke | LambdaExtensionEvents.Shutdown);
        await extension.RunAsync((e, cancellationToken) => default);
        """);

    [Fact]
    public Task Flags_a_program_that_only_reads_extension_events_without_registering() => VerifyExecutable(
        "{|#0:System.Console.WriteLine(typeof(LambdaAnalyzers.Runtime.LambdaExtensionEvent));|}\n",
        Verify.Diagnostic().WithLocation(0).WithArguments("Top-level statements"));

    [Fact]
    public Task Ignores_aspnetcore_lambda_hosting() => VerifyExecutable(new[]
    {
        Usings + Bootstrap + """
            using Microsoft.Extensions.DependencyInjection;

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var services = new ServiceCollection();
                    services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);
                    new App().Run();
                }
            }

            public sealed class App { public void Run() { } }
            """,
        """
            namespace Microsoft.Extensions.DependencyInjection
            {
                public enum LambdaEventSource { RestApi, HttpApi, ApplicationLoadBalancer }
                public sealed class ServiceCollection { }
                public static class LambdaHostingExtensions
                {
                    public static ServiceCollection AddAWSLambdaHosting(this ServiceCollection services, LambdaEventSource source) => services;
                }
            }
            """,
    });

    private const string HostedMinimalApi = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        {|#0:var builder = WebApplication.CreateBuilder(args);|}
        HOSTING
        var app = builder.Build();
        app.MapGet("/", () => "ok");
        app.Run();
        """;

    [Fact]
    public Task Ignores_aspnetcore_lambda_hosting_with_the_real_framework() => WithAspNetCore(new Verify.Test
    {
        TestCode = HostedMinimalApi.Replace("HOSTING", "builder.Services.AddAWSLambdaHosting(LambdaEventSource.RestApi);").Replace("{|#0:", string.Empty).Replace("|}", string.Empty),
        TestState = { OutputKind = OutputKind.ConsoleApplication },
    }).RunAsync();

    [Fact]
    public Task Flags_an_aspnetcore_app_of_a_lambda_project_that_never_registers_lambda_hosting() => WithAspNetCore(new Verify.Test
    {
        TestCode = HostedMinimalApi.Replace("HOSTING", string.Empty),
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("Top-level statements") },
    }).RunAsync();

    /// <summary>
    /// The ASP.NET Core blueprint: <c>LambdaEntryPoint</c> is what Lambda runs, and the project's <c>Main</c> starts Kestrel
    /// for local runs only. Whether that <c>Main</c> is the function's program depends on how the template deploys it.
    /// </summary>
    [Theory]
    [InlineData("Api::Api.LambdaEntryPoint::FunctionHandlerAsync", "dotnet8", false)]
    [InlineData("Api::Api.LambdaEntryPoint::FunctionHandlerAsync", "provided.al2023", true)]
    [InlineData("Api", "dotnet8", true)]
    [InlineData("!Sub '${Assembly}::Api.LambdaEntryPoint::FunctionHandlerAsync'", "dotnet8", true)]
    [InlineData("Api::Api.LambdaEntryPoint::FunctionHandlerAsync", "!Ref DotnetRuntime", true)]
    public Task Leaves_alone_the_local_Main_of_a_project_the_template_loads_as_a_class_library(string handler, string runtime, bool flagged)
    {
        var test = WithAspNetCore(new Verify.Test
        {
            TestState =
            {
                OutputKind = OutputKind.ConsoleApplication,
                Sources =
                {
                    ("/repo/src/Api/LambdaEntryPoint.cs", """
                        namespace Api;

                        public class LambdaEntryPoint : Amazon.Lambda.AspNetCoreServer.APIGatewayProxyFunction
                        {
                        }
                        """),
                    ("/repo/src/Api/LocalEntryPoint.cs", """
                        using Microsoft.AspNetCore.Builder;

                        namespace Api;

                        public static class LocalEntryPoint
                        {
                            public static void {|#0:Main|}(string[] args)
                            {
                                var app = WebApplication.CreateBuilder(args).Build();
                                app.MapGet("/", () => "ok");
                                app.Run();
                            }
                        }
                        """),
                },
                AdditionalFiles = { ("/repo/template.yaml", $"Resources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/Api/\n      Handler: {handler}\n      Runtime: {runtime}\n") },
                AnalyzerConfigFiles = { TestProjects.GlobalConfig(("ProjectDir", "/repo/src/Api/"), ("OutputType", "Exe"), ("AssemblyName", "Api"), ("TargetFramework", "net8.0")) },
            },
        });
        if (flagged)
        {
            test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments("Main"));
        }

        return test.RunAsync();
    }

    [Fact]
    public Task Ignores_aspnetcore_lambda_hosting_while_aspnetcore_is_not_resolved() => new Verify.Test
    {
        // The IDE before a restore: WebApplication and AddAWSLambdaHosting do not bind. Nothing can be concluded.
        TestCode = HostedMinimalApi.Replace("HOSTING", "builder.Services.AddAWSLambdaHosting(LambdaEventSource.RestApi);").Replace("{|#0:", string.Empty).Replace("|}", string.Empty),
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();

    [Fact]
    public Task Flags_a_main_that_never_starts_the_loop_even_when_other_code_is_unbound() => new Verify.Test
    {
        // Unbound code Main never reaches says nothing about Main.
        TestCode = Usings + Bootstrap + """
            public static class Program
            {
                public static void {|#0:Main|}() => System.Console.WriteLine("no loop");
            }

            public static class Unrelated
            {
                public static void Use() => new MissingType().Run();
            }
            """,
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        CompilerDiagnostics = CompilerDiagnostics.None,
        ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("Main") },
    }.RunAsync();

    [Fact]
    public Task Ignores_annotations_generated_main() => VerifyExecutable(new[]
    {
        Usings + Bootstrap + Events + """
            public class Functions
            {
                [Amazon.Lambda.Annotations.LambdaFunction]
                public Receipt Handle(Order order) => new Receipt();
            }
            """,
        """
            // <auto-generated/>
            public static class GeneratedProgram
            {
                public static System.Threading.Tasks.Task Main(string[] args) => System.Threading.Tasks.Task.CompletedTask;
            }
            """,
    });

    [Fact]
    public Task Ignores_main_calling_into_library_code_we_cannot_see()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                OutputKind = OutputKind.ConsoleApplication,
                Sources =
                {
                    Usings + Bootstrap + """
                        public static class Program
                        {
                            public static Task Main() => Vendor.Hosting.LambdaHost.StartAsync();
                        }
                        """,
                },
                AdditionalProjectReferences = { "Vendor" },
            },
        };
        test.TestState.AdditionalProjects["Vendor"].AdditionalReferences.AddRange(Infrastructure.TestReferences.Framework);
        test.TestState.AdditionalProjects["Vendor"].Sources.Add("""
            namespace Vendor.Hosting;
            public static class LambdaHost { public static System.Threading.Tasks.Task StartAsync() => System.Threading.Tasks.Task.CompletedTask; }
            """);
        return test.RunAsync();
    }

    [Fact]
    public Task Ignores_console_tools_that_are_not_lambda_functions()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<LambdaAnalyzers.Rules.Handlers.LAM0007MainWithoutRuntimeLoopAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = Infrastructure.TestReferences.Empty,
            TestState =
            {
                OutputKind = OutputKind.ConsoleApplication,
                Sources = { "public static class Program { public static void Main() => System.Console.WriteLine(\"tool\"); }" },
            },
        };
        test.TestState.AdditionalReferences.AddRange(Infrastructure.TestReferences.Framework);
        return test.RunAsync();
    }

    [Fact]
    public Task Ignores_class_libraries() => Verify.VerifyAsync(Usings + Bootstrap + """
        public static class NotAnEntryPoint
        {
            public static void Main() { }
        }
        """);
}
