using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0208SharedClientDisposed>>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0208SharedClientDisposedTests
{
    [Fact]
    public Task Flags_static_client_disposed_by_an_api_handler() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static readonly HttpClient s_http = new();

            [LambdaHandler]
            public async Task<ApiResponse> Handle(ApiRequest request, ILambdaContext context)
            {
                var body = await s_http.GetStringAsync("https://example.com" + request.Path);
                {|#0:s_http.Dispose()|};
                return new ApiResponse { Body = body };
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("s_http"));

    [Fact]
    public Task Flags_constructor_created_client_in_a_using_of_an_s3_trigger() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private readonly AmazonS3Client _s3;

            public Function() { _s3 = new AmazonS3Client(); }

            [LambdaHandler]
            public async Task Handle(S3Event s3Event, ILambdaContext context)
            {
                using (var s3 = {|#0:_s3|})
                {
                    await s3.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key);
                }
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("_s3"));

    [Fact]
    public Task Flags_dispose_two_calls_deep() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private readonly IAmazonS3 _s3 = new AmazonS3Client();

            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context) => {|#1:Finish()|};

            private void Finish() => {|#2:Release()|};

            private void Release() => {|#0:_s3?.Dispose()|};
        }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_s3"));

    [Fact]
    public Task Flags_dispose_inside_a_lambda() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static readonly AmazonS3Client s_s3 = new();

            [LambdaHandler]
            public async Task Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                await Task.Run(() => {|#0:s_s3.Dispose()|});
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("s_s3"));

    [Fact]
    public Task Flags_using_declaration_of_a_static_property() => Verify.VerifyAsync(Function("""
        public static class Clients
        {
            public static AmazonS3Client S3 { get; } = new AmazonS3Client();
        }

        public class Function
        {
            [LambdaHandler]
            public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                using var s3 = {|#0:Clients.S3|};
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = sqsEvent.Records[0].MessageId });
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("S3"));

    [Fact]
    public Task Ignores_disposing_per_invoke_objects() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static readonly HttpClient s_http = new();
            private MemoryStream? _buffer;

            [LambdaHandler]
            public async Task<ApiResponse> Handle(ApiRequest request, ILambdaContext context)
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, "https://example.com");
                using var response = await s_http.SendAsync(message);
                var stream = new MemoryStream();
                stream.Dispose();
                _buffer = new MemoryStream();
                _buffer.Dispose();
                return new ApiResponse { StatusCode = (int)response.StatusCode };
            }
        }
        """));

    [Fact]
    public Task Ignores_dispose_of_a_fresh_instance_per_invoke() => new Verify.Test
    {
        TestCode = Function("""
            public sealed class Function : IDisposable
            {
                private readonly HttpClient _http = new();

                public ApiResponse Handle(ApiRequest request, ILambdaContext context)
                {
                    _http.Dispose();
                    return new ApiResponse();
                }

                public void Dispose() => _http.Dispose();
            }

            public static class Program
            {
                public static async Task Main()
                {
                    using var bootstrap = Amazon.Lambda.RuntimeSupport.LambdaBootstrapBuilder.Create<ApiRequest, ApiResponse>(
                        (i, c) => new Function().Handle(i, c), new Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer()).Build();
                    await bootstrap.RunAsync();
                }
            }
            """),
        SolutionTransforms = { TestProjects.AsExecutable },
    }.RunAsync();

    [Fact]
    public Task Ignores_common_correct_idioms() => Verify.VerifyAsync(Idioms);
}
