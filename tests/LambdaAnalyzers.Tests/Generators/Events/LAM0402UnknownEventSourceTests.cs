using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LambdaAnalyzers.Tests.Generators.Events;

/// <summary>LAM0402: an opt-in that names an event source the catalog does not have.</summary>
public sealed class LAM0402UnknownEventSourceTests
{
    private const string Known = "RestApi, HttpApi, ApplicationLoadBalancer, FunctionUrl, Sqs, Sns, S3, EventBridge, DynamoDb, Kinesis, KinesisFirehose, Cognito, CloudWatchLogs";

    [Fact]
    public void Reports_an_unknown_MSBuild_item_and_still_generates_the_known_ones()
    {
        var (_, result) = EventsTestInput.Run(
            EventsTestInput.Compilation(),
            new Dictionary<string, string> { ["LambdaEventSources"] = ";Sqs;Sqss;" });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("LAM0402", diagnostic.Id);
        Assert.Equal($"'Sqss' is not an event source LambdaAnalyzers generates types for; the known sources are {Known}", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains(result.GeneratedTrees, t => t.FilePath.EndsWith("LambdaEvents.Sqs.g.cs", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_undefined_bits_in_the_attribute_at_the_attribute()
    {
        var input = EventsTestInput.OptIn("(LambdaAnalyzers.Runtime.LambdaEventSources)(16 | 65536)");

        var diagnostic = Assert.Single(EventsTestInput.Run(input).Result.Diagnostics);

        Assert.Equal("LAM0402", diagnostic.Id);
        Assert.Equal($"'(LambdaEventSources)65536' is not an event source LambdaAnalyzers generates types for; the known sources are {Known}", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.StartsWith("LambdaAnalyzers.Runtime.LambdaEvents(", input.SyntaxTrees.First().GetText().ToString(diagnostic.Location.SourceSpan), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_matched_ignoring_case_and_separated_by_semicolons_or_commas()
    {
        var (_, result) = EventsTestInput.Run(
            EventsTestInput.Compilation(),
            new Dictionary<string, string> { ["LambdaEventSources"] = "sqs, HTTPAPI" });

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            new[] { "LambdaEvents.HttpApi.g.cs", "LambdaEvents.Sqs.g.cs", "LambdaEventsJson.g.cs", "LambdaEventsJsonResolver.g.cs" },
            result.GeneratedTrees.Select(t => System.IO.Path.GetFileName(t.FilePath)).Order(System.StringComparer.Ordinal));
    }
}
