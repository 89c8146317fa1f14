using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Generators.HandlerWiring;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Generators.HandlerWiring;

/// <summary>LAM0400: a [LambdaHandler] the generator cannot wire is reported, never silently left out.</summary>
public sealed class LAM0400HandlerNotWiredTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using LambdaAnalyzers.Runtime;

        public class Order { }
        public class Receipt { }

        """;

    [Theory]
    [InlineData("public Receipt Place(Order order) => new Receipt();", "Place", "its input or output needs a serializer and no [LambdaSerializer] is on the method or its assembly")]
    [InlineData("public static Receipt Place(Order order, ILambdaContext context, string extra) => new Receipt();", "Place", "it has more than two parameters; a handler takes (input), (ILambdaContext) or (input, ILambdaContext)")]
    [InlineData("public static void Place(ILambdaContext context, System.IO.Stream input) { }", "Place", "a handler takes (input), (ILambdaContext) or (input, ILambdaContext)")]
    [InlineData("public async void Fire(System.IO.Stream input) => await Task.Yield();", "Fire", "it is async void; return Task")]
    [InlineData("public static T Echo<T>(T input) => input;", "Echo", "it is a generic method")]
    [InlineData("[LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))] public static async System.Collections.Generic.IAsyncEnumerable<Receipt> List(Order order) { await Task.Yield(); yield return new Receipt(); }", "List", "it returns IAsyncEnumerable<T>, which no Lambda serializer can write; return a collection, or a Stream with ResponseStreaming = true")]
    public void Reports_each_handler_it_cannot_wire(string method, string name, string reason) =>
        AssertSkipped("[LambdaHandler] " + method, name, reason);

    [Theory]
    [InlineData("public static Receipt Place(System.IO.Stream input) => new Receipt();")]
    [InlineData("public static Task Place(System.IO.Stream input) => Task.CompletedTask;")]
    public void Reports_response_streaming_on_a_handler_without_a_Stream_result(string method) =>
        AssertSkipped(
            "[LambdaHandler(ResponseStreaming = true), LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))] " + method,
            "Place",
            "ResponseStreaming needs a handler that returns a Stream (or a Task or ValueTask of one)");

    [Theory]
    [InlineData("public Receipt Place(Order order) => new Receipt();", "LAM0006")]
    [InlineData("public static Receipt Place(Order order, ILambdaContext context, string extra) => new Receipt();", "LAM0002")]
    [InlineData("public static void Place(ILambdaContext context, System.IO.Stream input) { }", "LAM0002")]
    [InlineData("public async void Place(System.IO.Stream input) => await Task.Yield();", "LAM0003")]
    [InlineData("public static T Place<T>(T input) => input;", "LAM0002")]
    public async Task In_a_class_library_leaves_what_the_runtime_rejects_to_the_handler_rule(string method, string handlerRule)
    {
        // The managed runtime loads a class library's handlers itself: one root cause, one diagnostic.
        var compilation = GeneratorHarness.Compile(TestReferences.LambdaProject, Usings + "public class Handlers { [LambdaHandler] " + method + " }");
        Assert.Empty(GeneratorHarness.Run(new HandlerWiringGenerator(), compilation).Result.Diagnostics);

        var found = (await compilation.WithAnalyzers(RuleCatalog.Analyzers).GetAnalyzerDiagnosticsAsync())
            .Where(d => d.Id is "LAM0002" or "LAM0003" or "LAM0005" or "LAM0006")
            .Select(d => d.Id);
        Assert.Equal(new[] { handlerRule }, found);
    }

    [Fact]
    public void In_a_class_library_still_reports_what_only_the_generated_wiring_cannot_do() =>
        AssertSkipped(
            "[LambdaHandler, LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))] public static async System.Collections.Generic.IAsyncEnumerable<Receipt> List(Order order) { await Task.Yield(); yield return new Receipt(); }",
            "List",
            "it returns IAsyncEnumerable<T>, which no Lambda serializer can write; return a collection, or a Stream with ResponseStreaming = true",
            OutputKind.DynamicallyLinkedLibrary);

    private static void AssertSkipped(string method, string name, string reason, OutputKind kind = OutputKind.ConsoleApplication)
    {
        // An executable: its generated bootstrap is the only caller of the method, so LAM0400 is the finding.
        var compilation = GeneratorHarness.Compile(TestReferences.LambdaProject, Usings + "public class Handlers { " + method + " }");
        compilation = compilation.WithOptions(compilation.Options.WithOutputKind(kind));
        var diagnostic = Assert.Single(GeneratorHarness.Run(new HandlerWiringGenerator(), compilation).Result.Diagnostics);
        Assert.Equal("LAM0400", diagnostic.Id);
        Assert.Equal($"No wiring is generated for handler '{name}': {reason}", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(name, compilation.SyntaxTrees.Single().GetText().ToString(diagnostic.Location.SourceSpan));
    }

    [Fact]
    public void Stays_silent_on_handlers_it_wires()
    {
        var compilation = GeneratorHarness.Compile(
            TestReferences.LambdaProject,
            Usings + "public class Handlers { [LambdaHandler] public static System.IO.Stream Echo(System.IO.Stream input, ILambdaContext context) => input; "
                + "[LambdaHandler(ResponseStreaming = true)] public static Task<System.IO.Stream> Stream(System.IO.Stream input) => Task.FromResult(input); }");
        Assert.Empty(GeneratorHarness.Run(new HandlerWiringGenerator(), compilation).Result.Diagnostics);
    }
}
