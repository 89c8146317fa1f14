using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0212AsyncVoidStarted>>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0212AsyncVoidStartedTests
{
    private const string Store = """
        public static class Store
        {
            public static Task SaveAsync(string item) => Task.CompletedTask;
        }

        """;

    [Fact]
    public Task Flags_an_async_void_method_called_by_the_handler() => Verify.VerifyAsync(Function(Store + """
        public class Function
        {
            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                {|#0:Audit(request.Path)|};
                return new ApiResponse { StatusCode = 202 };
            }

            private async void Audit(string path) => await Store.SaveAsync(path);
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("'Audit'", "invoke"));

    [Fact]
    public Task Flags_an_async_void_method_started_from_the_constructor() => Verify.VerifyAsync(Function(Store + """
        public class Function
        {
            public Function() => {|#0:WarmUp()|};

            [LambdaHandler]
            public void Handle(ScheduledEvent scheduled, ILambdaContext context) { }

            private static async void WarmUp() => await Store.SaveAsync("warm");
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("'WarmUp'", "Init phase"));

    [Fact]
    public Task Flags_async_lambdas_handed_to_void_delegates() => Verify.VerifyAsync(Function(Store + """
        public class Function
        {
            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                sqsEvent.Records.ForEach({|#0:async message =>|} await Store.SaveAsync(message.Body));
                Parallel.ForEach(sqsEvent.Records, {|#1:async (message) =>|}
                {
                    await Store.SaveAsync(message.MessageId);
                });
                sqsEvent.Records.ForEach({|#2:Save|});
                Process({|#3:async delegate (string body)|} { await Store.SaveAsync(body); });
            }

            private static async void Save(SqsMessage message) => await Store.SaveAsync(message.Body);

            private static void Process(Action<string> action) => action("x");
        }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("The async lambda", "invoke"),
        Verify.Diagnostic().WithLocation(1).WithArguments("The async lambda", "invoke"),
        Verify.Diagnostic().WithLocation(2).WithArguments("'Save'", "invoke"),
        Verify.Diagnostic().WithLocation(3).WithArguments("The async lambda", "invoke"));

    [Fact]
    public Task Ignores_tasks_event_handlers_the_handler_itself_and_code_off_the_invoke_path() => Verify.VerifyAsync(Function(Store + """
        public class Ticker
        {
            public event EventHandler? Tick;
            public void Raise() => Tick?.Invoke(this, EventArgs.Empty);
        }

        public class Function
        {
            private readonly Ticker _ticker = new();

            public Function()
            {
                _ticker.Tick += OnTick;
                _ticker.Tick += async (sender, args) => await Store.SaveAsync("tick");
            }

            [LambdaHandler]
            public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                await Task.WhenAll(sqsEvent.Records.Select(async message => await Store.SaveAsync(message.Body)));
                await Task.Run(async () => await Store.SaveAsync("run"));
                await SaveAllAsync(sqsEvent);
                Func<Task> later = async () => await Store.SaveAsync("later");
                await later();
            }

            private static async Task SaveAllAsync(SqsEvent sqsEvent)
            {
                foreach (var message in sqsEvent.Records)
                {
                    await Store.SaveAsync(message.Body);
                }
            }

            private async void OnTick(object? sender, EventArgs args) => await Store.SaveAsync("tick");
        }

        public class Tool
        {
            public void Run() => Fire();

            private static async void Fire() => await Store.SaveAsync("tool");
        }
        """));

    [Fact]
    public Task Leaves_an_async_void_handler_to_LAM0003() => Verify.VerifyAsync(Function(Store + """
        public class Function
        {
            [LambdaHandler]
            public async void Handle(SqsEvent sqsEvent, ILambdaContext context) => await Store.SaveAsync("x");

            [LambdaHandler("replay")]
            public void Replay(SqsEvent sqsEvent, ILambdaContext context) => Handle(sqsEvent, context);
        }
        """));

    [Fact]
    public Task Ignores_common_correct_idioms() => Verify.VerifyAsync(Idioms);
}
