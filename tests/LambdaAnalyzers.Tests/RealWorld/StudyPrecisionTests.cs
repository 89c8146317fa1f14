using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldProject;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldSources;

namespace LambdaAnalyzers.Tests.RealWorld;

/// <summary>
/// Precision cases from the public-repository study: code that is right and must stay silent, and
/// misuse in shapes the rules first missed. Every rule runs; only the markup may be reported.
/// </summary>
public sealed class StudyPrecisionTests
{
    private const string FactsDir = "/repo/src/Facts/";

    private static string ServerlessTemplate(string handler) => $$"""
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Transform": "AWS::Serverless-2016-10-31",
          "Resources": {
            "LatestFunction": {
              "Type": "AWS::Serverless::Function",
              "Properties": {
                "Runtime": "dotnet8",
                "CodeUri": ".",
                "MemorySize": 512,
                "Handler": "{{handler}}"
              }
            }
          }
        }
        """;

    private const string AnnotatedFacts = """
        namespace Facts
        {
            public class Function
            {
                [Amazon.Lambda.Annotations.LambdaFunction]
                public Task<string> Latest(ILambdaContext context) => Task.FromResult("fact");
            }
        }
        """;

    [Fact]
    public Task Annotations_generated_wrapper_named_in_the_template_is_not_reported_when_the_generator_did_not_run() =>
        Library(FactsDir, Source(SystemTextJson, AnnotatedFacts))
            .WithFile(FactsDir + "serverless.template", ServerlessTemplate("TestProject::Facts.Function_Latest_Generated::Latest"))
            .VerifyAsync();

    [Fact]
    public Task Annotations_generated_wrapper_named_in_the_template_is_not_reported_when_the_attribute_does_not_bind()
    {
        // Amazon.Lambda.Annotations not restored yet.
        var test = Library(FactsDir, Source(SystemTextJson, AnnotatedFacts.Replace("Amazon.Lambda.Annotations.LambdaFunction", "Amazon.Lambda.Annotation.LambdaFunction")))
            .WithFile(FactsDir + "serverless.template", ServerlessTemplate("TestProject::Facts.Function_Latest_Generated::Latest"));
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        return test.VerifyAsync();
    }

    [Fact]
    public Task Generated_wrapper_name_of_a_method_without_lambda_function_is_still_reported()
    {
        var template = ServerlessTemplate("TestProject::Facts.Function_Latest_Generated::Latest");
        return Library(FactsDir, Source(SystemTextJson, AnnotatedFacts.Replace("[Amazon.Lambda.Annotations.LambdaFunction]", string.Empty)))
            .WithFile(FactsDir + "serverless.template", template)
            .VerifyAsync(At("LAM0001", Microsoft.CodeAnalysis.DiagnosticSeverity.Error, FactsDir + "serverless.template", template, "\"TestProject::Facts.Function_Latest_Generated::Latest\""));
    }

    [Fact]
    public Task Reflection_serializer_attribute_that_no_runtime_loaded_handler_reads_is_not_reported() => Executable("/repo/src/Users/", Source(SystemTextJson, """
        namespace Users
        {
            public class Envelope { public List<QueueMessage> Records { get; set; } = new(); }

            [JsonSerializable(typeof(Envelope))]
            public abstract partial class UsersContext : JsonSerializerContext { protected UsersContext() : base(null) { } }

            public class Function
            {
                private static async Task Main() =>
                    await LambdaBootstrapBuilder.Create<Envelope>(HandleAsync, new SourceGeneratorLambdaJsonSerializer<UsersContext>()).Build().RunAsync();

                public static Task HandleAsync(Envelope envelope, ILambdaContext context) => Task.CompletedTask;
            }
        }
        """), publishAot: true).VerifyAsync();

    // The lambda returns a new client from every call: the call per invoke is the creation to report.
    [Fact]
    public Task Client_made_by_a_factory_delegate_per_invoke_is_reported() => Library("/repo/src/Broadcast/", Source(SystemTextJson, """
        namespace Broadcast
        {
            public class Function
            {
                private static readonly Func<string, AmazonS3Client> ClientFor = url => new AmazonS3Client(new AmazonS3Config { ServiceURL = url });

                public async Task FunctionHandler(QueueBatch batch, ILambdaContext context)
                {
                    var client = {|LAM0202:ClientFor("https://example.com")|};
                    await client.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = "k" });
                }
            }
        }
        """)).VerifyAsync();

    [Fact]
    public Task Client_made_by_a_method_group_held_in_a_delegate_is_reported() => Library("/repo/src/Broadcast/", Source(SystemTextJson, """
        namespace Broadcast
        {
            public class Function
            {
                private readonly Func<string, AmazonS3Client> _clientFor = Create;

                private static AmazonS3Client Create(string url) => new AmazonS3Client(new AmazonS3Config { ServiceURL = url });

                public async Task FunctionHandler(QueueBatch batch, ILambdaContext context)
                {
                    var client = {|LAM0202:_clientFor("https://example.com")|};
                    await client.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = "k" });
                }
            }
        }
        """)).VerifyAsync();

    [Fact]
    public Task Factory_delegates_that_reuse_or_are_not_certain_are_not_reported() => Library("/repo/src/Broadcast/", Source(SystemTextJson, """
        namespace Broadcast
        {
            public class Function
            {
                private static AmazonS3Client? _shared;
                private static readonly Func<string, AmazonS3Client> Shared = url => _shared ??= new AmazonS3Client(new AmazonS3Config { ServiceURL = url });
                private static Func<string, AmazonS3Client> Settable = url => new AmazonS3Client(new AmazonS3Config { ServiceURL = url });

                public async Task FunctionHandler(QueueBatch batch, ILambdaContext context)
                {
                    await Shared("https://example.com").PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = "k" });
                    await Settable("https://example.com").PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = "k" });
                }
            }
        }
        """)).VerifyAsync();

    [Fact]
    public Task Options_built_on_every_call_of_an_own_serializer_are_reported() => Library("/repo/src/Greetings/", Source("[assembly: LambdaSerializer(typeof(Greetings.PlainSerializer))]\n", """
        namespace Greetings
        {
            public sealed class PlainSerializer : ILambdaSerializer
            {
                public T Deserialize<T>(Stream body) => JsonSerializer.Deserialize<T>(body, {|LAM0202:new JsonSerializerOptions { PropertyNameCaseInsensitive = true }|})!;

                public void Serialize<T>(T response, Stream body) => JsonSerializer.Serialize(body, response, {|LAM0202:new JsonSerializerOptions()|});
            }

            public class Function
            {
                public string FunctionHandler(FeedItem item, ILambdaContext context) => item.Text;
            }
        }
        """)).VerifyAsync();

    [Fact]
    public Task Options_an_own_serializer_creates_once_are_not_reported() => Library("/repo/src/Greetings/", Source("[assembly: LambdaSerializer(typeof(Greetings.PlainSerializer))]\n", """
        namespace Greetings
        {
            public sealed class PlainSerializer : ILambdaSerializer
            {
                private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

                public T Deserialize<T>(Stream body) => JsonSerializer.Deserialize<T>(body, Options)!;

                public void Serialize<T>(T response, Stream body) => JsonSerializer.Serialize(body, response, Options);
            }

            public class Function
            {
                public string FunctionHandler(FeedItem item, ILambdaContext context) => item.Text;
            }
        }
        """)).VerifyAsync();
}
