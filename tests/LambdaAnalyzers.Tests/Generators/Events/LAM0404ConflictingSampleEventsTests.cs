using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Tests.Generators.Events;

/// <summary>LAM0404: samples of one type with different kinds of value at one path; the property becomes a JsonElement.</summary>
public sealed class LAM0404ConflictingSampleEventsTests
{
    [Fact]
    public void Reports_the_path_and_both_files_at_the_value_that_disagrees()
    {
        var (output, result) = EventsTestInput.Run(
            EventsTestInput.Compilation(),
            null,
            ("events/a.json", "OrderPlaced", """{"id":1,"note":"x"}"""),
            ("events/b.json", "OrderPlaced", "{\"id\":1,\n \"note\": {\"text\":\"x\"}}"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("LAM0404", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("Samples of 'OrderPlaced' disagree at '$.note': 'a.json' has a string there and 'b.json' has an object; the property is generated as JsonElement", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("events/b.json", span.Path);
        Assert.Equal((1, 9), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Equal("JsonElement?", PropertyType(output, "OrderPlaced", "Note"));
        Assert.Equal("int", PropertyType(output, "OrderPlaced", "Id"));
    }

    [Fact]
    public void Reports_conflicts_inside_arrays_and_nested_objects_with_their_path()
    {
        var (_, result) = EventsTestInput.Run(
            EventsTestInput.Compilation(),
            null,
            ("events/a.json", "OrderPlaced", """{"lines":[{"sku":"a","qty":1}]}"""),
            ("events/b.json", "OrderPlaced", """{"lines":[{"sku":"b","qty":[2]}]}"""));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("Samples of 'OrderPlaced' disagree at '$.lines[].qty': 'a.json' has a number there and 'b.json' has an array; the property is generated as JsonElement", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Items_of_one_array_in_one_sample_can_disagree_too()
    {
        var (_, result) = EventsTestInput.Run(EventsTestInput.Compilation(), null, ("events/a.json", "OrderPlaced", """{"tags":["a",1]}"""));

        Assert.Equal("Samples of 'OrderPlaced' disagree at '$.tags[]': 'a.json' has a string there and 'a.json' has a number; the property is generated as JsonElement", Assert.Single(result.Diagnostics).GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Null_missing_and_wider_numbers_are_not_conflicts_they_make_the_property_nullable_or_wider()
    {
        var (output, result) = EventsTestInput.Run(
            EventsTestInput.Compilation(),
            null,
            ("events/a.json", "OrderPlaced", """{"id":1,"total":3,"note":"x","count":2}"""),
            ("events/b.json", "OrderPlaced", """{"id":2,"total":3.5,"note":null}"""),
            ("events/c.json", "OrderPlaced", """{"id":4000000000,"total":1e3,"count":5}"""));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("long", PropertyType(output, "OrderPlaced", "Id"));
        Assert.Equal("double", PropertyType(output, "OrderPlaced", "Total"));
        Assert.Equal("string?", PropertyType(output, "OrderPlaced", "Note"));
        Assert.Equal("int?", PropertyType(output, "OrderPlaced", "Count"));
    }

    [Fact]
    public void The_same_path_in_samples_of_different_types_is_no_conflict()
    {
        var (output, result) = EventsTestInput.Run(
            EventsTestInput.Compilation(),
            null,
            ("events/placed.json", "OrderPlaced", """{"id":1}"""),
            ("events/shipped.json", "OrderShipped", """{"id":"s-1"}"""));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("int", PropertyType(output, "OrderPlaced", "Id"));
        Assert.Equal("string", PropertyType(output, "OrderShipped", "Id"));
    }

    private static string PropertyType(Compilation output, string type, string property) => EventsTestInput.PropertyType(output, type, property);
}
