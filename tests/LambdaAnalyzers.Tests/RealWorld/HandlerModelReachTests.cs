using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldProject;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldSources;

namespace LambdaAnalyzers.Tests.RealWorld;

/// <summary>
/// How far the handler model reaches in the shapes of the studied repositories: handlers wired through
/// a delegate held first, inferred where no deployment file is visible, and the invoke path through
/// interfaces, abstract methods, services and helpers. Every rule runs; only the markup may be reported.
/// </summary>
public sealed class HandlerModelReachTests
{
    private const string ProjectDir = "/repo/src/Function/";

    private static Test WithToolsDefaults(string code, string handler) =>
        Library(ProjectDir, Source(SystemTextJson, code)).WithFile(ProjectDir + "aws-lambda-tools-defaults.json", ToolsDefaults(handler));

    [Fact]
    public Task Method_group_of_an_object_created_for_the_local_runs_on_the_reused_instance() => Executable(ProjectDir, Source(string.Empty, """
        namespace Events
        {
            public class Handler
            {
                private ILambdaContext? _context;

                public Task<WebResponse> HandleAsync(WebRequest request, ILambdaContext context)
                {
                    {|LAM0201:_context = context|};
                    return Task.FromResult(new WebResponse { StatusCode = 200 });
                }
            }

            public static class Program
            {
                private static async Task Main()
                {
                    Func<WebRequest, ILambdaContext, Task<WebResponse>> handler = new Handler().HandleAsync;
                    await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                }
            }
        }
        """)).VerifyAsync();

    [Fact]
    public Task Static_helpers_of_a_delegate_held_in_a_var_local_are_on_the_invoke_path() => Executable(ProjectDir, Source(string.Empty, """
        namespace Bot
        {
            public static class Keys
            {
                private static readonly IAmazonS3 S3 = new AmazonS3Client();

                public static string Read(string name) => {|LAM0204:S3.GetObjectAsync("keys", name).Result|}.Key;
            }

            public static class Program
            {
                private static async Task Main()
                {
                    var handler = FunctionHandler;
                    await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                }

                public static string FunctionHandler(FeedItem item, ILambdaContext context) => Keys.Read(item.Id);
            }
        }
        """)).VerifyAsync();

    [Fact]
    public Task Inferred_handlers_get_the_lifecycle_rules_and_helpers_they_call_are_not_handlers() => Library(ProjectDir, Source(SystemTextJson, """
        namespace Inventory
        {
            public class Function
            {
                public async Task FunctionHandler(QueueBatch batch, ILambdaContext context)
                {
                    var s3 = {|LAM0202:new AmazonS3Client()|};
                    await s3.ListBucketsAsync();
                }

                // Called below: a helper, not a handler.
                public Task Helper(QueueBatch batch, ILambdaContext context) => Task.CompletedTask;

                public Task Run(QueueBatch batch, ILambdaContext context)
                {
                    using var http = {|LAM0202:new HttpClient()|};
                    return Helper(batch, context);
                }

                // Not a shape the runtime accepts: never inferred, so no runtime-shape rule speaks either.
                public Task FunctionHandler(QueueBatch batch, string tenant) => Task.CompletedTask;

                // Protected: not inferred.
                protected Task Process(QueueBatch batch, ILambdaContext context)
                {
                    using var http = new HttpClient();
                    return Task.CompletedTask;
                }
            }
        }
        """)).VerifyAsync();

    private const string UserStore = """
        namespace Users
        {
            public interface IUserStore { void Save(string id); string Load(string id); }

            public sealed class UserStore : IUserStore
            {
                private readonly IAmazonS3 _s3 = new AmazonS3Client();

                public void Save(string id) => SAVE;

                public string Load(string id) => LOAD.Key;
            }

            SECOND

            public class Function
            {
                private readonly IUserStore _store = new UserStore();

                public string Handle(FeedItem item, ILambdaContext context)
                {
                    _store.Save(item.Id);
                    return _store.Load(item.Id);
                }
            }
        }
        """;

    [Fact]
    public Task Interface_with_one_implementation_is_followed() => WithToolsDefaults(
        UserStore
            .Replace("SAVE", """{|LAM0204:_s3.PutObjectAsync(new PutObjectRequest { BucketName = "users", Key = id }).Wait()|}""")
            .Replace("LOAD", """{|LAM0204:_s3.GetObjectAsync("users", id).Result|}""")
            .Replace("SECOND", string.Empty),
        "TestProject::Users.Function::Handle").VerifyAsync();

    [Fact]
    public Task Interface_with_two_implementations_is_not_followed() => WithToolsDefaults(
        UserStore
            .Replace("SAVE", """_s3.PutObjectAsync(new PutObjectRequest { BucketName = "users", Key = id }).Wait()""")
            .Replace("LOAD", """_s3.GetObjectAsync("users", id).Result""")
            .Replace("SECOND", "public sealed class MemoryUserStore : IUserStore { public void Save(string id) { } public string Load(string id) => id; }"),
        "TestProject::Users.Function::Handle").VerifyAsync();

    [Fact]
    public Task Constructor_injected_service_of_an_annotations_function_is_followed() => Library(ProjectDir, Source(SystemTextJson, """
        namespace Stores
        {
            public interface IStorage { Task SaveAsync(string key); }

            internal sealed class Storage : IStorage
            {
                private readonly IAmazonS3 _s3;

                public Storage(IAmazonS3 s3) => _s3 = s3;

                public Task SaveAsync(string key)
                {
                    {|LAM0203:_s3.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = key })|};
                    return Task.CompletedTask;
                }
            }

            public class CreateStore
            {
                private readonly IStorage _storage;

                public CreateStore(IStorage storage) => _storage = storage;

                [Amazon.Lambda.Annotations.LambdaFunction]
                public async Task<string> Execute(string name, ILambdaContext context)
                {
                    await _storage.SaveAsync(name);
                    return name;
                }
            }
        }
        """)).VerifyAsync();

    [Fact]
    public Task Abstract_template_method_with_one_override_is_followed_from_an_inherited_handler() => WithToolsDefaults("""
        namespace Orders
        {
            public abstract class HandlerBase<TIn, TOut>
            {
                public async Task<TOut> Handle(TIn input, ILambdaContext context) => await HandleInternal(input, context);

                protected abstract Task<TOut> HandleInternal(TIn input, ILambdaContext context);
            }

            public class AddOrder : HandlerBase<FeedItem, string>
            {
                protected override Task<string> HandleInternal(FeedItem input, ILambdaContext context)
                {
                    var http = {|LAM0202:new HttpClient()|};
                    return http.GetStringAsync("https://example.com/" + input.Id);
                }
            }
        }
        """, "TestProject::Orders.AddOrder::Handle").VerifyAsync();

    [Fact]
    public Task Service_located_from_a_provider_is_followed_when_its_interface_has_one_implementation() => WithToolsDefaults("""
        namespace Located
        {
            public interface IEntryPoint { Task<WebResponse> HandleAsync(WebRequest request, ILambdaContext context); }

            public sealed class EntryPoint : IEntryPoint
            {
                private static readonly IAmazonS3 S3 = new AmazonS3Client();

                public Task<WebResponse> HandleAsync(WebRequest request, ILambdaContext context) =>
                    Task.FromResult(new WebResponse { Body = {|LAM0204:S3.GetObjectAsync("pages", request.Path).Result|}.Key });
            }

            public class Function
            {
                private readonly IServiceProvider _provider;

                public Function()
                {
                    var services = new ServiceCollection();
                    _provider = services.BuildServiceProvider();
                }

                public Task<WebResponse> Handle(WebRequest request, ILambdaContext context) =>
                    ((IEntryPoint)_provider.GetService(typeof(IEntryPoint))!).HandleAsync(request, context);
            }
        }
        """, "TestProject::Located.Function::Handle").VerifyAsync();

    [Fact]
    public Task Method_called_on_a_local_holding_a_new_object_is_followed() => WithToolsDefaults("""
        namespace Models
        {
            public class ModelReader
            {
                public string Read(Stream body) => {|LAM0204:JsonSerializer.DeserializeAsync<string>(body).AsTask().Result|} ?? "";
            }

            public class Function
            {
                public string Handle(QueueBatch batch, ILambdaContext context)
                {
                    var reader = new ModelReader();
                    return reader.Read(new MemoryStream());
                }
            }
        }
        """, "TestProject::Models.Function::Handle").VerifyAsync();
}
