using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.Rules.Handlers.HandlerSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Handlers.LAM0006MissingSerializerAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Handlers;

public sealed class LAM0006MissingSerializerTests
{
    [Fact]
    public Task Flags_event_class_input_without_serializer() => Verify.VerifyAsync(WithoutSerializer("""
        public class Function
        {
            [LambdaHandler]
            public Task {|#0:ProcessAsync|}(SqsEvent sqsEvent, ILambdaContext context) => Task.CompletedTask;
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("ProcessAsync", "takes 'SqsEvent' as input"));

    [Fact]
    public Task Flags_string_input_without_serializer() => Verify.VerifyAsync(WithoutSerializer("""
        public class Function
        {
            [LambdaHandler]
            public void {|#0:Handle|}(string input) { }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Handle", "takes 'string' as input"));

    [Fact]
    public Task Flags_task_of_object_output_without_serializer() => Verify.VerifyAsync(WithoutSerializer("""
        public class Function
        {
            [LambdaHandler]
            public Task<Receipt> {|#0:HandleAsync|}(Stream input) => Task.FromResult(new Receipt());
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("HandleAsync", "returns 'Receipt'"));

    [Fact]
    public Task Flags_a_context_as_the_first_of_two_parameters() => Verify.VerifyAsync(WithoutSerializer("""
        public class Function
        {
            // With two parameters the runtime deserializes the first, whatever its type.
            [LambdaHandler]
            public void {|#0:Handle|}(ILambdaContext first, ILambdaContext second) { }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Handle", "takes 'Amazon.Lambda.Core.ILambdaContext' as input"));

    [Fact]
    public Task Flags_stream_subclass_as_input_without_serializer() => Verify.VerifyAsync(WithoutSerializer("""
        public class Function
        {
            [LambdaHandler]
            public Stream {|#0:Handle|}(MemoryStream input) => input;
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Handle", "takes 'System.IO.MemoryStream' as input"));

    [Fact]
    public Task Ignores_stream_in_and_stream_out() => Verify.VerifyAsync(WithoutSerializer("""
        public class Function
        {
            [LambdaHandler]
            public Stream Handle(Stream input, ILambdaContext context) => input;
        }
        """));

    [Fact]
    public Task Ignores_stream_subclass_output() => Verify.VerifyAsync(WithoutSerializer("""
        public class Function
        {
            [LambdaHandler]
            public Task<MemoryStream> HandleAsync(Stream input) => Task.FromResult(new MemoryStream());
        }
        """));

    [Fact]
    public Task Ignores_void_output() => Verify.VerifyAsync(WithoutSerializer("""
        public class Function
        {
            [LambdaHandler]
            public void Handle(Stream input) { }
        }
        """));

    [Fact]
    public Task Ignores_Task_output() => Verify.VerifyAsync(WithoutSerializer("""
        public class Function
        {
            [LambdaHandler]
            public Task HandleAsync(ILambdaContext context) => Task.CompletedTask;
        }
        """));

    [Fact]
    public Task Ignores_method_level_serializer() => Verify.VerifyAsync(WithoutSerializer("""
        public class Function
        {
            [LambdaHandler]
            [LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.CamelCaseLambdaJsonSerializer))]
            public Receipt Handle(Order order) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_assembly_serializer_declared_in_another_file() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                WithoutSerializer("""
                    public class Function
                    {
                        [LambdaHandler]
                        public Receipt Handle(Order order, ILambdaContext context) => new Receipt();
                    }
                    """),
                "[assembly: Amazon.Lambda.Core.LambdaSerializer(typeof(Amazon.Lambda.Serialization.Json.JsonSerializer))]\n",
            },
        },
    }.RunAsync();

    [Fact]
    public Task Leaves_ValueTask_handlers_to_LAM0008() => Verify.VerifyAsync(WithoutSerializer("""
        public class Function
        {
            [LambdaHandler]
            public ValueTask<Receipt> HandleAsync(Order order) => new(new Receipt());
        }
        """));

    [Fact]
    public Task Ignores_a_signature_with_an_unbound_type() => new Verify.Test
    {
        // `using System.IO;` not written yet: 'Stream' does not bind, so whether a serializer is needed is unknown.
        TestCode = """
            using System.Threading.Tasks;
            using LambdaAnalyzers.Runtime;

            public class Function
            {
                [LambdaHandler]
                public Task<Stream> HandleAsync(Stream input) => Task.FromResult(input);
            }
            """,
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
    }.RunAsync();
}
