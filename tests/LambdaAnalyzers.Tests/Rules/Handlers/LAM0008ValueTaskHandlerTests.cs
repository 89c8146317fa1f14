using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static LambdaAnalyzers.Tests.Rules.Handlers.HandlerSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Handlers.LAM0008ValueTaskHandlerAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Handlers;

public sealed class LAM0008ValueTaskHandlerTests
{
    [Fact]
    public Task Flags_ValueTask_of_T() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public ValueTask<Receipt> {|#0:HandleAsync|}(Order order, ILambdaContext context) => new(new Receipt());
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("HandleAsync", "System.Threading.Tasks.ValueTask<Receipt>"));

    [Fact]
    public Task Flags_plain_ValueTask() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public async ValueTask {|#0:ProcessAsync|}(SqsEvent sqsEvent) => await Task.Yield();
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("ProcessAsync", "System.Threading.Tasks.ValueTask"));

    [Fact]
    public Task Flags_ValueTask_without_serializer_once() => Verify.VerifyAsync(WithoutSerializer("""
        public static class Function
        {
            [LambdaHandler]
            public static ValueTask<string> {|#0:Ping|}() => new("pong");
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Ping", "System.Threading.Tasks.ValueTask<string>"));

    [Fact]
    public Task Ignores_ValueTask_handlers_run_by_our_generated_bootstrap() => new Verify.Test
    {
        TestCode = WithSerializer("""
            public class Function
            {
                [LambdaHandler]
                public ValueTask<Receipt> HandleAsync(Order order) => new(new Receipt());
            }
            """),
        TestState = { OutputKind = OutputKind.ConsoleApplication, Sources = { "public static class Program { public static void Main() { } }" } },
    }.RunAsync();

    [Fact]
    public Task Ignores_Task_handlers() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public Task<Receipt> HandleAsync(Order order) => Task.FromResult(new Receipt());
        }
        """));
}
