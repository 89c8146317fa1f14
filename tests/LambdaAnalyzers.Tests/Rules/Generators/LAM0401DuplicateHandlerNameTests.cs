using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Generators.HandlerWiring;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Generators.LAM0401DuplicateHandlerNameAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Generators;

/// <summary>LAM0401: handler names that collide (equal, or the same generated identifier) are reported, and only one is wired.</summary>
public sealed class LAM0401DuplicateHandlerNameTests
{
    private const string Usings = """
        using System.IO;
        using LambdaAnalyzers.Runtime;

        """;

    [Fact]
    public Task Two_handlers_with_the_same_explicit_name_in_different_types() =>
        Verify.VerifyAsync(Usings + """
            public class Orders { [LambdaHandler("place-order")] public static Stream {|#0:Place|}(Stream input) => input; }
            public class Legacy { [LambdaHandler("place-order")] public static Stream Place(Stream input) => input; }
            """,
            // Ordinal order of the containing type decides which is wired: Legacy before Orders.
            Verify.Diagnostic().WithLocation(0).WithArguments("place-order", "Orders.Place(Stream)", "place-order", "Legacy.Place(Stream)", "PlaceOrder"));

    [Fact]
    public Task Names_that_become_the_same_identifier_collide() =>
        Verify.VerifyAsync(Usings + """
            public class Orders
            {
                [LambdaHandler("place-order")] public static Stream Place(Stream input) => input;
                [LambdaHandler] public static Stream {|#0:PlaceOrder|}(Stream input) => input;
                [LambdaHandler("place.order")] public static Stream {|#1:PlaceV2|}(Stream input) => input;
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("PlaceOrder", "Orders.PlaceOrder(Stream)", "place-order", "Orders.Place(Stream)", "PlaceOrder"),
            Verify.Diagnostic().WithLocation(1).WithArguments("place.order", "Orders.PlaceV2(Stream)", "place-order", "Orders.Place(Stream)", "PlaceOrder"));

    [Fact]
    public Task Distinct_names_underscores_and_methods_without_the_attribute_are_fine() =>
        Verify.VerifyAsync(Usings + """
            public class Orders
            {
                [LambdaHandler("place-order")] public static Stream Place(Stream input) => input;
                [LambdaHandler("order-status")] public static Stream Status(Stream input) => input;
                [LambdaHandler("place_order")] public static Stream Underscored(Stream input) => input;
                public static Stream Place(Stream input, int retries) => input;
                public static Stream PlaceOrder(Stream input) => input;
            }
            """);

    [Fact]
    public Task Names_that_differ_only_in_case_of_a_later_letter_are_distinct() =>
        // "placeorder" becomes "Placeorder", "PlaceOrder" stays: distinct classes, distinct _HANDLER values.
        Verify.VerifyAsync(Usings + """
            public class Orders
            {
                [LambdaHandler("placeorder")] public static Stream A(Stream input) => input;
                [LambdaHandler("PlaceOrder")] public static Stream B(Stream input) => input;
            }
            """);

    [Fact]
    public void The_generator_wires_only_the_first_of_clashing_handlers_so_its_output_compiles()
    {
        var compilation = GeneratorHarness.Compile(TestReferences.LambdaProject, Usings + """
            public class Orders { [LambdaHandler("place-order")] public static Stream Place(Stream input) => input; }
            public class Legacy { [LambdaHandler("place-order")] public static Stream Place(Stream input) => input; }
            """);

        var run = GeneratorHarness.Run(new HandlerWiringGenerator(), compilation);

        var handlers = run.Result.Results.Single().GeneratedSources.Single(s => s.HintName == "LambdaHandlers.g.cs").SourceText.ToString();
        Assert.Contains("global::Legacy.Place(input)", handlers, System.StringComparison.Ordinal);
        Assert.DoesNotContain("global::Orders.Place", handlers, System.StringComparison.Ordinal);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }
}
