using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldProject;
using static LambdaAnalyzers.Tests.RealWorld.RealWorldSources;

namespace LambdaAnalyzers.Tests.RealWorld;

/// <summary>
/// Executables that run Amazon.Lambda.RuntimeSupport's <c>LambdaBootstrapBuilder</c> themselves
/// (Native AOT and custom-runtime functions). Only the shapes the rules already follow are here:
/// the delegate passed inline, or from a helper method. The shape most of the studied repositories
/// use, a delegate held in a local first, is in the study's catalogue of cases the rules miss.
/// </summary>
public sealed class BootstrapExecutableTests
{
    private const string ProjectDir = "/repo/src/Posts/";

    private const string Context = "public abstract partial class PostsContext : JsonSerializerContext { protected PostsContext() : base(null) { } }";

    [Fact]
    public Task Method_group_passed_inline_with_a_context_lacking_its_output_is_reported() => Executable(ProjectDir, Source(string.Empty, $$"""
        namespace Posts
        {
            public class Post { public string Id { get; set; } = ""; public string Title { get; set; } = ""; }
            public class Saved { public string Id { get; set; } = ""; }

            [JsonSerializable(typeof(Post))]
            {{Context}}

            public class Function
            {
                private static async Task Main()
                {
                    await LambdaBootstrapBuilder.Create<Post, Saved>({|LAM0102:Save|}, new SourceGeneratorLambdaJsonSerializer<PostsContext>())
                        .Build()
                        .RunAsync();
                }

                public static Task<Saved> Save(Post post, ILambdaContext context) => Task.FromResult(new Saved { Id = post.Id });
            }
        }
        """), publishAot: true).VerifyAsync();

    [Fact]
    public Task Context_listing_only_the_input_is_enough_for_a_handler_returning_task() => Executable(ProjectDir, Source(string.Empty, """
        namespace Users
        {
            public class Envelope { public List<QueueMessage> Records { get; set; } = new(); }

            [JsonSerializable(typeof(Envelope))]
            public abstract partial class UsersContext : JsonSerializerContext { protected UsersContext() : base(null) { } }

            public class Function
            {
                private static async Task Main()
                {
                    await LambdaBootstrapBuilder.Create<Envelope>(HandleAsync, new SourceGeneratorLambdaJsonSerializer<UsersContext>()).Build().RunAsync();
                }

                public static Task HandleAsync(Envelope envelope, ILambdaContext context) => Task.CompletedTask;
            }
        }
        """), publishAot: true).VerifyAsync();

    [Fact]
    public Task Clients_created_in_the_static_constructor_are_init_work() => Executable(ProjectDir, Source(string.Empty, $$"""
        namespace Posts
        {
            public class Post { public string Id { get; set; } = ""; }

            [JsonSerializable(typeof(Post))]
            [JsonSerializable(typeof(string))]
            {{Context}}

            public sealed class PostStore
            {
                private readonly IAmazonS3 _s3;

                public PostStore(IAmazonS3 s3) => _s3 = s3;

                public Task SaveAsync(Post post) => _s3.PutObjectAsync(new PutObjectRequest { BucketName = "posts", Key = post.Id });
            }

            public class Function
            {
                private static readonly PostStore Store;

                static Function()
                {
                    Store = new PostStore(new AmazonS3Client());
                }

                private static async Task Main()
                {
                    await LambdaBootstrapBuilder.Create<Post, string>(Save, new SourceGeneratorLambdaJsonSerializer<PostsContext>()).Build().RunAsync();
                }

                public static async Task<string> Save(Post post, ILambdaContext context)
                {
                    await Store.SaveAsync(post);
                    return post.Id;
                }
            }
        }
        """), publishAot: true).VerifyAsync();

    [Fact]
    public Task Handler_name_in_the_tools_defaults_of_a_provided_runtime_bootstrap_is_not_checked() => Executable("/repo/src/Skill/", Source(string.Empty, """
        namespace Skill
        {
            public class Ask { public string Intent { get; set; } = ""; }
            public class Answer { public string Speech { get; set; } = ""; }

            [JsonSerializable(typeof(Ask))]
            [JsonSerializable(typeof(Answer))]
            public abstract partial class SkillContext : JsonSerializerContext { protected SkillContext() : base(null) { } }

            public class SkillFunction
            {
                public Task<Answer> HandleAsync(Ask ask, ILambdaContext context) => Task.FromResult(new Answer { Speech = ask.Intent });
            }

            public static class Entry
            {
                private static async Task Main()
                {
                    var function = new SkillFunction();
                    await LambdaBootstrapBuilder.Create<Ask, Answer>(function.HandleAsync, new SourceGeneratorLambdaJsonSerializer<SkillContext>()).Build().RunAsync();
                }
            }
        }
        """), assemblyName: "bootstrap", publishAot: true)
        .WithFile("/repo/src/Skill/aws-lambda-tools-defaults.json", ToolsDefaults("Skill.App", runtime: "provided.al2023"))
        .VerifyAsync();

    [Fact]
    public Task Bootstrap_built_in_a_generic_helper_still_has_its_serializer_checked() => Executable("/repo/src/Skill/", Source(string.Empty, """
        namespace Skill
        {
            public class Ask { public string Intent { get; set; } = ""; }
            public class Answer { public string Speech { get; set; } = ""; }

            [JsonSerializable(typeof(Ask))]
            public abstract partial class SkillContext : JsonSerializerContext { protected SkillContext() : base(null) { } }

            public class SkillFunction
            {
                public virtual Task<Answer> HandleAsync(Ask ask, ILambdaContext context) => Task.FromResult(new Answer { Speech = ask.Intent });
            }

            public static class Entry
            {
                public static async Task RunAsync<TFunction>() where TFunction : SkillFunction, new()
                {
                    var function = new TFunction();
                    await LambdaBootstrapBuilder.Create<Ask, Answer>({|LAM0102:function.HandleAsync|}, new SourceGeneratorLambdaJsonSerializer<SkillContext>()).Build().RunAsync();
                }

                private static Task Main() => RunAsync<SkillFunction>();
            }
        }
        """), publishAot: true).VerifyAsync();

    [Fact]
    public Task Client_created_inside_an_inline_handler_lambda_is_reported_and_one_created_before_it_is_not() => Executable(ProjectDir, TopLevel("""
        var shared = new AmazonS3Client();

        await LambdaBootstrapBuilder.Create(async (QueueMessage message, ILambdaContext context) =>
        {
            var perCall = {|LAM0202:new AmazonS3Client()|};
            await perCall.PutObjectAsync(new PutObjectRequest { BucketName = "inbox", Key = message.MessageId, ContentBody = message.Body });
            await shared.PutObjectAsync(new PutObjectRequest { BucketName = "audit", Key = message.MessageId });
            return message.MessageId;
        }, new DefaultLambdaJsonSerializer()).Build().RunAsync();
        """)).VerifyAsync();
}
