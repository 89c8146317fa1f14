using System.Globalization;
using System.Linq;

namespace LambdaAnalyzers.Tests.Generators.Events;

/// <summary>LAM0403: a sample event that is not JSON, or whose root is not an object; the other samples of its type still count.</summary>
public sealed class LAM0403MalformedSampleEventTests
{
    [Fact]
    public void Reports_the_first_unreadable_character_at_its_line_and_column()
    {
        var (_, result) = EventsTestInput.Run(EventsTestInput.Compilation(), null, ("events/bad.json", "OrderPlaced", "{\n  \"id\": 1,\n  \"note\": }\n"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("LAM0403", diagnostic.Id);
        Assert.Equal("Sample event 'bad.json' for type 'OrderPlaced' is not valid JSON: (3,11): Expected a value but found '}'", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("events/bad.json", span.Path);
        Assert.Equal((2, 10), (span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Fact]
    public void A_missing_value_is_reported_where_the_value_should_be()
    {
        var (_, result) = EventsTestInput.Run(EventsTestInput.Compilation(), null, ("events/order-placed/broken.json", "OrderPlaced", "{\n  \"orderId\": \"o-1\",\n  \"total\": ,\n}\n"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("Sample event 'broken.json' for type 'OrderPlaced' is not valid JSON: (3,12): Expected a value but found ','", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[{\"id\":1}]", "an array")]
    [InlineData("\"order\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    public void Reports_a_root_that_is_not_an_object(string json, string root)
    {
        var (_, result) = EventsTestInput.Run(EventsTestInput.Compilation(), null, ("events/a.json", "OrderPlaced", json));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("LAM0403", diagnostic.Id);
        Assert.Equal($"Sample event 'a.json' for type 'OrderPlaced' is not valid JSON: its root is {root}; an event type is inferred from a JSON object", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(result.GeneratedTrees);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"id\": 1,}")]
    [InlineData("{\"id\": 1} // trailing comment")]
    [InlineData("{'id': 1}")]
    public void Empty_files_trailing_commas_comments_and_single_quotes_are_not_JSON(string json)
    {
        var (_, result) = EventsTestInput.Run(EventsTestInput.Compilation(), null, ("events/a.json", "OrderPlaced", json));

        Assert.Equal("LAM0403", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void The_readable_samples_of_the_type_still_make_the_type()
    {
        var (output, result) = EventsTestInput.Run(
            EventsTestInput.Compilation(),
            null,
            ("events/a.json", "OrderPlaced", """{"id":1,"note":"x"}"""),
            ("events/b.json", "OrderPlaced", """{"id":2,"""));

        Assert.Equal("LAM0403", Assert.Single(result.Diagnostics).Id);
        var type = output.GetTypeByMetadataName("LambdaAnalyzers.Events.OrderPlaced");
        Assert.NotNull(type);
        Assert.Equal(new[] { "Id", "Note" }, type!.GetMembers().OfType<Microsoft.CodeAnalysis.IPropertySymbol>().Select(p => p.Name));
    }

    [Theory]
    [InlineData("{\"id\":1}")]
    [InlineData("  {\n\t\"id\" : 1 ,\r\n \"tags\": [ ] }\n")]
    [InlineData("{\"text\":\"a \\\"quoted\\\" \\u00e9 \\n line\"}")]
    public void Valid_JSON_in_any_layout_is_not_reported(string json)
    {
        var (output, result) = EventsTestInput.Run(EventsTestInput.Compilation(), null, ("events/a.json", "OrderPlaced", json));

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(output.GetTypeByMetadataName("LambdaAnalyzers.Events.OrderPlaced"));
    }

    [Fact]
    public void A_file_without_LambdaEventType_metadata_is_not_a_sample_and_is_not_read()
    {
        var (_, result) = EventsTestInput.Run(EventsTestInput.Compilation(), null, ("appsettings.json", "", "{ not json"));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedTrees);
    }
}
