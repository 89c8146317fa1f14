using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0204SyncOverAsync>>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0204SyncOverAsyncTests
{
    private const string Clients = """
        public static class Clients
        {
            public static readonly IAmazonS3 S3 = new AmazonS3Client();
        }

        """;

    private const string Fetcher = """
        public static class Fetcher
        {
            public static Task<string> GetAsync(string key) => Task.FromResult(key);
            public static void Track(List<Task<string>> tasks) { }
        }

        """;

    [Fact]
    public Task Flags_Result_in_a_sync_api_handler() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                var response = {|#0:Clients.S3.GetObjectMetadataAsync("bucket", request.Path).Result|};
                return new ApiResponse { Body = response.ETag };
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments(".Result"));

    [Fact]
    public Task Flags_Wait_in_an_sqs_batch() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                foreach (var message in sqsEvent.Records)
                {
                    var put = Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = message.MessageId });
                    {|#0:put.Wait()|};
                }
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments(".Wait()"));

    [Fact]
    public Task Flags_GetAwaiter_GetResult_two_calls_deep() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public void Handle(S3Event s3Event, ILambdaContext context) => {|#1:Process(s3Event.Records[0])|};

            private static void Process(S3Record record) => {|#2:Delete(record)|};

            private static void Delete(S3Record record) =>
                {|#0:Clients.S3.DeleteObjectAsync(record.Bucket, record.Key).ConfigureAwait(false).GetAwaiter().GetResult()|};
        }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(".GetAwaiter().GetResult()"));

    [Fact]
    public Task Flags_Result_inside_a_lambda() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static readonly HttpClient s_http = new();

            [LambdaHandler]
            public List<string> Handle(SqsEvent sqsEvent, ILambdaContext context) =>
                sqsEvent.Records.Select(message => {|#0:s_http.GetStringAsync("https://example.com/" + message.Body).Result|}).ToList();
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments(".Result"));

    [Fact]
    public Task Flags_Result_when_awaited_on_one_path_only() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public async Task<int> Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                var count = CountAsync();
                if (scheduled.Id.Length > 3)
                {
                    await count;
                }

                return {|#0:count.Result|};
            }

            private static Task<int> CountAsync() => Task.FromResult(1);
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments(".Result"));

    [Fact]
    public Task Ignores_Result_after_await_Task_WhenAll() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public async Task<int> Handle(S3Event s3Event, ILambdaContext context)
            {
                var first = Clients.S3.ListBucketsAsync();
                var second = Clients.S3.ListBucketsAsync();
                await Task.WhenAll(first, second);
                return first.Result.Buckets.Count + second.Result.Buckets.Count;
            }
        }
        """));

    [Fact]
    public Task Ignores_Result_after_await_Task_WhenAll_of_a_collection_expression() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public async Task<int> Handle(S3Event s3Event, ILambdaContext context)
            {
                // The tasks as a collection expression (C# 12 needs the type argument); from C# 13 on .NET 9+, Task.WhenAll(first, second)
                // binds to the params span overload, which the compiler hands over as the same kind of operation.
                var first = Clients.S3.ListBucketsAsync();
                var second = Clients.S3.ListBucketsAsync();
                var more = new[] { Clients.S3.ListBucketsAsync() };
                await Task.WhenAll<ListBucketsResponse>([first, second, .. more]);
                return first.Result.Buckets.Count + second.Result.Buckets.Count + more[0].Result.Buckets.Count;
            }
        }
        """));

    [Fact]
    public Task Flags_Result_of_a_task_left_out_of_the_collection_expression_awaited() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public async Task<int> Handle(S3Event s3Event, ILambdaContext context)
            {
                var first = Clients.S3.ListBucketsAsync();
                var second = Clients.S3.ListBucketsAsync();
                await Task.WhenAll<ListBucketsResponse>([first]);
                return first.Result.Buckets.Count + {|#0:second.Result|}.Buckets.Count;
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments(".Result"));

    [Fact]
    public Task Ignores_elements_of_a_list_after_await_Task_WhenAll_on_it() => Verify.VerifyAsync(Function(Fetcher + """
        public class Function
        {
            [LambdaHandler]
            public async Task<int> Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                var tasks = new List<Task<string>>();
                foreach (var message in sqsEvent.Records)
                {
                    tasks.Add(Fetcher.GetAsync(message.Body));
                }

                await Task.WhenAll(tasks);
                var total = tasks.Sum(t => t.Result.Length);
                foreach (var task in tasks)
                {
                    total += task.Result.Length;
                }

                total += tasks.Where(t => t.Result.Length > 0).Select(t => t.Result).ToList().Count;
                return total + tasks[0].Result.Length + tasks.First().GetAwaiter().GetResult().Length;
            }
        }
        """));

    [Fact]
    public Task Ignores_elements_of_an_array_after_await_Task_WhenAll_on_it() => Verify.VerifyAsync(Function(Fetcher + """
        public class Function
        {
            [LambdaHandler]
            public async Task<string> Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                var tasks = sqsEvent.Records.Select(m => Fetcher.GetAsync(m.Body)).ToArray();
                await Task.WhenAll(tasks).ConfigureAwait(false);
                var bodies = new List<string>();
                for (var i = 0; i < tasks.Length; i++)
                {
                    bodies.Add(tasks[i].Result);
                }

                foreach (var task in tasks)
                {
                    bodies.Add(task.Result);
                }

                return string.Join(",", bodies) + tasks.Max(t => t.Result.Length);
            }
        }
        """));

    [Fact]
    public Task Flags_elements_of_a_collection_changed_or_not_awaited_as_a_whole() => Verify.VerifyAsync(Function(Fetcher + """
        public class Function
        {
            [LambdaHandler]
            public async Task<int> Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                var tasks = new List<Task<string>> { Fetcher.GetAsync("a") };
                var total = tasks.Sum(t => {|#0:t.Result|}.Length);
                await Task.WhenAll(tasks);
                tasks.Add(Fetcher.GetAsync("b"));
                total += tasks.Sum(t => {|#1:t.Result|}.Length);

                var others = new List<Task<string>> { Fetcher.GetAsync("c") };
                await Task.WhenAll(others);
                Fetcher.Track(others);
                foreach (var task in others)
                {
                    total += {|#2:task.Result|}.Length;
                }

                var fresh = new[] { Fetcher.GetAsync("d") };
                await Task.WhenAll(fresh);
                fresh[0] = Fetcher.GetAsync("e");
                total += {|#3:fresh[0].Result|}.Length;
                return total;
            }
        }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments(".Result"),
        Verify.Diagnostic().WithLocation(1).WithArguments(".Result"),
        Verify.Diagnostic().WithLocation(2).WithArguments(".Result"),
        Verify.Diagnostic().WithLocation(3).WithArguments(".Result"));

    [Fact]
    public Task Flags_elements_of_a_lazy_sequence_or_a_deferred_query_after_Task_WhenAll() => Verify.VerifyAsync(Function(Fetcher + """
        public class Function
        {
            [LambdaHandler]
            public async Task<int> Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                // Each enumeration of a lazy sequence starts new tasks.
                var lazy = sqsEvent.Records.Select(m => Fetcher.GetAsync(m.Body));
                await Task.WhenAll(lazy);
                var total = lazy.Sum(t => {|#0:t.Result|}.Length);

                // A query kept for later may see elements added after the await.
                var tasks = new List<Task<string>> { Fetcher.GetAsync("a") };
                await Task.WhenAll(tasks);
                var lengths = tasks.Select(t => {|#1:t.Result|}.Length);
                tasks.Add(Fetcher.GetAsync("b"));
                return total + lengths.Sum();
            }
        }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments(".Result"),
        Verify.Diagnostic().WithLocation(1).WithArguments(".Result"));

    [Fact]
    public Task Flags_elements_of_a_collection_a_lambda_changes() => Verify.VerifyAsync(Function(Fetcher + """
        public class Function
        {
            [LambdaHandler]
            public async Task<int> Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                var tasks = new List<Task<string>> { Fetcher.GetAsync("a") };
                Action more = () => tasks.Add(Fetcher.GetAsync("b"));
                await Task.WhenAll(tasks);
                more();
                return tasks.Sum(t => {|#0:t.Result|}.Length);
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments(".Result"));

    [Fact]
    public Task Ignores_Result_after_await_t() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public async Task<int> Handle(ApiRequest request, ILambdaContext context)
            {
                var length = Task.Run(() => request.Body.Length);
                await length;
                if (length.IsCompletedSuccessfully)
                {
                    return length.Result;
                }

                return length.GetAwaiter().GetResult();
            }
        }
        """));

    [Fact]
    public Task Ignores_Task_FromResult_Result() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public int Handle(ApiRequest request, ILambdaContext context)
            {
                Task.CompletedTask.Wait();
                return Task.FromResult(request.Body.Length).Result;
            }
        }
        """));

    [Fact]
    public Task Ignores_code_in_Main_before_the_loop() => new Verify.Test
    {
        TestCode = Function(Clients + """
            public static class Program
            {
                public static async Task Main()
                {
                    var buckets = Clients.S3.ListBucketsAsync().Result;
                    Warmup().GetAwaiter().GetResult();
                    using var bootstrap = Amazon.Lambda.RuntimeSupport.LambdaBootstrapBuilder.Create<ApiRequest, ApiResponse>(
                        (request, context) => new ApiResponse { Body = request.Path },
                        new Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer()).Build();
                    await bootstrap.RunAsync();
                }

                private static Task Warmup() => Task.Delay(1);
            }
            """),
        SolutionTransforms = { TestProjects.AsExecutable },
    }.RunAsync();

    [Fact]
    public Task Ignores_blocking_outside_the_invoke_path() => Verify.VerifyAsync(Function("""
        public class Tool
        {
            public string Run() => Task.Run(() => "x").Result;
        }
        """));

    [Fact]
    public Task Ignores_common_correct_idioms() => Verify.VerifyAsync(Idioms);

    [Fact]
    public Task Ignores_Result_and_Wait_on_expressions_that_do_not_resolve() => new Verify.Test
    {
        TestCode = Function("""
            public class Function
            {
                private readonly Missing.OrdersClient _orders = null!;

                [LambdaHandler]
                public string Handle(ApiRequest request, ILambdaContext context)
                {
                    var order = _orders.GetAsync(request.Path).Result;
                    Missing.Store.SaveAsync(order).Wait();
                    var pending = Unknown(request);
                    return pending.Result + _orders.CountAsync().GetAwaiter().GetResult();
                }
            }
            """),
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
    }.RunAsync();
}
