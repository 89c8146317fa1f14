using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Generators.Events;
using LambdaAnalyzers.Tests.Generators.Events;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using LambdaAnalyzers.Tests.Serialization;
using Microsoft.CodeAnalysis;
using Verify = LambdaAnalyzers.Tests.Infrastructure.AnalyzerVerifier<LambdaAnalyzers.Rules.Generators.LAM0405GeneratedEventTypeInJsonContextAnalyzer>;

namespace LambdaAnalyzers.Tests.Rules.Generators;

/// <summary>LAM0405: a JsonSerializerContext that lists a generated event type, which System.Text.Json's generator cannot see.</summary>
public sealed class LAM0405GeneratedEventTypeInJsonContextTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;

        """;

    private static Task Check(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = Usings + source };
        foreach (var generated in EventsTestInput.GeneratedSources("LambdaAnalyzers.Runtime.LambdaEventSources.Sqs | LambdaAnalyzers.Runtime.LambdaEventSources.EventBridge"))
        {
            test.TestState.Sources.Add(generated);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Flags_a_generated_event_type_listed_in_a_context() => Check("""
        [{|#0:JsonSerializable(typeof(LambdaAnalyzers.Events.SQSEvent))|}]
        [JsonSerializable(typeof(string))]
        public partial class ShopJson : JsonSerializerContext { public ShopJson() : base(null) { } protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null; public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null; }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("SQSEvent", "ShopJson"));

    [Fact]
    public Task Flags_a_generated_event_type_inside_a_listed_collection_or_generic_type() => Check("""
        public sealed class Placed { public string OrderId { get; set; } = ""; }
        [{|#0:JsonSerializable(typeof(List<LambdaAnalyzers.Events.SQSEvent.SQSMessage>))|}]
        [{|#1:JsonSerializable(typeof(LambdaAnalyzers.Events.CloudWatchEvent<Placed>))|}]
        public partial class ShopJson : JsonSerializerContext { public ShopJson() : base(null) { } protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null; public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null; }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("SQSEvent.SQSMessage", "ShopJson"),
        Verify.Diagnostic().WithLocation(1).WithArguments("CloudWatchEvent<Placed>", "ShopJson"));

    [Fact]
    public Task Ignores_user_types_and_a_users_own_type_of_the_same_name() => Check("""
        namespace Shop
        {
            public sealed class SQSEvent { public string Id { get; set; } = ""; }
            public sealed class Placed { public string OrderId { get; set; } = ""; }

            [JsonSerializable(typeof(SQSEvent))]
            [JsonSerializable(typeof(Placed))]
            [JsonSerializable(typeof(List<Placed>))]
            public partial class ShopJson : JsonSerializerContext { public ShopJson() : base(null) { } protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null; public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null; }
        }
        """);

    [Fact]
    public Task Ignores_attributes_on_classes_that_are_not_contexts() => Check("""
        [JsonSerializable(typeof(LambdaAnalyzers.Events.SQSEvent))]
        public sealed class NotAContext { }
        """);

    /// <summary>
    /// The failure the rule prevents, with System.Text.Json's real generator: a context listing a generated type
    /// compiles, but has no metadata for it.
    /// </summary>
    [Fact]
    public void System_Text_Json_generates_no_metadata_for_a_listed_generated_type()
    {
        var input = GeneratorHarness.Compile(TestReferences.LambdaProject, """
            using System.Text.Json.Serialization;

            [assembly: LambdaAnalyzers.Runtime.LambdaEvents(LambdaAnalyzers.Runtime.LambdaEventSources.Sqs)]

            [JsonSerializable(typeof(LambdaAnalyzers.Events.SQSEvent))]
            [JsonSerializable(typeof(string))]
            public partial class ShopJson : JsonSerializerContext { }
            """);
        var driver = GeneratorHarness.CreateDriver(new EventsGenerator(), SystemTextJsonGenerator.Generator).RunGeneratorsAndUpdateCompilation(input, out var output, out _);

        var json = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() != typeof(EventsGenerator));
        var generated = string.Concat(json.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("String", generated, System.StringComparison.Ordinal);
        Assert.DoesNotContain("SQSEvent", generated, System.StringComparison.Ordinal);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }
}
