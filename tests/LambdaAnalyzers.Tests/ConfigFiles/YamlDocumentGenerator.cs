using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace LambdaAnalyzers.Tests.ConfigFiles;

/// <summary>
/// Writes random, valid YAML documents shaped like SAM and CloudFormation templates, one per seed:
/// block and flow mappings and sequences (nested in each other, flow ones across lines), plain
/// scalars on one or several lines, single- and double-quoted scalars with escapes and line folding,
/// literal and folded block scalars with every chomping indicator and explicit indentation, quoted
/// keys, full-line and trailing comments, anchors and aliases, CloudFormation's short-form tags
/// (<c>!Ref</c>, <c>!Sub</c>, <c>!GetAtt</c>, <c>!If</c>, <c>!Join</c>, ...) on scalars, flow and block
/// collections, YAML core tags, <c>---</c>/<c>...</c> markers with a second document after, and
/// CRLF line breaks.
/// </summary>
internal sealed class YamlDocumentGenerator
{
    private static readonly string[] Words = { "alpha", "beta", "Orders", "table", "fn", "v2", "prod", "us-east-1", "x", "Handler", "10", "3.5", "true", "no" };

    // Plain scalars safe anywhere (block and flow): no indicators, no ": ", no " #".
    private static readonly string[] FlowPlain = { "alpha", "Orders-Table", "arn:aws:s3:::bucket", "us-east-1", "42", "-7", "3.25", "true", "false", "null", "~", "Fn.Arn", "a:b", "x#y", "dotnet8", "AWS::NoValue", "2010-09-09", "$ref", "50%", "a/b?c=d" };

    // Plain scalars valid in block context only (they hold flow indicators).
    private static readonly string[] BlockPlain = { "${AWS::StackName}-fn", "a,b,c", "list[0]", "x{y}", "C# code", "a:b:c" };

    private static readonly string[] PlainKeys = { "Type", "Properties", "Handler", "Runtime", "CodeUri", "MemorySize", "Timeout", "Environment", "Variables", "Events", "Path", "Method", "Layers", "Policies", "AWS::Region", "Fn::Sub", "x-amz-id", "key.with.dots", "2010", "null", "true" };

    private static readonly string[] TagsForScalars = { "!Ref", "!Sub", "!GetAtt", "!ImportValue", "!Base64", "!Condition", "!GetAZs" };

    private static readonly string[] TagsForSequences = { "!If", "!Join", "!Select", "!Equals", "!Not", "!FindInMap", "!Split", "!GetAtt", "!Sub", "!Or", "!And", "!Cidr" };

    private readonly Random _random;
    private readonly StringBuilder _out = new();
    private readonly List<string> _anchors = new();
    private int _nextAnchor;
    private int _nextKey;

    private YamlDocumentGenerator(int seed) => _random = new Random(seed);

    public static string Generate(int seed)
    {
        var generator = new YamlDocumentGenerator(seed);
        generator.Document();
        var text = generator._out.ToString();

        // Templates edited on Windows: every seventh document has CRLF line breaks.
        return seed % 7 == 0 ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text;
    }

    private void Document()
    {
        if (Chance(0.2))
        {
            _out.Append("# ").Append(Word()).Append(" template\n");
        }

        var marker = Chance(0.4);
        if (marker)
        {
            _out.Append("---");
            _out.Append(Chance(0.3) ? " # start\n" : "\n");
        }

        if (Chance(0.1))
        {
            BlockSequence(indent: 0, depth: 0);
        }
        else
        {
            _out.Append("AWSTemplateFormatVersion: '2010-09-09'\n");
            BlockMapping(indent: 0, depth: 0, entries: 2 + _random.Next(6), inlineFirst: false);
        }

        if (marker && Chance(0.5))
        {
            _out.Append(Chance(0.5) ? "...\n" : string.Empty);
            _out.Append("---\nSecond: document\nIgnored: [1, 2]\n");
        }
        else if (Chance(0.2))
        {
            _out.Append("...\n");
        }
    }

    /// <summary>
    /// Entries of a block mapping at <paramref name="indent"/>. With <paramref name="inlineFirst"/> the
    /// first key continues a line already written (after <c>- </c>).
    /// </summary>
    private void BlockMapping(int indent, int depth, int entries, bool inlineFirst)
    {
        for (var i = 0; i < entries; i++)
        {
            if (!(i == 0 && inlineFirst))
            {
                if (Chance(0.12))
                {
                    _out.Append(Spaces(Chance(0.5) ? indent : 0)).Append("# ").Append(Word()).Append(" note\n");
                }

                if (Chance(0.06))
                {
                    _out.Append('\n');
                }

                _out.Append(Spaces(indent));
            }

            if (Chance(0.05))
            {
                // An anchored key, which a later alias may repeat as a value.
                _out.Append('&').Append(NewAnchor()).Append(' ');
            }

            _out.Append(Key()).Append(':');
            MappingValue(indent, depth);
        }
    }

    /// <summary>What follows <c>key:</c> (the colon is written) for a key at <paramref name="indent"/>.</summary>
    private void MappingValue(int indent, int depth)
    {
        var choice = _random.Next(depth >= 4 ? 9 : 16);
        switch (choice)
        {
            case 0:
            case 1:
                _out.Append(' ').Append(Plain(block: true));
                TrailingComment();
                break;
            case 2:
                _out.Append(' ').Append(Quoted(indent + 2));
                TrailingComment();
                break;
            case 3:
                _out.Append(' ');
                MultiLinePlain(indent + 2);
                break;
            case 4:
                _out.Append(' ');
                BlockScalar(indent, allowIndicator: true);
                break;
            case 5:
                _out.Append(' ');
                FlowNode(indent + 2, depth + 1, collection: true);
                TrailingComment();
                break;
            case 6:
                _out.Append(' ').Append(Pick(TagsForScalars)).Append(' ').Append(Chance(0.5) ? Plain(block: false, tagged: true) : Quoted(indent + 2));
                TrailingComment();
                break;
            case 7:
                if (_anchors.Count > 0)
                {
                    _out.Append(" *").Append(Pick(_anchors));
                    TrailingComment();
                }
                else
                {
                    _out.Append(" ~\n");
                }

                break;
            case 8:
                // An empty value (null).
                TrailingComment();
                break;
            case 9:
            case 10:
            {
                var anchor = AnchorOrTag(sequence: false);
                _out.Append('\n');
                BlockMapping(indent + 2, depth + 1, 1 + _random.Next(4), inlineFirst: false);
                Define(anchor);
                break;
            }

            case 11:
            case 12:
            {
                var anchor = AnchorOrTag(sequence: true);
                _out.Append('\n');
                BlockSequence(Chance(0.5) ? indent : indent + 2, depth + 1);
                Define(anchor);
                break;
            }

            case 13:
                _out.Append(' ').Append(Pick(TagsForSequences)).Append(' ');
                FlowSequence(indent + 2, depth + 1);
                TrailingComment();
                break;
            case 14:
                _out.Append(" &").Append(NewAnchor()).Append(' ').Append(Chance(0.5) ? Plain(block: true) : Quoted(indent + 2));
                TrailingComment();
                break;
            default:
                _out.Append(" !Sub ");
                BlockScalar(indent, allowIndicator: false);
                break;
        }
    }

    private void BlockSequence(int indent, int depth)
    {
        var count = 1 + _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            if (Chance(0.1))
            {
                _out.Append(Spaces(indent)).Append("# item\n");
            }

            _out.Append(Spaces(indent)).Append('-');
            var choice = _random.Next(depth >= 4 ? 6 : 11);
            switch (choice)
            {
                case 0:
                case 1:
                    _out.Append(' ').Append(Plain(block: true));
                    TrailingComment();
                    break;
                case 2:
                    _out.Append(' ').Append(Quoted(indent + 2));
                    TrailingComment();
                    break;
                case 3:
                    _out.Append(' ');
                    MultiLinePlain(indent + 2);
                    break;
                case 4:
                    _out.Append(' ').Append(Pick(TagsForScalars)).Append(' ').Append(Plain(block: false, tagged: true));
                    TrailingComment();
                    break;
                case 5:
                    if (_anchors.Count > 0)
                    {
                        _out.Append(" *").Append(Pick(_anchors)).Append('\n');
                    }
                    else
                    {
                        _out.Append(" null\n");
                    }

                    break;
                case 6:
                case 7:
                    // A mapping inside the item, its first key on the dash's line.
                    _out.Append(' ');
                    BlockMapping(indent + 2, depth + 1, 1 + _random.Next(3), inlineFirst: true);
                    break;
                case 8:
                    _out.Append(' ');
                    FlowNode(indent + 2, depth + 1, collection: true);
                    TrailingComment();
                    break;
                case 9:
                    _out.Append(' ');
                    BlockScalar(indent, allowIndicator: false);
                    break;
                default:
                    // A nested block sequence on the following lines.
                    _out.Append('\n');
                    BlockSequence(indent + 2, depth + 1);
                    break;
            }
        }
    }

    /// <summary>A flow collection or scalar; continuation lines (if any) are indented <paramref name="indent"/>.</summary>
    private void FlowNode(int indent, int depth, bool collection)
    {
        if (collection || (depth < 4 && Chance(0.3)))
        {
            if (Chance(0.5))
            {
                FlowSequence(indent, depth);
            }
            else
            {
                FlowMapping(indent, depth);
            }

            return;
        }

        switch (_random.Next(5))
        {
            case 0:
                _out.Append(Quoted(indent));
                break;
            case 1:
                _out.Append(Pick(TagsForScalars)).Append(' ').Append(Plain(block: false, tagged: true));
                break;
            case 2 when _anchors.Count > 0:
                _out.Append('*').Append(Pick(_anchors));
                break;
            default:
                _out.Append(Plain(block: false));
                break;
        }
    }

    private void FlowSequence(int indent, int depth)
    {
        var count = _random.Next(depth >= 4 ? 3 : 5);
        _out.Append('[');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _out.Append(',');
                FlowSeparator(indent);
            }

            FlowNode(indent, depth + 1, collection: false);
        }

        _out.Append(']');
    }

    private void FlowMapping(int indent, int depth)
    {
        var count = _random.Next(depth >= 4 ? 3 : 4);
        _out.Append('{');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _out.Append(',');
                FlowSeparator(indent);
            }
            else if (Chance(0.5))
            {
                _out.Append(' ');
            }

            _out.Append(Key(flow: true)).Append(": ");
            FlowNode(indent, depth + 1, collection: false);
        }

        _out.Append('}');
    }

    private void FlowSeparator(int indent)
    {
        if (Chance(0.15))
        {
            _out.Append('\n').Append(Spaces(indent + 2));
        }
        else
        {
            _out.Append(' ');
        }
    }

    /// <summary>A plain scalar folded over several lines, continuation lines at <paramref name="indent"/>.</summary>
    private void MultiLinePlain(int indent)
    {
        _out.Append(Word()).Append(' ').Append(Word());
        var lines = 1 + _random.Next(3);
        for (var i = 0; i < lines; i++)
        {
            _out.Append('\n');
            if (Chance(0.25))
            {
                _out.Append('\n');
            }

            _out.Append(Spaces(indent + _random.Next(2))).Append(Word()).Append(Chance(0.3) ? " " + Word() : string.Empty);
        }

        _out.Append('\n');
    }

    /// <summary>A single- or double-quoted scalar, sometimes across lines (continuations at <paramref name="indent"/>).</summary>
    private string Quoted(int indent)
    {
        var sb = new StringBuilder();
        var multiLine = Chance(0.25);
        if (Chance(0.5))
        {
            sb.Append('\'').Append(Word());
            if (Chance(0.4))
            {
                sb.Append("''s ").Append(Word());
            }

            if (multiLine)
            {
                sb.Append('\n').Append(Spaces(indent)).Append(Word());
                if (Chance(0.4))
                {
                    sb.Append("\n\n").Append(Spaces(indent)).Append(Word());
                }
            }

            if (Chance(0.2))
            {
                sb.Append(" # not a comment");
            }

            return sb.Append('\'').ToString();
        }

        sb.Append('"').Append(Word());
        switch (_random.Next(6))
        {
            case 0:
                sb.Append("\\n").Append(Word());
                break;
            case 1:
                sb.Append("\\t\\\"q\\\" \\\\ ").Append(Word());
                break;
            case 2:
                sb.Append(" caf\\u00e9 \\x41");
                break;
            case 3:
                sb.Append(" ${AWS::Region}: x");
                break;
        }

        if (multiLine)
        {
            sb.Append(Chance(0.5) ? "\\" : string.Empty).Append('\n').Append(Spaces(indent)).Append(Word());
            if (Chance(0.3))
            {
                sb.Append("\n\n").Append(Spaces(indent)).Append(Word());
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>
    /// A literal or folded block scalar whose header goes on the current line; content lines are
    /// indented two more than <paramref name="parentIndent"/> (plus the indicator's leading spaces).
    /// </summary>
    private void BlockScalar(int parentIndent, bool allowIndicator)
    {
        var literal = Chance(0.5);
        var chomping = Pick(new[] { string.Empty, "-", "+" });
        var explicitIndent = allowIndicator && Chance(0.25);
        _out.Append(literal ? '|' : '>');
        if (explicitIndent)
        {
            _out.Append('2');
        }

        _out.Append(chomping);
        _out.Append(Chance(0.2) ? " # header comment\n" : "\n");
        var contentIndent = parentIndent + 2;
        if (Chance(0.15))
        {
            _out.Append('\n');
        }

        var lines = 1 + _random.Next(5);
        for (var i = 0; i < lines; i++)
        {
            var extra = (i == 0 && !explicitIndent) ? 0 : (Chance(0.2) ? 2 : 0);
            _out.Append(Spaces(contentIndent + extra)).Append(Word());
            if (Chance(0.4))
            {
                _out.Append(' ').Append(Word());
            }

            if (Chance(0.15))
            {
                _out.Append(" # kept");
            }

            _out.Append('\n');
            if (Chance(0.15))
            {
                _out.Append('\n');
            }
        }

        if (Chance(0.3))
        {
            _out.Append('\n');
        }
    }

    private void TrailingComment() => _out.Append(Chance(0.15) ? " # " + Word() + "\n" : "\n");

    /// <summary>Writes an anchor (returned, to be defined once its node is complete: no alias inside its own node) or a tag.</summary>
    private string? AnchorOrTag(bool sequence)
    {
        if (Chance(0.2))
        {
            var name = "anchor" + _nextAnchor++.ToString(CultureInfo.InvariantCulture);
            _out.Append(" &").Append(name);
            return name;
        }

        if (Chance(0.15))
        {
            _out.Append(' ').Append(sequence ? Pick(TagsForSequences) : "!Transform");
        }

        return null;
    }

    private void Define(string? anchor)
    {
        if (anchor is not null)
        {
            _anchors.Add(anchor);
        }
    }

    private string NewAnchor()
    {
        var name = "anchor" + _nextAnchor++.ToString(CultureInfo.InvariantCulture);
        _anchors.Add(name);
        return name;
    }

    /// <summary>A key unique in the document (so no mapping repeats one), plain or quoted.</summary>
    private string Key(bool flow = false)
    {
        var suffix = (_nextKey++).ToString(CultureInfo.InvariantCulture);
        return _random.Next(6) switch
        {
            0 => "'" + Pick(PlainKeys) + " " + suffix + "'",
            1 => "\"" + Pick(PlainKeys) + "\\t" + suffix + "\"",
            2 when !flow => "!!str " + Pick(PlainKeys) + suffix,
            _ => Pick(PlainKeys) + suffix,
        };
    }

    private string Plain(bool block, bool tagged = false)
    {
        if (!tagged && Chance(0.1))
        {
            return "!!str " + Pick(FlowPlain);
        }

        return block && Chance(0.25) ? Pick(BlockPlain) : Pick(FlowPlain);
    }

    private string Word() => Pick(Words);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(double p) => _random.NextDouble() < p;

    private static string Spaces(int count) => new(' ', count);
}
