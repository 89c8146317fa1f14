using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0210BackgroundWorkStartedInInit>>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0210BackgroundWorkStartedInInitTests
{
    private const string ConsoleTool = """
        using System;
        using System.Threading.Tasks;

        var refresh = {|#0:Task.Run(async () =>
        {
            while (true)
            {
                Console.WriteLine("seeding");
                await Task.Delay(1000);
            }
        })|};
        await refresh;
        """;

    /// <summary>
    /// A console tool of a SAM repository (a seeder, a load generator): its project references nothing of Lambda, and the
    /// root template the package finds deploys other projects. Its <c>Main</c> is no Lambda Init.
    /// </summary>
    [Fact]
    public Task Leaves_alone_a_console_tool_of_a_repository_whose_template_deploys_other_projects() => ConsoleToolAsync(codeUri: "../Orders/");

    /// <summary>The same program deployed by the template (a custom runtime loop written by hand, no Lambda types): its <c>Main</c> is Init.</summary>
    [Fact]
    public Task Flags_the_same_program_when_the_template_deploys_it() => ConsoleToolAsync(codeUri: ".", Verify.Diagnostic().WithLocation(0).WithArguments("A background loop"));

    private static Task ConsoleToolAsync(string codeUri, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new Verify.Test
        {
            TestState =
            {
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
                Sources = { ("/repo/src/Seeder/Program.cs", ConsoleTool) },
                AdditionalFiles = { ("/repo/template.yaml", $"Resources:\n  Orders:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/{(codeUri == "." ? "Seeder/" : "Orders/")}\n      Handler: bootstrap\n      Runtime: provided.al2023\n") },
                AnalyzerConfigFiles = { TestProjects.GlobalConfig(("ProjectDir", "/repo/src/Seeder/"), ("OutputType", "Exe"), ("AssemblyName", "Seeder"), ("TargetFramework", "net8.0")) },
            },
        };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(TestReferences.Framework);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Flags_a_periodic_timer_in_a_static_field_of_an_api_function() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static string s_token = "";
            private static readonly Timer s_refresh = {|#0:new Timer(_ => s_token = DateTime.UtcNow.ToString(), null, TimeSpan.Zero, TimeSpan.FromMinutes(5))|};

            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context) => new ApiResponse { Body = s_token };
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("A periodic timer"));

    [Fact]
    public Task Flags_a_background_thread_started_in_the_constructor_of_an_sqs_function() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private readonly Thread _flusher;

            public Function()
            {
                _flusher = new Thread(() => { while (true) { Thread.Sleep(1000); } }) { IsBackground = true };
                {|#0:_flusher.Start()|};
            }

            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context) { }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("A background thread"));

    [Fact]
    public Task Flags_a_heartbeat_loop_started_two_calls_into_Init() => Verify.VerifyAsync(Function("""
        public class Function
        {
            static Function() => {|#0:Telemetry.Start()|};

            [LambdaHandler]
            public void Handle(S3Event s3Event, ILambdaContext context) { }
        }

        public static class Telemetry
        {
            public static void Start() => {|#2:Run()|};

            private static void Run() => {|#1:Task.Run(async () =>
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(30));
                }
            })|};
        }
        """), Verify.Diagnostic().WithLocation(1).WithLocation(0).WithLocation(2).WithArguments("A background loop"));

    [Fact]
    public Task Flags_a_timer_created_inside_an_Init_lambda() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static readonly Lazy<System.Timers.Timer> s_timer = new(() => {|#0:new System.Timers.Timer(60000)|});

            [LambdaHandler]
            public void Handle(ScheduledEvent scheduled, ILambdaContext context) => s_timer.Value.Start();
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("A Timer"));

    [Fact]
    public Task Flags_a_PeriodicTimer_in_Main_before_the_loop() => new Verify.Test
    {
        TestCode = Function("""
            public static class Program
            {
                public static async Task Main()
                {
                    var timer = {|#0:new PeriodicTimer(TimeSpan.FromSeconds(10))|};
                    _ = {|#1:Task.Run(async () => { while (await timer.WaitForNextTickAsync()) { } })|};
                    using var bootstrap = Amazon.Lambda.RuntimeSupport.LambdaBootstrapBuilder.Create<ScheduledEvent>(
                        (scheduled, context) => { }, new Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer()).Build();
                    await bootstrap.RunAsync();
                }
            }
            """),
        SolutionTransforms = { TestProjects.AsExecutable },
        ExpectedDiagnostics =
        {
            Verify.Diagnostic().WithLocation(0).WithArguments("A PeriodicTimer"),
            Verify.Diagnostic().WithLocation(1).WithArguments("A background loop"),
        },
    }.RunAsync();

    [Fact]
    public Task Ignores_timers_used_within_one_invoke() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                using var progress = new Timer(_ => context.Logger.LogInformation("still working"), null, 1000, 1000);
                using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1));
                await ticker.WaitForNextTickAsync();
            }
        }
        """));

    [Fact]
    public Task Ignores_one_shot_timers_and_work_in_Init() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static readonly Timer s_once = new Timer(_ => { }, null, 1000, Timeout.Infinite);
            private static readonly Task s_warmup = Task.Run(() => Thread.Sleep(1));

            [LambdaHandler]
            public Task Handle(ScheduledEvent scheduled, ILambdaContext context) => s_warmup;
        }
        """));

    [Fact]
    public Task Ignores_timers_outside_Lambda_code() => Verify.VerifyAsync(Function("""
        public class Poller
        {
            private readonly Timer _timer = new Timer(_ => { }, null, 0, 1000);
        }
        """));

    [Fact]
    public Task Ignores_common_correct_idioms() => Verify.VerifyAsync(Idioms);
}
