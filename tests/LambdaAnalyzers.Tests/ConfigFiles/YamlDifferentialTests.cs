using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using LambdaAnalyzers.ConfigFiles;
using YamlDotNet.RepresentationModel;

namespace LambdaAnalyzers.Tests.ConfigFiles;

/// <summary>
/// Our hand-written <see cref="YamlReader"/> against YamlDotNet, a complete YAML parser, over
/// generated documents shaped like SAM templates (<see cref="YamlDocumentGenerator"/>, deterministic
/// seeds): both must read the same tree — the same mappings (keys in order), sequences, scalar values
/// after unescaping and folding, scalar styles and tags, aliases resolved to their anchored node.
/// Where the two differ on purpose, the difference is a test of its own below.
/// </summary>
public sealed class YamlDifferentialTests
{
    private const int Documents = 400;

    [Fact]
    public void Reads_every_generated_document_as_YamlDotNet_does()
    {
        var failures = new List<string>();
        for (var seed = 1; seed <= Documents; seed++)
        {
            var text = YamlDocumentGenerator.Generate(seed);
            string expected;
            try
            {
                expected = Canonical(ReadWithYamlDotNet(text));
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                failures.Add($"seed {seed}: the generator wrote a document YamlDotNet rejects ({e.Start}: {e.Message}):\n{text}");
                continue;
            }

            var ours = YamlReader.Parse(text);
            if (ours.Error is not null)
            {
                failures.Add($"seed {seed}: YamlReader rejects a valid document: {ours.Error}\n{Numbered(text)}");
            }
            else if (Canonical(ours.Root) is var actual && actual != expected)
            {
                failures.Add($"seed {seed}: different trees.\n--- document\n{Numbered(text)}\n--- YamlDotNet\n{expected}\n--- YamlReader\n{actual}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Documents} documents differ; the first:\n\n" + string.Join("\n\n", failures.Take(2)));
    }

    [Fact]
    public void The_generator_covers_what_SAM_templates_use()
    {
        var all = string.Join("\n", Enumerable.Range(1, Documents).Select(YamlDocumentGenerator.Generate));
        foreach (var construct in new[] { "- ", "[", "{", "&anchor", "*anchor", "|-", "|+", ">-", ">+", "|2", "'", "\"", "\\u00e9", "''", "# ", "!Ref ", "!Sub ", "!GetAtt ", "!If [", "!Join [", "!!str ", "---", "...", "\nSecond: document", "\r\n" })
        {
            Assert.Contains(construct, all, StringComparison.Ordinal);
        }
    }

    // Documented differences: what YamlReader does not read as YamlDotNet does, on purpose.

    [Fact]
    public void Explicit_keys_are_reported_as_unsupported_where_YamlDotNet_reads_them()
    {
        const string Text = "? Name\n: value\n";
        var expected = ReadWithYamlDotNet(Text);
        Assert.Equal("value", ((YamlScalarNode)((YamlMappingNode)expected).Children[new YamlScalarNode("Name")]).Value);

        var error = YamlReader.Parse(Text).Error;
        Assert.NotNull(error);
        Assert.Contains("Explicit mapping keys", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collections_as_keys_are_reported_as_unsupported_where_YamlDotNet_reads_them()
    {
        const string Text = "[a, b]: value\n";
        Assert.IsType<YamlMappingNode>(ReadWithYamlDotNet(Text));

        var error = YamlReader.Parse(Text).Error;
        Assert.NotNull(error);
        Assert.Contains("Collections used as mapping keys", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_key_is_kept_where_YamlDotNet_rejects_the_document()
    {
        // CloudFormation rejects such templates; reading them lets LAM03xx point at the value that wins.
        const string Text = "Timeout: 3\nTimeout: 5\n";
        Assert.ThrowsAny<Exception>(() => ReadWithYamlDotNet(Text));

        var root = YamlReader.Parse(Text).Root!;
        Assert.Equal(2, root.Properties.Length);
        Assert.Equal("5", root.Get("Timeout")!.Value);
    }

    private static YamlNode ReadWithYamlDotNet(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }

    private static string Canonical(YamlNode node)
    {
        var sb = new StringBuilder();
        Write(node, 0);
        return sb.ToString();

        void Write(YamlNode n, int indent)
        {
            sb.Append(' ', indent);
            var tag = n.Tag.IsEmpty || n.Tag.Value == "!" ? string.Empty : n.Tag.Value + " ";
            switch (n)
            {
                case YamlScalarNode scalar:
                    sb.Append(tag).Append(Quote(scalar.Value ?? string.Empty)).Append(" (").Append(scalar.Style).Append(")\n");
                    break;
                case YamlMappingNode mapping:
                    sb.Append(tag).Append("map\n");
                    foreach (var (key, value) in mapping.Children)
                    {
                        Write(key, indent + 2);
                        Write(value, indent + 4);
                    }

                    break;
                case YamlSequenceNode sequence:
                    sb.Append(tag).Append("seq\n");
                    foreach (var item in sequence.Children)
                    {
                        Write(item, indent + 2);
                    }

                    break;
                default:
                    sb.Append("unexpected ").Append(n.GetType().Name).Append('\n');
                    break;
            }
        }
    }

    private static string Canonical(ConfigNode? node)
    {
        var sb = new StringBuilder();
        if (node is not null)
        {
            Write(node, 0);
        }

        return sb.ToString();

        void Write(ConfigNode n, int indent)
        {
            sb.Append(' ', indent);
            var tag = n.Tag is null ? string.Empty : Expand(n.Tag) + " ";
            switch (n.Kind)
            {
                case ConfigNodeKind.Scalar:
                    sb.Append(tag).Append(Quote(n.Value ?? string.Empty)).Append(" (").Append(n.Style).Append(")\n");
                    break;
                case ConfigNodeKind.Mapping:
                    sb.Append(tag).Append("map\n");
                    foreach (var property in n.Properties)
                    {
                        Write(property.Key, indent + 2);
                        Write(property.Value, indent + 4);
                    }

                    break;
                default:
                    sb.Append(tag).Append("seq\n");
                    foreach (var item in n.Items)
                    {
                        Write(item, indent + 2);
                    }

                    break;
            }
        }
    }

    /// <summary>Tags as YamlDotNet reports them: <c>!!x</c> is shorthand for <c>tag:yaml.org,2002:x</c>; <c>!&lt;x&gt;</c> is <c>x</c>.</summary>
    private static string Expand(string tag) =>
        tag.StartsWith("!!", StringComparison.Ordinal) ? "tag:yaml.org,2002:" + tag.Substring(2)
        : tag.StartsWith("!<", StringComparison.Ordinal) && tag.EndsWith('>') ? tag.Substring(2, tag.Length - 3)
        : tag;

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Numbered(string text) =>
        string.Join("\n", text.Split('\n').Select((line, i) => $"{i + 1,3}| {line}"));
}
