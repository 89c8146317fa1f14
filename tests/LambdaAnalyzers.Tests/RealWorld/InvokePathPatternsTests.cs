using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldProject;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldSources;

namespace LambdaAnalyzers.Tests.RealWorld;

/// <summary>
/// What the studied functions do on the invoke path and in Init, in a class library named by its
/// tools-defaults: the misuses the lifecycle and serialization rules catch today, and the correct
/// idioms of the same repositories they must leave alone.
/// </summary>
public sealed class InvokePathPatternsTests
{
    private const string ProjectDir = "/repo/src/Function/";

    /// <summary>Every rule over <paramref name="code"/>: only what its markup shows may be reported.</summary>
    private static Task Function(string code, string handler, string serializer = SystemTextJson) =>
        Library(ProjectDir, Source(serializer, code)).WithFile(ProjectDir + "aws-lambda-tools-defaults.json", ToolsDefaults(handler)).VerifyAsync();

    [Fact]
    public Task Clients_created_per_invoke_with_target_typed_new_or_inside_another_constructor_are_reported() => Function("""
        namespace Images
        {
            public class Function
            {
                public async Task Generate(QueueBatch batch, ILambdaContext context)
                {
                    AmazonS3Client storage = {|LAM0202:new()|};
                    await storage.PutObjectAsync(new PutObjectRequest { BucketName = "images", Key = batch.Messages[0].MessageId });
                    var transfer = new Amazon.S3.Transfer.TransferUtility({|LAM0202:new AmazonS3Client()|});
                    await transfer.UploadAsync("/tmp/image.png", "images", "image.png");
                }
            }
        }
        """, "TestProject::Images.Function::Generate");

    [Fact]
    public Task Serializer_options_built_per_invoke_are_reported_and_the_awaited_when_all_result_is_not() => Function("""
        namespace Metrics
        {
            public class Function
            {
                private static Task<int> Count(string group) => Task.FromResult(group.Length);

                public async Task<string> Handle(object input, ILambdaContext context)
                {
                    var tasks = new List<Task<int>>();
                    foreach (var group in new[] { "orders", "refunds" })
                    {
                        tasks.Add(Count(group));
                    }

                    var counts = await Task.WhenAll(tasks);
                    return JsonSerializer.Serialize(counts, {|LAM0202:new JsonSerializerOptions { WriteIndented = true }|});
                }
            }
        }
        """, "TestProject::Metrics.Function::Handle");

    [Fact]
    public Task Context_handed_to_an_async_local_accessor_is_not_stored_invoke_data() => Function("""
        namespace Integration
        {
            public sealed class ContextAccessor
            {
                private static readonly AsyncLocal<ILambdaContext?> Current = new();

                public ILambdaContext? Context { get => Current.Value; set => Current.Value = value; }
            }

            public class Function
            {
                private readonly ContextAccessor _accessor = new ContextAccessor();

                public Task Handle(QueueBatch batch, ILambdaContext context)
                {
                    _accessor.Context = context;
                    return Task.CompletedTask;
                }
            }
        }
        """, "TestProject::Integration.Function::Handle");

    [Fact]
    public Task Files_written_under_tmp_by_concatenation_or_the_temp_path_are_not_reported() => Function("""
        namespace Images
        {
            public class Function
            {
                public async Task<string> Render(FeedItem item, ILambdaContext context)
                {
                    var file = "/tmp/" + item.Id + ".png";
                    await File.WriteAllBytesAsync(file, Convert.FromBase64String(item.Text));
                    var certificate = Path.Combine(Path.GetTempPath(), "signing.pfx");
                    File.WriteAllText(certificate, item.Text);
                    Directory.CreateDirectory("/tmp/work");
                    File.Delete(file);
                    return file;
                }
            }
        }
        """, "TestProject::Images.Function::Render");

    [Fact]
    public Task Secret_cached_in_a_static_field_on_first_use_is_not_invoke_data() => Function("""
        namespace Auth
        {
            public class Function
            {
                private static readonly IAmazonS3 S3 = new AmazonS3Client();
                private static string? s_secret;

                public async Task<WebResponse> Authorize(WebRequest request, ILambdaContext context)
                {
                    if (s_secret == null)
                    {
                        var response = await S3.GetObjectAsync("config", "jwt-secret");
                        s_secret = response.ETag;
                    }

                    return new WebResponse { StatusCode = request.Headers.ContainsKey(s_secret) ? 200 : 401 };
                }
            }
        }
        """, "TestProject::Auth.Function::Authorize");

    [Fact]
    public Task Testable_constructor_and_a_helper_returning_its_task_are_not_reported() => Function("""
        namespace Posts
        {
            public class Publisher
            {
                private readonly IAmazonS3 _s3;

                public Publisher(IAmazonS3 s3) => _s3 = s3;

                public Task Publish(string key) => _s3.PutObjectAsync(new PutObjectRequest { BucketName = "posts", Key = key });
            }

            public class Function
            {
                private readonly Publisher _publisher;

                public Function() : this(null) { }

                public Function(IAmazonS3? s3) => _publisher = new Publisher(s3 ?? new AmazonS3Client());

                public async Task Handle(FeedItem item, ILambdaContext context) => await _publisher.Publish(item.Id);
            }
        }
        """, "TestProject::Posts.Function::Handle");

    [Fact]
    public Task Blocking_warm_up_calls_in_constructors_run_in_init() => Function("""
        namespace Catalog
        {
            public interface IProducts { Task<string?> Get(string id); }

            public sealed class S3Products : IProducts
            {
                private readonly AmazonS3Client _s3;

                public S3Products()
                {
                    _s3 = new AmazonS3Client();
                    _s3.ListBucketsAsync().GetAwaiter().GetResult();
                }

                public async Task<string?> Get(string id) => (await _s3.GetObjectAsync("products", id)).Key;
            }

            public class Function
            {
                private readonly IProducts _products;
                private readonly IConfiguration _configuration;

                public Function()
                {
                    _products = new S3Products();
                    _configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
                }

                public async Task<WebResponse> Handle(WebRequest request, ILambdaContext context) =>
                    new WebResponse { Body = (await _products.Get(request.Path) ?? "") + _configuration["STAGE"] };
            }
        }
        """, "TestProject::Catalog.Function::Handle");

    [Fact]
    public Task Interface_typed_output_whose_implementations_add_no_members_is_not_reported() => Function("""
        namespace Profiles
        {
            public interface IReply { string Status { get; } string Message { get; } }

            public record Created(string Status, string Message) : IReply;

            public class Function
            {
                public Task<IReply> Handle(FeedItem item, ILambdaContext context) => Task.FromResult<IReply>(new Created("201", item.Id));
            }
        }
        """, "TestProject::Profiles.Function::Handle");

    [Fact]
    public Task Object_typed_input_and_output_are_not_reported() => Function("""
        namespace Dispatch
        {
            public class Function
            {
                public Task<object> Handle(object request, ILambdaContext context) => Task.FromResult<object>(new WebResponse { StatusCode = 200 });
            }
        }
        """, "TestProject::Dispatch.Function::Handle");
}
