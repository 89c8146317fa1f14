using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Generators.Events;
using LambdaAnalyzers.Generators.HandlerWiring;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Rules.Generators;

/// <summary>
/// LAM0400: a [LambdaHandler] the generator cannot wire is reported, never silently left out, and only when no
/// runtime-shape rule (LAM0002, LAM0003, LAM0005, LAM0006, LAM0008) already reports the method.
/// </summary>
public sealed class LAM0400HandlerNotWiredTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using LambdaAnalyzers.Runtime;

        public class Order { }
        public class Receipt { }

        """;

    private static readonly string[] ShapeRules = { "LAM0002", "LAM0003", "LAM0005", "LAM0006", "LAM0008", "LAM0400" };

    [Theory]
    [InlineData("public Receipt Place(Order order) => new Receipt();", "Place", "its input or output needs a serializer and no [LambdaSerializer] is on the method or its assembly")]
    [InlineData("public static Receipt Place(Order order, ILambdaContext context, string extra) => new Receipt();", "Place", "it has more than two parameters; a handler takes (input), (ILambdaContext) or (input, ILambdaContext)")]
    [InlineData("public static void Place(ILambdaContext context, System.IO.Stream input) { }", "Place", "a handler takes (input), (ILambdaContext) or (input, ILambdaContext)")]
    [InlineData("public static T Echo<T>(T input) => input;", "Echo", "it is a generic method")]
    [InlineData("public static void Place(ref System.IO.Stream input) { }", "Place", "parameter 'input' is ref, out, in or params")]
    [InlineData("public static void Place(params System.IO.Stream[] input) { }", "Place", "parameter 'input' is ref, out, in or params")]
    [InlineData("[LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))] public static async System.Collections.Generic.IAsyncEnumerable<Receipt> List(Order order) { await Task.Yield(); yield return new Receipt(); }", "List", "it returns IAsyncEnumerable<T>, which no Lambda serializer can write; return a collection, or a Stream with ResponseStreaming = true")]
    public async Task Reports_each_handler_it_cannot_wire(string method, string name, string reason) =>
        await AssertReportedAsync("[LambdaHandler] " + method, name, reason);

    [Theory]
    [InlineData("public static Receipt Place(System.IO.Stream input) => new Receipt();")]
    [InlineData("public static Task Place(System.IO.Stream input) => Task.CompletedTask;")]
    public async Task Reports_response_streaming_on_a_handler_without_a_Stream_result(string method) =>
        await AssertReportedAsync(
            "[LambdaHandler(ResponseStreaming = true), LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))] " + method,
            "Place",
            "ResponseStreaming needs a handler that returns a Stream (or a Task or ValueTask of one)");

    [Fact]
    public async Task In_an_executable_async_void_is_LAM0003s_finding_alone()
    {
        // The generated bootstrap is the only caller, and LAM0003 looks at its handlers too: one span, one diagnostic.
        var found = await ShapeDiagnosticsAsync("public class Handlers { [LambdaHandler] public async void Fire(System.IO.Stream input) => await Task.Yield(); }", OutputKind.ConsoleApplication);

        Assert.Equal(new[] { "LAM0003" }, found.Select(d => d.Id));
    }

    [Theory]
    [InlineData("public Receipt Place(Order order) => new Receipt();", "LAM0006")]
    [InlineData("public static Receipt Place(Order order, ILambdaContext context, string extra) => new Receipt();", "LAM0002")]
    [InlineData("public static void Place(ILambdaContext context, System.IO.Stream input) { }", "LAM0002")]
    [InlineData("public async void Place(System.IO.Stream input) => await Task.Yield();", "LAM0003")]
    [InlineData("public static T Place<T>(T input) => input;", "LAM0002")]
    [InlineData("public static void Place(params System.IO.Stream[] input) { }", "LAM0002")]
    [InlineData("public static ValueTask<Receipt> Place(Order order) => default;", "LAM0008")]
    public async Task In_a_class_library_leaves_what_the_runtime_rejects_to_the_handler_rule(string method, string handlerRule)
    {
        // The managed runtime loads a class library's handlers itself: one root cause, one diagnostic.
        var found = await ShapeDiagnosticsAsync("public class Handlers { [LambdaHandler] " + method + " }", OutputKind.DynamicallyLinkedLibrary);

        Assert.Equal(new[] { handlerRule }, found.Select(d => d.Id));
    }

    [Fact]
    public async Task In_a_class_library_leaves_a_type_the_runtime_cannot_create_to_LAM0005()
    {
        var found = await ShapeDiagnosticsAsync(
            "public class Handlers { private Handlers() { } [LambdaHandler] public System.IO.Stream Place(System.IO.Stream input) => input; }",
            OutputKind.DynamicallyLinkedLibrary);

        Assert.Equal(new[] { "LAM0005" }, found.Select(d => d.Id));
    }

    [Fact]
    public async Task In_a_class_library_still_reports_what_only_the_generated_wiring_cannot_do() =>
        await AssertReportedAsync(
            "[LambdaHandler, LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))] public static async System.Collections.Generic.IAsyncEnumerable<Receipt> List(Order order) { await Task.Yield(); yield return new Receipt(); }",
            "List",
            "it returns IAsyncEnumerable<T>, which no Lambda serializer can write; return a collection, or a Stream with ResponseStreaming = true",
            OutputKind.DynamicallyLinkedLibrary);

    [Theory]
    [InlineData(OutputKind.ConsoleApplication)]
    [InlineData(OutputKind.DynamicallyLinkedLibrary)]
    public async Task Stays_silent_on_handlers_it_wires(OutputKind kind)
    {
        var found = await ShapeDiagnosticsAsync(
            "public class Handlers { [LambdaHandler] public static System.IO.Stream Echo(System.IO.Stream input, ILambdaContext context) => input; "
                + "[LambdaHandler(ResponseStreaming = true)] public static Task<System.IO.Stream> Stream(System.IO.Stream input) => Task.FromResult(input); "
                + "[LambdaHandler] internal static void Ping() { } }",
            kind);

        Assert.Empty(found);
    }

    [Fact]
    public async Task Stays_silent_on_methods_without_our_attribute()
    {
        var found = await ShapeDiagnosticsAsync(
            "namespace Other { public class LambdaHandlerAttribute : System.Attribute { } } "
                + "public class Handlers { public static T Echo<T>(T input) => input; [Other.LambdaHandler] public static T Other<T>(T input) => input; }",
            OutputKind.ConsoleApplication);

        Assert.Empty(found);
    }

    [Fact]
    public async Task Stays_silent_while_the_input_type_does_not_bind()
    {
        // The compiler's CS0246 is the finding; nothing is concluded from an unbound type.
        var found = await ShapeDiagnosticsAsync("public class Handlers { [LambdaHandler] public static void Read(KinesisEvent records) { } }", OutputKind.ConsoleApplication);

        Assert.Empty(found);
    }

    [Fact]
    public async Task The_generator_wires_nothing_and_reports_nothing_for_a_shape_LAM0400_reports()
    {
        var compilation = Compilation("public class Handlers { [LambdaHandler] public Receipt Place(Order order) => new Receipt(); }", OutputKind.ConsoleApplication);

        var (output, result, _) = GeneratorHarness.Run(new HandlerWiringGenerator(), compilation);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Contains(await output.WithAnalyzers(RuleCatalog.Analyzers).GetAnalyzerDiagnosticsAsync(), d => d.Id == "LAM0400");
    }

    private static Compilation Compilation(string source, OutputKind kind)
    {
        var compilation = GeneratorHarness.Compile(TestReferences.LambdaProject, Usings + source);
        return compilation.WithOptions(compilation.Options.WithOutputKind(kind));
    }

    /// <summary>The runtime-shape rules' and LAM0400's diagnostics on the compilation the generators produce, as a build analyzes it.</summary>
    private static async Task<ImmutableArray<Diagnostic>> ShapeDiagnosticsAsync(string source, OutputKind kind)
    {
        var driver = GeneratorHarness.CreateDriver(new HandlerWiringGenerator(), new EventsGenerator())
            .RunGeneratorsAndUpdateCompilation(Compilation(source, kind), out var output, out _);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        var diagnostics = await output.WithAnalyzers(RuleCatalog.Analyzers).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => ShapeRules.Contains(d.Id)).ToImmutableArray();
    }

    private static async Task AssertReportedAsync(string method, string name, string reason, OutputKind kind = OutputKind.ConsoleApplication)
    {
        // An executable by default: its generated bootstrap is the only caller of the method, so LAM0400 is the finding.
        var diagnostic = Assert.Single(await ShapeDiagnosticsAsync("public class Handlers { " + method + " }", kind));
        Assert.Equal("LAM0400", diagnostic.Id);
        Assert.Equal($"No wiring is generated for handler '{name}': {reason}", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(name, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }
}
