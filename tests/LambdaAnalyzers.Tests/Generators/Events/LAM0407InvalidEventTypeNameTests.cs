using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LambdaAnalyzers.Tests.Generators.Events;

/// <summary>LAM0407: a namespace or an inferred type name that would not compile; nothing is generated for it.</summary>
public sealed class LAM0407InvalidEventTypeNameTests
{
    [Fact]
    public void Reports_an_invalid_namespace_property_and_generates_nothing()
    {
        var (_, result) = EventsTestInput.Run(
            EventsTestInput.Compilation(),
            new Dictionary<string, string> { ["LambdaEventSources"] = "Sqs", ["LambdaEventsNamespace"] = "My-Function.Events" });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("LAM0407", diagnostic.Id);
        Assert.Equal("'My-Function.Events' is not a C# namespace name, so no event types are generated; use dotted identifiers such as 'MyFunction.Events'", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void Reports_a_keyword_in_the_attributes_namespace_at_the_attribute()
    {
        var input = EventsTestInput.OptIn("LambdaAnalyzers.Runtime.LambdaEventSources.Sqs, Namespace = \"Shop.class\"");

        var diagnostic = Assert.Single(EventsTestInput.Run(input).Result.Diagnostics);

        Assert.Equal("LAM0407", diagnostic.Id);
        Assert.Equal("'Shop.class' is not a C# namespace name, so no event types are generated; use dotted identifiers such as 'MyFunction.Events'", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.StartsWith("LambdaAnalyzers.Runtime.LambdaEvents(", input.SyntaxTrees.First().GetText().ToString(diagnostic.Location.SourceSpan), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("order placed", "is not a C# identifier, so no type is inferred; use a name such as 'OrderPlaced'")]
    [InlineData("order", "is all lower-case, which C# reserves for keywords, so no type is inferred; use 'Order'")]
    [InlineData("SQSEvent", "is the name of a generated catalog type, so no type is inferred; choose another name")]
    [InlineData("LambdaEventsJsonResolver", "is the name of a generated catalog type, so no type is inferred; choose another name")]
    public void Reports_an_inferred_type_name_that_would_not_compile_at_the_sample(string typeName, string reason)
    {
        var (_, result) = EventsTestInput.Run(EventsTestInput.Compilation(), null, ("events/a.json", typeName, """{"id":1}"""));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("LAM0407", diagnostic.Id);
        Assert.Equal($"LambdaEventType '{typeName}' of sample 'a.json' {reason}", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("events/a.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void A_valid_namespace_is_used_for_catalog_and_inferred_types_alike()
    {
        var (output, result) = EventsTestInput.Run(
            EventsTestInput.Compilation(),
            new Dictionary<string, string> { ["LambdaEventSources"] = "Sqs", ["LambdaEventsNamespace"] = "Shop.Events" },
            ("events/a.json", "OrderPlaced", """{"id":1}"""));

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(output.GetTypeByMetadataName("Shop.Events.SQSEvent"));
        Assert.NotNull(output.GetTypeByMetadataName("Shop.Events.OrderPlaced"));
        Assert.NotNull(output.GetTypeByMetadataName("Shop.Events.LambdaEventsJsonResolver"));
    }
}
