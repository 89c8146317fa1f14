using System.Linq;
using LambdaAnalyzers.Generators.HandlerWiring;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Infrastructure.Generators;

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

    private static void AssertSkipped(string method, string name, string reason)
    {
        var compilation = GeneratorHarness.Compile(TestReferences.LambdaProject, Usings + "public class Handlers { " + method + " }");
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
