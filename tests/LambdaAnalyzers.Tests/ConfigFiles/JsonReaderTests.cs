using System;
using LambdaAnalyzers.ConfigFiles;

namespace LambdaAnalyzers.Tests.ConfigFiles;

public sealed class JsonReaderTests
{
    private static ConfigNode Parse(string json)
    {
        var document = JsonReader.Parse(json);
        Assert.Null(document.Error);
        return document.Root!;
    }

    /// <summary>The error's one-based line and column.</summary>
    private static (int Line, int Column, string Message) Error(string json, bool allowComments = false)
    {
        var error = JsonReader.Parse(json, allowComments).Error;
        Assert.NotNull(error);
        return (error!.LineSpan.Start.Line + 1, error.LineSpan.Start.Character + 1, error.Message);
    }

    [Fact]
    public void Reads_every_kind_of_value()
    {
        var root = Parse("""{"s": "text", "i": -12, "f": 1.5e+3, "t": true, "n": null, "a": [1, [2, {}]], "o": {"x": false}}""");
        Assert.True(root.IsMapping);
        Assert.Equal("text", root.Get("s")!.Value);
        Assert.Equal(ScalarStyle.DoubleQuoted, root.Get("s")!.Style);
        Assert.Equal("-12", root.Get("i")!.Value);
        Assert.Equal(ScalarStyle.Plain, root.Get("i")!.Style);
        Assert.True(root.Get("i")!.TryGetInt32(out var i) && i == -12);
        Assert.Equal("1.5e+3", root.Get("f")!.Value);
        Assert.Equal("true", root.Get("t")!.Value);
        Assert.True(root.Get("n")!.IsNull);
        Assert.Equal(2, root.Get("a")!.Items.Length);
        Assert.True(root.Get("a")!.Items[1].Items[1].IsMapping);
        Assert.Equal("false", root.Get("o")!.Get("x")!.Value);
    }

    [Fact]
    public void Unescapes_strings_and_keeps_surrogate_pairs()
    {
        var root = Parse("""["a\"b\\c\/d\b\f\n\r\t", "\u00e9\uD83D\uDE00", "plain"]""");
        Assert.Equal("a\"b\\c/d\b\f\n\r\t", root.Items[0].Value);
        Assert.Equal("é😀", root.Items[1].Value);
        Assert.Equal(-1, root.Items[0].VerbatimStart);
        Assert.Equal(root.Items[2].Span.Start + 1, root.Items[2].VerbatimStart);
    }

    [Fact]
    public void Nodes_know_their_lines_and_columns()
    {
        var root = Parse("{\n  \"Timeout\": 30,\n  \"Layers\": [\n    \"a\"\n  ]\n}");
        var timeout = root.GetProperty("Timeout")!;
        Assert.Equal((1, 2), (timeout.Key.LineSpan.Start.Line, timeout.Key.LineSpan.Start.Character));
        Assert.Equal((1, 13), (timeout.Value.LineSpan.Start.Line, timeout.Value.LineSpan.Start.Character));
        Assert.Equal((1, 15), (timeout.Value.LineSpan.End.Line, timeout.Value.LineSpan.End.Character));
        var layers = root.Get("Layers")!;
        Assert.Equal((2, 12), (layers.LineSpan.Start.Line, layers.LineSpan.Start.Character));
        Assert.Equal((4, 3), (layers.LineSpan.End.Line, layers.LineSpan.End.Character));
        Assert.Equal("[\n    \"a\"\n  ]", "{\n  \"Timeout\": 30,\n  \"Layers\": [\n    \"a\"\n  ]\n}".Substring(layers.Span.Start, layers.Span.Length));
    }

    [Fact]
    public void Counts_crlf_and_cr_as_one_line_break_each()
    {
        var root = Parse("{\r\n\"a\":\r1,\n\"b\": 2}");
        Assert.Equal(2, root.Get("a")!.LineSpan.Start.Line);
        Assert.Equal(3, root.Get("b")!.LineSpan.Start.Line);
        Assert.Equal(5, root.Get("b")!.LineSpan.Start.Character);
    }

    [Fact]
    public void Skips_a_byte_order_mark() => Assert.True(Parse("\uFEFF{}").IsMapping);

    [Fact]
    public void Accepts_comments_only_when_asked()
    {
        const string json = "{\n  // tools accept this\n  \"a\": 1 /* and this */\n}";
        Assert.Single(JsonReader.Parse(json, allowComments: true).Root!.Properties);
        var error = Error(json);
        Assert.Equal((2, 3, "A comment: JSON has none, and the tools that read this file reject it"), error);
        var block = Error("{\"a\": 1 /* block */}");
        Assert.Equal((1, 9), (block.Line, block.Column));
    }

    [Theory]
    [InlineData("{\"a\": 1,}", 1, 9, "property name")]
    [InlineData("{\"a\": 1 \"b\": 2}", 1, 9, "Expected ',' or '}'")]
    [InlineData("{\"a\" 1}", 1, 6, "Expected ':'")]
    [InlineData("[1, 2", 1, 1, "'[' is never closed")]
    [InlineData("{\n  \"a\": [1,\n  2", 2, 8, "'[' is never closed")]
    [InlineData("{\"a\": tru}", 1, 10, "Expected 'true'")]
    [InlineData("{\"a\": 01}", 1, 8, "in a number")]
    [InlineData("{\"a\": 1.}", 1, 9, "decimal point")]
    [InlineData("{\"a\": -}", 1, 8, "Expected a digit")]
    [InlineData("{\"a\": 1e}", 1, 9, "exponent")]
    [InlineData("{\"a\": \"x\ny\"}", 1, 9, "a line break")]
    [InlineData("{\"a\": \"\\x\"}", 1, 8, "not a JSON escape")]
    [InlineData("{\"a\": \"\\u12G4\"}", 1, 12, "four hex digits")]
    [InlineData("{\"a\": \"abc", 1, 7, "never closed")]
    [InlineData("{'a': 1}", 1, 2, "double quotes")]
    [InlineData("{} {}", 1, 4, "after the end")]
    [InlineData("", 1, 1, "no JSON value")]
    [InlineData("   \n  ", 2, 3, "no JSON value")]
    [InlineData("{\"a\": undefined}", 1, 7, "Expected a value")]
    [InlineData("{\"a\": 1} // c", 1, 10, "A comment")]
    public void Reports_the_first_offending_character(string json, int line, int column, string message)
    {
        var error = Error(json);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_deep_nesting_instead_of_overflowing_the_stack()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        var error = Error(json);
        Assert.Equal(JsonReader.MaxDepth + 1, error.Column);
        Assert.Contains("deeper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_throws_on_truncated_or_mutated_input()
    {
        const string json = """
            {
              "Information": ["a \"quoted\" \u00e9 line", 1.5e-3, -0, true, false, null],
              "function-runtime": "dotnet8",
              "nested": {"deep": [[{"x": [1, 2, {"y": "z"}]}]]} // comment
            }
            """;
        const string Mutations = "{}[]\":,\\/*u0e-\n\t x";
        var random = new Random(1234);
        for (var length = 0; length <= json.Length; length++)
        {
            _ = JsonReader.Parse(json.Substring(0, length), allowComments: true);
            var chars = json.ToCharArray();
            chars[random.Next(chars.Length)] = Mutations[random.Next(Mutations.Length)];
            _ = JsonReader.Parse(new string(chars), allowComments: random.Next(2) == 0);
        }
    }
}
