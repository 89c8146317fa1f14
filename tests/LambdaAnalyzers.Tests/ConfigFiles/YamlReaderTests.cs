using System;
using System.Linq;
using LambdaAnalyzers.ConfigFiles;

namespace LambdaAnalyzers.Tests.ConfigFiles;

public sealed class YamlReaderTests
{
    private static ConfigNode Parse(string yaml)
    {
        var document = YamlReader.Parse(yaml);
        Assert.True(document.Error is null, document.Error?.ToString());
        return document.Root!;
    }

    private static (int Line, int Column, string Message) Error(string yaml)
    {
        var error = YamlReader.Parse(yaml).Error;
        Assert.NotNull(error);
        return (error!.LineSpan.Start.Line + 1, error.LineSpan.Start.Character + 1, error.Message);
    }

    private static (int Line, int Column) Start(ConfigNode node) => (node.LineSpan.Start.Line + 1, node.LineSpan.Start.Character + 1);

    [Fact]
    public void Reads_block_mappings_and_sequences()
    {
        var root = Parse("""
            AWSTemplateFormatVersion: '2010-09-09'
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Timeout: 30
                  Layers:
                    - arn:a
                    - arn:b
            """);
        var properties = root.Get("Resources")!.Get("Fn")!.Get("Properties")!;
        Assert.Equal("2010-09-09", root.Get("AWSTemplateFormatVersion")!.Value);
        Assert.Equal(ScalarStyle.SingleQuoted, root.Get("AWSTemplateFormatVersion")!.Style);
        Assert.Equal("AWS::Serverless::Function", root.Get("Resources")!.Get("Fn")!.Get("Type")!.Value);
        Assert.True(properties.Get("Timeout")!.TryGetInt32(out var timeout) && timeout == 30);
        Assert.Equal(new[] { "arn:a", "arn:b" }, properties.Get("Layers")!.Items.Select(i => i.Value));
        Assert.Equal((6, 16), Start(properties.Get("Timeout")!));
        Assert.Equal((6, 7), Start(properties.GetProperty("Timeout")!.Key));
        Assert.Equal((8, 9), Start(properties.Get("Layers")!));
    }

    [Fact]
    public void A_tag_alone_on_its_line_belongs_to_the_mapping_and_the_next_line_s_tag_to_its_first_key()
    {
        // Found by the YamlDotNet differential test: the key was read as the plain text "!!str Name".
        var root = Parse("""
            Value: !Transform
              !!str Name: AWS::Include
              Location: s3://bucket/file.yaml
            """);
        var value = root.Get("Value")!;
        Assert.Equal("!Transform", value.Tag);
        Assert.Equal("!!str", value.Properties[0].Key.Tag);
        Assert.Equal("Name", value.Properties[0].Name);
        Assert.Null(value.Properties[1].Key.Tag);
    }

    [Fact]
    public void An_anchor_before_a_key_on_its_line_anchors_the_key()
    {
        // Found by the YamlDotNet differential test: the anchor went to the whole mapping.
        var root = Parse("""
            &name Handler: x
            Copy: *name
            """);
        Assert.Equal("Handler", root.Get("Copy")!.Value);
        Assert.True(root.Get("Copy")!.IsScalar);
    }

    [Fact]
    public void A_scalar_with_properties_on_its_line_and_the_line_above_is_an_error()
    {
        var (line, column, message) = Error("""
            Value: !Sub
              !Ref Name
            """);
        Assert.Equal((2, 8), (line, column));
        Assert.Contains("only one tag", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_sequence_at_the_same_indentation_as_its_key()
    {
        var root = Parse("""
            Layers:
            - a
            - b
            Next: 1
            """);
        Assert.Equal(2, root.Get("Layers")!.Items.Length);
        Assert.Equal("1", root.Get("Next")!.Value);
    }

    [Fact]
    public void Reads_compact_mappings_and_sequences_inside_sequences()
    {
        var root = Parse("""
            - name: a
              value: 1
            - - x
              - y
            -
              late: true
            - 
            """);
        Assert.Equal(4, root.Items.Length);
        Assert.Equal("1", root.Items[0].Get("value")!.Value);
        Assert.Equal(new[] { "x", "y" }, root.Items[1].Items.Select(i => i.Value));
        Assert.Equal("true", root.Items[2].Get("late")!.Value);
        Assert.True(root.Items[3].IsNull);
    }

    [Fact]
    public void Reads_empty_values_as_null()
    {
        var root = Parse("""
            a:
            b: # nothing
            c: ~
            d: null
            """);
        Assert.All(new[] { "a", "b", "c", "d" }, key => Assert.True(root.Get(key)!.IsNull, key));
    }

    [Fact]
    public void Reads_flow_collections_on_one_or_many_lines()
    {
        var root = Parse("""
            a: [x, 'y', "z", [1, 2], {k: v}]
            b: {one: 1, "two":2, three: [3], four}
            c: [
              first,   # comment
              second,
            ]
            d: []
            e: {}
            f: [k: v, http://x.y/z, a:b]
            """);
        var a = root.Get("a")!;
        Assert.Equal(5, a.Items.Length);
        Assert.Equal("z", a.Items[2].Value);
        Assert.Equal("v", a.Items[4].Get("k")!.Value);
        var b = root.Get("b")!;
        Assert.Equal("2", b.Get("two")!.Value);
        Assert.Equal("3", b.Get("three")!.Items[0].Value);
        Assert.True(b.Get("four")!.IsNull);
        Assert.Equal(new[] { "first", "second" }, root.Get("c")!.Items.Select(i => i.Value));
        Assert.Empty(root.Get("d")!.Items);
        Assert.Empty(root.Get("e")!.Properties);
        var f = root.Get("f")!;
        Assert.Equal("v", f.Items[0].Get("k")!.Value);
        Assert.Equal("http://x.y/z", f.Items[1].Value);
        Assert.Equal("a:b", f.Items[2].Value);
    }

    [Fact]
    public void Reads_plain_scalars_with_colons_hashes_and_continuation_lines()
    {
        var root = Parse("""
            url: http://example.com:8080/a#b
            key:with:colons: value
            folded: first
              second

              third
            last: x # comment
            """);
        Assert.Equal("http://example.com:8080/a#b", root.Get("url")!.Value);
        Assert.Equal("value", root.Get("key:with:colons")!.Value);
        Assert.Equal("first second\nthird", root.Get("folded")!.Value);
        Assert.Equal(-1, root.Get("folded")!.VerbatimStart);
        Assert.Equal("x", root.Get("last")!.Value);
    }

    [Fact]
    public void Reads_quoted_scalars()
    {
        var root = Parse("""
            single: 'it''s # not a comment'
            double: "tab\there \"q\" \\ \u00e9 \x41 \U0001F600 \/"
            folded: "one
              two

              three"
            joined: "abc\
              def"
            sq: 'a
              b'
            empty: ''
            """);
        Assert.Equal("it's # not a comment", root.Get("single")!.Value);
        Assert.Equal("tab\there \"q\" \\ é A 😀 /", root.Get("double")!.Value);
        Assert.Equal("one two\nthree", root.Get("folded")!.Value);
        Assert.Equal("abcdef", root.Get("joined")!.Value);
        Assert.Equal("a b", root.Get("sq")!.Value);
        Assert.Equal(string.Empty, root.Get("empty")!.Value);
        Assert.False(root.Get("empty")!.IsNull);
    }

    [Fact]
    public void Reads_literal_and_folded_block_scalars_with_chomping()
    {
        var root = Parse("""
            clip: |
              line 1
                indented
              line 3

            strip: |-
              text

            keep: |+
              text

            folded: >
              a
              b

              c
                more
              d
            indicator: |2
                two extra
            reversed: >-2
               x
            done: 1
            """);
        Assert.Equal("line 1\n  indented\nline 3\n", root.Get("clip")!.Value);
        Assert.Equal(ScalarStyle.Literal, root.Get("clip")!.Style);
        Assert.Equal("text", root.Get("strip")!.Value);
        Assert.Equal("text\n\n", root.Get("keep")!.Value);
        Assert.Equal("a b\nc\n  more\nd\n", root.Get("folded")!.Value);
        Assert.Equal("  two extra\n", root.Get("indicator")!.Value);
        Assert.Equal(" x", root.Get("reversed")!.Value);
        Assert.Equal("1", root.Get("done")!.Value);
    }

    [Fact]
    public void Block_scalar_at_the_end_of_the_file_without_a_line_break()
    {
        Assert.Equal("last", Parse("a: |\n  last").Get("a")!.Value);
        Assert.Equal(string.Empty, Parse("a: |\nb: 1").Get("a")!.Value);
    }

    [Fact]
    public void Skips_comments_directives_and_document_markers()
    {
        var root = Parse("""
            # leading comment
            %YAML 1.2
            ---
            a: 1 # trailing
            # between
            b: 2
            ...
            ignored: [ this is another document
            """);
        Assert.Equal(2, root.Properties.Length);
        Assert.Null(YamlReader.Parse("# only a comment\n").Root);
        Assert.Null(YamlReader.Parse(string.Empty).Root);
        Assert.Equal("v", Parse("--- \na: v\n---\nb: w").Get("a")!.Value);
    }

    [Fact]
    public void Resolves_anchors_and_aliases()
    {
        var root = Parse("""
            base: &defaults
              Timeout: 30
            copy: *defaults
            list: [&x one, *x]
            """);
        Assert.Same(root.Get("base"), root.Get("copy"));
        Assert.Equal("one", root.Get("list")!.Items[1].Value);
    }

    [Fact]
    public void Reads_windows_line_endings()
    {
        var root = Parse("a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: |\r\n  t\r\n");
        Assert.Equal(2, root.Get("b")!.Items.Length);
        Assert.Equal("t\n", root.Get("c")!.Value);
        Assert.Equal((2, 1), Start(root.GetProperty("b")!.Key));
    }

    [Fact]
    public void Records_every_cloudformation_short_form_tag()
    {
        var root = Parse("""
            Ref: !Ref MyBucket
            GetAtt: !GetAtt MyFunction.Arn
            GetAttList: !GetAtt [MyFunction, Arn]
            Sub: !Sub 'arn:aws:s3:::${Bucket}/*'
            SubList: !Sub
              - 'www.${Domain}'
              - Domain: !Ref RootDomain
            SubBlock: !Sub |
              #!/bin/bash
              echo ${AWS::Region}
            Join: !Join ['', ['arn:', !Ref 'AWS::Partition', ':s3:::b']]
            If: !If [IsProd, 1024, !Ref 'AWS::NoValue']
            Select: !Select [0, !GetAZs '']
            FindInMap: !FindInMap [RegionMap, !Ref 'AWS::Region', Ami]
            ImportValue: !ImportValue SharedStack-Output
            Split: !Split [',', !ImportValue List]
            Base64: !Base64
              Fn::Sub: echo ${X}
            Cidr: !Cidr [!Select [0, !GetAtt Vpc.CidrBlocks], 6, 5]
            GetAZs: !GetAZs
            Equals: !Equals [!Ref Env, prod]
            Not: !Not [!Equals [!Ref Env, dev]]
            And: !And [!Condition A, !Condition B]
            Or: !Or [!Condition A, !Equals [a, b]]
            Condition: !Condition IsProd
            Transform: !Transform {Name: 'AWS::Include', Parameters: {Location: s3://b/k}}
            Custom: !Whatever
              - nested
            Core: !!str 30
            """);
        string? TagOf(string key) => root.Get(key)!.Tag;
        Assert.Equal("!Ref", TagOf("Ref"));
        Assert.Equal("MyBucket", root.Get("Ref")!.Value);
        Assert.Equal("!GetAtt", TagOf("GetAtt"));
        Assert.Equal("MyFunction.Arn", root.Get("GetAtt")!.Value);
        Assert.Equal("!GetAtt", TagOf("GetAttList"));
        Assert.Equal(2, root.Get("GetAttList")!.Items.Length);
        Assert.Equal("arn:aws:s3:::${Bucket}/*", root.Get("Sub")!.Value);
        Assert.Equal("!Ref", root.Get("SubList")!.Items[1].Get("Domain")!.Tag);
        Assert.Equal("#!/bin/bash\necho ${AWS::Region}\n", root.Get("SubBlock")!.Value);
        Assert.Equal("!Sub", TagOf("SubBlock"));
        Assert.Equal("!Ref", root.Get("Join")!.Items[1].Items[1].Tag);
        Assert.Equal("!If", TagOf("If"));
        Assert.Equal("!GetAZs", root.Get("Select")!.Items[1].Tag);
        Assert.Equal("!FindInMap", TagOf("FindInMap"));
        Assert.Equal("!ImportValue", TagOf("ImportValue"));
        Assert.Equal("!ImportValue", root.Get("Split")!.Items[1].Tag);
        Assert.Equal("!Base64", TagOf("Base64"));
        Assert.True(root.Get("Base64")!.Get("Fn::Sub") is not null);
        Assert.Equal("!GetAtt", root.Get("Cidr")!.Items[0].Items[1].Tag);
        Assert.Equal("!GetAZs", TagOf("GetAZs"));
        Assert.Equal(string.Empty, root.Get("GetAZs")!.Value);
        Assert.Equal("!Equals", TagOf("Equals"));
        Assert.Equal("!Equals", root.Get("Not")!.Items[0].Tag);
        Assert.Equal("!Condition", root.Get("And")!.Items[1].Tag);
        Assert.Equal("!Or", TagOf("Or"));
        Assert.Equal("!Condition", TagOf("Condition"));
        Assert.Equal("s3://b/k", root.Get("Transform")!.Get("Parameters")!.Get("Location")!.Value);
        Assert.Equal("!Transform", TagOf("Transform"));
        Assert.Equal("!Whatever", TagOf("Custom"));

        var intrinsic = root.Properties.Where(p => p.Value.IsIntrinsic).Select(p => p.Name).ToArray();
        Assert.Equal(root.Properties.Length - 1, intrinsic.Length);
        Assert.False(root.Get("Core")!.IsIntrinsic);
        Assert.True(root.Get("Core")!.TryGetInt32(out var core) && core == 30);
    }

    [Fact]
    public void Long_form_intrinsics_are_intrinsic_too()
    {
        var root = Parse("""
            a: {Ref: X}
            b:
              Fn::GetAtt: [F, Arn]
            c: {Fn::If: [C, 1, 2], Other: 1}
            """);
        Assert.True(root.Get("a")!.IsIntrinsic);
        Assert.True(root.Get("b")!.IsIntrinsic);
        Assert.False(root.Get("c")!.IsIntrinsic);
    }

    [Fact]
    public void Reads_json_written_as_yaml()
    {
        var root = Parse("""
            {
              "Resources": {
                "Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Timeout": 3}}
              }
            }
            """);
        Assert.Equal("3", root.Get("Resources")!.Get("Fn")!.Get("Properties")!.Get("Timeout")!.Value);
    }

    [Theory]
    [InlineData("a:\n\tb: 1", 2, 1, "Tabs")]
    [InlineData("a:\n  b: 1\n  \tc: 2", 3, 3, "Tabs")]
    [InlineData("\tkey: 1", 1, 1, "Tabs")]
    [InlineData("a: [1, 2\nb: 3", 1, 4, "'[' is never closed")]
    [InlineData("a: {x: 1", 1, 4, "'{' is never closed")]
    [InlineData("a: 'abc\nb: 1", 1, 4, "never closed")]
    [InlineData("a: \"abc", 1, 4, "never closed")]
    [InlineData("a: 1\n  b: 2", 2, 4, "Mapping values are not allowed")]
    [InlineData("a: b: c", 1, 5, "Mapping values are not allowed")]
    [InlineData("a:\n  b: 1\n c: 2", 3, 2, "Bad indentation")]
    [InlineData("a: 1\nb\nc: 2", 2, 2, "Expected ':'")]
    [InlineData("a: - b", 1, 4, "block sequence cannot start")]
    [InlineData("a: 'x' y", 1, 8, "Unexpected 'y'")]
    [InlineData("a: @x", 1, 4, "reserved")]
    [InlineData("a: *nothing", 1, 4, "names no anchor")]
    [InlineData("a: \"\\q\"", 1, 5, "not a YAML escape")]
    [InlineData("a: [1, - 2]", 1, 8, "not allowed inside")]
    [InlineData("- a\nb: 1", 2, 1, "end of the document")]
    [InlineData("a: 1\n- b", 2, 1, "sequence entry")]
    [InlineData("? complex\n: value", 1, 1, "Explicit mapping keys")]
    [InlineData("a: |x\n  t", 1, 5, "after the block scalar indicator")]
    [InlineData("a: |0\n  t", 1, 5, "1 to 9")]
    [InlineData("a: !Ref !Sub x", 1, 9, "only one tag")]
    [InlineData("a: [x] y", 1, 8, "Unexpected 'y'")]
    [InlineData("a: [x\n---\n]", 1, 4, "never closed")]
    public void Reports_the_first_offending_character(string yaml, int line, int column, string message)
    {
        var error = Error(yaml);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tabs_after_indentation_and_in_comments_are_fine()
    {
        var root = Parse("a:\tvalue\t# comment\n\t# indented comment\nb: |\n  \ttab inside\n");
        Assert.Equal("value", root.Get("a")!.Value);
        Assert.Equal("\ttab inside\n", root.Get("b")!.Value);
    }

    [Fact]
    public void Reports_deep_nesting_instead_of_overflowing_the_stack()
    {
        var error = Error(new string('[', 50_000));
        Assert.Contains("deeper", error.Message, StringComparison.Ordinal);
        var nested = string.Concat(Enumerable.Range(0, 500).Select(i => new string(' ', i) + "k:\n"));
        Assert.Contains("deeper", Error(nested).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_throws_on_truncated_or_mutated_input()
    {
        const string yaml = """
            %YAML 1.2
            ---
            Globals:
              Function:
                Timeout: 30 # comment
            Resources:
              Fn: &anchor
                Type: AWS::Serverless::Function
                Properties:
                  Handler: "A::B.C::\"D\"\x41\u00e9"
                  Code: 'it''s'
                  Layers:
                  - !Ref Layer
                  - !Sub "arn:${AWS::Partition}"
                  Env: {Variables: {A: [1, {b: c}], "q": 'r'}}
                  Script: !Sub |+
                    echo ${X}

                  Folded: >-
                    a
                     b
              Copy: *anchor
            ...
            """;
        const string Mutations = "{}[]\"':,-?|>!&*#%@\\\n\t x0+";
        var random = new Random(4321);
        for (var length = 0; length <= yaml.Length; length++)
        {
            _ = YamlReader.Parse(yaml.Substring(0, length));
            var chars = yaml.ToCharArray();
            for (var n = 0; n < 3; n++)
            {
                chars[random.Next(chars.Length)] = Mutations[random.Next(Mutations.Length)];
            }

            _ = YamlReader.Parse(new string(chars));
        }
    }
}
