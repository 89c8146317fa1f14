using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using VerifyFix = LambdaAnalyzers.Tests.Infrastructure.CodeFixVerifier<
    LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0204SyncOverAsync>,
    LambdaAnalyzers.CodeFixes.Rules.Lifecycle.LAM0204SyncOverAsyncCodeFix>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0204SyncOverAsyncCodeFixTests
{
    private const string Clients = """
        public static class Clients
        {
            public static readonly IAmazonS3 S3 = new AmazonS3Client();
        }

        """;

    [Fact]
    public Task Replaces_Result_and_makes_the_handler_async() => VerifyFix.VerifyAsync(
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public ApiResponse Handle(ApiRequest request, ILambdaContext context)
                {
                    var metadata = {|#0:Clients.S3.GetObjectMetadataAsync("bucket", request.Path).Result|};
                    return new ApiResponse { Body = metadata.ETag };
                }
            }
            """),
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public async Task<ApiResponse> Handle(ApiRequest request, ILambdaContext context)
                {
                    var metadata = await Clients.S3.GetObjectMetadataAsync("bucket", request.Path);
                    return new ApiResponse { Body = metadata.ETag };
                }
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments(".Result"));

    [Fact]
    public Task Replaces_Wait_in_a_void_handler() => VerifyFix.VerifyAsync(
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public void Handle(SqsEvent sqsEvent, ILambdaContext context)
                {
                    var put = Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = sqsEvent.Records[0].MessageId });
                    {|#0:put.Wait()|};
                }
            }
            """),
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
                {
                    var put = Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = sqsEvent.Records[0].MessageId });
                    await put;
                }
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments(".Wait()"));

    [Fact]
    public Task Replaces_GetAwaiter_GetResult_keeping_ConfigureAwait() => VerifyFix.VerifyAsync(
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public async Task<int> Handle(S3Event s3Event, ILambdaContext context)
                {
                    await Task.Yield();
                    var buckets = {|#0:Clients.S3.ListBucketsAsync().ConfigureAwait(false).GetAwaiter().GetResult()|};
                    return buckets.Buckets.Count;
                }
            }
            """),
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public async Task<int> Handle(S3Event s3Event, ILambdaContext context)
                {
                    await Task.Yield();
                    var buckets = await Clients.S3.ListBucketsAsync().ConfigureAwait(false);
                    return buckets.Buckets.Count;
                }
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments(".GetAwaiter().GetResult()"));

    [Fact]
    public Task Keeps_parentheses_where_the_result_is_used() => VerifyFix.VerifyAsync(
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public int Handle(ScheduledEvent scheduled, ILambdaContext context) =>
                    {|#0:Clients.S3.ListBucketsAsync().Result|}.Buckets.Count;
            }
            """),
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public async Task<int> Handle(ScheduledEvent scheduled, ILambdaContext context) =>
                    (await Clients.S3.ListBucketsAsync()).Buckets.Count;
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments(".Result"));

    [Fact]
    public Task Offers_no_fix_in_a_sync_lambda() => VerifyFix.VerifyAsync(
        Function("""
            public class Function
            {
                private static readonly HttpClient s_http = new();

                [LambdaHandler]
                public List<string> Handle(SqsEvent sqsEvent, ILambdaContext context) =>
                    sqsEvent.Records.Select(message => {|#0:s_http.GetStringAsync(message.Body).Result|}).ToList();
            }
            """),
        Function("""
            public class Function
            {
                private static readonly HttpClient s_http = new();

                [LambdaHandler]
                public List<string> Handle(SqsEvent sqsEvent, ILambdaContext context) =>
                    sqsEvent.Records.Select(message => {|#0:s_http.GetStringAsync(message.Body).Result|}).ToList();
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments(".Result"));

    [Fact]
    public Task Fix_all_in_document_makes_each_method_async_once()
    {
        var test = new VerifyFix.Test
        {
            TestCode = Function(Clients + """
                public class Function
                {
                    [LambdaHandler]
                    public int Handle(S3Event s3Event, ILambdaContext context)
                    {
                        var first = {|#0:Clients.S3.ListBucketsAsync().Result|};
                        {|#1:Clients.S3.DeleteObjectAsync("bucket", "key").Wait()|};
                        return first.Buckets.Count + {|#2:Clients.S3.ListBucketsAsync().GetAwaiter().GetResult()|}.Buckets.Count;
                    }
                }
                """),
            FixedCode = Function(Clients + """
                public class Function
                {
                    [LambdaHandler]
                    public async Task<int> Handle(S3Event s3Event, ILambdaContext context)
                    {
                        var first = await Clients.S3.ListBucketsAsync();
                        await Clients.S3.DeleteObjectAsync("bucket", "key");
                        return first.Buckets.Count + (await Clients.S3.ListBucketsAsync()).Buckets.Count;
                    }
                }
                """),
            CodeActionEquivalenceKey = LambdaAnalyzers.CodeFixes.Rules.Lifecycle.LAM0204SyncOverAsyncCodeFix.Title,
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllIterations = 1,
        };
        test.ExpectedDiagnostics.Add(VerifyFix.Diagnostic().WithLocation(0).WithArguments(".Result"));
        test.ExpectedDiagnostics.Add(VerifyFix.Diagnostic().WithLocation(1).WithArguments(".Wait()"));
        test.ExpectedDiagnostics.Add(VerifyFix.Diagnostic().WithLocation(2).WithArguments(".GetAwaiter().GetResult()"));
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_in_project_fixes_every_document()
    {
        var test = new VerifyFix.Test
        {
            CodeActionEquivalenceKey = LambdaAnalyzers.CodeFixes.Rules.Lifecycle.LAM0204SyncOverAsyncCodeFix.Title,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck,
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
        };
        test.TestState.Sources.Add(("/0/Orders.cs", Function(Clients + """
            public class Orders
            {
                [LambdaHandler]
                public void Handle(SqsEvent sqsEvent, ILambdaContext context) => {|#0:Clients.S3.DeleteObjectAsync("b", "k").Wait()|};
            }
            """)));
        test.TestState.Sources.Add(("/0/Reports.cs", Usings + """
            public class Reports
            {
                [LambdaHandler]
                public int Handle(ScheduledEvent scheduled, ILambdaContext context) => {|#1:Clients.S3.ListBucketsAsync().Result|}.Buckets.Count;
            }
            """));
        test.FixedState.Sources.Add(("/0/Orders.cs", Function(Clients + """
            public class Orders
            {
                [LambdaHandler]
                public async Task Handle(SqsEvent sqsEvent, ILambdaContext context) => await Clients.S3.DeleteObjectAsync("b", "k");
            }
            """)));
        test.FixedState.Sources.Add(("/0/Reports.cs", Usings + """
            public class Reports
            {
                [LambdaHandler]
                public async Task<int> Handle(ScheduledEvent scheduled, ILambdaContext context) => (await Clients.S3.ListBucketsAsync()).Buckets.Count;
            }
            """));
        test.ExpectedDiagnostics.Add(VerifyFix.Diagnostic().WithLocation(0).WithArguments(".Wait()"));
        test.ExpectedDiagnostics.Add(VerifyFix.Diagnostic().WithLocation(1).WithArguments(".Result"));
        return test.RunAsync();
    }
}
