using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0206ProcessExitInInvoke>>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0206ProcessExitInInvokeTests
{
    [Fact]
    public Task Flags_Environment_Exit_in_an_api_handler() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                if (request.Path.Length == 0)
                {
                    {|#0:Environment.Exit(1)|};
                }

                return new ApiResponse();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Environment.Exit"));

    [Fact]
    public Task Flags_FailFast_in_an_sqs_batch() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                foreach (var message in sqsEvent.Records)
                {
                    if (message.Body.Length == 0) {|#0:Environment.FailFast("poison message " + message.MessageId)|};
                }
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Environment.FailFast"));

    [Fact]
    public Task Flags_killing_the_own_process_two_calls_deep() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(S3Event s3Event, ILambdaContext context) => {|#1:Check(s3Event)|};

            private static void Check(S3Event s3Event) => {|#2:Abort()|};

            private static void Abort()
            {
                var self = System.Diagnostics.Process.GetCurrentProcess();
                {|#0:self.Kill()|};
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("Process.Kill"));

    [Fact]
    public Task Flags_exit_inside_a_lambda() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public async Task Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                await Task.Run(() => {|#0:System.Diagnostics.Process.GetCurrentProcess().Kill(true)|});
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Process.Kill"));

    [Fact]
    public Task Flags_exit_in_a_bootstrap_lambda() => new Verify.Test
    {
        TestCode = Function("""
            public static class Program
            {
                public static async Task Main()
                {
                    using var bootstrap = Amazon.Lambda.RuntimeSupport.LambdaBootstrapBuilder.Create<ScheduledEvent>(
                        (scheduled, context) => {|#0:Environment.Exit(0)|},
                        new Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer()).Build();
                    await bootstrap.RunAsync();
                }
            }
            """),
        SolutionTransforms = { TestProjects.AsExecutable },
        ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("Environment.Exit") },
    }.RunAsync();

    [Fact]
    public Task Ignores_Main_of_non_Lambda_tools() => new Verify.Test
    {
        TestCode = Function("""
            public static class Program
            {
                public static void Main(string[] args)
                {
                    if (args.Length == 0)
                    {
                        Environment.Exit(2);
                    }
                }
            }
            """),
        SolutionTransforms = { TestProjects.AsExecutable },
    }.RunAsync();

    [Fact]
    public Task Ignores_killing_other_processes() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                using var child = System.Diagnostics.Process.Start("/bin/true");
                child!.Kill();
            }
        }
        """));

    [Fact]
    public Task Ignores_common_correct_idioms() => Verify.VerifyAsync(Idioms);
}
