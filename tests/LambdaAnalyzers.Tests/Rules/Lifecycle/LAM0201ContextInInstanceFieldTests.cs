using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0201ContextInInstanceField>>;
using VerifyFix = LambdaAnalyzers.Tests.Infrastructure.CodeFixVerifier<
    LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0201ContextInInstanceField>,
    LambdaAnalyzers.CodeFixes.Rules.Lifecycle.LAM0201ContextInInstanceFieldCodeFix>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0201ContextInInstanceFieldTests
{
    [Fact]
    public Task Flags_context_stored_in_a_field_by_an_api_handler() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private ILambdaContext? _context;

            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                {|#0:_context = context|};
                return Respond();
            }

            private ApiResponse Respond() => new ApiResponse { Body = _context!.AwsRequestId };
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("field '_context'"));

    [Fact]
    public Task Flags_a_store_in_a_base_class_file_at_the_store_with_the_call_from_the_handler_as_its_path()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/0/Function.cs", Function("""
            public class Function : FunctionBase
            {
                [LambdaHandler]
                public ApiResponse Handle(ApiRequest request, ILambdaContext context)
                {
                    {|#1:Begin(context)|};
                    return new ApiResponse { Body = RequestId };
                }
            }
            """)));
        test.TestState.Sources.Add(("/0/FunctionBase.cs", Usings + """
            public abstract class FunctionBase
            {
                private ILambdaContext? _context;

                protected string RequestId => _context?.AwsRequestId ?? "";

                protected void Begin(ILambdaContext context)
                {
                    {|#0:_context = context|};
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("field '_context'"));
        return test.RunAsync();
    }

    [Fact]
    public Task Ignores_a_store_into_a_helper_object_created_for_the_invoke() => Verify.VerifyAsync(Function("""
        public sealed class Recorder
        {
            private ILambdaContext? _context;
            public string Keep(ILambdaContext context)
            {
                _context = context;
                return _context.AwsRequestId;
            }
        }

        public class Function
        {
            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context) => new ApiResponse { Body = new Recorder().Keep(context) };
        }
        """));

    [Fact]
    public Task Flags_sqs_batch_kept_in_an_auto_property() => Verify.VerifyAsync(Function("""
        public class Function
        {
            public SqsEvent? Batch { get; set; }

            [LambdaHandler]
            public async Task Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                {|#0:this.Batch = sqsEvent|};
                await Task.Yield();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("property 'Batch'"));

    [Fact]
    public Task Flags_s3_key_stored_two_calls_deep() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private string _key = "";

            [LambdaHandler]
            public void Handle(S3Event s3Event, ILambdaContext context) => {|#1:First(context)|};

            private void First(ILambdaContext context) => {|#2:Second(context)|};

            private void Second(ILambdaContext context)
            {
                {|#0:_key = context.FunctionName + "/" + context.AwsRequestId|};
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("field '_key'"));

    [Fact]
    public Task Flags_input_stored_inside_a_lambda() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private ScheduledEvent? _last;

            [LambdaHandler]
            public void Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                var keep = new Action(() => {|#0:_last = scheduled|});
                keep();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("field '_last'"));

    [Fact]
    public Task Flags_annotations_function_storing_its_request() => Verify.VerifyAsync(Function("""
        public class Functions
        {
            private string? _path;

            [Amazon.Lambda.Annotations.LambdaFunction]
            public ApiResponse Get(ApiRequest request, ILambdaContext context)
            {
                {|#0:_path = request.Headers["x-path"]|};
                return new ApiResponse();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("field '_path'"));

    [Fact]
    public Task Flags_method_group_handed_to_a_bootstrap() => new Verify.Test
    {
        TestCode = Function("""
            public class Function
            {
                private ApiRequest? _request;

                public ApiResponse Handle(ApiRequest request, ILambdaContext context)
                {
                    {|#0:_request = request|};
                    return new ApiResponse();
                }
            }

            public static class Program
            {
                public static async Task Main()
                {
                    var function = new Function();
                    using var bootstrap = Amazon.Lambda.RuntimeSupport.LambdaBootstrapBuilder.Create<ApiRequest, ApiResponse>(
                        function.Handle, new Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer()).Build();
                    await bootstrap.RunAsync();
                }
            }
            """),
        SolutionTransforms = { TestProjects.AsExecutable },
        ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("field '_request'") },
    }.RunAsync();

    [Fact]
    public Task Ignores_fields_assigned_in_the_constructor_and_only_read_later() => Verify.VerifyAsync(Function("""
        public class Function
        {
            private readonly string _table;
            private readonly IAmazonS3 _s3;

            public Function()
            {
                _table = Environment.GetEnvironmentVariable("TABLE") ?? "orders";
                _s3 = new AmazonS3Client();
            }

            [LambdaHandler]
            public async Task<ApiResponse> Handle(ApiRequest request, ILambdaContext context)
            {
                var objects = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _table, Prefix = request.Path });
                return new ApiResponse { Body = objects.KeyCount.ToString() };
            }
        }
        """));

    [Fact]
    public Task Ignores_a_fresh_instance_per_invoke() => new Verify.Test
    {
        TestCode = Function("""
            public class Function
            {
                private ApiRequest? _request;

                public ApiResponse Handle(ApiRequest request, ILambdaContext context)
                {
                    _request = request;
                    return new ApiResponse { Body = _request.Path };
                }
            }

            public static class Program
            {
                public static async Task Main()
                {
                    using var bootstrap = Amazon.Lambda.RuntimeSupport.LambdaBootstrapBuilder.Create<ApiRequest, ApiResponse>(
                        (i, c) => new Function().Handle(i, c), new Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer()).Build();
                    await bootstrap.RunAsync();
                }
            }
            """),
        SolutionTransforms = { TestProjects.AsExecutable },
    }.RunAsync();

    [Fact]
    public Task Ignores_fields_of_objects_created_per_invoke() => Verify.VerifyAsync(Function("""
        public class Batch
        {
            private SqsEvent? _event;
            public Batch(SqsEvent sqsEvent) { _event = sqsEvent; }
            public int Count => _event!.Records.Count;
        }

        public class Function
        {
            [LambdaHandler]
            public int Handle(SqsEvent sqsEvent, ILambdaContext context) => new Batch(sqsEvent).Count;
        }
        """));

    [Fact]
    public Task Ignores_common_correct_idioms() => Verify.VerifyAsync(Idioms);

    private const string SecondFileUsings = "using Amazon.Lambda.Core;\nusing LambdaAnalyzers.Runtime;\n\n";

    private static string Stored(string name) => $$"""
        public class {{name}}
        {
            private ILambdaContext? _context;

            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                [|_context = context|];
                return Respond(request);
            }

            private ApiResponse Respond(ApiRequest request) => new ApiResponse { Body = _context!.AwsRequestId };
        }
        """;

    private static string Passed(string name) => $$"""
        public class {{name}}
        {
            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                return Respond(request, context);
            }

            private ApiResponse Respond(ApiRequest request, ILambdaContext context) => new ApiResponse { Body = context!.AwsRequestId };
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
    public Task Fix_threads_the_context_through_two_helpers() => VerifyFix.VerifyAsync(
        Function("""
            public class Function
            {
                private ILambdaContext? _context;

                [LambdaHandler]
                public ApiResponse Handle(ApiRequest request, ILambdaContext context)
                {
                    {|#0:this._context = context|};
                    return Respond(request);
                }

                private ApiResponse Respond(ApiRequest request)
                {
                    var context = request.Path;
                    return new ApiResponse { Body = context + Describe(_context!.FunctionName) };
                }

                private string Describe(string name) => name + ":" + this._context!.AwsRequestId;
            }
            """),
        Function("""
            public class Function
            {
                [LambdaHandler]
                public ApiResponse Handle(ApiRequest request, ILambdaContext context)
                {
                    return Respond(request, context);
                }

                private ApiResponse Respond(ApiRequest request, ILambdaContext lambdaContext)
                {
                    var context = request.Path;
                    return new ApiResponse { Body = context + Describe(lambdaContext!.FunctionName, lambdaContext) };
                }

                private string Describe(string name, ILambdaContext context) => name + ":" + context!.AwsRequestId;
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments("field '_context'"));

    [Fact]
    public Task No_fix_when_the_field_is_assigned_from_something_else() => new VerifyFix.Test
    {
        TestCode = Function("""
            public class Function
            {
                private ILambdaLogger? _logger;

                [LambdaHandler]
                public ApiResponse Handle(ApiRequest request, ILambdaContext context)
                {
                    {|#0:_logger = context.Logger|};
                    return Respond();
                }

                private ApiResponse Respond()
                {
                    _logger!.LogLine("responding");
                    return new ApiResponse();
                }
            }
            """),
        ExpectedDiagnostics = { VerifyFix.Diagnostic().WithLocation(0).WithArguments("field '_logger'") },
    }.RunAsync();
}
