using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0203FireAndForgetTask>>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0203FireAndForgetTaskTests
{
    private const string Clients = """
        public static class Clients
        {
            public static readonly IAmazonS3 S3 = new AmazonS3Client();
        }

        """;

    [Fact]
    public Task Flags_Task_Run_as_a_statement_in_an_api_handler() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                {|#0:Task.Run(() => Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = "audit", Key = request.Path }))|};
                return new ApiResponse { StatusCode = 202 };
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Run"));

    [Fact]
    public Task Leaves_a_statement_in_an_async_handler_to_the_compilers_CS4014() => new Verify.Test
    {
        TestCode = Function(Clients + """
            public class Function
            {
                [LambdaHandler]
                public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
                {
                    {|#0:Clients.S3.DeleteObjectAsync("queue-archive", sqsEvent.Records[0].MessageId)|};
                    sqsEvent.Records.ForEach(async message => {|#1:Clients.S3.DeleteObjectAsync("queue-archive", message.MessageId)|});
                    await Task.Yield();
                }
            }
            """),
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.Warnings,
        // Only the two warnings in question: the compiler's CS4014 and this rule (the stand-ins' nullable noise is off).
        SolutionTransforms =
        {
            (solution, projectId) =>
            {
                var options = solution.GetProject(projectId)!.CompilationOptions!;
                return solution.WithProjectCompilationOptions(projectId, options
                    .WithGeneralDiagnosticOption(Microsoft.CodeAnalysis.ReportDiagnostic.Suppress)
                    .WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions
                        .SetItem("CS4014", Microsoft.CodeAnalysis.ReportDiagnostic.Warn)
                        .SetItem("LAM0203", Microsoft.CodeAnalysis.ReportDiagnostic.Warn)));
            },
        },
        ExpectedDiagnostics =
        {
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("CS4014").WithLocation(0),
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("CS4014").WithLocation(1),
        },
    }.RunAsync();

    [Fact]
    public Task Flags_a_statement_in_a_sync_lambda_inside_an_async_handler() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                sqsEvent.Records.ForEach(message => {|#0:Clients.S3.DeleteObjectAsync("queue-archive", message.MessageId)|});
                await Task.Yield();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("DeleteObjectAsync"));

    [Fact]
    public Task Flags_a_discarded_upload_in_an_sqs_batch() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                foreach (var message in sqsEvent.Records)
                {
                    _ = {|#0:Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = message.MessageId })|};
                }

                await Task.Yield();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("PutObjectAsync"));

    [Fact]
    public Task Flags_a_task_two_calls_deep() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public void Handle(S3Event s3Event, ILambdaContext context) => {|#1:Cleanup(s3Event)|};

            private static void Cleanup(S3Event s3Event) => {|#2:Delete(s3Event.Records[0])|};

            private static void Delete(S3Record record)
            {
                {|#0:Clients.S3.DeleteObjectAsync(record.Bucket, record.Key)|};
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("DeleteObjectAsync"));

    [Fact]
    public Task Flags_a_task_forgotten_inside_a_lambda() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                sqsEvent.Records.ForEach(message => {|#0:Clients.S3.DeleteObjectAsync("queue-archive", message.MessageId)|});
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("DeleteObjectAsync"));

    [Fact]
    public Task Flags_a_task_local_nobody_awaits_in_a_scheduled_job() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public async Task Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                var refresh = {|#0:RefreshAsync()|};
                await Task.Delay(10);
            }

            private static Task RefreshAsync() => Task.Delay(100);
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("RefreshAsync"));

    [Fact]
    public Task Flags_ConfigureAwait_discarded() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public async Task Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                _ = {|#0:Task.Delay(100).ConfigureAwait(false)|};
                await Task.Yield();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("ConfigureAwait"));

    [Fact]
    public Task Ignores_tasks_stored_and_awaited_later() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                var uploads = new List<Task>();
                foreach (var message in sqsEvent.Records)
                {
                    uploads.Add(Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = message.MessageId }));
                }

                var first = Task.Delay(1);
                var second = Task.Delay(2);
                await Task.WhenAll(uploads);
                await Task.WhenAll(first, second);
            }
        }
        """));

    [Fact]
    public Task Ignores_awaited_Task_Run() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public async Task<int> Handle(ApiRequest request, ILambdaContext context) => await Task.Run(() => request.Body.Length);
        }
        """));

    [Fact]
    public Task Ignores_non_task_values_assigned_to_discard() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(ApiRequest request, ILambdaContext context)
            {
                _ = request.Body.Trim();
                _ = int.TryParse(request.Path, out _);
                _ = new List<int>();
            }
        }
        """));

    [Fact]
    public Task Ignores_calls_the_compiler_warns_about_when_awaited_later() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public async Task Handle(S3Event s3Event, ILambdaContext context)
            {
                Task pending;
                pending = Clients.S3.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key);
                context.Logger.LogInformation("deleting");
                await pending;
            }
        }
        """));

    [Fact]
    public Task Ignores_returned_tasks() => Verify.VerifyAsync(Function(Clients + """
        public class Function
        {
            [LambdaHandler]
            public Task Handle(S3Event s3Event, ILambdaContext context) => Clients.S3.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key);
        }
        """));

    [Fact]
    public Task Ignores_fire_and_forget_outside_the_invoke_path() => Verify.VerifyAsync(Function("""
        public class Warmup
        {
            public void Start() { _ = Task.Run(() => Thread.Sleep(1)); }
        }
        """));

    [Fact]
    public Task Flags_a_task_handed_to_a_Forget_helper_at_the_task_not_inside_the_helper() => Verify.VerifyAsync(Function(Clients + """
        public static class TaskExtensions
        {
            public static void Forget(this Task task) =>
                task.ContinueWith(t => Console.Error.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
        }

        public class Function
        {
            [LambdaHandler]
            public async Task<ApiResponse> Handle(ApiRequest request, ILambdaContext context)
            {
                {|#0:Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = "audit", Key = request.Path })|}.Forget();
                await Task.Yield();
                return new ApiResponse { StatusCode = 202 };
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("PutObjectAsync"));

    [Fact]
    public Task Flags_tasks_let_go_through_empty_checking_and_forwarding_helpers() => Verify.VerifyAsync(Function(Clients + """
        public static class Background
        {
            // Silences CS4014 and nothing else.
            public static void NoWait(this Task task) { }

            public static void Run(Task task, string name)
            {
                if (task == null) throw new ArgumentNullException(nameof(task));
                if (task.IsCompleted) { var observed = task.Exception; return; }
                _ = task.ContinueWith(t => Console.Error.WriteLine(name + ": " + task.Exception), TaskContinuationOptions.OnlyOnFaulted);
            }

            public static void Logged(this Task task) => Run(task, "background");
        }

        public class Function
        {
            [LambdaHandler]
            public void Handle(S3Event s3Event, ILambdaContext context)
            {
                {|#0:Clients.S3.DeleteObjectAsync(s3Event.Records[0].Bucket, s3Event.Records[0].Key)|}.NoWait();
                Background.Run({|#1:Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = "audit" })|}, "audit");
                var copy = {|#2:Clients.S3.CopyObjectAsync("a", "b", "c", "d")|};
                copy.Logged();
            }
        }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("DeleteObjectAsync"),
        Verify.Diagnostic().WithLocation(1).WithArguments("PutObjectAsync"),
        Verify.Diagnostic().WithLocation(2).WithArguments("CopyObjectAsync"));

    [Fact]
    public Task Flags_a_task_handed_to_a_library_fire_and_forget_helper() => Verify.VerifyAsync(Function(Clients + """
        namespace Orders
        {
            using AsyncAwaitBestPractices;
            using Microsoft.VisualStudio.Threading;

            public class Function
            {
                [LambdaHandler]
                public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
                {
                    {|#0:Clients.S3.DeleteObjectAsync("archive", sqsEvent.Records[0].MessageId)|}.Forget();
                    {|#1:Clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = "audit" })|}.SafeFireAndForget(e => Console.Error.WriteLine(e));
                    await Task.Yield();
                }
            }
        }

        // Declared as the two libraries declare them. These bodies hand the task to code the rule cannot look into,
        // so only the types' metadata names make them helpers that let the task go.
        namespace Microsoft.VisualStudio.Threading
        {
            public static class TplExtensions
            {
                public static void Forget(this Task task) => GC.KeepAlive(task);
            }
        }

        namespace AsyncAwaitBestPractices
        {
            public static class SafeFireAndForgetExtensions
            {
                public static void SafeFireAndForget(this Task task, Action<Exception> onException) => GC.KeepAlive(task);
            }
        }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("DeleteObjectAsync"),
        Verify.Diagnostic().WithLocation(1).WithArguments("PutObjectAsync"));

    [Fact]
    public Task Ignores_tasks_handed_to_helpers_that_keep_wait_for_or_return_them() => Verify.VerifyAsync(Function(Clients + """
        public static class Helpers
        {
            private static readonly List<Task> Pending = new();

            public static void Track(this Task task) => Pending.Add(task);

            public static void Block(this Task task) => task.Wait();

            public static void BlockOnResult(this Task<PutObjectResponse> task) => GC.KeepAlive(task.Result);

            public static void Observe(this Task task) => task.ContinueWith(t => { }).Track();

            public static void Hand(this Task task) => GC.KeepAlive(task);

            public static void Forget(this Task task, Action<Task> then) => then(task);

            // Starting an async void helper is LAM0212's finding: one root cause, one diagnostic.
            public static async void ForgetAsync(this Task task)
            {
                try { await task; } catch (Exception e) { Console.Error.WriteLine(e); }
            }

            public static Task Logged(this Task task) => task.ContinueWith(t => Console.Error.WriteLine(t.Exception));

            public static async Task Awaited(this Task task) => await task;

            public static async Task FlushPendingAsync() => await Task.WhenAll(Pending);
        }

        // An override may wait for the task where the base lets it go.
        public class Scheduler
        {
            public virtual void Schedule(Task task) { }
        }

        public class Function
        {
            [LambdaHandler]
            public async Task Handle(S3Event s3Event, ILambdaContext context)
            {
                Clients.S3.DeleteObjectAsync("a", "b").Track();
                Clients.S3.DeleteObjectAsync("a", "b").Block();
                Clients.S3.PutObjectAsync(new PutObjectRequest()).BlockOnResult();
                Clients.S3.DeleteObjectAsync("a", "b").Hand();
                Clients.S3.DeleteObjectAsync("a", "b").Forget(t => t.Wait());
                Clients.S3.DeleteObjectAsync("a", "b").ForgetAsync();
                new Scheduler().Schedule(Clients.S3.DeleteObjectAsync("a", "b"));
                var pending = Clients.S3.DeleteObjectAsync("a", "b");
                pending.{|CS1061:NoSuchHelper|}();
                var kept = Clients.S3.DeleteObjectAsync("c", "d");
                kept.Observe();
                await kept;
                await Clients.S3.DeleteObjectAsync("e", "f").Logged();
                await Clients.S3.DeleteObjectAsync("e", "f").Awaited();
                await Helpers.FlushPendingAsync();
            }
        }
        """));

    [Fact]
    public Task Ignores_common_correct_idioms() => Verify.VerifyAsync(Idioms);
}
