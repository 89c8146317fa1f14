using System.Threading.Tasks;
using LambdaAnalyzers.Rules.Deployment;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Deployment.ConfigFileTest;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Deployment.LAM0303MalformedConfigFileAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Deployment;

public sealed class LAM0303MalformedConfigFileTests
{
    /// <summary>The diagnostic at one-based <paramref name="line"/> and <paramref name="column"/>, one character wide.</summary>
    private static DiagnosticResult At(string path, int line, int column, int width = 1) =>
        Verify.Diagnostic().WithSpan(path, line, column, line, column + width);

    [Fact]
    public Task Flags_a_missing_comma_in_tools_defaults() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        InProject("aws-lambda-tools-defaults.json"),
        """
        {
          "profile": "default",
          "function-runtime": "dotnet8"
          "function-handler": "Function::Function.Handler::Handle"
        }
        """,
        At(InProject("aws-lambda-tools-defaults.json"), 4, 3)
            .WithArguments("aws-lambda-tools-defaults.json", "JSON", "Expected ',' or '}' but found '\"'"));

    [Fact]
    public Task Flags_a_trailing_comma_in_serverless_template() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        InProject("serverless.template"),
        """
        {
          "Resources": {
            "Fn": {
              "Type": "AWS::Serverless::Function",
              "Properties": { "Runtime": "dotnet8", }
            }
          }
        }
        """,
        At(InProject("serverless.template"), 5, 45)
            .WithArguments("serverless.template", "JSON", "Expected a property name in double quotes but found '}'"));

    [Fact]
    public Task Flags_a_comment_in_serverless_template_but_not_in_tools_defaults() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        new[]
        {
            // dotnet lambda deploy-serverless reads templates with System.Text.Json's defaults, and CloudFormation takes JSON:
            // both reject a comment. The tools' defaults file is read with comments skipped.
            (InProject("serverless.template"), "{\n  // the API\n  \"Resources\": {}\n}"),
            (InProject("aws-lambda-tools-defaults.json"), "{\n  // written by the VS wizard\n  \"profile\": \"\"\n}"),
        },
        new[] { At(InProject("serverless.template"), 2, 3).WithArguments("serverless.template", "JSON", "A comment: JSON has none, and the tools that read this file reject it") });

    [Fact]
    public Task Flags_a_tab_used_for_indentation_in_template_yaml() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        InProject("template.yaml"),
        "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n\t  Runtime: dotnet8\n",
        At(InProject("template.yaml"), 5, 1)
            .WithArguments("template.yaml", "YAML", "Tabs cannot be used for indentation in YAML; use spaces"));

    [Fact]
    public Task Flags_an_unclosed_flow_sequence_in_template_yml() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        "/repo/template.yml",
        """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Layers: [!Ref LayerA, !Ref LayerB
              Runtime: dotnet8
        """,
        At("/repo/template.yml", 5, 15).WithArguments("template.yml", "YAML", "'[' is never closed"));

    [Fact]
    public Task Flags_a_value_that_is_itself_a_mapping_on_one_line() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        InProject("template.yaml"),
        """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: Function::Function.Handler::Handle: extra
        """,
        At(InProject("template.yaml"), 5, 50).WithArguments(
            "template.yaml", "YAML", "Mapping values are not allowed here: a value cannot itself be 'key: value' on the same line"));

    [Fact]
    public Task Flags_each_broken_file_once() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        new[]
        {
            (InProject("template.yaml"), "a: 'open\nb: [1, 2\nc: \"x"),
            (InProject("serverless.template"), "{\n  \"a\": [1, 2,],\n  \"b\": {\n}"),
        },
        new[]
        {
            At(InProject("serverless.template"), 2, 14).WithArguments("serverless.template", "JSON", "Expected a value but found ']'"),
            At(InProject("template.yaml"), 1, 4).WithArguments("template.yaml", "YAML", "String is never closed"),
        });

    [Fact]
    public Task Flags_an_empty_serverless_template() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        InProject("serverless.template"),
        string.Empty,
        Verify.Diagnostic().WithSpan(InProject("serverless.template"), 1, 1, 1, 1)
            .WithArguments("serverless.template", "JSON", "The file holds no JSON value"));

    [Fact]
    public Task Ignores_valid_files_with_comments_tags_and_block_scalars() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        new[]
        {
            (InProject("aws-lambda-tools-defaults.json"), "{\n  // written by the VS wizard\n  \"profile\": \"\", /* none */\n  \"template\": \"serverless.template\"\n}"),
            (InProject("serverless.template"), "{ \"Resources\": { \"Fn\": { \"Type\": \"AWS::Serverless::Function\", \"Properties\": { \"Runtime\": { \"Ref\": \"Runtime\" } } } } }"),
            (InProject("template.yaml"), """
                # SAM
                Globals:
                  Function:
                    Runtime: !If [IsArm, dotnet8, !Ref 'AWS::NoValue']
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: !Sub '${AWS::StackName}::Fn::Handle'
                      InlineScript: !Sub |
                        echo ${AWS::Region}
                      Layers: [!GetAtt Layer.Arn, !ImportValue Shared]
                """),
        },
        System.Array.Empty<DiagnosticResult>());

    [Fact]
    public Task Ignores_other_json_and_yaml_files() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        new[]
        {
            (InProject("appsettings.json"), "{ broken"),
            (InProject("buildspec.yml"), "phases: [\n\tbroken"),
        },
        System.Array.Empty<DiagnosticResult>());

    [Fact]
    public Task Ignores_an_empty_yaml_template() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        InProject("template.yaml"), "# nothing yet\n");

    [Fact]
    public Task Flags_an_unclosed_string_in_a_terraform_file() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        "/repo/infra/main.tf",
        """
        resource "aws_lambda_function" "fn" {
          handler = "Function::Function.Handler::Handle
          runtime = "dotnet8"
        }
        """,
        At("/repo/infra/main.tf", 2, 13)
            .WithArguments("main.tf", "HCL", "This string is never closed with '\"' on its line"));

    [Fact]
    public Task Flags_two_attributes_on_one_line_in_a_terraform_file() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        "/repo/infra/lambda.tf",
        "resource \"aws_lambda_function\" \"fn\" {\n  runtime = \"dotnet8\" timeout = 30\n}\n",
        At("/repo/infra/lambda.tf", 2, 23)
            .WithArguments("lambda.tf", "HCL", "Expected a line break after the attribute but found 't'; each attribute and block goes on a line of its own"));

    [Fact]
    public Task Flags_a_tab_in_serverless_yml_as_yaml() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        "/repo/serverless.yml",
        "provider:\n  name: aws\n\truntime: dotnet8\n",
        At("/repo/serverless.yml", 3, 1)
            .WithArguments("serverless.yml", "YAML", "Tabs cannot be used for indentation in YAML; use spaces"));

    [Fact]
    public Task Ignores_valid_terraform_with_every_expression_form() => VerifyAsync<LAM0303MalformedConfigFileAnalyzer>(
        "/repo/infra/main.tf",
        LambdaAnalyzers.Tests.ConfigFiles.HclReaderTests.RealisticFile);
}
