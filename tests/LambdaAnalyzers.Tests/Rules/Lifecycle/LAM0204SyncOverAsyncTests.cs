using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Lifecycle.LAM0204SyncOverAsyncAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0204SyncOverAsyncTests
{
    private const string Clients = """
        public static class Clients
        {
            public static readonly IAmazonS3 S3 = new AmazonS3Client();
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
}
