using System.Collections.Generic;
using System.Linq;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Tests.Generators.Events;

/// <summary>
/// Half-written and odd sample events never crash the generator: every prefix of a sample is reported or inferred,
/// and whatever is inferred compiles.
/// </summary>
public sealed class EventsRobustnessTests
{
    private const string Sample = """
        {"id":"o-1","at":"2024-05-01T12:00:00Z","n":-1.5e3,"ok":true,"none":null,"a":[{"x":1},{"x":"2"}],"o":{"k\"ey":"v\u00e9"}}
        """;

    [Fact]
    public void Every_prefix_of_a_sample_is_reported_or_inferred_without_a_crash()
    {
        for (var length = 0; length <= Sample.Length; length++)
        {
            var (output, result) = EventsTestInput.Run(EventsTestInput.Compilation(), null, ("events/a.json", "Order", Sample.Substring(0, length)));

            AssertNoCrash(result, output, $"prefix of {length} characters");
        }
    }

    public static TheoryData<string> OddSamples() => new()
    {
        new string('[', 5000),
        "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 301),
        """{"big":1e400,"huge":123456789012345678901234567890123456789,"neg":-0,"tiny":1e-400}""",
        """{"":1,"$":2,"@":3,"_":4,"__":5,"日本":"x","Ünï":"y","a b":6,"a-b":7,"aB":8,"AB":9,"ab":10}""",
        """{"dup":1,"dup":"two"}""",
        """{"Order":{"Order":{"Order":1}},"OrderOrder":2}""",
        """{"items":[[1,2],[3.5]],"matrix":[[[]]],"mixed":[null,{"a":1},null]}""",
        """{"Equals":1,"GetHashCode":2,"GetType":3,"MemberwiseClone":4,"Finalize":5,"ReferenceEquals":6}""",
        """{"when":"2024-13-45T99:99:99Z","also":"2024-05-01T12:00:00"}""",
        "{\"ctl\":\"\u0001\"}",
        "{\"s\":\"\\ud800\"}",
    };

    [Theory]
    [MemberData(nameof(OddSamples))]
    public void Odd_samples_do_not_crash_and_what_is_inferred_compiles(string json)
    {
        var (output, result) = EventsTestInput.Run(EventsTestInput.Compilation(), null, ("events/a.json", "Order", json));

        AssertNoCrash(result, output, json.Length > 80 ? json.Substring(0, 80) : json);
    }

    [Fact]
    public void Two_types_whose_nested_names_collide_both_compile()
    {
        var (output, result) = EventsTestInput.Run(
            EventsTestInput.Compilation(),
            new Dictionary<string, string> { ["LambdaEventSources"] = "Sqs" },
            ("events/a.json", "Order", """{"line":{"sku":"a"},"record":{"id":1}}"""),
            ("events/b.json", "OrderLine", """{"sku":"b"}"""),
            ("events/c.json", "OrderRecord", """{"id":2}"""),
            ("events/d.json", "SQSMessageAttribute", """{"id":3}"""));

        AssertNoCrash(result, output, "collisions");
    }

    private static void AssertNoCrash(GeneratorDriverRunResult result, Compilation output, string what)
    {
        var crash = result.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
        Assert.True(crash is null, $"{what}: {crash}");
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "CS8785" or "AD0001");
        if (!result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            GeneratorHarness.AssertCompiles(output);
        }
    }
}
