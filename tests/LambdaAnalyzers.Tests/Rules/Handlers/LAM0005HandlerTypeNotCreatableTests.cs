using System.Threading.Tasks;
using static LambdaAnalyzers.Tests.Rules.Handlers.HandlerSources;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Handlers.LAM0005HandlerTypeNotCreatableAnalyzer>;
using VerifyFix = LambdaAnalyzers.Tests.Infrastructure.CodeFixVerifier<
    LambdaAnalyzers.Rules.Handlers.LAM0005HandlerTypeNotCreatableAnalyzer,
    LambdaAnalyzers.CodeFixes.Rules.Handlers.LAM0005HandlerTypeNotCreatableCodeFix>;

namespace LambdaAnalyzers.Tests.Rules.Handlers;

public sealed class LAM0005HandlerTypeNotCreatableTests
{
    [Fact]
    public Task Flags_generic_type_even_for_static_handlers() => Verify.VerifyAsync(WithSerializer("""
        public class Function<TEvent>
        {
            [LambdaHandler]
            public static Receipt {|#0:Handle|}(Order order) => new Receipt();
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Function", "it is generic, which the runtime rejects even for static handlers"));

    [Fact]
    public Task Flags_handler_nested_in_a_generic_type() => Verify.VerifyAsync(WithSerializer("""
        public class Outer<T>
        {
            public class Function
            {
                [LambdaHandler]
                public Receipt {|#0:Handle|}(Order order) => new Receipt();
            }
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Function", "it is nested in the generic type 'Outer'"));

    [Fact]
    public Task Flags_abstract_class_with_instance_handler() => Verify.VerifyAsync(WithSerializer("""
        public abstract class Function
        {
            [LambdaHandler]
            public Receipt {|#0:Handle|}(Order order) => new Receipt();
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Function", "it is abstract and 'Handle' is an instance method; make the handler static or the class concrete"));

    [Fact]
    public Task Flags_class_without_public_parameterless_constructor() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            private readonly string _table;
            public Function(string table) => _table = table;

            [LambdaHandler]
            public Receipt {|#0:Handle|}(Order order) => new Receipt { OrderId = _table };
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Function", "it has no public parameterless constructor for the runtime to create the instance the handler runs on"));

    [Fact]
    public Task Flags_constructor_whose_parameters_are_all_optional() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            public Function(string table = "orders") { }

            [LambdaHandler]
            public Receipt {|#0:Handle|}(Order order) => new Receipt();
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Function", "it has no public parameterless constructor for the runtime to create the instance the handler runs on"));

    [Fact]
    public Task Flags_private_parameterless_constructor() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            private Function() { }

            [LambdaHandler]
            public Receipt {|#0:Handle|}(Order order) => new Receipt();
        }
        """), Verify.Diagnostic().WithLocation(0).WithArguments("Function", "it has no public parameterless constructor for the runtime to create the instance the handler runs on"));

    [Fact]
    public Task Fix_makes_a_private_parameterless_constructor_public() => VerifyFix.VerifyAsync(
        WithSerializer("""
            public class Function
            {
                private Function() { }

                [LambdaHandler]
                public Receipt {|#0:Handle|}(Order order) => new Receipt();
            }
            """),
        WithSerializer("""
            public class Function
            {
                public Function() { }

                [LambdaHandler]
                public Receipt Handle(Order order) => new Receipt();
            }
            """),
        VerifyFix.Diagnostic().WithLocation(0).WithArguments("Function", "it has no public parameterless constructor for the runtime to create the instance the handler runs on"));

    [Fact]
    public Task Fix_is_not_offered_without_a_parameterless_constructor()
    {
        var source = WithSerializer("""
            public class Function
            {
                public Function(string table) { }

                [LambdaHandler]
                public Receipt {|#0:Handle|}(Order order) => new Receipt();
            }
            """);
        var test = new VerifyFix.Test { TestCode = source, FixedCode = source };
        test.ExpectedDiagnostics.Add(VerifyFix.Diagnostic().WithLocation(0).WithArguments("Function", "it has no public parameterless constructor for the runtime to create the instance the handler runs on"));
        return test.RunAsync();
    }

    [Fact]
    public Task Ignores_structs() => Verify.VerifyAsync(WithSerializer("""
        public struct Function
        {
            public Function(int retries) { }

            [LambdaHandler]
            public Receipt Handle(Order order) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_static_methods_on_abstract_classes() => Verify.VerifyAsync(WithSerializer("""
        public abstract class Function
        {
            [LambdaHandler]
            public static Receipt Handle(Order order) => new Receipt();
        }
        """));

    [Fact]
    public Task Ignores_classes_with_a_parameterless_constructor_beside_others() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            private readonly string _table;
            public Function() : this("orders") { }
            public Function(string table) => _table = table;

            [LambdaHandler]
            public Receipt Handle(Order order) => new Receipt { OrderId = _table };
        }
        """));

    [Fact]
    public Task Ignores_the_implicit_default_constructor() => Verify.VerifyAsync(WithSerializer("""
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(Order order) => new Receipt();
        }
        """));

    private static Task VerifyInherited(string source, string handler, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new Verify.Test
        {
            TestState =
            {
                OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary,
                Sources = { WithSerializer(source) },
                AdditionalFiles = { (ConfigFiles.ToolsDefaultsPath, ConfigFiles.ToolsDefaults(handler)) },
            },
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Flags_a_handler_string_naming_the_abstract_base_that_declares_the_method() => VerifyInherited(
        """
        namespace Shop
        {
            public abstract class FunctionBase { public Receipt {|#0:Handle|}(Order order, ILambdaContext context) => new Receipt(); }
            public class Function : FunctionBase { }
        }
        """,
        "TestProject::Shop.FunctionBase::Handle",
        Verify.Diagnostic().WithLocation(0).WithSpan(ConfigFiles.ToolsDefaultsPath, 8, 23, 8, 63)
            .WithArguments("FunctionBase", "it is abstract and 'Handle' is an instance method; make the handler static or the class concrete"));

    [Theory]
    [InlineData("public abstract class FunctionBase { public Receipt Handle(Order order, ILambdaContext context) => new Receipt(); }", "FunctionBase")]
    [InlineData("public abstract class FunctionBase<TIn> { public Receipt Handle(TIn input, ILambdaContext context) => new Receipt(); }", "FunctionBase<Order>")]
    public Task Ignores_a_concrete_type_that_inherits_the_method_from_an_abstract_or_generic_base(string baseType, string baseName) => VerifyInherited(
        // The runtime creates the type the string names and finds the method on it through inheritance.
        "namespace Shop\n{\n    " + baseType + "\n    public class Function : " + baseName + " { }\n}\n",
        "TestProject::Shop.Function::Handle");
}

