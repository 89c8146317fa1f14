using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Deployment;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Deployment.ConfigFileTest;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Deployment.LAM0302ReservedEnvironmentVariableAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Deployment;

public sealed class LAM0302ReservedEnvironmentVariableTests
{
    private static Task VerifyAsync(string path, string content, params DiagnosticResult[] expected) =>
        ConfigFileTest.VerifyAsync<LAM0302ReservedEnvironmentVariableAnalyzer>(path, content, expected);

    [Fact]
    public Task Flags_a_reserved_variable_in_a_sam_template() => VerifyAsync(
        InProject("template.yaml"),
        """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  TABLE_NAME: orders
                  {|#0:AWS_REGION|}: eu-west-1
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("AWS_REGION"));

    [Fact]
    public Task Flags_a_reserved_variable_in_globals_once() => VerifyAsync(
        InProject("template.yaml"),
        """
        Globals:
          Function:
            Environment:
              Variables: {{|#0:AWS_ACCESS_KEY_ID|}: x, STAGE: prod}
        Resources:
          A:
            Type: AWS::Serverless::Function
          B:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  {|#1:"_HANDLER"|}: Other::Other.Fn::Handle
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("AWS_ACCESS_KEY_ID"),
        Verify.Diagnostic().WithLocation(1).WithArguments("_HANDLER"));

    [Fact]
    public Task Flags_a_reserved_variable_in_serverless_template() => VerifyAsync(
        InProject("serverless.template"),
        """
        {
          "Resources": {
            "Fn": {
              "Type": "AWS::Lambda::Function",
              "Properties": {
                "Environment": { "Variables": { {|#0:"LAMBDA_TASK_ROOT"|}: "/opt/app", "MODE": "fast" } }
              }
            }
          }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("LAMBDA_TASK_ROOT"));

    [Fact]
    public Task Flags_a_reserved_variable_inside_the_tools_defaults_string_form() => VerifyAsync(
        InProject("aws-lambda-tools-defaults.json"),
        """
        {
          "function-runtime": "dotnet8",
          "environment-variables": "STAGE=prod;{|#0:AWS_LAMBDA_FUNCTION_MEMORY_SIZE|}=512; TZ_UNUSED=x"
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));

    [Fact]
    public Task Flags_a_reserved_variable_in_the_tools_defaults_object_form() => VerifyAsync(
        InProject("aws-lambda-tools-defaults.json"),
        """{ "function-name": "orders", "environment-variables": { {|#0:"AWS_SESSION_TOKEN"|}: "t" } }""",
        Verify.Diagnostic().WithLocation(0).WithArguments("AWS_SESSION_TOKEN"));

    [Fact]
    public Task Ignores_unreserved_variables_lambda_lets_you_set() => VerifyAsync(
        InProject("template.yaml"),
        """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  AWS_LAMBDA_EXEC_WRAPPER: /opt/wrapper
                  AWS_LAMBDA_LOG_LEVEL: DEBUG
                  AWS_LAMBDA_DOTNET_PREJIT: Always
                  LD_LIBRARY_PATH: /opt/lib
                  TZ: Europe/Paris
                  aws_region: lower-case-is-another-variable
                  MY_AWS_REGION: mine
        """);

    [Fact]
    public Task Ignores_reserved_values_read_through_intrinsics() => VerifyAsync(
        InProject("template.yaml"),
        """
        Globals:
          Function:
            Environment:
              Variables: !If [IsProd, {AWS_REGION: x}, !Ref 'AWS::NoValue']
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  REGION: !Ref AWS::Region
                  FUNCTION: !Sub '${AWS::StackName}-AWS_REGION'
        """);

    [Fact]
    public Task Ignores_functions_of_other_projects_in_a_shared_template() => VerifyAsync(
        "/repo/deploy/template.yaml",
        """
        Resources:
          Other:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: ../src/Other
              Environment:
                Variables:
                  AWS_REGION: eu-west-1
          Mine:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: ../src/Function/bin/Release/net8.0/publish
              Environment:
                Variables:
                  {|#0:LAMBDA_RUNTIME_DIR|}: /x
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("LAMBDA_RUNTIME_DIR"));

    [Fact]
    public Task Flags_a_reserved_variable_in_a_terraform_function() => VerifyAsync(
        "/repo/infra/main.tf",
        """
        resource "aws_lambda_function" "fn" {
          filename = "../src/Function/bin/Release/net8.0/Function.zip"
          environment {
            variables = {
              TABLE = "orders"
              {|#0:AWS_REGION|} = "eu-west-1"
              {|#1:"_HANDLER"|} = "x"
            }
          }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("AWS_REGION"),
        Verify.Diagnostic().WithLocation(1).WithArguments("_HANDLER"));

    [Fact]
    public Task Flags_a_reserved_variable_of_the_serverless_provider() => VerifyAsync(
        "/repo/serverless.yml",
        """
        provider:
          name: aws
          environment:
            {|#0:AWS_LAMBDA_FUNCTION_MEMORY_SIZE|}: 512
        functions:
          a:
            handler: TestProject::Function.Handler::A
            environment:
              {|#1:AWS_REGION|}: ${opt:region}
              ${self:custom.name}: x
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"),
        Verify.Diagnostic().WithLocation(1).WithArguments("AWS_REGION"));

    [Fact]
    public Task Ignores_reserved_variables_of_functions_that_are_not_this_projects() => VerifyAsync(
        "/repo/serverless.yml",
        """
        provider:
          name: aws
        functions:
          billing:
            handler: Billing::Billing.Function::Handle
            environment:
              AWS_REGION: eu-west-1
          other:
            handler: Billing::Billing.Function::Handle
            package:
              artifact: src/Billing/bin/Release/net8.0/Billing.zip
            environment:
              AWS_REGION: eu-west-1
        """);
}
