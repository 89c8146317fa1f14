using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using VerifyFix = LambdaAnalyzers.Tests.Infrastructure.CodeFixVerifier<
    LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0203FireAndForgetTask>,
    LambdaAnalyzers.CodeFixes.Rules.Lifecycle.LAM0203FireAndForgetTaskCodeFix>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0203FireAndForgetTaskCodeFixTests
{
    private const string Clients = """
        public static class Clients
        {
            public static readonly IAmazonS3 S3 = new AmazonS3Client();
        }

        """;

    private const string Background = """
        public static class Background
        {
            public static void Forget(this Task task) => task.ContinueWith(t => Console.Error.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);

            public static void Forget(this Task task, Action<Exception> onError) => task.ContinueWith(t => onError(t.Exception!), TaskContinuationOptions.OnlyOnFaulted);
        }

        """;

    [Fact]
    public Task Awaits_a_statement_and_makes_the_handler_async() => VerifyFix.VerifyAsync(
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public ApiResponse Handle(ApiRequest request, ILambdaContext context)
                {
                    {|#0:Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = "audit", Key = request.Path })|};
                    return new ApiResponse { StatusCode = 202 };
                }
            }
            """),
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public async Task<ApiResponse> Handle(ApiRequest request, ILambdaContext context)
                {
                    await Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = "audit", Key = request.Path });
                    return new ApiResponse { StatusCode = 202 };
                }
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments("PutObjectAsync"));

    [Fact]
    public Task Awaits_a_discard_in_an_async_handler() => VerifyFix.VerifyAsync(
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
                {
                    foreach (var message in sqsEvent.Records)
                    {
                        _ = {|#0:Clients.S3.DeleteObjectAsync("archive", message.MessageId)|};
                    }

                    await Task.Yield();
                }
            }
            """),
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
                {
                    foreach (var message in sqsEvent.Records)
                    {
                        await Clients.S3.DeleteObjectAsync("archive", message.MessageId);
                    }

                    await Task.Yield();
                }
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments("DeleteObjectAsync"));

    [Fact]
    public Task Makes_an_unreferenced_void_helper_async() => VerifyFix.VerifyAsync(
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public void Handle(ScheduledEvent scheduled, ILambdaContext context)
                {
                    {|#0:Task.Run(() => Clients.S3.ListBucketsAsync())|};
                }
            }
            """),
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public async Task Handle(ScheduledEvent scheduled, ILambdaContext context)
                {
                    await Task.Run(() => Clients.S3.ListBucketsAsync());
                }
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments("Run"));

    [Fact]
    public Task Offers_no_fix_when_the_method_has_callers() => VerifyFix.VerifyAsync(
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public void Handle(S3Event s3Event, ILambdaContext context) => {|#1:Delete(s3Event.Records[0])|};

                private static void Delete(S3Record record)
                {
                    {|#0:Clients.S3.DeleteObjectAsync(record.Bucket, record.Key)|};
                }
            }
            """),
        Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public void Handle(S3Event s3Event, ILambdaContext context) => {|#1:Delete(s3Event.Records[0])|};

                private static void Delete(S3Record record)
                {
                    {|#0:Clients.S3.DeleteObjectAsync(record.Bucket, record.Key)|};
                }
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("DeleteObjectAsync"));

    [Fact]
    public Task Awaits_a_task_instead_of_handing_it_to_a_helper_that_lets_it_go() => VerifyFix.VerifyAsync(
        Function(Clients + Background + """
            public class Function
            {
                [LambdaHandler]
                public void Handle(S3Event s3Event, ILambdaContext context)
                {
                    {|#0:Clients.S3.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key)|}.Forget();
                    Background.Forget({|#1:Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = "audit" })|});
                }
            }
            """),
        Function(Clients + Background + """
            public class Function
            {
                [LambdaHandler]
                public async Task Handle(S3Event s3Event, ILambdaContext context)
                {
                    await Clients.S3.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key);
                    await Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = "audit" });
                }
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments("DeleteObjectAsync"),
        VerifyFix.Diagnostic().WithLocation(1).WithArguments("PutObjectAsync"));

    [Fact]
    public Task Offers_no_fix_when_the_helper_is_told_more_than_the_task() => VerifyFix.VerifyAsync(
        Function(Clients + Background + """
            public class Function
            {
                [LambdaHandler]
                public async Task Handle(S3Event s3Event, ILambdaContext context)
                {
                    {|#0:Clients.S3.DeleteObjectAsync("b", "k")|}.Forget(e => context.Logger.LogError(e.Message));
                    await Task.Yield();
                }
            }
            """),
        Function(Clients + Background + """
            public class Function
            {
                [LambdaHandler]
                public async Task Handle(S3Event s3Event, ILambdaContext context)
                {
                    {|#0:Clients.S3.DeleteObjectAsync("b", "k")|}.Forget(e => context.Logger.LogError(e.Message));
                    await Task.Yield();
                }
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments("DeleteObjectAsync"));

    [Fact]
    public Task Fix_all_in_document_and_project()
    {
        var test = new VerifyFix.Test
        {
            CodeActionEquivalenceKey = LambdaAnalyzers.CodeFixes.Rules.Lifecycle.LAM0203FireAndForgetTaskCodeFix.Title,
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllInDocumentIterations = 2,
            NumberOfFixAllIterations = 1,
        };
        test.TestState.Sources.Add(("/0/Orders.cs", Function(Clients + """
            public class Orders
            {
                [LambdaHandler]
                public void Handle(SqsEvent sqsEvent, ILambdaContext context)
                {
                    {|#0:Clients.S3.DeleteObjectAsync("b", "k1")|};
                    _ = {|#1:Clients.S3.DeleteObjectAsync("b", "k2")|};
                }
            }
            """)));
        test.TestState.Sources.Add(("/0/Reports.cs", Usings + """
            public class Reports
            {
                [LambdaHandler]
                public async Task Handle(ScheduledEvent scheduled, ILambdaContext context)
                {
                    _ = {|#2:Task.Delay(10)|};
                    await Task.Yield();
                }
            }
            """));
        test.FixedState.Sources.Add(("/0/Orders.cs", Function(Clients + """
            public class Orders
            {
                [LambdaHandler]
                public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
                {
                    await Clients.S3.DeleteObjectAsync("b", "k1");
                    await Clients.S3.DeleteObjectAsync("b", "k2");
                }
            }
            """)));
        test.FixedState.Sources.Add(("/0/Reports.cs", Usings + """
            public class Reports
            {
                [LambdaHandler]
                public async Task Handle(ScheduledEvent scheduled, ILambdaContext context)
                {
                    await Task.Delay(10);
                    await Task.Yield();
                }
            }
            """));
        test.ExpectedDiagnostics.Add(VerifyFix.Diagnostic().WithLocation(0).WithArguments("DeleteObjectAsync"));
        test.ExpectedDiagnostics.Add(VerifyFix.Diagnostic().WithLocation(1).WithArguments("DeleteObjectAsync"));
        test.ExpectedDiagnostics.Add(VerifyFix.Diagnostic().WithLocation(2).WithArguments("Delay"));
        return test.RunAsync();
    }
}
