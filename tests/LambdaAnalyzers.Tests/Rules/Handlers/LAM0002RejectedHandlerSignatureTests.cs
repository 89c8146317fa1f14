using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.Rules.Handlers.HandlerSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Handlers.LAM0002RejectedHandlerSignatureAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Handlers;

public sealed class LAM0002RejectedHandlerSignatureTests
{
    [Fact]
    public Task Flags_three_parameters() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public Receipt {|#0:Handle|}(Order order, ILambdaContext context, string extra) => new Receipt();
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Handle", "it has 3 parameters, at most 2 are allowed (input, ILambdaContext)"));

    [Fact]
    public Task Flags_second_parameter_that_is_not_the_context() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public Task {|#0:ProcessAsync|}(SqsEvent sqsEvent, string tenant) => Task.CompletedTask;
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("ProcessAsync", "its second parameter is 'string', not ILambdaContext"));

    [Fact]
    public Task Flags_params_parameter() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public static string {|#0:Echo|}(params string[] words) => string.Join(" ", words);
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Echo", "parameter 'words' is params"));

    [Fact]
    public Task Flags_generic_method() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public T {|#0:Handle|}<T>(T input, ILambdaContext context) => input;
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Handle", "it is a generic method"));

    /// <summary>One root cause, one diagnostic: no invoke reaches the serializer, so no serialization rule speaks.</summary>
    [Fact]
    public Task Is_the_only_diagnostic_of_any_rule_on_a_generic_handler() => LambdaAnalyzers.Tests.RealWorld.RealWorldProject.Library("/src/Fn/", WithSerializer("""
        public class Envelope<T> { public T Value { get; set; } = default!; public Action? OnRead { get; set; } }
        public class Function
        {
            [LambdaHandler]
            public Envelope<T> {|LAM0002:Handle|}<T>(T input, ILambdaContext context) => new Envelope<T> { Value = input };
        }
        """)).VerifyAsync();

    [Fact]
    public Task Ignores_a_second_parameter_whose_type_does_not_resolve() => new Verify.Test
    {
        TestCode = WithSerializer("""
            public class Function
            {
                [LambdaHandler]
                public Task ProcessAsync(SqsEvent sqsEvent, Missing.LambdaContext context) => Task.CompletedTask;
            }
            """),
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
    }.RunAsync();

    [Fact]
    public Task Flags_abstract_method() => Verify.VerifyAsync(WithSerializer("""
        public abstract class FunctionBase
        {
            [LambdaHandler]
            public abstract Receipt {|#0:Handle|}(Order order);
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Handle", "it is abstract"));

    [Fact]
    public Task Ignores_a_stream_parameter_alone() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public Stream Handle(Stream input) => input;
        }
        """));

    [Fact]
    public Task Ignores_the_context_alone() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public void Warmup(ILambdaContext context) => context.Logger.LogLine("warm");
        }
        """));

    [Fact]
    public Task Ignores_no_parameters() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public Task Tick() => Task.CompletedTask;
        }
        """));

    [Fact]
    public Task Ignores_input_and_context() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public Task<Receipt> HandleAsync(Order order, ILambdaContext context) => Task.FromResult(new Receipt { OrderId = order.Id });
        }
        """));

    [Fact]
    public Task Ignores_private_static_and_inherited_handlers() => Verify.VerifyAsync(WithSerializer("""
        public class FunctionBase
        {
            [LambdaHandler]
            protected Receipt Inherited(Order order, ILambdaContext context) => new Receipt();
        }

        public class Function : FunctionBase
        {
            [LambdaHandler]
            private static Receipt Private(Order order) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_annotations_functions_whose_wrapper_is_the_real_handler() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [Amazon.Lambda.Annotations.LambdaFunction]
            public Receipt Handle(Order order, string tenant, ILambdaContext context) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_methods_that_are_not_handlers() => Verify.VerifyAsync(WithSerializer("""
        public class Helpers
        {
            public static string Join(string separator, params string[] parts) => string.Join(separator, parts);
        }
        """));
}
