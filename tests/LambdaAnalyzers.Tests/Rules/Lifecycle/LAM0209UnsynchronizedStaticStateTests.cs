using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using static LambdaAnalyzers.Tests.Rules.Lifecycle.LifecycleSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Tests.Infrastructure.OneLifecycleRule<LambdaAnalyzers.Rules.Lifecycle.LAM0209UnsynchronizedStaticState>>;

namespace LambdaAnalyzers.Tests.Rules.Lifecycle;

public sealed class LAM0209UnsynchronizedStaticStateTests
{
    private static Task VerifyEnabledAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        test.TestState.AnalyzerConfigFiles.Add(Enable("LAM0209"));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public void Is_off_by_default() => Assert.False(LambdaAnalyzers.Rules.Lifecycle.LAM0209UnsynchronizedStaticState.Rule.IsEnabledByDefault);

    [Fact]
    public Task Flags_a_static_counter_in_an_api_handler() => VerifyEnabledAsync(Function("""
        public class Function
        {
            private static int s_requests;

            [LambdaHandler]
            public ApiResponse Handle(ApiRequest request, ILambdaContext context)
            {
                {|#0:s_requests++|};
                return new ApiResponse { Body = s_requests.ToString() };
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("The increment", "s_requests"));

    [Fact]
    public Task Flags_a_static_list_filled_by_an_sqs_batch() => VerifyEnabledAsync(Function("""
        public class Function
        {
            private static readonly List<string> s_seen = new();

            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                foreach (var message in sqsEvent.Records)
                {
                    {|#0:s_seen.Add(message.MessageId)|};
                }
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("'Add'", "s_seen"));

    [Fact]
    public Task Flags_a_compound_assignment_two_calls_deep() => VerifyEnabledAsync(Function("""
        public class Function
        {
            private static long s_bytes;

            [LambdaHandler]
            public void Handle(S3Event s3Event, ILambdaContext context) => {|#1:Account(s3Event)|};

            private static void Account(S3Event s3Event) => {|#2:Add(s3Event.Records.Count)|};

            private static void Add(int count) => {|#0:s_bytes += count|};
        }
        """), Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("The compound assignment", "s_bytes"));

    [Fact]
    public Task Flags_a_dictionary_element_set_inside_a_lambda() => VerifyEnabledAsync(Function("""
        public class Function
        {
            private static readonly Dictionary<string, DateTime> s_lastRun = new();

            [LambdaHandler]
            public void Handle(ScheduledEvent scheduled, ILambdaContext context)
            {
                Action record = () => {|#0:s_lastRun[scheduled.Id] = scheduled.Time|};
                record();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Setting an element", "s_lastRun"));

    [Fact]
    public Task Flags_a_read_modify_write_assignment() => VerifyEnabledAsync(Function("""
        public class Function
        {
            private static decimal Total { get; set; }

            [LambdaHandler]
            public void Handle(ApiRequest request, ILambdaContext context) => {|#0:Total = Total + request.Body.Length|};
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("The read-modify-write", "Total"));

    [Fact]
    public Task Ignores_Interlocked() => VerifyEnabledAsync(Function("""
        public class Function
        {
            private static int s_requests;
            private static long s_bytes;

            [LambdaHandler]
            public void Handle(ApiRequest request, ILambdaContext context)
            {
                Interlocked.Increment(ref s_requests);
                Interlocked.Add(ref s_bytes, request.Body.Length);
            }
        }
        """));

    [Fact]
    public Task Ignores_locks() => VerifyEnabledAsync(Function("""
        public class Function
        {
            private static readonly object s_gate = new();
            private static readonly List<string> s_seen = new();
            private static int s_requests;

            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                lock (s_gate)
                {
                    s_requests++;
                    s_seen.Add(sqsEvent.Records[0].MessageId);
                }
            }
        }
        """));

    [Fact]
    public Task Ignores_concurrent_collections() => VerifyEnabledAsync(Function("""
        public class Function
        {
            private static readonly ConcurrentDictionary<string, int> s_counts = new();
            private static readonly ConcurrentQueue<string> s_queue = new();
            private static readonly System.Collections.Immutable.ImmutableList<string> s_names = System.Collections.Immutable.ImmutableList<string>.Empty;

            [LambdaHandler]
            public void Handle(SqsEvent sqsEvent, ILambdaContext context)
            {
                s_counts.AddOrUpdate("messages", 1, (_, n) => n + 1);
                s_counts["last"] = sqsEvent.Records.Count;
                s_queue.Enqueue(sqsEvent.Records[0].MessageId);
                s_names.Add("ignored: immutable");
            }
        }
        """));

    [Fact]
    public Task Ignores_Lazy_T() => VerifyEnabledAsync(Function("""
        public class Function
        {
            private static readonly Lazy<Dictionary<string, string>> s_settings = new(() => new Dictionary<string, string> { ["a"] = "b" });

            [LambdaHandler]
            public string Handle(ApiRequest request, ILambdaContext context) => s_settings.Value["a"];
        }
        """));

    [Fact]
    public Task Ignores_single_assignments_such_as_s_coldStart_false() => VerifyEnabledAsync(Function("""
        public class Function
        {
            private static bool s_coldStart = true;
            private static HttpClient? s_http;

            [LambdaHandler]
            public bool Handle(ApiRequest request, ILambdaContext context)
            {
                var cold = s_coldStart;
                s_coldStart = false;
                s_http ??= new HttpClient();
                return cold;
            }
        }
        """));

    [Fact]
    public Task Ignores_common_correct_idioms()
    {
        var test = new Verify.Test { TestCode = Idioms };
        test.TestState.AnalyzerConfigFiles.Add(Enable("LAM0209"));
        return test.RunAsync();
    }
}
