using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// Reads the YAML that CloudFormation and SAM templates are written in: block and flow mappings and
/// sequences, plain, quoted and block scalars, comments, document markers, anchors and aliases, and
/// tags of any name (<c>!Ref</c>, <c>!GetAtt</c>, <c>!Sub</c>, ...), which are recorded on the node.
/// Only the first document of a stream is read. Never throws on bad input: the first error comes
/// back with the line and column of the first character that cannot be read. Explicit keys
/// (<c>? key</c>) and collections used as keys are reported as unsupported.
/// </summary>
internal static class YamlReader
{
    public const int MaxDepth = 200;

    public static ConfigDocument Parse(string text, CancellationToken cancellationToken = default)
    {
        var lines = LineMap.Create(text);
        var parser = new Parser(text, lines, cancellationToken);
        try
        {
            return new ConfigDocument(parser.ParseDocument(), null, lines);
        }
        catch (SyntaxErrorException e)
        {
            var span = new TextSpan(e.Offset, e.Offset < text.Length ? 1 : 0);
            return new ConfigDocument(null, new ConfigSyntaxError(e.Message, span, lines.GetLineSpan(span)), lines);
        }
    }

    private sealed class Parser : TextParser
    {
        private readonly Dictionary<string, ConfigNode> _anchors = new(StringComparer.Ordinal);
        private readonly StringBuilder _buffer = new();

        public Parser(string text, LineMap lines, CancellationToken cancellationToken)
            : base(text, lines, MaxDepth, cancellationToken)
        {
        }

        public ConfigNode? ParseDocument()
        {
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _pos = 1;
            }

            SkipIndentation(flow: false);
            while (true)
            {
                SkipToNextContent(flow: false);
                if (_pos < _text.Length && _text[_pos] == '%' && Column(_pos) == 0)
                {
                    SkipToLineEnd();
                    continue;
                }

                break;
            }

            if (_pos >= _text.Length)
            {
                return null;
            }

            var emptyAt = _pos;
            if (IsDocumentMarker(_pos, "---"))
            {
                _pos += 3;
                emptyAt = _pos;
            }
            else if (IsDocumentMarker(_pos, "..."))
            {
                return null;
            }

            var root = ParseNode(parentIndent: -1, isMappingValue: false, emptyAt);
            SkipToNextContent(flow: false);
            if (_pos < _text.Length && !IsDocumentMarker(_pos, "---") && !IsDocumentMarker(_pos, "..."))
            {
                throw Error($"Expected the end of the document but found {Describe(_pos)}", _pos);
            }

            return root.IsNull && root.Span.Length == 0 ? null : root;
        }

        /// <summary>
        /// A node in block context whose parent is indented <paramref name="parentIndent"/>. After
        /// <c>key:</c> (<paramref name="isMappingValue"/>) a node on the same line cannot open a block
        /// collection, and on later lines a sequence may sit at the key's own indentation.
        /// </summary>
        private ConfigNode ParseNode(int parentIndent, bool isMappingValue, int emptyAt)
        {
            Enter(emptyAt);
            try
            {
                var crossed = SkipToNextContent(flow: false);
                if (!StartsNode(parentIndent, isMappingValue, crossed))
                {
                    return Empty(emptyAt, tag: null);
                }

                var nodeColumn = Column(_pos);
                string? tag = null;
                string? anchor = null;
                if (Peek() is '!' or '&')
                {
                    ParseProperties(ref tag, ref anchor, flow: false);
                    var propertiesEnd = _pos;
                    SkipSpaces();
                    if (AtLineEndOrComment())
                    {
                        // Properties alone on their line belong to the node that starts on a later line.
                        crossed = SkipToNextContent(flow: false);
                        if (!StartsNode(parentIndent, isMappingValue, crossed))
                        {
                            return Register(anchor, Empty(propertiesEnd, tag));
                        }

                        nodeColumn = Column(_pos);
                        string? lineTag = null;
                        string? lineAnchor = null;
                        var lineProperties = Peek() is '!' or '&';
                        if (lineProperties)
                        {
                            ParseProperties(ref lineTag, ref lineAnchor, flow: false);
                            SkipSpaces();
                        }

                        var content = ParseContent(parentIndent, compactAllowed: true, nodeColumn, new Properties(lineTag, lineAnchor), new Properties(tag, anchor));
                        return Register(anchor, content);
                    }

                    // Properties on the content's own line: the key's if a mapping starts here, else the node's.
                    var compact = crossed || !isMappingValue;
                    return ParseContent(parentIndent, compact, nodeColumn, new Properties(tag, anchor), outer: default);
                }

                var compactAllowed = crossed || !isMappingValue;
                return ParseContent(parentIndent, compactAllowed, nodeColumn, inline: default, outer: default);
            }
            finally
            {
                Leave();
            }
        }

        /// <summary>Whether the next content (at <see cref="TextParser._pos"/>) belongs to the node being read, or the node is empty.</summary>
        private bool StartsNode(int parentIndent, bool isMappingValue, bool crossed)
        {
            var column = ContentColumn();
            if (column < 0)
            {
                return false;
            }

            if (!crossed)
            {
                return true;
            }

            return column > parentIndent || (isMappingValue && column == parentIndent && AtSequenceEntry());
        }

        /// <summary>
        /// The content of a block node at <see cref="TextParser._pos"/>. <paramref name="inline"/> are properties
        /// written just before it on its line: they belong to the first key when a block mapping starts
        /// here, otherwise to the node. <paramref name="outer"/> are properties written alone on an
        /// earlier line: the node's whatever it is (the caller registers their anchor). A node cannot
        /// have both.
        /// </summary>
        private ConfigNode ParseContent(int parentIndent, bool compactAllowed, int column, Properties inline, Properties outer)
        {
            var tag = inline.Tag ?? outer.Tag;
            var c = Peek();
            var next = PeekAt(_pos + 1);
            switch (c)
            {
                case '-' when IsBlankOrEnd(next):
                    if (!compactAllowed)
                    {
                        throw Error("A block sequence cannot start on the same line as its key; start it on the next line", _pos);
                    }

                    return RegisterInline(inline, outer, ParseBlockSequence(Column(_pos), tag));
                case '?' when IsBlankOrEnd(next):
                    throw Error("Explicit mapping keys ('? key') are not supported", _pos);
                case ':' when IsBlankOrEnd(next):
                    throw Error("A mapping entry needs a key before ':'", _pos);
                case '|' or '>':
                    return RegisterInline(inline, outer, ParseBlockScalar(parentIndent, tag));
                case '[' or '{':
                    {
                        var flow = ParseFlowCollection(tag);
                        SkipSpaces();
                        if (Peek() == ':' && IsBlankOrEnd(PeekAt(_pos + 1)))
                        {
                            throw Error("Collections used as mapping keys are not supported", flow.Span.Start);
                        }

                        ExpectLineEnd();
                        return RegisterInline(inline, outer, flow);
                    }

                case '*':
                    {
                        var alias = ParseAlias();
                        ExpectLineEnd();
                        return alias;
                    }

                case '"' or '\'':
                    {
                        var start = _pos;
                        var scalar = ParseQuoted(inline.Tag);
                        var singleLine = _lines.GetPosition(start).Line == _lines.GetPosition(_pos).Line;
                        if (compactAllowed && singleLine && FollowedByMappingColon())
                        {
                            return ParseBlockMapping(column, Register(inline.Anchor, scalar), outer.Tag);
                        }

                        ExpectLineEnd();
                        return RegisterInline(inline, outer, inline.Tag is null && outer.Tag is not null ? WithTag(scalar, outer.Tag) : scalar);
                    }

                default:
                    {
                        CheckPlainStart(flow: false);
                        var start = _pos;
                        var end = ScanPlainLine(flow: false);
                        _pos = end;
                        if (compactAllowed && FollowedByMappingColon())
                        {
                            var key = PlainScalar(_text.Substring(start, end - start), start, end, inline.Tag);
                            return ParseBlockMapping(column, Register(inline.Anchor, key), outer.Tag);
                        }

                        var node = ContinuePlain(start, end, parentIndent, tag, flow: false);
                        ExpectLineEnd();
                        return RegisterInline(inline, outer, node);
                    }
            }
        }

        private ConfigNode ParseBlockMapping(int column, ConfigNode firstKey, string? tag)
        {
            var start = firstKey.Span.Start;
            var properties = ImmutableArray.CreateBuilder<ConfigProperty>();
            var key = firstKey;
            var end = key.Span.End;
            while (true)
            {
                Step();

                // _pos is at the ':' of the current entry.
                _pos++;
                var value = ParseNode(column, isMappingValue: true, emptyAt: _pos);
                properties.Add(new ConfigProperty(key, value));
                end = Math.Max(Math.Max(end, value.Span.End), key.Span.End + 1);

                SkipToNextContent(flow: false);
                var next = ContentColumn();
                if (next < column)
                {
                    break;
                }

                if (!FirstOnItsLine(_pos))
                {
                    throw Error($"Unexpected {Describe(_pos)} after the value", _pos);
                }

                if (next > column)
                {
                    throw Error($"Bad indentation: this line is indented more than the keys of its mapping (column {column + 1})", _pos);
                }

                key = ParseKey();
            }

            return ConfigNode.Mapping(properties.ToImmutable(), TextSpan.FromBounds(start, end), _lines.GetLineSpan(TextSpan.FromBounds(start, end)), tag);
        }

        /// <summary>A key of a block mapping after its first, up to the ':' that follows it.</summary>
        private ConfigNode ParseKey()
        {
            string? tag = null;
            string? anchor = null;
            if (Peek() is '!' or '&')
            {
                ParseProperties(ref tag, ref anchor, flow: false);
                SkipSpaces();
            }

            var c = Peek();
            var next = PeekAt(_pos + 1);
            ConfigNode key;
            if (c == '-' && IsBlankOrEnd(next))
            {
                throw Error("A sequence entry cannot appear among the keys of a mapping", _pos);
            }

            if (c == '?' && IsBlankOrEnd(next))
            {
                throw Error("Explicit mapping keys ('? key') are not supported", _pos);
            }

            if (c == ':' && IsBlankOrEnd(next))
            {
                throw Error("A mapping entry needs a key before ':'", _pos);
            }

            if (c is '[' or '{')
            {
                throw Error("Collections used as mapping keys are not supported", _pos);
            }

            if (c is '|' or '>')
            {
                throw Error($"Expected a mapping key but found {Describe(_pos)}", _pos);
            }

            if (c is '"' or '\'')
            {
                var start = _pos;
                key = ParseQuoted(tag);
                if (_lines.GetPosition(start).Line != _lines.GetPosition(_pos).Line)
                {
                    throw Error("A mapping key must fit on one line", start);
                }
            }
            else if (c == '*')
            {
                key = ParseAlias();
            }
            else
            {
                CheckPlainStart(flow: false);
                var start = _pos;
                var end = ScanPlainLine(flow: false);
                _pos = end;
                key = PlainScalar(_text.Substring(start, end - start), start, end, tag);
            }

            Register(anchor, key);
            if (!FollowedByMappingColon())
            {
                SkipSpaces();
                throw Error($"Expected ':' after the mapping key '{key.Value}' but found {Describe(_pos)}", _pos);
            }

            return key;
        }

        private ConfigNode ParseBlockSequence(int column, string? tag)
        {
            var start = _pos;
            var items = ImmutableArray.CreateBuilder<ConfigNode>();
            var end = _pos;
            while (true)
            {
                Step();

                // _pos is at the '-' of the current entry.
                _pos++;
                var item = ParseNode(column, isMappingValue: false, emptyAt: _pos);
                items.Add(item);
                end = Math.Max(end + 1, item.Span.End);

                SkipToNextContent(flow: false);
                var next = ContentColumn();
                if (next < column || (next == column && !AtSequenceEntry()))
                {
                    break;
                }

                if (next > column)
                {
                    throw Error($"Bad indentation: this line is indented more than the '-' entries of its sequence (column {column + 1})", _pos);
                }
            }

            var span = TextSpan.FromBounds(start, end);
            return ConfigNode.Sequence(items.ToImmutable(), span, _lines.GetLineSpan(span), tag);
        }

        private ConfigNode ParseBlockScalar(int parentIndent, string? tag)
        {
            var start = _pos;
            var folded = _text[_pos] == '>';
            _pos++;
            var chomping = 0; // -1 strip, 0 clip, +1 keep
            var increment = 0;
            for (var i = 0; i < 2; i++)
            {
                var c = Peek();
                if ((c == '+' || c == '-') && chomping == 0)
                {
                    chomping = c == '+' ? 1 : -1;
                    _pos++;
                }
                else if (c >= '1' && c <= '9' && increment == 0)
                {
                    increment = c - '0';
                    _pos++;
                }
                else if (c == '0')
                {
                    throw Error("A block scalar's indentation indicator must be 1 to 9", _pos);
                }
            }

            var headerEnd = _pos;
            SkipSpaces();
            if (!AtLineEndOrComment())
            {
                throw Error($"Unexpected {Describe(_pos)} after the block scalar indicator", _pos);
            }

            SkipToLineEnd();
            var minIndent = Math.Max(parentIndent + 1, 1);
            var indent = increment > 0 ? (parentIndent >= 0 ? parentIndent + increment : increment) : -1;

            // Lines that belong to the scalar: blank ones, and those indented at least as much as its
            // first content line. The caller resumes at the end of the last one, so it crosses that
            // line break itself and checks the next line's indentation.
            var contentLines = new List<(int Start, int End)?>();
            var lastContentEnd = -1;
            var resume = _pos;
            var lineStart = SkipLineBreak(_pos);
            while (lineStart > resume && lineStart < _text.Length)
            {
                Step();
                var spaces = 0;
                while (lineStart + spaces < _text.Length && _text[lineStart + spaces] == ' ')
                {
                    spaces++;
                }

                var lineEnd = LineEnd(lineStart);
                var blank = lineStart + spaces == lineEnd;
                if (!blank)
                {
                    if (indent < 0)
                    {
                        if (spaces < minIndent)
                        {
                            break;
                        }

                        indent = spaces;
                    }

                    if (spaces < indent)
                    {
                        break;
                    }
                }

                if (blank && (indent < 0 || spaces <= indent))
                {
                    contentLines.Add(null);
                }
                else
                {
                    contentLines.Add((lineStart + indent, lineEnd));
                    lastContentEnd = lineEnd;
                }

                resume = lineEnd;
                lineStart = SkipLineBreak(lineEnd);
            }

            _pos = resume;
            var endsWithBreak = lastContentEnd >= 0 && lastContentEnd < _text.Length;
            var value = FoldBlockScalar(contentLines, folded, chomping, endsWithBreak);
            var span = TextSpan.FromBounds(start, Math.Max(lastContentEnd, headerEnd));
            return ConfigNode.Scalar(value, folded ? ScalarStyle.Folded : ScalarStyle.Literal, span, _lines.GetLineSpan(span), tag, verbatimStart: -1);
        }

        private string FoldBlockScalar(List<(int Start, int End)?> contentLines, bool folded, int chomping, bool endsWithBreak)
        {
            _buffer.Clear();
            var seenContent = false;
            var previousBlank = false;
            var breaks = 0;
            foreach (var line in contentLines)
            {
                if (line is not { } content)
                {
                    breaks++;
                    continue;
                }

                var text = _text.Substring(content.Start, content.End - content.Start);
                var startsBlank = text.Length > 0 && (text[0] == ' ' || text[0] == '\t');
                if (!seenContent)
                {
                    _buffer.Append('\n', breaks);
                }
                else if (folded && !previousBlank && !startsBlank)
                {
                    if (breaks == 0)
                    {
                        _buffer.Append(' ');
                    }
                    else
                    {
                        _buffer.Append('\n', breaks);
                    }
                }
                else
                {
                    _buffer.Append('\n', breaks + 1);
                }

                _buffer.Append(text);
                previousBlank = startsBlank;
                seenContent = true;
                breaks = 0;
            }

            if (chomping > 0)
            {
                _buffer.Append('\n', (seenContent && endsWithBreak ? 1 : 0) + breaks);
            }
            else if (chomping == 0 && seenContent && endsWithBreak)
            {
                _buffer.Append('\n');
            }

            return _buffer.ToString();
        }

        private ConfigNode ParseFlowCollection(string? tag)
        {
            Enter(_pos);
            try
            {
                var start = _pos;
                var open = _text[_pos];
                var close = open == '[' ? ']' : '}';
                _pos++;
                var items = ImmutableArray.CreateBuilder<ConfigNode>();
                var properties = ImmutableArray.CreateBuilder<ConfigProperty>();
                while (true)
                {
                    Step();
                    SkipFlowTrivia(start, open);
                    if (Peek() == close)
                    {
                        _pos++;
                        break;
                    }

                    var entryStart = _pos;
                    var first = ParseFlowNode(start, open);
                    SkipFlowTrivia(start, open);
                    if (Peek() == ':')
                    {
                        _pos++;
                        SkipFlowTrivia(start, open);
                        var value = Peek() is ',' || Peek() == close ? Empty(_pos, tag: null) : ParseFlowNode(start, open);
                        if (open == '{')
                        {
                            properties.Add(new ConfigProperty(first, value));
                        }
                        else
                        {
                            var pairSpan = TextSpan.FromBounds(entryStart, Math.Max(value.Span.End, first.Span.End));
                            items.Add(ConfigNode.Mapping(
                                ImmutableArray.Create(new ConfigProperty(first, value)), pairSpan, _lines.GetLineSpan(pairSpan), tag: null));
                        }
                    }
                    else if (open == '{')
                    {
                        properties.Add(new ConfigProperty(first, Empty(first.Span.End, tag: null)));
                    }
                    else
                    {
                        items.Add(first);
                    }

                    SkipFlowTrivia(start, open);
                    var c = Peek();
                    if (c == ',')
                    {
                        _pos++;
                        continue;
                    }

                    if (c == close)
                    {
                        _pos++;
                        break;
                    }

                    throw Error($"Expected ',' or '{close}' but found {Describe(_pos)}", _pos);
                }

                var span = TextSpan.FromBounds(start, _pos);
                return open == '['
                    ? ConfigNode.Sequence(items.ToImmutable(), span, _lines.GetLineSpan(span), tag)
                    : ConfigNode.Mapping(properties.ToImmutable(), span, _lines.GetLineSpan(span), tag);
            }
            finally
            {
                Leave();
            }
        }

        private ConfigNode ParseFlowNode(int collectionStart, char open)
        {
            string? tag = null;
            string? anchor = null;
            if (Peek() is '!' or '&')
            {
                ParseProperties(ref tag, ref anchor, flow: true);
                SkipFlowTrivia(collectionStart, open);
            }

            var c = Peek();
            var node = c switch
            {
                '[' or '{' => ParseFlowCollection(tag),
                '"' or '\'' => ParseQuoted(tag),
                '*' => ParseAlias(),
                ',' or ']' or '}' => Empty(_pos, tag),
                ':' when IsBlankOrEnd(PeekAt(_pos + 1)) || IsFlowIndicator(PeekAt(_pos + 1)) => Empty(_pos, tag),
                _ => ParseFlowPlain(tag),
            };
            return Register(anchor, node);
        }

        private ConfigNode ParseFlowPlain(string? tag)
        {
            var c = Peek();
            if ((c == '-' || c == '?') && IsBlankOrEnd(PeekAt(_pos + 1)))
            {
                throw Error($"Block collection entries ('{c} ') are not allowed inside [ ] or {{ }}", _pos);
            }

            if (c is '|' or '>')
            {
                throw Error("Block scalars ('|', '>') are not allowed inside [ ] or { }", _pos);
            }

            CheckPlainStart(flow: true);
            var start = _pos;
            var end = ScanPlainLine(flow: true);
            _pos = end;
            return ContinuePlain(start, end, parentIndent: -1, tag, flow: true);
        }

        /// <summary>Reads the lines a plain scalar continues on (each indented more than its parent), folding them.</summary>
        private ConfigNode ContinuePlain(int start, int firstEnd, int parentIndent, string? tag, bool flow)
        {
            var end = firstEnd;
            StringBuilder? folded = null;
            while (true)
            {
                var probe = end;
                while (probe < _text.Length && _text[probe] is ' ' or '\t')
                {
                    probe++;
                }

                if (probe >= _text.Length || !IsBreak(_text[probe]))
                {
                    break;
                }

                var breaks = 0;
                var lineStart = probe;
                while (lineStart < _text.Length && IsBreak(_text[lineStart]))
                {
                    lineStart = SkipLineBreak(lineStart);
                    breaks++;
                    var spaces = lineStart;
                    while (spaces < _text.Length && _text[spaces] is ' ' or '\t')
                    {
                        spaces++;
                    }

                    if (spaces < _text.Length && IsBreak(_text[spaces]))
                    {
                        lineStart = spaces;
                    }
                }

                var indent = 0;
                while (lineStart + indent < _text.Length && _text[lineStart + indent] == ' ')
                {
                    indent++;
                }

                var contentStart = lineStart + indent;
                while (contentStart < _text.Length && _text[contentStart] == '\t')
                {
                    contentStart++;
                }

                if (contentStart >= _text.Length || (!flow && indent <= parentIndent) || IsDocumentMarker(lineStart, "---")
                    || IsDocumentMarker(lineStart, "...") || _text[contentStart] == '#' || (flow && IsFlowEnd(contentStart)))
                {
                    break;
                }

                _pos = contentStart;
                var segmentEnd = ScanPlainLine(flow);
                if (segmentEnd == contentStart)
                {
                    break;
                }

                folded ??= new StringBuilder(_text, start, firstEnd - start, 64);
                if (breaks == 1)
                {
                    folded.Append(' ');
                }
                else
                {
                    folded.Append('\n', breaks - 1);
                }

                folded.Append(_text, contentStart, segmentEnd - contentStart);
                end = segmentEnd;
            }

            _pos = end;
            return folded is null
                ? PlainScalar(_text.Substring(start, firstEnd - start), start, firstEnd, tag)
                : ConfigNode.Scalar(folded.ToString(), ScalarStyle.Plain, TextSpan.FromBounds(start, end), _lines.GetLineSpan(TextSpan.FromBounds(start, end)), tag, -1);
        }

        private bool IsFlowEnd(int offset)
        {
            var c = _text[offset];
            return c is ',' or ']' or '}' || (c == ':' && (IsBlankOrEnd(PeekAt(offset + 1)) || IsFlowIndicator(PeekAt(offset + 1))));
        }

        /// <summary>One line of a plain scalar from <see cref="TextParser._pos"/>; returns where its text ends (trailing blanks excluded).</summary>
        private int ScanPlainLine(bool flow)
        {
            var p = _pos;
            var end = _pos;
            while (p < _text.Length)
            {
                var c = _text[p];
                if (IsBreak(c))
                {
                    break;
                }

                if (c == ':' && (IsBlankOrEnd(PeekAt(p + 1)) || (flow && IsFlowIndicator(PeekAt(p + 1)))))
                {
                    break;
                }

                if (flow && IsFlowIndicator(c))
                {
                    break;
                }

                if (c is ' ' or '\t')
                {
                    var q = p;
                    while (q < _text.Length && _text[q] is ' ' or '\t')
                    {
                        q++;
                    }

                    if (q < _text.Length && _text[q] == '#')
                    {
                        break;
                    }

                    p = q;
                    continue;
                }

                p++;
                end = p;
            }

            return end;
        }

        private void CheckPlainStart(bool flow)
        {
            var c = Peek();
            if (c is '@' or '`')
            {
                throw Error($"'{c}' is reserved and cannot start a plain value; quote the value", _pos);
            }

            if (c is '%' or ']' or '}' or ',' || (flow && c is '#'))
            {
                throw Error($"Unexpected {Describe(_pos)}", _pos);
            }

            if (c == '#')
            {
                throw Error("Expected a value but found a comment", _pos);
            }
        }

        private ConfigNode ParseQuoted(string? tag)
        {
            var start = _pos;
            var quote = _text[_pos];
            _pos++;
            _buffer.Clear();
            var verbatim = true;
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw Error("String is never closed", start);
                }

                var c = _text[_pos];
                if (c == quote)
                {
                    if (quote == '\'' && PeekAt(_pos + 1) == '\'')
                    {
                        _buffer.Append('\'');
                        verbatim = false;
                        _pos += 2;
                        continue;
                    }

                    _pos++;
                    break;
                }

                if (IsBreak(c) || c is ' ' or '\t')
                {
                    var whitespaceStart = _pos;
                    while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
                    {
                        _pos++;
                    }

                    if (_pos < _text.Length && IsBreak(_text[_pos]))
                    {
                        verbatim = false;
                        FoldQuotedLines(escaped: false);
                    }
                    else
                    {
                        _buffer.Append(_text, whitespaceStart, _pos - whitespaceStart);
                    }

                    continue;
                }

                if (c == '\\' && quote == '"')
                {
                    verbatim = false;
                    ReadEscape();
                    continue;
                }

                _buffer.Append(c);
                _pos++;
            }

            var span = TextSpan.FromBounds(start, _pos);
            return ConfigNode.Scalar(
                _buffer.ToString(),
                quote == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted,
                span,
                _lines.GetLineSpan(span),
                tag,
                verbatim ? start + 1 : -1);
        }

        /// <summary>At a line break inside a quoted scalar: one break becomes a space, each further (empty) line a newline.</summary>
        private void FoldQuotedLines(bool escaped)
        {
            var breaks = 0;
            while (_pos < _text.Length && (IsBreak(_text[_pos]) || _text[_pos] is ' ' or '\t'))
            {
                if (IsBreak(_text[_pos]))
                {
                    breaks++;

                    _pos = SkipLineBreak(_pos);
                    if (IsDocumentMarker(_pos, "---") || IsDocumentMarker(_pos, "..."))
                    {
                        throw Error("A document marker cannot appear inside a quoted string", _pos);
                    }
                }
                else
                {
                    _pos++;
                }
            }

            if (escaped)
            {
                _buffer.Append('\n', breaks - 1);
            }
            else if (breaks == 1)
            {
                _buffer.Append(' ');
            }
            else
            {
                _buffer.Append('\n', breaks - 1);
            }
        }

        private void ReadEscape()
        {
            var at = _pos;
            var e = PeekAt(_pos + 1);
            _pos += 2;
            switch (e)
            {
                case '0': _buffer.Append('\0'); return;
                case 'a': _buffer.Append('\a'); return;
                case 'b': _buffer.Append('\b'); return;
                case 't' or '\t': _buffer.Append('\t'); return;
                case 'n': _buffer.Append('\n'); return;
                case 'v': _buffer.Append('\v'); return;
                case 'f': _buffer.Append('\f'); return;
                case 'r': _buffer.Append('\r'); return;
                case 'e': _buffer.Append('\u001B'); return;
                case ' ': _buffer.Append(' '); return;
                case '"': _buffer.Append('"'); return;
                case '/': _buffer.Append('/'); return;
                case '\\': _buffer.Append('\\'); return;
                case 'N': _buffer.Append('\u0085'); return;
                case '_': _buffer.Append('\u00A0'); return;
                case 'L': _buffer.Append('\u2028'); return;
                case 'P': _buffer.Append('\u2029'); return;
                case 'x': AppendCodePoint(2, at); return;
                case 'u': AppendCodePoint(4, at); return;
                case 'U': AppendCodePoint(8, at); return;
                case '\r' or '\n':
                    _pos = at + 1;
                    FoldQuotedLines(escaped: true);
                    return;
                default:
                    if (at + 1 >= _text.Length)
                    {
                        _pos = at + 1;
                        return;
                    }

                    throw Error($"'\\{e}' is not a YAML escape sequence", at);
            }
        }

        private void AppendCodePoint(int digits, int escapeStart)
        {
            var code = 0;
            for (var i = 0; i < digits; i++)
            {
                var value = HexValue(PeekAt(_pos));
                if (value < 0)
                {
                    throw Error($"Expected {digits} hex digits in the escape but found {Describe(_pos)}", _pos);
                }

                code = (code * 16) + value;
                _pos++;
            }

            if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF && digits == 8))
            {
                throw Error("The escape does not name a Unicode character", escapeStart);
            }

            if (code < 0x10000)
            {
                _buffer.Append((char)code);
            }
            else
            {
                _buffer.Append(char.ConvertFromUtf32(code));
            }
        }

        private ConfigNode ParseAlias()
        {
            var start = _pos;
            _pos++;
            while (_pos < _text.Length && !IsWhite(_text[_pos]) && !IsFlowIndicator(_text[_pos]))
            {
                _pos++;
            }

            var name = _text.Substring(start + 1, _pos - start - 1);
            if (name.Length == 0)
            {
                throw Error("An alias ('*') needs a name", start);
            }

            if (!_anchors.TryGetValue(name, out var node))
            {
                throw Error($"Alias '*{name}' names no anchor defined before it", start);
            }

            return node;
        }

        private void ParseProperties(ref string? tag, ref string? anchor, bool flow)
        {
            while (Peek() is '!' or '&')
            {
                var start = _pos;
                if (Peek() == '!')
                {
                    if (tag is not null)
                    {
                        throw Error("A node can have only one tag", start);
                    }

                    if (PeekAt(_pos + 1) == '<')
                    {
                        var close = _text.IndexOf('>', _pos);
                        var lineEnd = LineEnd(_pos);
                        if (close < 0 || close > lineEnd)
                        {
                            throw Error("'!<' tag is never closed with '>'", start);
                        }

                        _pos = close + 1;
                    }
                    else
                    {
                        while (_pos < _text.Length && !IsWhite(_text[_pos]) && !(flow && IsFlowIndicator(_text[_pos])))
                        {
                            _pos++;
                        }
                    }

                    tag = _text.Substring(start, _pos - start);
                }
                else
                {
                    if (anchor is not null)
                    {
                        throw Error("A node can have only one anchor", start);
                    }

                    _pos++;
                    while (_pos < _text.Length && !IsWhite(_text[_pos]) && !IsFlowIndicator(_text[_pos]))
                    {
                        _pos++;
                    }

                    anchor = _text.Substring(start + 1, _pos - start - 1);
                    if (anchor.Length == 0)
                    {
                        throw Error("An anchor ('&') needs a name", start);
                    }
                }

                var afterProperty = _pos;
                SkipSpaces();
                if (Peek() is not '!' and not '&')
                {
                    _pos = afterProperty;
                    return;
                }
            }
        }

        private ConfigNode Register(string? anchor, ConfigNode node)
        {
            if (anchor is not null)
            {
                _anchors[anchor] = node;
            }

            return node;
        }

        /// <summary>
        /// A node that turned out not to be a mapping: properties on its line are its own (registered
        /// here); with properties on an earlier line too it would have two sets, which YAML forbids.
        /// </summary>
        private ConfigNode RegisterInline(Properties inline, Properties outer, ConfigNode node)
        {
            if (inline.Any && outer.Any)
            {
                throw Error("A node can have only one tag and one anchor; these belong to the line above", node.Span.Start);
            }

            return Register(inline.Anchor, node);
        }

        private static ConfigNode WithTag(ConfigNode scalar, string tag) =>
            ConfigNode.Scalar(scalar.Value ?? string.Empty, scalar.Style, scalar.Span, scalar.LineSpan, tag, scalar.VerbatimStart);

        private ConfigNode PlainScalar(string value, int start, int end, string? tag)
        {
            var span = TextSpan.FromBounds(start, end);
            return ConfigNode.Scalar(value, ScalarStyle.Plain, span, _lines.GetLineSpan(span), tag, start);
        }

        private ConfigNode Empty(int at, string? tag)
        {
            var span = new TextSpan(at, 0);
            return ConfigNode.Scalar(string.Empty, ScalarStyle.Plain, span, _lines.GetLineSpan(span), tag, at);
        }

        /// <summary>After a value on its line: only blanks and a comment may follow.</summary>
        private void ExpectLineEnd()
        {
            SkipSpaces();
            if (AtLineEndOrComment())
            {
                return;
            }

            if (Peek() == ':')
            {
                throw Error("Mapping values are not allowed here: a value cannot itself be 'key: value' on the same line", _pos);
            }

            throw Error($"Unexpected {Describe(_pos)} after the value", _pos);
        }

        /// <summary>At ':' followed by a blank or the end of the line: the node just read is a key. Leaves <see cref="TextParser._pos"/> on the ':'.</summary>
        private bool FollowedByMappingColon()
        {
            var save = _pos;
            SkipSpaces();
            if (Peek() == ':' && IsBlankOrEnd(PeekAt(_pos + 1)))
            {
                return true;
            }

            _pos = save;
            return false;
        }

        /// <summary>Whether only indentation precedes <paramref name="offset"/> on its line.</summary>
        private bool FirstOnItsLine(int offset)
        {
            var p = offset - 1;
            while (p >= 0 && _text[p] is ' ' or '\t')
            {
                p--;
            }

            return p < 0 || IsBreak(_text[p]) || (p == 0 && _text[0] == '\uFEFF');
        }

        private bool AtSequenceEntry() => Peek() == '-' && IsBlankOrEnd(PeekAt(_pos + 1));

        private bool AtLineEndOrComment()
        {
            if (_pos >= _text.Length || IsBreak(_text[_pos]))
            {
                return true;
            }

            return _text[_pos] == '#' && (_pos == 0 || IsWhite(_text[_pos - 1]));
        }

        /// <summary>Moves to the next character that is not a blank, a line break or a comment; true when a line was crossed.</summary>
        private bool SkipToNextContent(bool flow)
        {
            var crossed = false;
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c is ' ' or '\t')
                {
                    _pos++;
                }
                else if (c == '#' && (_pos == 0 || IsWhite(_text[_pos - 1])))
                {
                    SkipToLineEnd();
                }
                else if (IsBreak(c))
                {
                    _pos = SkipLineBreak(_pos);
                    crossed = true;
                    SkipIndentation(flow);
                }
                else
                {
                    break;
                }
            }

            return crossed;
        }

        private void SkipFlowTrivia(int collectionStart, char open)
        {
            SkipToNextContent(flow: true);
            if (_pos >= _text.Length)
            {
                throw Error($"'{open}' is never closed", collectionStart);
            }

            if (Column(_pos) == 0 && (IsDocumentMarker(_pos, "---") || IsDocumentMarker(_pos, "...")))
            {
                throw Error($"'{open}' is never closed before the document ends", collectionStart);
            }
        }

        /// <summary>At a line start: skips the indentation, rejecting tabs in front of content outside [ ] and { }.</summary>
        private void SkipIndentation(bool flow)
        {
            var tabAt = -1;
            while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
            {
                if (_text[_pos] == '\t' && tabAt < 0)
                {
                    tabAt = _pos;
                }

                _pos++;
            }

            if (!flow && tabAt >= 0 && _pos < _text.Length && !IsBreak(_text[_pos]) && _text[_pos] != '#')
            {
                throw Error("Tabs cannot be used for indentation in YAML; use spaces", tabAt);
            }
        }

        private void SkipSpaces()
        {
            while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
            {
                _pos++;
            }
        }

        private void SkipToLineEnd() => _pos = LineEnd(_pos);

        /// <summary>Column of the content at <see cref="TextParser._pos"/>; -1 at the end of the file or a document marker, which close every block.</summary>
        private int ContentColumn()
        {
            if (_pos >= _text.Length)
            {
                return -1;
            }

            var column = Column(_pos);
            return column == 0 && (IsDocumentMarker(_pos, "---") || IsDocumentMarker(_pos, "...")) ? -1 : column;
        }

        private bool IsDocumentMarker(int offset, string marker) =>
            offset + 3 <= _text.Length
            && Column(offset) == 0
            && string.CompareOrdinal(_text, offset, marker, 0, 3) == 0
            && (offset + 3 == _text.Length || IsBlank(_text[offset + 3]) || IsBreak(_text[offset + 3]));

        private int Column(int offset) => _lines.GetPosition(offset).Character;

        private static bool IsBlank(char c) => c is ' ' or '\t';

        private static bool IsWhite(char c) => c is ' ' or '\t' or '\n' or '\r';

        private static bool IsBlankOrEnd(char c) => c is ' ' or '\t' or '\n' or '\r' or '\0';

        private static bool IsFlowIndicator(char c) => c is ',' or '[' or ']' or '{' or '}';

        /// <summary>A node's tag and anchor as written before it (either may be absent).</summary>
        private readonly struct Properties
        {
            public Properties(string? tag, string? anchor)
            {
                Tag = tag;
                Anchor = anchor;
            }

            public string? Tag { get; }

            public string? Anchor { get; }

            public bool Any => Tag is not null || Anchor is not null;
        }
    }
}
