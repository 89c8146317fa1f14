namespace LambdaAnalyzers.Tests.Rules.Handlers;

/// <summary>Configuration files as they sit beside a project, for the handler-string rule tests.</summary>
internal static class ConfigFiles
{
    public const string ToolsDefaultsPath = "/0/aws-lambda-tools-defaults.json";
    public const string SamTemplatePath = "/0/template.yaml";
    public const string ServerlessTemplatePath = "/0/serverless.template";

    public static string ToolsDefaults(string handler, string runtime = "dotnet8") => $$"""
        {
          "profile": "default",
          "region": "us-east-1",
          "configuration": "Release",
          "function-runtime": "{{runtime}}",
          "function-memory-size": 512,
          "function-timeout": 30,
          "function-handler": "{{handler}}"
        }
        """;

    public static string SamTemplate(string handlerLine, string codeUri = ".") => $$"""
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Runtime: dotnet8
            Timeout: 30
        Resources:
          OrdersFunction:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: {{codeUri}}
              {{handlerLine}}
              MemorySize: 512
        """;
}
