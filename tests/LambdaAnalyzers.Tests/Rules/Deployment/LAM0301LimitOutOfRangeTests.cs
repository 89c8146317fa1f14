using System;
using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Deployment;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Deployment.ConfigFileTest;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Deployment.LAM0301LimitOutOfRangeAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Deployment;

public sealed class LAM0301LimitOutOfRangeTests
{
    private static Task VerifyAsync(string path, string content, params DiagnosticResult[] expected) =>
        ConfigFileTest.VerifyAsync<LAM0301LimitOutOfRangeAnalyzer>(path, content, expected);

    private static string Sam(string properties, string globals = "") => $$"""
        Transform: AWS::Serverless-2016-10-31
        {{globals}}
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: Function::Function.Handler::Handle
              Runtime: dotnet8
        {{properties}}
        """;

    [Fact]
    public Task Flags_a_timeout_above_900_seconds_in_a_sam_template() => VerifyAsync(
        InProject("template.yaml"),
        Sam("      Timeout: {|#0:1000|}"),
        Verify.Diagnostic().WithLocation(0).WithArguments("Timeout", "1000 seconds", "1 to 900 seconds"));

    [Fact]
    public Task Flags_memory_below_128_mb_in_serverless_template() => VerifyAsync(
        InProject("serverless.template"),
        """
        {
          "Resources": {
            "Fn": {
              "Type": "AWS::Lambda::Function",
              "Properties": { "Runtime": "dotnet8", "MemorySize": {|#0:64|}, "Timeout": "30" }
            }
          }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("MemorySize", "64 MB", "128 to 10,240 MB"));

    [Fact]
    public Task Flags_memory_written_as_a_string() => VerifyAsync(
        InProject("serverless.template"),
        """{ "Resources": { "Fn": { "Type": "AWS::Serverless::Function", "Properties": { "MemorySize": {|#0:"20000"|} } } } }""",
        Verify.Diagnostic().WithLocation(0).WithArguments("MemorySize", "20000 MB", "128 to 10,240 MB"));

    [Fact]
    public Task Flags_ephemeral_storage_outside_512_to_10240_mb() => VerifyAsync(
        InProject("template.yaml"),
        Sam("      EphemeralStorage:\n        Size: {|#0:256|}"),
        Verify.Diagnostic().WithLocation(0).WithArguments("EphemeralStorage.Size", "256 MB", "512 to 10,240 MB"));

    [Fact]
    public Task Flags_more_than_five_layers_counting_globals() => VerifyAsync(
        InProject("template.yaml"),
        Sam("      Layers: {|#0:[!Ref C, !Ref D, !Ref E, !Ref F]|}", globals: "Globals:\n  Function:\n    Layers:\n      - !Ref A\n      - !Ref B"),
        Verify.Diagnostic().WithLocation(0).WithArguments("Layers", "6 layers (with Globals)", "at most 5 layers per function"));

    [Fact]
    public Task Flags_tools_defaults_settings() => VerifyAsync(
        InProject("aws-lambda-tools-defaults.json"),
        """
        {
          "function-runtime": "dotnet8",
          "function-memory-size": {|#0:10241|},
          "function-timeout": {|#1:0|},
          "function-layers": {|#2:"arn:1,arn:2,arn:3,arn:4,arn:5,arn:6"|}
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("function-memory-size", "10241 MB", "128 to 10,240 MB"),
        Verify.Diagnostic().WithLocation(1).WithArguments("function-timeout", "0 seconds", "1 to 900 seconds"),
        Verify.Diagnostic().WithLocation(2).WithArguments("function-layers", "6 layers", "at most 5 layers per function"));

    [Fact]
    public Task Flags_a_globals_value_once_for_all_the_functions_inheriting_it() => VerifyAsync(
        InProject("template.yaml"),
        """
        Globals:
          Function:
            Timeout: {|#0:901|}
            CodeUri: .
        Resources:
          A:
            Type: AWS::Serverless::Function
          B:
            Type: AWS::Serverless::Function
          C:
            Type: AWS::Serverless::Function
            Properties:
              Timeout: 30
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Timeout", "901 seconds", "1 to 900 seconds"));

    [Fact]
    public Task Ignores_values_at_the_limits() => VerifyAsync(
        InProject("template.yaml"),
        """
        Globals:
          Function:
            Layers: [a]
        Resources:
          Low:
            Type: AWS::Serverless::Function
            Properties: { Timeout: 1, MemorySize: 128, EphemeralStorage: { Size: 512 }, Layers: [b, c, d, e] }
          High:
            Type: AWS::Lambda::Function
            Properties: { Timeout: 900, MemorySize: 10240, EphemeralStorage: { Size: 10240 }, Layers: [a, b, c, d, e] }
        """);

    [Fact]
    public Task Ignores_intrinsic_values() => VerifyAsync(
        InProject("template.yaml"),
        """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Timeout: !Ref TimeoutSeconds
              MemorySize: !If [IsProd, 20000, 64]
              EphemeralStorage:
                Size: !FindInMap [Sizes, !Ref Env, Tmp]
              Layers: !Split [',', !Ref LayerArns]
          Json:
            Type: AWS::Serverless::Function
            Properties:
              Timeout: {Ref: Seconds}
              MemorySize: {"Fn::If": [IsProd, 20000, 64]}
        """);

    [Fact]
    public Task Ignores_functions_of_other_projects_in_a_shared_template() => VerifyAsync(
        "/repo/template.yaml",
        """
        Resources:
          Mine:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: src/Function/
              Timeout: {|#0:1200|}
          Other:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: src/Other/
              Timeout: 1200
          Prebuilt:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: s3://bucket/code.zip
              Timeout: 1200
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Timeout", "1200 seconds", "1 to 900 seconds"));

    [Fact]
    public Task Ignores_resources_that_are_not_functions() => VerifyAsync(
        InProject("template.yaml"),
        """
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Properties:
              VisibilityTimeout: 43200
          Machine:
            Type: AWS::Serverless::StateMachine
            Properties:
              Timeout: 5000
        """);

    [Fact]
    public Task Ignores_settings_outside_function_configuration() => VerifyAsync(
        InProject("aws-lambda-tools-defaults.json"),
        """{ "profile": "default", "region": "us-east-1", "configuration": "Release", "template": "serverless.template" }""",
        Array.Empty<DiagnosticResult>());

    [Fact]
    public Task Flags_terraform_settings_by_their_terraform_names() => VerifyAsync(
        "/repo/infra/main.tf",
        """
        resource "aws_lambda_function" "fn" {
          filename    = "../src/Function/bin/Release/net8.0/Function.zip"
          memory_size = {|#0:20000|}
          timeout     = {|#1:"1200"|}
          layers      = {|#2:["a", "b", "c", "d", "e", "f"]|}
          ephemeral_storage {
            size = {|#3:256|}
          }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("memory_size", "20000 MB", "128 to 10,240 MB"),
        Verify.Diagnostic().WithLocation(1).WithArguments("timeout", "1200 seconds", "1 to 900 seconds"),
        Verify.Diagnostic().WithLocation(2).WithArguments("layers", "6 layers", "at most 5 layers per function"),
        Verify.Diagnostic().WithLocation(3).WithArguments("ephemeral_storage.size", "256 MB", "512 to 10,240 MB"));

    [Fact]
    public Task Flags_a_serverless_provider_value_once_for_the_functions_inheriting_it() => VerifyAsync(
        "/repo/serverless.yml",
        """
        provider:
          name: aws
          runtime: dotnet8
          timeout: {|#0:1000|}
        package:
          artifact: src/Function/bin/Release/net8.0/Function.zip
        functions:
          a:
            handler: Function::Function.Handler::A
          b:
            handler: Function::Function.Handler::B
            memorySize: {|#1:64|}
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("timeout", "1000 seconds", "1 to 900 seconds"),
        Verify.Diagnostic().WithLocation(1).WithArguments("memorySize", "64 MB", "128 to 10,240 MB"));

    [Fact]
    public Task Ignores_values_terraform_or_the_framework_compute() => VerifyAsync(
        "/repo/infra/main.tf",
        """
        resource "aws_lambda_function" "fn" {
          filename    = "../src/Function/bin/Release/net8.0/Function.zip"
          memory_size = var.memory
          timeout     = var.slow ? 1200 : 30
          layers      = concat(var.layers, ["a", "b", "c", "d", "e", "f"])
        }
        """);

    [Fact]
    public Task Ignores_serverless_variables() => VerifyAsync(
        "/repo/serverless.yml",
        """
        provider:
          name: aws
          timeout: ${self:custom.timeout}
          memorySize: ${opt:memory, 20000}
        functions:
          a:
            handler: TestProject::Function.Handler::A
        """);

    [Fact]
    public Task Ignores_other_projects_functions_in_a_shared_terraform_file() => VerifyAsync(
        "/repo/infra/main.tf",
        """
        resource "aws_lambda_function" "billing" {
          filename    = "../src/Billing/bin/Release/net8.0/Billing.zip"
          handler     = "Billing::Billing.Function::Handle"
          memory_size = 20000
        }
        resource "aws_lambda_function" "unknown" {
          filename    = var.package
          handler     = "Billing::Billing.Function::Handle"
          memory_size = 20000
        }
        """);
}
