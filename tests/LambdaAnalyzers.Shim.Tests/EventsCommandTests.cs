using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// <c>lambda-shim events</c>: every sample event of src/LambdaAnalyzers.Shim/SampleEvents/index.json (the files the
/// events generator's round-trip tests read) is listed and printed byte for byte.
/// </summary>
public sealed class EventsCommandTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var entry in SampleEventIndex.All)
        {
            data.Add(entry.Name);
        }

        return data;
    }

    [Theory]
    [InlineData]
    [InlineData("list")]
    public async Task List_shows_every_sample_with_its_source_and_type(params string[] arguments)
    {
        var (exit, stdout, stderr) = await CliTests.RunToolAsync(new[] { "events" }.Concat(arguments).ToArray());

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (var (name, source, type) in SampleEventIndex.All)
        {
            Assert.Contains(source, lines);
            Assert.Contains(lines, l => l.StartsWith("  " + name + " ", StringComparison.Ordinal) && l.Contains(" " + type + " ", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_sample_name_prints_that_sample_exactly_as_documented(string name)
    {
        var (exit, stdout, stderr) = await CliTests.RunToolAsync("events", name);

        Assert.True(exit == 0, stderr);
        Assert.Equal(SampleEventIndex.Json(name), stdout);
        using var _ = JsonDocument.Parse(stdout);
    }

    [Theory]
    [InlineData("Sqs", "sqs")]
    [InlineData("httpapi", "http-api")]
    [InlineData("DYNAMODB", "dynamodb")]
    [InlineData("kinesis_firehose", "firehose")]
    [InlineData("Cognito", "cognito-pre-signup")]
    [InlineData("CloudWatchLogs", "cloudwatch-logs")]
    public async Task A_source_prints_its_first_sample(string source, string expected)
    {
        var (exit, stdout, stderr) = await CliTests.RunToolAsync("events", source);

        Assert.True(exit == 0, stderr);
        Assert.Equal(SampleEventIndex.Json(expected), stdout);
    }

    [Fact]
    public void Every_source_has_a_sample_the_command_reaches_by_its_source_name() =>
        Assert.Equal(
            Enum.GetNames<LambdaAnalyzers.Runtime.LambdaEventSources>().Where(n => n != "None").Order(StringComparer.Ordinal),
            SampleEventIndex.All.Select(e => e.Source).Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public async Task Out_writes_the_sample_to_a_file_and_nothing_to_stdout()
    {
        var file = Path.Combine(Path.GetTempPath(), $"shim-sample-{Guid.NewGuid():N}.json");
        try
        {
            var (exit, stdout, stderr) = await CliTests.RunToolAsync("events", "sqs-batch-response", "--out", file);

            Assert.True(exit == 0, stderr);
            Assert.Equal(string.Empty, stdout);
            Assert.Equal(SampleEventIndex.Json("sqs-batch-response"), File.ReadAllText(file));
            Assert.Contains("SQSBatchResponse", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("No sample event is named 'sqs-event', and no event source either.", "sqs-event")]
    [InlineData("--out needs a file name.", "sqs", "--out")]
    [InlineData("Unexpected argument 'sns'.", "sqs", "sns")]
    [InlineData("Unexpected argument '--pretty'.", "sqs", "--pretty")]
    [InlineData("--out writes one sample event; name it.", "list", "--out", "x.json")]
    public async Task Usage_errors_exit_2_with_the_reason_and_the_usage(string reason, params string[] arguments)
    {
        var (exit, stdout, stderr) = await CliTests.RunToolAsync(new[] { "events" }.Concat(arguments).ToArray());

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith(reason, stderr, StringComparison.Ordinal);
        Assert.Contains("lambda-shim events <name|source> [--out file.json]", stderr, StringComparison.Ordinal);
    }
}
