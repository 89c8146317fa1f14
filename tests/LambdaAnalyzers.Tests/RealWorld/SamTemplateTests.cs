using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldProject;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldSources;

namespace LambdaAnalyzers.Tests.RealWorld;

/// <summary>
/// SAM templates as the studied repositories keep them: in the project folder with a publish-output
/// <c>CodeUri</c>, in a folder above several function projects, at the repository root, or as JSON
/// text in a .yaml file. Templates outside the project folder are given here as AdditionalFiles,
/// as the README tells users to add them until the package finds them itself.
/// </summary>
public sealed class SamTemplateTests
{
    [Fact]
    public Task Template_in_the_project_with_a_publish_folder_code_uri_checks_each_of_its_functions()
    {
        const string path = "/repo/src/Greetings/template.yaml";
        const string template = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Timeout: 30
                Runtime: dotnet8
            Resources:
              SayHelloFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: bin/Release/net8.0/publish
                  Handler: TestProject::Greetings.SayHello::Handler
              SayHelloLegacyFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: bin/Release/net8.0/publish
                  Handler: TestProject::Greetings.SayHello::Handle
            """;
        return Library("/repo/src/Greetings/", Source("[assembly: LambdaSerializer(typeof(Greetings.PlainSerializer))]\n", """
            namespace Greetings
            {
                public sealed class PlainSerializer : ILambdaSerializer
                {
                    public T Deserialize<T>(Stream requestStream) => JsonSerializer.Deserialize<T>(requestStream)!;

                    public void Serialize<T>(T response, Stream responseStream) => JsonSerializer.Serialize(responseStream, response);
                }

                public abstract class FunctionBase<TRequest, TResult>
                {
                    public virtual async Task<object> Handler(object request, ILambdaContext context) => (await Run((TRequest)request))!;

                    protected abstract Task<TResult> Run(TRequest request);
                }

                public class SayHello : FunctionBase<string, string>
                {
                    public override Task<object> Handler(object request, ILambdaContext context) => base.Handler(request, context);

                    protected override Task<string> Run(string request) => Task.FromResult("hello " + request);
                }
            }
            """))
            .WithFile(path, template)
            .VerifyAsync(At("LAM0001", DiagnosticSeverity.Error, path, template, "TestProject::Greetings.SayHello::Handle")
                .WithArguments("TestProject::Greetings.SayHello::Handle", "type 'Greetings.SayHello' has no method 'Handle'; did you mean 'Handler'?"));
    }

    [Fact]
    public Task Template_above_several_projects_checks_only_the_function_whose_code_uri_is_this_project()
    {
        const string path = "/repo/src/Catalog/template.yaml";
        const string template = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: dotnet8
                MemorySize: 1024
            Resources:
              ReadItemFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ./ReadItem/
                  Handler: TestProject::ReadItem.Function::FunctionHandlr
              WriteItemFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ./WriteItem/
                  Handler: WriteItem::WriteItem.Function::FunctionHandler
            """;
        return Library("/repo/src/Catalog/ReadItem/", Source(SystemTextJson, """
            namespace ReadItem
            {
                public class Function
                {
                    public Task<WebResponse> FunctionHandler(WebRequest request, ILambdaContext context) => Task.FromResult(new WebResponse());
                }
            }
            """))
            .WithFile(path, template)
            .VerifyAsync(At("LAM0001", DiagnosticSeverity.Error, path, template, "TestProject::ReadItem.Function::FunctionHandlr")
                .WithArguments("TestProject::ReadItem.Function::FunctionHandlr", "type 'ReadItem.Function' has no method 'FunctionHandlr'; did you mean 'FunctionHandler'?"));
    }

    [Fact]
    public Task Root_template_naming_a_class_in_an_executable_api_project_reports_its_missing_serializer()
    {
        const string template = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Timeout: 60
            Resources:
              AuthorizerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ./src/Api/
                  Handler: TestProject::Api.Authorizer::Authorize
                  Runtime: dotnet8
                  MemorySize: 256
              ApiFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ./src/Api/
                  Handler: TestProject
                  Runtime: dotnet8
                  MemorySize: 1024
            """;
        return Executable("/repo/src/Api/", TopLevel("""
            using Amazon.Lambda.AspNetCoreServer.Hosting;

            var services = new ServiceCollection();
            services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);
            """, """
            namespace Api
            {
                public class AuthorizerRequest { public string Token { get; set; } = ""; }

                public class Authorizer
                {
                    public object {|LAM0006:Authorize|}(AuthorizerRequest request, ILambdaContext context) => new { isAuthorized = request.Token.Length > 0 };
                }
            }
            """))
            .WithFile("/repo/template.yaml", template)
            .VerifyAsync();
    }

    [Fact]
    public Task Root_template_of_one_project_with_many_functions_accepts_serializers_declared_per_method() => Library("/repo/src/", Source(string.Empty, """
        namespace Items
        {
            public class ListItems
            {
                [LambdaSerializer(typeof(Amazon.Lambda.Serialization.Json.JsonSerializer))]
                public Task<WebResponse> Run(WebRequest request, ILambdaContext context) => Task.FromResult(new WebResponse { StatusCode = 200 });
            }

            public class SaveItem
            {
                [LambdaSerializer(typeof(Amazon.Lambda.Serialization.Json.JsonSerializer))]
                public Task<WebResponse> Run(WebRequest request, ILambdaContext context) => Task.FromResult(new WebResponse { StatusCode = 201 });
            }
        }
        """))
        .WithFile("/repo/template.yaml", """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: dotnet8
                MemorySize: 128
                Timeout: 10
            Resources:
              ListItemsFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ./src/
                  Handler: TestProject::Items.ListItems::Run
              SaveItemFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ./src/
                  Handler: TestProject::Items.SaveItem::Run
                  Timeout: 120
            """)
        .VerifyAsync();

    [Fact]
    public Task Json_text_in_a_template_yaml_is_read_like_yaml()
    {
        const string path = "/repo/src/Facts/template.yaml";
        const string template = """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Transform": "AWS::Serverless-2016-10-31",
              "Resources": {
                "LatestFactFunction": {
                  "Type": "AWS::Serverless::Function",
                  "Properties": {
                    "Runtime": "dotnet8",
                    "CodeUri": ".",
                    "MemorySize": 512,
                    "Timeout": 30,
                    "PackageType": "Zip",
                    "Handler": "TestProject::Facts.Function::Lastest"
                  }
                }
              }
            }
            """;
        return Library("/repo/src/Facts/", Source(SystemTextJson, """
            namespace Facts
            {
                public class Function
                {
                    public Task<string> Latest(ILambdaContext context) => Task.FromResult("fact");
                }
            }
            """))
            .WithFile(path, template)
            .VerifyAsync(At("LAM0001", DiagnosticSeverity.Error, path, template, "\"TestProject::Facts.Function::Lastest\"")
                .WithArguments("TestProject::Facts.Function::Lastest", "type 'Facts.Function' has no method 'Lastest'; did you mean 'Latest'?"));
    }
}
