using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldProject;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldSources;

namespace LambdaAnalyzers.Tests.RealWorld;

/// <summary>
/// The most common shape in the study: a class library whose aws-lambda-tools-defaults.json, beside
/// the project, names the handler as <c>Assembly::Namespace.Type::Method</c>.
/// </summary>
public sealed class ClassLibraryToolsDefaultsTests
{
    private const string ProjectDir = "/repo/src/Function/";
    private const string ToolsPath = ProjectDir + "aws-lambda-tools-defaults.json";

    private static Test Function(string serializer, string code, string handler, string runtime = "dotnet8") =>
        Library(ProjectDir, Source(serializer, code)).WithFile(ToolsPath, ToolsDefaults(handler, runtime));

    [Fact]
    public Task Client_built_per_invoke_against_a_local_emulator_is_reported_but_its_placeholder_keys_are_not() => Function(NewtonsoftJson, """
        namespace Ingest
        {
            public class Forwarder
            {
                private readonly string _endpoint = "http://localhost:4566";

                public async Task<string> Forward(FeedItem item, ILambdaContext context)
                {
                    var credentials = new BasicAWSCredentials("local", "local");
                    var storage = {|LAM0202:new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = _endpoint, ForcePathStyle = true })|};
                    await storage.PutObjectAsync(new PutObjectRequest { BucketName = "feed", Key = item.Id, ContentBody = item.Text });
                    return item.Id;
                }
            }
        }
        """, "TestProject::Ingest.Forwarder::Forward").VerifyAsync();

    [Fact]
    public Task Configuration_rebuilt_per_invoke_is_reported_and_settings_kept_from_it_are_not_invoke_data() => Function(NewtonsoftJson, """
        namespace Greetings
        {
            public class Settings { public string Prefix { get; set; } = ""; }

            public class Greeter
            {
                private Settings? _settings;

                public string Greet(string name, ILambdaContext context)
                {
                    var configuration = {|LAM0202:new ConfigurationBuilder()
                        .SetBasePath(Directory.GetCurrentDirectory())
                        .AddJsonFile("settings.json", optional: false, reloadOnChange: true)
                        .Build()|};
                    _settings = new Settings { Prefix = configuration["Greeting:Prefix"] ?? "Hi" };
                    return _settings.Prefix + " " + name;
                }
            }
        }
        """, "TestProject::Greetings.Greeter::Greet").VerifyAsync();

    [Fact]
    public Task Invoke_logger_kept_in_a_field_for_helpers_is_reported() => Function(SystemTextJson, """
        namespace Queues
        {
            public class Watcher
            {
                private ILambdaLogger? _log;

                public async Task Watch(QueueBatch batch, ILambdaContext context)
                {
                    {|LAM0201:_log = context.Logger|};
                    foreach (var message in batch.Messages)
                    {
                        await Relay(message);
                    }
                }

                private Task Relay(QueueMessage message)
                {
                    _log?.LogInformation(message.Body);
                    return Task.CompletedTask;
                }
            }
        }
        """, "TestProject::Queues.Watcher::Watch").VerifyAsync();

    [Fact]
    public Task Handler_inherited_from_a_generic_base_resolves_on_the_derived_type() => Function(SystemTextJson, """
        namespace Imports
        {
            public abstract class EventEntry<TEvent>
            {
                public void Run(TEvent input, ILambdaContext context) => Handle(input);

                protected abstract void Handle(TEvent input);
            }

            public class ImportRequest { public string File { get; set; } = ""; }

            public class UserImport : EventEntry<ImportRequest>
            {
                protected override void Handle(ImportRequest input) { }
            }
        }
        """, "TestProject::Imports.UserImport::Run").VerifyAsync();

    [Fact]
    public Task Handler_overriding_an_abstract_base_method_is_not_ambiguous() => Function(SystemTextJson, """
        namespace Scores
        {
            public abstract class HttpFunctionBase
            {
                public abstract Task<WebResponse> Handle(WebRequest request, ILambdaContext context);

                protected static WebResponse Ok(string body) => new WebResponse { StatusCode = 200, Body = body };
            }

            public sealed class ScoreApi { public Task<string> TopAsync() => Task.FromResult("[]"); }

            public class Leaderboard : HttpFunctionBase
            {
                private static readonly ScoreApi Api;

                static Leaderboard() => Api = new ScoreApi();

                public override async Task<WebResponse> Handle(WebRequest request, ILambdaContext context) => Ok(await Api.TopAsync());
            }
        }
        """, "TestProject::Scores.Leaderboard::Handle").VerifyAsync();

    [Fact]
    public Task Protected_handler_blocking_on_a_task_is_reported() => Function(NewtonsoftJson, """
        namespace Search
        {
            public class SearchIndexer { public Task<bool> UpsertAsync(string id) => Task.FromResult(true); }

            public class ChangeFeed
            {
                private readonly SearchIndexer _indexer = new SearchIndexer();

                protected string Apply(QueueBatch batch, ILambdaContext context)
                {
                    foreach (var message in batch.Messages)
                    {
                        return {|LAM0204:_indexer.UpsertAsync(message.MessageId).Result|}.ToString();
                    }

                    return "none";
                }
            }
        }
        """, "TestProject::Search.ChangeFeed::Apply").VerifyAsync();

    [Fact]
    public Task Provided_runtime_copied_into_a_class_library_reports_the_runtime_and_ignores_its_handler_name()
    {
        var tools = ToolsDefaults("ArchiveOrder", runtime: "provided.al2");
        return Library(ProjectDir, Source(SystemTextJson, """
            namespace Orders
            {
                public class Function
                {
                    public Task<WebResponse> Handle(WebRequest request, ILambdaContext context) => Task.FromResult(new WebResponse { StatusCode = 200 });
                }
            }
            """))
            .WithFile(ToolsPath, tools)
            .VerifyAsync(At("LAM0300", DiagnosticSeverity.Warning, ToolsPath, tools, "\"provided.al2\""));
    }

    [Fact]
    public Task Namespace_written_with_double_colons_is_reported()
    {
        var tools = ToolsDefaults("TestProject::Hello::Function::Handle");
        return Library(ProjectDir, Source(SystemTextJson, """
            namespace Hello
            {
                public class Function
                {
                    public string Handle(ILambdaContext context) => "hi";
                }
            }
            """))
            .WithFile(ToolsPath, tools)
            .VerifyAsync(At("LAM0001", DiagnosticSeverity.Error, ToolsPath, tools, "\"TestProject::Hello::Function::Handle\"")
                .WithArguments("TestProject::Hello::Function::Handle", "type 'Hello' does not exist in assembly 'TestProject'"));
    }
}
