using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using static LambdaAnalyzers.Tests.Rules.Handlers.HandlerSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Handlers.LAM0003AsyncVoidHandlerAnalyzer>;
using VerifyFix = LambdaAnalyzers.Tests.Infrastructure.CodeFixVerifier<
    LambdaAnalyzers.Rules.Handlers.LAM0003AsyncVoidHandlerAnalyzer,
    LambdaAnalyzers.CodeFixes.Rules.Handlers.LAM0003AsyncVoidHandlerCodeFix>;

namespace LambdaAnalyzers.Tests.Rules.Handlers;

public sealed class LAM0003AsyncVoidHandlerTests
{
    [Fact]
    public Task Flags_async_void_sqs_handler() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public async void {|#0:ProcessAsync|}(SqsEvent sqsEvent, ILambdaContext context) => await Task.Delay(1);
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("ProcessAsync"));

    [Fact]
    public Task Flags_async_void_static_handler() => Verify.VerifyAsync(WithSerializer("""
        public static class Scheduled
        {
            [LambdaHandler]
            public static async void {|#0:Run|}(ILambdaContext context) { await Task.Yield(); }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Run"));

    [Fact]
    public Task Flags_async_void_handler_of_an_executable_too() => new Verify.Test
    {
        TestCode = WithSerializer("""
            public class Program { public static void Main() { } }
            public class Function
            {
                [LambdaHandler]
                public async void {|#0:Handle|}(Order order) => await Task.Delay(1);
            }
            """),
        SolutionTransforms = { TestProjects.AsExecutable },
        ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("Handle") },
    }.RunAsync();

    [Fact]
    public Task Ignores_async_void_event_handlers_elsewhere() => Verify.VerifyAsync(WithSerializer("""
        public class Notifier
        {
            public event EventHandler? Sent;
            public async void OnSent(object? sender, EventArgs e) => await Task.Delay(1);
        }
        """));

    [Fact]
    public Task Ignores_async_Task_handlers() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public async Task ProcessAsync(SqsEvent sqsEvent, ILambdaContext context) => await Task.Delay(1);
        }
        """));

    [Fact]
    public Task Fix_returns_Task() => VerifyFix.VerifyAsync(
        WithSerializer("""
            public class Function
            {
                [LambdaHandler]
                public async void {|#0:ProcessAsync|}(SqsEvent sqsEvent, ILambdaContext context) => await Task.Delay(1);
            }
            """),
        WithSerializer("""
            public class Function
            {
                [LambdaHandler]
                public async Task ProcessAsync(SqsEvent sqsEvent, ILambdaContext context) => await Task.Delay(1);
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments("ProcessAsync"));
}
