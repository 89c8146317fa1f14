using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.ConfigFiles;

internal enum ConfigNodeKind
{
    Scalar,
    Mapping,
    Sequence,
}

/// <summary>How a scalar was written. JSON strings are <see cref="DoubleQuoted"/>; JSON numbers, <c>true</c>, <c>false</c> and <c>null</c> are <see cref="Plain"/>.</summary>
internal enum ScalarStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// <summary>
/// One node of a JSON or YAML document: a scalar, a mapping or a sequence, with its exact place in
/// the file and, for YAML, its tag (<c>!Ref</c>, <c>!Sub</c>, ...). Both readers build this shape so
/// the CloudFormation reader is written once.
/// </summary>
internal sealed class ConfigNode
{
    private ConfigNode(ConfigNodeKind kind, TextSpan span, LinePositionSpan lineSpan, string? tag)
    {
        Kind = kind;
        Span = span;
        LineSpan = lineSpan;
        Tag = tag;
    }

    public ConfigNodeKind Kind { get; }

    /// <summary>The node's text in the file, quotes and brackets included; a YAML tag or anchor in front is not part of it.</summary>
    public TextSpan Span { get; }

    public LinePositionSpan LineSpan { get; }

    /// <summary>The YAML tag as written (<c>!Ref</c>, <c>!!str</c>, <c>!&lt;tag:x&gt;</c>), or null.</summary>
    public string? Tag { get; }

    /// <summary>A scalar's value after unescaping and folding; null for mappings and sequences.</summary>
    public string? Value { get; private set; }

    public ScalarStyle Style { get; private set; }

    /// <summary>
    /// Where <see cref="Value"/>'s first character sits in the file when the value is the source text
    /// unchanged (no escapes, no folding), so parts of it can be located exactly; otherwise -1.
    /// </summary>
    public int VerbatimStart { get; private set; } = -1;

    public ImmutableArray<ConfigProperty> Properties { get; private set; } = ImmutableArray<ConfigProperty>.Empty;

    public ImmutableArray<ConfigNode> Items { get; private set; } = ImmutableArray<ConfigNode>.Empty;

    public bool IsScalar => Kind == ConfigNodeKind.Scalar;

    public bool IsMapping => Kind == ConfigNodeKind.Mapping;

    public bool IsSequence => Kind == ConfigNodeKind.Sequence;

    /// <summary>A plain, untagged scalar that YAML reads as null (empty, <c>~</c>, <c>null</c>), or JSON's <c>null</c>.</summary>
    public bool IsNull =>
        Kind == ConfigNodeKind.Scalar && Style == ScalarStyle.Plain && Tag is null
        && Value is "" or "~" or "null" or "Null" or "NULL";

    public static ConfigNode Scalar(string value, ScalarStyle style, TextSpan span, LinePositionSpan lineSpan, string? tag, int verbatimStart) =>
        new(ConfigNodeKind.Scalar, span, lineSpan, tag) { Value = value, Style = style, VerbatimStart = verbatimStart };

    public static ConfigNode Mapping(ImmutableArray<ConfigProperty> properties, TextSpan span, LinePositionSpan lineSpan, string? tag) =>
        new(ConfigNodeKind.Mapping, span, lineSpan, tag) { Properties = properties };

    public static ConfigNode Sequence(ImmutableArray<ConfigNode> items, TextSpan span, LinePositionSpan lineSpan, string? tag) =>
        new(ConfigNodeKind.Sequence, span, lineSpan, tag) { Items = items };

    /// <summary>The value of a mapping's key (the last one when a key repeats); null when absent or not a mapping.</summary>
    public ConfigNode? Get(string key) => GetProperty(key)?.Value;

    public ConfigProperty? GetProperty(string key)
    {
        ConfigProperty? found = null;
        foreach (var property in Properties)
        {
            if (string.Equals(property.Name, key, StringComparison.Ordinal))
            {
                found = property;
            }
        }

        return found;
    }

    /// <summary>A scalar holding a whole number in <see cref="int"/> range (CloudFormation also takes numbers written as strings).</summary>
    public bool TryGetInt32(out int value)
    {
        value = 0;
        if (Kind != ConfigNodeKind.Scalar || Value is null || (Tag is not null && !IsCoreTag(Tag)))
        {
            return false;
        }

        var text = Value.Trim();
        if (text.EndsWith(".0", StringComparison.Ordinal))
        {
            text = text.Substring(0, text.Length - 2);
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// A CloudFormation intrinsic: any application tag (<c>!Ref</c>, <c>!Sub</c>, <c>!If</c>, ...), or a
    /// mapping whose single key is <c>Ref</c>, <c>Condition</c> or <c>Fn::*</c>. Its value is known only at deploy time.
    /// </summary>
    public bool IsIntrinsic
    {
        get
        {
            if (Tag is not null && !IsCoreTag(Tag))
            {
                return true;
            }

            if (Kind != ConfigNodeKind.Mapping || Properties.Length != 1)
            {
                return false;
            }

            var name = Properties[0].Name;
            return name is "Ref" or "Condition" || name.StartsWith("Fn::", StringComparison.Ordinal);
        }
    }

    /// <summary>YAML's own type tags (<c>!!str</c>, <c>!!int</c>, verbatim <c>tag:yaml.org,2002:</c>) that only restate a value.</summary>
    private static bool IsCoreTag(string tag) =>
        tag.StartsWith("!!", StringComparison.Ordinal) || tag.StartsWith("!<tag:yaml.org,2002:", StringComparison.Ordinal);

    public override string ToString() => Kind switch
    {
        ConfigNodeKind.Scalar => (Tag is null ? string.Empty : Tag + " ") + Value,
        ConfigNodeKind.Mapping => (Tag is null ? string.Empty : Tag + " ") + "{" + Properties.Length + " keys}",
        _ => (Tag is null ? string.Empty : Tag + " ") + "[" + Items.Length + " items]",
    };
}

/// <summary>One <c>key: value</c> entry of a mapping.</summary>
internal sealed class ConfigProperty
{
    public ConfigProperty(ConfigNode key, ConfigNode value)
    {
        Key = key;
        Value = value;
    }

    public ConfigNode Key { get; }

    public ConfigNode Value { get; }

    public string Name => Key.Value ?? string.Empty;
}

/// <summary>The first syntax error of a file, at the first character that cannot be read.</summary>
internal sealed class ConfigSyntaxError
{
    public ConfigSyntaxError(string message, TextSpan span, LinePositionSpan lineSpan)
    {
        Message = message;
        Span = span;
        LineSpan = lineSpan;
    }

    public string Message { get; }

    public TextSpan Span { get; }

    public LinePositionSpan LineSpan { get; }

    public override string ToString() => $"({LineSpan.Start.Line + 1},{LineSpan.Start.Character + 1}): {Message}";
}

/// <summary>A parsed file: its root (null when the file is empty or unreadable) or its first error.</summary>
internal sealed class ConfigDocument
{
    public ConfigDocument(ConfigNode? root, ConfigSyntaxError? error, LineMap lines)
    {
        Root = root;
        Error = error;
        Lines = lines;
    }

    public ConfigNode? Root { get; }

    public ConfigSyntaxError? Error { get; }

    public LineMap Lines { get; }
}
