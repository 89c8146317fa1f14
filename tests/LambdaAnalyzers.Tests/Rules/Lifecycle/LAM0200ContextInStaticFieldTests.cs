using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0200ContextInStaticField>>;
using VerifyFix = LambdaAnalyzers.Tests.Infrastructure.CodeFixVerifier<
    LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0200ContextInStaticField>,
    LambdaAnalyzers.CodeFixes.Rules.Lifecycle.LAM0200ContextInStaticFieldCodeFix>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0200ContextInStaticFieldTests
{
    [Fact]
    public Task Flags_context_stored_in_a_static_field_by_an_api_handler() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static ILambdaContext? s_context;

            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                {|#0:s_context = context|};
                return new ApiResponse { StatusCode = 200 };
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("static field 's_context'"));

    [Fact]
    public Task Flags_invoke_data_kept_through_a_collection_expression() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static ILambdaContext[] s_contexts = [];
            private static string[] s_keys = [];

            [LambdaHandler]
            public void Handle(S3Event s3Event, ILambdaContext context)
            {
                {|#0:s_contexts = [context]|};
                string[] keys = [s3Event.Records[0].Key];
                {|#1:s_keys = [.. keys, "last"]|};
            }
        }
        """),
        Verify.Diagnostic().WithLocation(0).WithArguments("static field 's_contexts'"),
        Verify.Diagnostic().WithLocation(1).WithArguments("static field 's_keys'"));

    [Fact]
    public Task Flags_sqs_message_body_kept_in_a_static_property() => Verify.VerifyAsync(Function("""
        public class Function
        {
            public static string? LastBody { get; private set; }

            [LambdaHandler]
            public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                foreach (var message in sqsEvent.Records)
                {
                    {|#0:LastBody = message.Body|};
                    await Task.Delay(1);
                }
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("static property 'LastBody'"));

    [Fact]
    public Task Flags_request_id_stored_two_calls_deep() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static string s_requestId = "";

            [LambdaHandler]
            public void Handle(S3Event s3Event, ILambdaContext context) => {|#1:Process(s3Event, context)|};

            private static void Process(S3Event s3Event, ILambdaContext context) => {|#2:Remember(context)|};

            private static void Remember(ILambdaContext context)
            {
                {|#0:s_requestId = context.AwsRequestId|};
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("static field 's_requestId'"));

    [Fact]
    public Task Flags_logger_stored_inside_a_lambda() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static ILambdaLogger? s_logger;

            [LambdaHandler]
            public void Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                Action remember = () => {|#0:s_logger = context.Logger|};
                remember();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("static field 's_logger'"));

    [Fact]
    public Task Flags_input_derived_string_stored_by_a_bootstrap_lambda() => new Verify.Test
    {
        TestCode = Function("""
            public static class Program
            {
                private static string s_lastPath = "";

                public static async Task Main()
                {
                    using var bootstrap = Amazon.Lambda.RuntimeSupport.LambdaBootstrapBuilder.Create<ApiRequest, ApiResponse>(
                        (request, context) =>
                        {
                            {|#0:s_lastPath = $"{context.FunctionName}:{request.Path}"|};
                            return new ApiResponse();
                        },
                        new Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer()).Build();
                    await bootstrap.RunAsync();
                }
            }
            """),
        SolutionTransforms = { TestProjects.AsExecutable },
        ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("static field 's_lastPath'") },
    }.RunAsync();

    [Fact]
    public Task Flags_a_store_in_a_helper_of_another_type_at_the_store_with_the_call_as_its_path() => Verify.VerifyAsync(Function("""
        public static class RequestLog
        {
            public static ILambdaContext? Last;
            public static void Keep(ILambdaContext context) => {|#1:Last = context|};
        }

        public class Function
        {
            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                {|#0:RequestLog.Keep(context)|};
                return new ApiResponse();
            }
        }
        """), Verify.Diagnostic().WithLocation(1).WithLocation(0).WithArguments("static field 'Last'"));

    [Fact]
    public Task Flags_a_store_in_a_helper_file_at_the_store_with_the_calls_from_the_handler_as_its_path()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/0/Function.cs", Function("""
            public class Function
            {
                [LambdaHandler]
                public ApiResponse Handle(ApiRequest request, ILambdaContext context)
                {
                    {|#1:Audit.Record(request, context)|};
                    return new ApiResponse();
                }
            }
            """)));
        test.TestState.Sources.Add(("/0/Audit.cs", Usings + """
            public static class Audit
            {
                private static string? s_lastRequest;

                public static void Record(object request, ILambdaContext context) => {|#2:Remember(context)|};

                private static void Remember(ILambdaContext context) => {|#0:s_lastRequest = context.AwsRequestId|};
            }
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("static field 's_lastRequest'"));
        return test.RunAsync();
    }

    [Fact]
    public Task Reports_a_helper_store_reached_by_two_handler_types_once() => Verify.VerifyAsync(Function("""
        public static class RequestLog
        {
            public static ILambdaContext? Last;
            public static void Keep(ILambdaContext context) => {|#0:Last = context|};
        }

        public class Orders
        {
            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                RequestLog.Keep(context);
                return new ApiResponse();
            }
        }

        public class Refunds
        {
            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                RequestLog.Keep(context);
                return new ApiResponse();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("static field 'Last'"));

    [Fact]
    public Task Ignores_context_used_locally_or_passed_as_an_argument() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                var requestId = context.AwsRequestId;
                var remaining = context.RemainingTime;
                return Respond(request, context, requestId + remaining);
            }

            private static ApiResponse Respond(ApiRequest request, ILambdaContext context, string note) =>
                new ApiResponse { Body = context.FunctionName + note };
        }
        """));

    [Fact]
    public Task Ignores_context_Logger_used_inside_the_call() => Verify.VerifyAsync(Function("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                foreach (var message in sqsEvent.Records)
                {
                    context.Logger.LogInformation($"Processing {message.MessageId}");
                }
            }
        }
        """));

    [Fact]
    public Task Ignores_a_static_AsyncLocal_ILambdaContext_accessor() => Verify.VerifyAsync(Function("""
        public static class LambdaScope
        {
            private static readonly AsyncLocal<ILambdaContext?> s_current = new();

            public static ILambdaContext? Current
            {
                get => s_current.Value;
                set => s_current.Value = value;
            }
        }

        public class Function
        {
            private static readonly AsyncLocal<ILambdaContext?> s_context = new();

            [LambdaHandler]
            public void Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                LambdaScope.Current = context;
                s_context.Value = context;
            }
        }
        """));

    [Fact]
    public Task Ignores_static_caches_filled_in_Init() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static readonly Dictionary<string, string> s_settings = new();
            private static readonly string s_functionName;

            static Function()
            {
                s_functionName = Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") ?? "";
                s_settings["table"] = Environment.GetEnvironmentVariable("TABLE") ?? "";
            }

            [LambdaHandler]
            public string Handle(ApiRequest request, ILambdaContext context) => s_settings["table"] + s_functionName + request.Path;
        }
        """));

    [Fact]
    public Task Ignores_flags_and_counters_not_taken_from_the_invoke() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private static bool s_coldStart = true;
            private static DateTime s_lastInvoke;

            [LambdaHandler]
            public void Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                s_coldStart = false;
                s_lastInvoke = DateTime.UtcNow;
                s_coldStart = context.RemainingTime > TimeSpan.Zero && s_coldStart;
            }
        }
        """));

    [Fact]
    public Task Ignores_static_fields_of_non_handler_code() => Verify.VerifyAsync(Function("""
        // Internal: a public method of a public type taking ILambdaContext that nothing calls would be an inferred handler.
        internal class Tool
        {
            private static ILambdaContext? s_context;
            public void Remember(ILambdaContext context) => s_context = context;
        }
        """));

    [Fact]
    public Task Ignores_common_correct_idioms() => Verify.VerifyAsync(Idioms);

    [Fact]
    public Task Fix_passes_the_context_instead_of_a_static_field() => VerifyFix.VerifyAsync(
        Function("""
            public class Function
            {
                private static ILambdaContext? s_context;

                [LambdaHandler]
                public ApiResponse Handle(ApiRequest request, ILambdaContext context)
                {
                    {|#0:s_context = context|};
                    Log(request.Path);
                    return new ApiResponse { StatusCode = 200 };
                }

                private static void Log(string message) => s_context!.Logger.LogLine(s_context.AwsRequestId + " " + message);
            }
            """),
        Function("""
            public class Function
            {
                [LambdaHandler]
                public ApiResponse Handle(ApiRequest request, ILambdaContext context)
                {
                    Log(request.Path, context);
                    return new ApiResponse { StatusCode = 200 };
                }

                private static void Log(string message, ILambdaContext context) => context!.Logger.LogLine(context.AwsRequestId + " " + message);
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments("static field 's_context'"));

    private const string SecondFileUsings = "using Amazon.Lambda.Core;\nusing LambdaAnalyzers.Runtime;\n\n";

    private static string Stored(string name) => $$"""
        public class {{name}}
        {
            private static ILambdaContext? s_context;

            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                [|s_context = context|];
                Log(request.Path);
                return new ApiResponse { StatusCode = 200 };
            }

            private static void Log(string message) => s_context!.Logger.LogLine(message);
        }
        """;

    private static string Passed(string name) => $$"""
        public class {{name}}
        {
            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                Log(request.Path, context);
                return new ApiResponse { StatusCode = 200 };
            }

            private static void Log(string message, ILambdaContext context) => context!.Logger.LogLine(message);
        }
        """;

    [Fact]
    public Task Fix_all_in_document_fixes_every_handler_type() => VerifyFix.VerifyFixAllInDocumentAsync(
        Function(Stored("Orders") + "\n" + Stored("Payments")),
        Function(Passed("Orders") + "\n" + Passed("Payments")));

    [Fact]
    public Task Fix_all_in_project_fixes_every_document() => VerifyFix.VerifyFixAllInProjectAsync(
        (Function(Stored("Orders")), Function(Passed("Orders"))),
        (SecondFileUsings + Stored("Payments"), SecondFileUsings + Passed("Payments")));

    [Fact]
    public Task No_fix_when_the_field_is_read_in_a_lambda_stored_elsewhere() => new VerifyFix.Test
    {
        TestCode = Function("""
            public class Function
            {
                private static ILambdaContext? s_context;
                private static Func<string>? s_describe;

                [LambdaHandler]
                public ApiResponse Handle(ApiRequest request, ILambdaContext context)
                {
                    {|#0:s_context = context|};
                    Remember();
                    return new ApiResponse { Body = s_describe!() };
                }

                private static void Remember() => s_describe = () => s_context!.AwsRequestId;
            }
            """),
        ExpectedDiagnostics = { VerifyFix.Diagnostic().WithLocation(0).WithArguments("static field 's_context'") },
    }.RunAsync();
}
