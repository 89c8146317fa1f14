using System;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Deployment;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Deployment.ConfigFileTest;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Deployment.LAM0300RuntimeProjectMismatchAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Deployment;

public sealed class LAM0300RuntimeProjectMismatchTests
{
    private const string NotALibrary =
        "starts an executable named 'bootstrap', but this project builds a library (OutputType 'Library'); set <OutputType>Exe</OutputType> and <AssemblyName>bootstrap</AssemblyName>";

    private static (string Property, string Value)[] Project(params (string Property, string Value)[] overrides) =>
        LibraryProject.Where(p => !overrides.Any(o => o.Property == p.Property)).Concat(overrides).ToArray();

    private static Task VerifyAsync((string Property, string Value)[] project, (string Path, string Content)[] files, params DiagnosticResult[] expected) =>
        ConfigFileTest.VerifyAsync<LAM0300RuntimeProjectMismatchAnalyzer>(files, expected, project);

    private static (string, string) Template(string runtime, string extra = "") => (InProject("template.yaml"), $$"""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: .
              Handler: Function
              Runtime: {{runtime}}
        {{extra}}
        """);

    [Fact]
    public Task Flags_an_os_only_runtime_for_a_class_library() => VerifyAsync(
        LibraryProject,
        new[] { Template("{|#0:provided.al2023|}") },
        Verify.Diagnostic().WithLocation(0).WithArguments("provided.al2023", NotALibrary));

    [Fact]
    public Task Flags_an_os_only_runtime_for_an_executable_not_named_bootstrap() => VerifyAsync(
        Project(("OutputType", "Exe"), ("AssemblyName", "OrderFunction")),
        new[] { (InProject("aws-lambda-tools-defaults.json"), """{ "function-runtime": {|#0:"provided.al2"|}, "msbuild-parameters": "--self-contained true" }""") },
        Verify.Diagnostic().WithLocation(0).WithArguments(
            "provided.al2",
            "starts an executable named 'bootstrap', but this project's executable is named 'OrderFunction'; set <AssemblyName>bootstrap</AssemblyName> (or pass /p:AssemblyName=bootstrap in msbuild-parameters)"));

    [Fact]
    public Task Flags_a_managed_runtime_older_than_the_target_framework() => VerifyAsync(
        Project(("TargetFramework", "net10.0")),
        new[] { (InProject("serverless.template"), """{ "Resources": { "Fn": { "Type": "AWS::Serverless::Function", "Properties": { "CodeUri": "", "Runtime": {|#0:"dotnet8"|} } } } }""") },
        Verify.Diagnostic().WithLocation(0).WithArguments(
            "dotnet8", "runs .NET 8 and older, but this project targets net10.0; choose the runtime for that .NET version or target a framework 'dotnet8' runs"));

    [Fact]
    public Task Flags_a_deprecated_runtime_older_than_the_project() => VerifyAsync(
        Project(("TargetFramework", "net8.0")),
        new[] { Template("{|#0:dotnet6|}") },
        Verify.Diagnostic().WithLocation(0).WithArguments(
            "dotnet6", "runs .NET 6 and older, but this project targets net8.0; choose the runtime for that .NET version or target a framework 'dotnet6' runs"));

    /// <summary>A runtime Lambda refuses whatever the project builds is LAM0304's: one root cause, one diagnostic.</summary>
    [Theory]
    [InlineData("dotnetcore3.1")]
    [InlineData("dotnet9")]
    [InlineData("dotnet8.0")]
    public Task Leaves_runtimes_lambda_refuses_to_LAM0304(string runtime) => VerifyAsync(
        Project(("TargetFramework", "net10.0")),
        new[] { Template(runtime) });

    [Fact]
    public Task Flags_the_runtime_inherited_from_globals() => VerifyAsync(
        LibraryProject,
        new[] { (InProject("template.yaml"), "Globals:\n  Function:\n    Runtime: {|#0:provided.al2023|}\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n") },
        Verify.Diagnostic().WithLocation(0).WithArguments("provided.al2023", NotALibrary));

    /// <summary>A resource Amazon.Lambda.Annotations keeps, with the runtime an older build wrote (dotnet6) for a project now on net10.0.</summary>
    private static (string, string) AnnotationsTemplate(string runtime) => (InProject("serverless.template"), $$"""
        {
          "Description": "This template is partially managed by Amazon.Lambda.Annotations (v1.6.1.0).",
          "Resources": {
            "FunctionsGetRootGenerated": {
              "Type": "AWS::Serverless::Function",
              "Metadata": { "Tool": "Amazon.Lambda.Annotations" },
              "Properties": { "CodeUri": ".", "Handler": "Function::Function.Functions_GetRoot_Generated::GetRoot", "Runtime": {{runtime}} }
            }
          }
        }
        """);

    [Fact]
    public Task Accepts_a_stale_runtime_in_a_resource_Annotations_writes_again_on_this_build() => VerifyAsync(
        Project(("TargetFramework", "net10.0")),
        new[] { AnnotationsTemplate("\"dotnet6\"") });

    [Fact]
    public Task Flags_the_runtime_of_an_Annotations_resource_when_the_project_does_not_use_Annotations() =>
        ConfigFileTest.VerifyAsync<LAM0300RuntimeProjectMismatchAnalyzer>(
            new[] { AnnotationsTemplate("{|#0:\"dotnet6\"|}") },
            new[]
            {
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "dotnet6", "runs .NET 6 and older, but this project targets net10.0; choose the runtime for that .NET version or target a framework 'dotnet6' runs"),
            },
            Project(("TargetFramework", "net10.0")),
            annotations: false);

    [Fact]
    public Task Flags_the_runtime_of_a_resource_another_tool_wrote() => VerifyAsync(
        Project(("TargetFramework", "net10.0")),
        new[] { (InProject("serverless.template"), """{ "Resources": { "Fn": { "Type": "AWS::Serverless::Function", "Metadata": { "Tool": "Other" }, "Properties": { "CodeUri": ".", "Runtime": {|#0:"dotnet8"|} } } } }""") },
        Verify.Diagnostic().WithLocation(0).WithArguments(
            "dotnet8", "runs .NET 8 and older, but this project targets net10.0; choose the runtime for that .NET version or target a framework 'dotnet8' runs"));

    [Fact]
    public Task Accepts_an_executable_named_bootstrap() => VerifyAsync(
        Project(("OutputType", "Exe"), ("AssemblyName", "bootstrap"), ("PublishAot", "true")),
        new[] { Template("provided.al2023") });

    [Fact]
    public Task Accepts_assembly_name_and_output_type_from_msbuild_parameters() => VerifyAsync(
        Project(("AssemblyName", "OrderFunction")),
        new[]
        {
            Template("provided.al2023"),
            (InProject("aws-lambda-tools-defaults.json"), """{ "msbuild-parameters": "--self-contained true -p:OutputType=Exe /p:AssemblyName=bootstrap;PublishReadyToRun=true" }"""),
        });

    [Fact]
    public Task Accepts_managed_runtimes_that_run_the_target_framework() => VerifyAsync(
        Project(("TargetFramework", "net8.0")),
        new[]
        {
            (InProject("template.yaml"), """
                Resources:
                  Same: { Type: AWS::Serverless::Function, Properties: { Runtime: dotnet8 } }
                  Newer: { Type: AWS::Serverless::Function, Properties: { Runtime: dotnet10 } }
                  Library: { Type: AWS::Serverless::Function, Properties: { Runtime: DotNet8 } }
                """),
        });

    [Fact]
    public Task Ignores_intrinsic_runtimes() => VerifyAsync(
        LibraryProject,
        new[] { Template("!Ref RuntimeParameter"), (InProject("serverless.template"), """{ "Resources": { "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Code": "", "Runtime": { "Fn::If": ["Aot", "provided.al2023", "dotnet8"] } } } } }""") });

    [Fact]
    public Task Ignores_functions_whose_code_uri_is_another_project() => VerifyAsync(
        LibraryProject,
        new[]
        {
            ("/repo/template.yaml", """
                Resources:
                  Native:
                    Type: AWS::Serverless::Function
                    Properties: { CodeUri: src/NativeFunction/, Runtime: provided.al2023 }
                  Prebuilt:
                    Type: AWS::Serverless::Function
                    Properties: { CodeUri: { Bucket: b, Key: k }, Runtime: provided.al2023 }
                  Computed:
                    Type: AWS::Serverless::Function
                    Properties: { CodeUri: !Sub 's3://${Bucket}/code.zip', Runtime: provided.al2023 }
                  Image:
                    Type: AWS::Serverless::Function
                    Properties: { CodeUri: src/Function, PackageType: Image, Runtime: provided.al2023 }
                """),
        });

    [Fact]
    public Task Stays_silent_when_the_project_facts_are_unknown() => VerifyAsync(
        new[] { ("ProjectDir", ProjectDir) },
        new[] { Template("provided.al2023"), (InProject("serverless.template"), """{ "Resources": { "Fn": { "Type": "AWS::Serverless::Function", "Properties": { "Runtime": "dotnet6" } } } }""") });

    [Fact]
    public Task Stays_silent_when_the_project_folder_is_unknown() => VerifyAsync(
        Array.Empty<(string, string)>(),
        new[] { Template("provided.al2023") });

    [Fact]
    public Task Ignores_os_only_runtimes_that_get_bootstrap_from_a_layer_or_a_script() => VerifyAsync(
        LibraryProject,
        new[]
        {
            Template("provided.al2023", "      Layers: [!Ref DotnetRuntimeLayer]"),
            (InProject("aws-lambda-tools-defaults.json"), """{ "function-runtime": "provided.al2" }"""),
            (InProject("bootstrap"), "#!/bin/sh\nexec /var/task/Function \"$@\"\n"),
        });

    [Fact]
    public Task Ignores_a_self_contained_executable_on_an_older_managed_runtime() => VerifyAsync(
        Project(("OutputType", "Exe"), ("TargetFramework", "net10.0"), ("SelfContained", "true")),
        new[] { Template("dotnet8") });

    [Fact]
    public Task Ignores_multi_targeting_when_one_framework_fits() => VerifyAsync(
        Project(("TargetFramework", "net10.0"), ("TargetFrameworks", "net8.0;net10.0")),
        new[] { Template("dotnet8") });

    [Fact]
    public Task Follows_the_framework_the_tools_publish() => VerifyAsync(
        Project(("TargetFramework", "net8.0"), ("TargetFrameworks", "net8.0;net10.0")),
        new[]
        {
            (InProject("aws-lambda-tools-defaults.json"), """{ "framework": "net10.0", "function-runtime": {|#0:"dotnet8"|} }"""),
        },
        Verify.Diagnostic().WithLocation(0).WithArguments(
            "dotnet8", "runs .NET 8 and older, but this project targets net10.0; choose the runtime for that .NET version or target a framework 'dotnet8' runs"));

    [Fact]
    public Task Flags_an_os_only_runtime_in_terraform_for_a_class_library() => VerifyAsync(
        LibraryProject,
        new[]
        {
            ("/repo/infra/main.tf", """
                data "archive_file" "fn" {
                  type        = "zip"
                  source_dir  = "${path.module}/../src/Function/bin/Release/net8.0/linux-x64/publish"
                  output_path = "${path.module}/fn.zip"
                }
                resource "aws_lambda_function" "fn" {
                  filename = data.archive_file.fn.output_path
                  handler  = "bootstrap"
                  runtime  = {|#0:"provided.al2023"|}
                }
                """),
        },
        Verify.Diagnostic().WithLocation(0).WithArguments("provided.al2023", NotALibrary));

    [Fact]
    public Task Flags_a_provider_runtime_a_serverless_function_inherits() => VerifyAsync(
        Project(("TargetFramework", "net10.0")),
        new[]
        {
            ("/repo/serverless.yml", """
                provider:
                  name: aws
                  runtime: {|#0:dotnet8|}
                functions:
                  fn:
                    handler: Function::Function.Handler::Handle
                    package:
                      artifact: src/Function/bin/Release/net10.0/Function.zip
                """),
        },
        Verify.Diagnostic().WithLocation(0).WithArguments(
            "dotnet8", "runs .NET 8 and older, but this project targets net10.0; choose the runtime for that .NET version or target a framework 'dotnet8' runs"));

    [Theory]
    [InlineData("AssemblyName")]
    [InlineData("OutputType")]
    public Task Ignores_an_os_only_runtime_when_the_bootstrap_facts_are_set_only_at_publish(string conditional) => VerifyAsync(
        Project(("OutputType", "Exe"), ("AssemblyName", "OrderFunction"), ("LambdaAnalyzersConditionalProperties", conditional)),
        new[] { Template("provided.al2023") });

    [Theory]
    [InlineData("SelfContained")]
    [InlineData("PublishAot")]
    [InlineData("TargetFramework")]
    public Task Ignores_a_managed_runtime_when_the_published_framework_may_differ(string conditional) => VerifyAsync(
        Project(("OutputType", "Exe"), ("TargetFramework", "net10.0"), ("LambdaAnalyzersConditionalProperties", conditional)),
        new[] { Template("dotnet8") });

    [Fact]
    public Task Ignores_functions_nothing_ties_to_this_project() => VerifyAsync(
        LibraryProject,
        new[]
        {
            ("/repo/infra/main.tf", """
                resource "aws_lambda_function" "other" {
                  filename = var.package
                  handler  = "Billing::Billing.Function::Handle"
                  runtime  = "provided.al2023"
                }
                """),
        });
}
