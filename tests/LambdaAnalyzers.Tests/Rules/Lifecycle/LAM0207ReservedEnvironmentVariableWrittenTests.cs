using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0207ReservedEnvironmentVariableWritten>>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0207ReservedEnvironmentVariableWrittenTests
{
    [Fact]
    public Task Flags_AWS_REGION_set_by_an_api_handler() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                {|#0:Environment.SetEnvironmentVariable("AWS_REGION", request.Headers["region"])|};
                return new ApiResponse();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("AWS_REGION"));

    [Fact]
    public Task Flags_handler_variable_set_in_Init() => Verify.VerifyAsync(Function("""
        public class Function
        {
            static Function()
            {
                {|#0:Environment.SetEnvironmentVariable("_HANDLER", "Other::Other.Function::Handle")|};
            }

            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context) { }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("_HANDLER"));

    [Fact]
    public Task Flags_a_constant_name_two_calls_deep() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private const string Root = "LAMBDA_TASK_ROOT";

            [LambdaHandler]
            public void Handle(S3Event s3Event, ILambdaContext context) => {|#1:Configure()|};

            private static void Configure() => {|#2:Apply()|};

            private static void Apply() => {|#0:Environment.SetEnvironmentVariable(Root, "/tmp", EnvironmentVariableTarget.Process)|};
        }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("LAMBDA_TASK_ROOT"));

    [Fact]
    public Task Flags_a_write_inside_a_lambda() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public async Task Handle(ScheduledEvent scheduled, ILambdaContext context) =>
                await Task.Run(() => {|#0:Environment.SetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME", "renamed")|});
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("AWS_LAMBDA_FUNCTION_NAME"));

    [Fact]
    public Task Flags_credentials_cleared_by_a_batch_handler() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                {|#0:Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null)|};
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("AWS_SESSION_TOKEN"));

    [Fact]
    public Task Ignores_reading_reserved_variables() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public string Handle(ApiRequest request, ILambdaContext context) =>
                (Environment.GetEnvironmentVariable("AWS_REGION") ?? "") + Environment.GetEnvironmentVariable("_HANDLER");
        }
        """));

    [Fact]
    public Task Ignores_unreserved_variables() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(ApiRequest request, ILambdaContext context)
            {
                Environment.SetEnvironmentVariable("AWS_LAMBDA_EXEC_WRAPPER", "/opt/wrapper");
                Environment.SetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL", "DEBUG");
                Environment.SetEnvironmentVariable("TABLE_NAME", "orders");
                Environment.SetEnvironmentVariable("aws_region", "lower-case is another variable");
            }
        }
        """));

    [Fact]
    public Task Ignores_X_AMZN_TRACE_ID() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(ApiRequest request, ILambdaContext context) =>
                Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", request.Headers["X-Amzn-Trace-Id"]);
        }
        """));

    [Fact]
    public Task Ignores_common_correct_idioms() => Verify.VerifyAsync(Idioms);
}
