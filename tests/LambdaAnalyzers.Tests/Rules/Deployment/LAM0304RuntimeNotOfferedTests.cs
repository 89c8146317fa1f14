using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Deployment;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Deployment.ConfigFileTest;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Deployment.LAM0304RuntimeNotOfferedAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Deployment;

public sealed class LAM0304RuntimeNotOfferedTests
{
    private const string Retired = "is retired: Lambda no longer creates or updates functions on it; move the project to .NET 10 and the function to dotnet10";
    private const string NotAnIdentifier = "is not a Lambda runtime identifier; the .NET runtimes are dotnet8 and dotnet10";
    private const string AFramework = "is a target framework, not a Lambda runtime; the .NET runtimes are dotnet8 and dotnet10";

    /// <summary>A template of this project whose function has <paramref name="runtime"/>, marked as location 0 unless told.</summary>
    private static (string, string) Template(string runtime, bool marked = true) => (InProject("template.yaml"), $$"""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: .
              Handler: Function::Function.Handler::Handle
              Runtime: {{(marked ? "{|#0:" + runtime + "|}" : runtime)}}
        """);

    private static string NoLtsRuntime(int major) =>
        $"is not a Lambda runtime: Lambda has managed runtimes for the long-term-support .NET releases only (dotnet8, dotnet10); run .NET {major} as a container image, or self-contained or Native AOT on provided.al2023";

    [Theory]
    [InlineData("dotnetcore3.1", Retired)]
    [InlineData("dotnetcore2.1", Retired)]
    [InlineData("dotnetcore1.0", Retired)]
    [InlineData("dotnet8.0", NotAnIdentifier)]
    [InlineData("dotnet-8", NotAnIdentifier)]
    [InlineData("dotnetcore3.0", NotAnIdentifier)]
    [InlineData("dotnet4", NotAnIdentifier)]
    [InlineData("net8.0", AFramework)]
    [InlineData("netcoreapp3.1", AFramework)]
    public Task Flags_a_runtime_lambda_refuses(string runtime, string why) => VerifyAsync<LAM0304RuntimeNotOfferedAnalyzer>(
        new[] { Template(runtime) },
        new[] { Verify.Diagnostic().WithLocation(0).WithArguments(runtime, why) });

    [Theory]
    [InlineData("dotnet9", 9)]
    [InlineData("dotnet7", 7)]
    [InlineData("dotnet5", 5)]
    public Task Flags_a_release_without_long_term_support(string runtime, int major) => VerifyAsync<LAM0304RuntimeNotOfferedAnalyzer>(
        new[] { Template(runtime) },
        new[] { Verify.Diagnostic().WithLocation(0).WithArguments(runtime, NoLtsRuntime(major)) });

    [Fact]
    public Task Flags_the_runtime_in_every_kind_of_file() => VerifyAsync<LAM0304RuntimeNotOfferedAnalyzer>(
        new[]
        {
            (InProject("aws-lambda-tools-defaults.json"), "{ \"function-runtime\": {|#0:\"dotnet9\"|}, \"function-handler\": \"Function::Function.Handler::Handle\" }"),
            (InProject("serverless.yml"), "service: orders\nprovider:\n  name: aws\n  runtime: {|#1:dotnetcore3.1|}\nfunctions:\n  fn:\n    handler: Function::Function.Handler::Handle\n    package:\n      artifact: bin/Release/net8.0/Function.zip\n"),
        },
        new[]
        {
            Verify.Diagnostic().WithLocation(0).WithArguments("dotnet9", NoLtsRuntime(9)),
            Verify.Diagnostic().WithLocation(1).WithArguments("dotnetcore3.1", Retired),
        });

    [Theory]
    [InlineData("dotnet10")]
    [InlineData("dotnet8")]
    [InlineData("dotnet6")]
    [InlineData("dotnet12")]
    [InlineData("provided.al2023")]
    [InlineData("provided.al2")]
    [InlineData("nodejs22.x")]
    [InlineData("!Ref DotnetRuntime")]
    public Task Leaves_alone_runtimes_lambda_accepts_may_accept_or_that_are_computed(string runtime) => VerifyAsync<LAM0304RuntimeNotOfferedAnalyzer>(
        new[] { Template(runtime, marked: false) },
        System.Array.Empty<DiagnosticResult>());

    [Fact]
    public Task Leaves_alone_the_functions_of_other_projects() => VerifyAsync<LAM0304RuntimeNotOfferedAnalyzer>(
        new[] { ("/repo/template.yaml", "Resources:\n  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/Other/\n      Handler: Other::Other.Fn::Handle\n      Runtime: dotnet9\n") },
        System.Array.Empty<DiagnosticResult>());
}
