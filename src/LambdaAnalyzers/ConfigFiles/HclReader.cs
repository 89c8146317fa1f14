using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// Reads HCL's native syntax, the language of Terraform's <c>.tf</c> files: bodies of attributes
/// (<c>name = expression</c>) and blocks (<c>type "label" { ... }</c>), and every expression form
/// (literals, quoted and heredoc templates, lists, objects, references, function calls, operators,
/// conditionals, <c>for</c> expressions, splats), with <c>#</c>, <c>//</c> and <c>/* */</c> comments.
/// <para>
/// Values become <see cref="ConfigNode"/>s so the readers above share one shape: a string without
/// interpolation is a double-quoted scalar, a number, bool or <c>null</c> a plain scalar, a list a
/// sequence and an object a mapping. Everything evaluated by Terraform (a template with <c>${...}</c>,
/// a reference such as <c>var.x</c>, a call, an operation) is a scalar tagged <see cref="TemplateTag"/>,
/// <see cref="ReferenceTag"/> or <see cref="ExpressionTag"/>, which makes it intrinsic: known only at
/// deploy time. Never throws on bad input: the first error comes back at its line and column.
/// </para>
/// </summary>
internal static class HclReader
{
    public const int MaxDepth = 200;

    /// <summary>A quoted or heredoc template with interpolations or directives; its value keeps each <c>${...}</c> as written.</summary>
    public const string TemplateTag = "!hcl-template";

    /// <summary>A reference (<c>var.name</c>, <c>data.archive_file.fn.output_path</c>); its value is the reference as written.</summary>
    public const string ReferenceTag = "!hcl-reference";

    /// <summary>Any other expression (a call, an operation, a conditional, a <c>for</c>); its value is the source text.</summary>
    public const string ExpressionTag = "!hcl-expression";

    public static HclDocument Parse(string text, CancellationToken cancellationToken = default)
    {
        var lines = LineMap.Create(text);
        var parser = new Parser(text, lines, cancellationToken);
        try
        {
            return new HclDocument(parser.ParseFile(), null, lines);
        }
        catch (SyntaxErrorException e)
        {
            var span = new TextSpan(e.Offset, e.Offset < text.Length ? 1 : 0);
            return new HclDocument(null, new ConfigSyntaxError(e.Message, span, lines.GetLineSpan(span)), lines);
        }
    }

    private sealed class Parser : TextParser
    {
        /// <summary>Whether a line break ends the expression being read (in a body and in an object's items; not inside ( ), [ ] or ${ }).</summary>
        private bool _newlineEnds = true;

        public Parser(string text, LineMap lines, CancellationToken cancellationToken)
            : base(text, lines, MaxDepth, cancellationToken)
        {
        }

        public HclBody ParseFile()
        {
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _pos = 1;
            }

            return ParseBody(openBrace: -1);
        }

        /// <summary>The items of a body, up to the '}' that closes <paramref name="openBrace"/> (or the end of the file when it is -1).</summary>
        private HclBody ParseBody(int openBrace)
        {
            var attributes = ImmutableArray.CreateBuilder<HclAttribute>();
            var blocks = ImmutableArray.CreateBuilder<HclBlock>();
            var names = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
            while (true)
            {
                Step();
                SkipTrivia(newlines: true);
                if (_pos >= _text.Length)
                {
                    if (openBrace >= 0)
                    {
                        throw Error("This block's '{' is never closed with '}'", openBrace);
                    }

                    break;
                }

                var c = _text[_pos];
                if (c == '}')
                {
                    if (openBrace >= 0)
                    {
                        break;
                    }

                    throw Error("Unexpected '}': no block is open here", _pos);
                }

                if (!IsIdentifierStart(c))
                {
                    throw Error($"Expected an attribute name or a block type but found {Describe(_pos)}", _pos);
                }

                var name = ReadIdentifierNode();
                SkipTrivia(newlines: false);
                if (Peek() == '=' && PeekAt(_pos + 1) is not '=' and not '>')
                {
                    _pos++;
                    if (names.TryGetValue(name.Value!, out var first))
                    {
                        throw Error($"The attribute '{name.Value}' is already defined in this block, at line {first.LineSpan.Start.Line + 1}", name.Span.Start);
                    }

                    names.Add(name.Value!, name);
                    var saved = _newlineEnds;
                    _newlineEnds = true;
                    var value = ParseExpression();
                    _newlineEnds = saved;
                    attributes.Add(new HclAttribute(name, value));
                    ExpectItemEnd(openBrace >= 0, "attribute");
                    continue;
                }

                blocks.Add(ParseBlock(name));
                ExpectItemEnd(openBrace >= 0, "block");
            }

            return new HclBody(attributes.ToImmutable(), blocks.ToImmutable());
        }

        private HclBlock ParseBlock(ConfigNode type)
        {
            var labels = ImmutableArray.CreateBuilder<ConfigNode>();
            while (true)
            {
                SkipTrivia(newlines: false);
                var c = Peek();
                if (c == '{')
                {
                    break;
                }

                if (c == '"')
                {
                    var label = ParseQuotedTemplate();
                    if (label.Tag is not null)
                    {
                        throw Error("A block label cannot hold '${' or '%{' sequences", label.Span.Start);
                    }

                    labels.Add(label);
                }
                else if (IsIdentifierStart(c))
                {
                    labels.Add(ReadIdentifierNode());
                }
                else if (labels.Count == 0 && (_pos >= _text.Length || IsBreak(c) || c is '#' || (c == '/' && PeekAt(_pos + 1) is '/' or '*')))
                {
                    throw Error($"Expected '=' or a block's '{{' after '{type.Value}'", _pos);
                }
                else
                {
                    throw Error($"Expected a block label or '{{' but found {Describe(_pos)}", _pos);
                }
            }

            var open = _pos;
            Enter(open);
            _pos++;
            var body = ParseBody(open);
            Leave();
            _pos++;
            var span = TextSpan.FromBounds(type.Span.Start, _pos);
            return new HclBlock(type, labels.ToImmutable(), body, span, _lines.GetLineSpan(span));
        }

        /// <summary>After an attribute or a block: only a comment may follow on its line (or the '}' of a one-line block).</summary>
        private void ExpectItemEnd(bool insideBlock, string what)
        {
            SkipTrivia(newlines: false);
            if (_pos >= _text.Length || IsBreak(_text[_pos]) || (insideBlock && _text[_pos] == '}'))
            {
                return;
            }

            throw Error($"Expected a line break after the {what} but found {Describe(_pos)}; each attribute and block goes on a line of its own", _pos);
        }

        // ---- Expressions ----------------------------------------------------------------------

        private ConfigNode ParseExpression()
        {
            Enter(_pos);
            try
            {
                SkipInline();
                var start = _pos;
                var condition = ParseBinary(0);
                var save = _pos;
                SkipInline();
                if (Peek() != '?')
                {
                    _pos = save;
                    return condition;
                }

                _pos++;
                ParseExpression();
                SkipInline();
                if (Peek() != ':')
                {
                    throw Error($"Expected ':' in the conditional expression but found {Describe(_pos)}", _pos);
                }

                _pos++;
                ParseExpression();
                return Opaque(start, _pos);
            }
            finally
            {
                Leave();
            }
        }

        private ConfigNode ParseBinary(int minPrecedence)
        {
            SkipInline();
            var start = _pos;
            var left = ParseUnary();
            var composite = false;
            while (true)
            {
                var save = _pos;
                SkipInline();
                var (precedence, length) = BinaryOperatorAt(_pos);
                if (length == 0 || precedence < minPrecedence)
                {
                    _pos = save;
                    break;
                }

                _pos += length;
                ParseBinary(precedence + 1);
                composite = true;
            }

            return composite ? Opaque(start, _pos) : left;
        }

        private (int Precedence, int Length) BinaryOperatorAt(int offset)
        {
            var c = PeekAt(offset);
            var next = PeekAt(offset + 1);
            return c switch
            {
                '|' when next == '|' => (1, 2),
                '&' when next == '&' => (2, 2),
                '=' when next == '=' => (3, 2),
                '!' when next == '=' => (3, 2),
                '<' when next == '=' => (4, 2),
                '>' when next == '=' => (4, 2),
                '<' when next != '<' => (4, 1),
                '>' => (4, 1),
                '+' => (5, 1),
                '-' => (5, 1),
                '*' => (6, 1),
                '/' => (6, 1),
                '%' => (6, 1),
                _ => (0, 0),
            };
        }

        private ConfigNode ParseUnary()
        {
            var start = _pos;
            var c = Peek();
            if (c is '-' or '!')
            {
                _pos++;
                SkipInline();
                if (c == '-' && IsDigit(Peek()))
                {
                    ParseNumber();
                    return Plain(_text.Substring(start, _pos - start), start, _pos);
                }

                Enter(start);
                ParseUnary();
                Leave();
                return Opaque(start, _pos);
            }

            return ParsePostfix(ParsePrimary());
        }

        /// <summary>Attribute access, indexes and splats after a term: <c>a.b</c>, <c>a[0]</c>, <c>a.*.b</c>, <c>a[*].b</c>, <c>a.0</c>.</summary>
        private ConfigNode ParsePostfix(ConfigNode term)
        {
            var start = term.Span.Start;
            var isReference = term.Tag == ReferenceTag;
            var changed = false;
            while (true)
            {
                var save = _pos;
                SkipInline();
                var c = Peek();
                if (c == '.' && IsIdentifierStart(PeekAt(_pos + 1)))
                {
                    _pos++;
                    ReadIdentifier();
                }
                else if (c == '.' && IsDigit(PeekAt(_pos + 1)))
                {
                    _pos++;
                    while (IsDigit(Peek()))
                    {
                        _pos++;
                    }

                    isReference = false;
                }
                else if (c == '.' && PeekAt(_pos + 1) == '*')
                {
                    _pos += 2;
                    isReference = false;
                }
                else if (c == '[')
                {
                    var open = _pos;
                    _pos++;
                    var saved = _newlineEnds;
                    _newlineEnds = false;
                    SkipInline();
                    if (Peek() == '*')
                    {
                        _pos++;
                    }
                    else
                    {
                        ParseExpression();
                    }

                    SkipInline();
                    _newlineEnds = saved;
                    if (Peek() != ']')
                    {
                        throw Peek() == '\0'
                            ? Error("This '[' is never closed with ']'", open)
                            : Error($"Expected ']' after the index but found {Describe(_pos)}", _pos);
                    }

                    _pos++;
                    isReference = false;
                }
                else
                {
                    _pos = save;
                    break;
                }

                changed = true;
            }

            if (!changed)
            {
                return term;
            }

            var text = _text.Substring(start, _pos - start);
            return isReference ? Tagged(text, start, _pos, ReferenceTag) : Opaque(start, _pos);
        }

        private ConfigNode ParsePrimary()
        {
            var c = Peek();
            if (IsDigit(c))
            {
                var start = _pos;
                ParseNumber();
                return Plain(_text.Substring(start, _pos - start), start, _pos);
            }

            switch (c)
            {
                case '"':
                    return ParseQuotedTemplate();
                case '<' when PeekAt(_pos + 1) == '<':
                    return ParseHeredoc();
                case '(':
                    return ParseParenthesized();
                case '[':
                    return ParseTuple();
                case '{':
                    return ParseObject();
            }

            if (!IsIdentifierStart(c))
            {
                throw Error(AtEndOfExpression() ? $"Expected an expression but found {Describe(_pos)}" : $"Unexpected {Describe(_pos)} where an expression should start", _pos);
            }

            var nameStart = _pos;
            ReadIdentifier();

            // Provider-defined functions: provider::aws::arn_parse(...).
            while (Peek() == ':' && PeekAt(_pos + 1) == ':' && IsIdentifierStart(PeekAt(_pos + 2)))
            {
                _pos += 2;
                ReadIdentifier();
            }

            var name = _text.Substring(nameStart, _pos - nameStart);
            var save = _pos;
            SkipSpaces();
            if (Peek() == '(')
            {
                ParseCallArguments();
                return Opaque(nameStart, _pos);
            }

            _pos = save;
            if (name.IndexOf(':') >= 0)
            {
                throw Error($"Expected '(' after the function name '{name}' but found {Describe(_pos)}", _pos);
            }

            return name switch
            {
                "true" or "false" or "null" => Plain(name, nameStart, _pos),
                _ => Tagged(name, nameStart, _pos, ReferenceTag),
            };
        }

        private void ParseCallArguments()
        {
            var open = _pos;
            _pos++;
            var saved = _newlineEnds;
            _newlineEnds = false;
            SkipInline();
            ParseItems(open, '(', ')', "a function argument");
            _newlineEnds = saved;
        }

        /// <summary>
        /// Expressions separated by commas (one may trail) up to <paramref name="closing"/>, which it
        /// consumes; in a call the last may be expanded with <c>...</c>. Line breaks do not count here.
        /// </summary>
        private ImmutableArray<ConfigNode> ParseItems(int open, char opening, char closing, string what)
        {
            var items = ImmutableArray.CreateBuilder<ConfigNode>();
            while (Peek() != closing)
            {
                CheckNotEnd(open, opening, closing);
                items.Add(ParseExpression());
                SkipInline();
                if (closing == ')' && AtEllipsis())
                {
                    _pos += 3;
                    SkipInline();
                }

                if (Peek() == ',')
                {
                    _pos++;
                    SkipInline();
                    continue;
                }

                if (Peek() != closing)
                {
                    CheckNotEnd(open, opening, closing);
                    throw Error($"Expected ',' or '{closing}' after {what} but found {Describe(_pos)}", _pos);
                }
            }

            _pos++;
            return items.ToImmutable();
        }

        private ConfigNode ParseParenthesized()
        {
            var open = _pos;
            _pos++;
            var saved = _newlineEnds;
            _newlineEnds = false;
            SkipInline();
            CheckNotEnd(open, '(', ')');
            var inner = ParseExpression();
            SkipInline();
            if (Peek() != ')')
            {
                CheckNotEnd(open, '(', ')');
                throw Error($"Expected ')' but found {Describe(_pos)}", _pos);
            }

            _pos++;
            _newlineEnds = saved;
            return inner.Tag is null && inner.IsScalar ? inner : Opaque(open, _pos);
        }

        private ConfigNode ParseTuple() => ParseBracketed('[', ']', open =>
        {
            var items = ParseItems(open, '[', ']', "a list item");
            var span = TextSpan.FromBounds(open, _pos);
            return ConfigNode.Sequence(items, span, _lines.GetLineSpan(span), tag: null);
        });

        private ConfigNode ParseObject() => ParseBracketed('{', '}', open =>
        {
            // Items are separated by commas or line breaks: inside an item a line break ends the value.
            var properties = ImmutableArray.CreateBuilder<ConfigProperty>();
            while (true)
            {
                SkipTrivia(newlines: true);
                if (Peek() == '}')
                {
                    break;
                }

                CheckNotEnd(open, '{', '}');
                _newlineEnds = true;
                var key = ObjectKey(ParseExpression());
                SkipInline();
                var c = Peek();
                if (!((c == '=' && PeekAt(_pos + 1) is not '=' and not '>') || c == ':'))
                {
                    throw Error($"Expected '=' or ':' after the object key but found {Describe(_pos)}", _pos);
                }

                _pos++;
                var value = ParseExpression();
                properties.Add(new ConfigProperty(key, value));
                SkipTrivia(newlines: false);
                if (Peek() == ',')
                {
                    _pos++;
                }
                else if (Peek() != '}' && !IsBreak(Peek()))
                {
                    CheckNotEnd(open, '{', '}');
                    throw Error($"Expected ',', a line break or '}}' after an object item but found {Describe(_pos)}", _pos);
                }
            }

            _pos++;
            var span = TextSpan.FromBounds(open, _pos);
            return ConfigNode.Mapping(properties.ToImmutable(), span, _lines.GetLineSpan(span), tag: null);
        });

        /// <summary>
        /// A list or an object from its opening bracket: a <c>for</c> expression when the keyword follows
        /// (computed), else what <paramref name="items"/> reads, given the bracket's offset.
        /// </summary>
        private ConfigNode ParseBracketed(char opening, char closing, Func<int, ConfigNode> items)
        {
            var open = _pos;
            Enter(open);
            _pos++;
            var saved = _newlineEnds;
            _newlineEnds = false;
            SkipInline();
            ConfigNode result;
            if (AtKeyword("for"))
            {
                ParseForRest(open, opening, closing);
                result = Opaque(open, _pos);
            }
            else
            {
                result = items(open);
            }

            _newlineEnds = saved;
            Leave();
            return result;
        }

        /// <summary>An object key: a bare name or a literal string is the key itself; anything else is computed.</summary>
        private static ConfigNode ObjectKey(ConfigNode key)
        {
            if (key.Tag == ReferenceTag && key.Value is { } name && name.IndexOfAny(new[] { '.', '[' }) < 0)
            {
                return ConfigNode.Scalar(name, ScalarStyle.Plain, key.Span, key.LineSpan, tag: null, key.Span.Start);
            }

            return key;
        }

        /// <summary>After <c>[</c> or <c>{</c> and the keyword <c>for</c>: <c>for k, v in coll : value [=&gt; value[...]] [if cond]</c>.</summary>
        private void ParseForRest(int open, char opening, char closing)
        {
            ParseForHead("expression");
            SkipInline();
            if (Peek() != ':')
            {
                throw Error($"Expected ':' in the 'for' expression but found {Describe(_pos)}", _pos);
            }

            _pos++;
            ParseExpression();
            SkipInline();
            if (closing == '}')
            {
                if (Peek() != '=' || PeekAt(_pos + 1) != '>')
                {
                    throw Error($"Expected '=>' in the object 'for' expression but found {Describe(_pos)}", _pos);
                }

                _pos += 2;
                ParseExpression();
                SkipInline();
                if (AtEllipsis())
                {
                    _pos += 3;
                    SkipInline();
                }
            }

            if (AtKeyword("if"))
            {
                _pos += 2;
                ParseExpression();
                SkipInline();
            }

            if (Peek() != closing)
            {
                CheckNotEnd(open, opening, closing);
                throw Error($"Expected '{closing}' to end the 'for' expression but found {Describe(_pos)}", _pos);
            }

            _pos++;
        }

        /// <summary>At the keyword <c>for</c>: <c>for name [, name] in collection</c>.</summary>
        private void ParseForHead(string construct)
        {
            _pos += 3;
            SkipInline();
            ExpectIdentifier("a variable name after 'for'");
            SkipInline();
            if (Peek() == ',')
            {
                _pos++;
                SkipInline();
                ExpectIdentifier("a second variable name after ','");
                SkipInline();
            }

            if (!AtKeyword("in"))
            {
                throw Error($"Expected 'in' in the 'for' {construct} but found {Describe(_pos)}", _pos);
            }

            _pos += 2;
            ParseExpression();
        }

        private void ParseNumber()
        {
            while (IsDigit(Peek()))
            {
                _pos++;
            }

            if (Peek() == '.' && IsDigit(PeekAt(_pos + 1)))
            {
                _pos++;
                while (IsDigit(Peek()))
                {
                    _pos++;
                }
            }

            if (Peek() is 'e' or 'E')
            {
                var exponent = _pos;
                _pos++;
                if (Peek() is '+' or '-')
                {
                    _pos++;
                }

                if (!IsDigit(Peek()))
                {
                    throw Error("Expected the exponent's digits after 'e'", exponent);
                }

                while (IsDigit(Peek()))
                {
                    _pos++;
                }
            }

            if (IsIdentifierPart(Peek()))
            {
                throw Error($"Unexpected {Describe(_pos)} after the number", _pos);
            }
        }

        // ---- Templates ------------------------------------------------------------------------

        /// <summary>A quoted template <c>"..."</c> on one line, with escapes, <c>${...}</c> interpolations and <c>%{...}</c> directives.</summary>
        private ConfigNode ParseQuotedTemplate()
        {
            var start = _pos;
            _pos++;
            var value = new StringBuilder();
            var verbatim = true;
            var isTemplate = false;
            while (true)
            {
                if (_pos >= _text.Length || IsBreak(_text[_pos]))
                {
                    throw Error("This string is never closed with '\"' on its line", start);
                }

                var c = _text[_pos];
                if (c == '"')
                {
                    _pos++;
                    break;
                }

                if (c == '\\')
                {
                    ReadEscape(value);
                    verbatim = false;
                }
                else if (!ReadTemplateSequence(value, ref isTemplate))
                {
                    value.Append(c);
                    _pos++;
                    continue;
                }

                verbatim = false;
            }

            var span = TextSpan.FromBounds(start, _pos);
            return ConfigNode.Scalar(value.ToString(), ScalarStyle.DoubleQuoted, span, _lines.GetLineSpan(span), isTemplate ? TemplateTag : null, verbatim ? start + 1 : -1);
        }

        /// <summary>
        /// At <c>$${</c>, <c>%%{</c> (literal <c>${</c> and <c>%{</c>), <c>${</c> or <c>%{</c>: reads it and returns true;
        /// an interpolation or directive is appended as written and marks the value a template.
        /// </summary>
        private bool ReadTemplateSequence(StringBuilder value, ref bool isTemplate)
        {
            var c = Peek();
            if (c is not '$' and not '%')
            {
                return false;
            }

            if (PeekAt(_pos + 1) == c && PeekAt(_pos + 2) == '{')
            {
                value.Append(c).Append('{');
                _pos += 3;
                return true;
            }

            if (PeekAt(_pos + 1) != '{')
            {
                return false;
            }

            var start = _pos;
            _pos += 2;
            if (Peek() == '~')
            {
                _pos++;
            }

            var saved = _newlineEnds;
            _newlineEnds = false;
            SkipInline();
            if (c == '$')
            {
                ParseExpression();
            }
            else
            {
                ParseDirective(start);
            }

            SkipInline();
            if (Peek() == '~')
            {
                _pos++;
            }

            if (Peek() != '}')
            {
                throw Peek() == '\0'
                    ? Error($"This '{c}{{' is never closed with '}}'", start)
                    : Error($"Expected '}}' to close the '{c}{{' sequence but found {Describe(_pos)}", _pos);
            }

            _pos++;
            _newlineEnds = saved;
            value.Append(_text, start, _pos - start);
            isTemplate = true;
            return true;
        }

        private void ParseDirective(int start)
        {
            if (AtKeyword("if"))
            {
                _pos += 2;
                ParseExpression();
            }
            else if (AtKeyword("for"))
            {
                ParseForHead("directive");
            }
            else if (AtKeyword("else") || AtKeyword("endif") || AtKeyword("endfor"))
            {
                ReadIdentifier();
            }
            else
            {
                throw Error("A '%{' directive is one of if, else, endif, for or endfor", start);
            }
        }

        private void ReadEscape(StringBuilder value)
        {
            var at = _pos;
            var e = PeekAt(_pos + 1);
            _pos += 2;
            switch (e)
            {
                case 'n': value.Append('\n'); return;
                case 'r': value.Append('\r'); return;
                case 't': value.Append('\t'); return;
                case '"': value.Append('"'); return;
                case '\\': value.Append('\\'); return;
                case 'u': AppendCodePoint(value, 4, at); return;
                case 'U': AppendCodePoint(value, 8, at); return;
                default:
                    throw Error(e is '\0' or '\n' or '\r'
                        ? "A '\\' at the end of a line escapes nothing"
                        : $"'\\{e}' is not an escape sequence; HCL knows \\n, \\r, \\t, \\\", \\\\, \\uNNNN and \\UNNNNNNNN", at);
            }
        }

        private void AppendCodePoint(StringBuilder value, int digits, int escapeStart)
        {
            var code = 0;
            for (var i = 0; i < digits; i++)
            {
                var digit = HexValue(Peek());
                if (digit < 0)
                {
                    throw Error($"Expected {digits} hex digits in the escape but found {Describe(_pos)}", _pos);
                }

                code = (code * 16) + digit;
                _pos++;
            }

            if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            {
                throw Error("The escape does not name a Unicode character", escapeStart);
            }

            value.Append(char.ConvertFromUtf32(code));
        }

        /// <summary>A heredoc: <c>&lt;&lt;MARKER</c> or <c>&lt;&lt;-MARKER</c> (indented), its lines, and a line holding only <c>MARKER</c>.</summary>
        private ConfigNode ParseHeredoc()
        {
            var start = _pos;
            _pos += 2;
            var strip = Peek() == '-';
            if (strip)
            {
                _pos++;
            }

            if (!IsIdentifierStart(Peek()))
            {
                throw Error($"Expected the heredoc's marker (a name) after '<<' but found {Describe(_pos)}", _pos);
            }

            var marker = ReadIdentifier();
            SkipSpaces();
            if (_pos < _text.Length && !IsBreak(_text[_pos]))
            {
                throw Error($"The heredoc marker '{marker}' must end its line; found {Describe(_pos)}", _pos);
            }

            _pos = SkipLineBreak(_pos);
            var lines = new List<StringBuilder> { new() };
            var isTemplate = false;
            var atLineStart = true;
            while (true)
            {
                Step();
                if (atLineStart)
                {
                    if (_pos >= _text.Length)
                    {
                        throw Error($"The heredoc '<<{(strip ? "-" : string.Empty)}{marker}' is never closed by a line holding only '{marker}'", start);
                    }

                    var lineEnd = LineEnd(_pos);
                    if (_text.Substring(_pos, lineEnd - _pos).Trim() == marker)
                    {
                        _pos = lineEnd;
                        break;
                    }

                    atLineStart = false;
                }

                if (_pos >= _text.Length)
                {
                    throw Error($"The heredoc '<<{(strip ? "-" : string.Empty)}{marker}' is never closed by a line holding only '{marker}'", start);
                }

                var c = _text[_pos];
                if (IsBreak(c))
                {
                    _pos = SkipLineBreak(_pos);
                    lines.Add(new StringBuilder());
                    atLineStart = true;
                    continue;
                }

                if (!ReadTemplateSequence(lines[lines.Count - 1], ref isTemplate))
                {
                    lines[lines.Count - 1].Append(c);
                    _pos++;
                }
            }

            lines.RemoveAt(lines.Count - 1);
            var value = new StringBuilder();
            var indent = strip ? CommonIndent(lines) : 0;
            foreach (var line in lines)
            {
                value.Append(line.ToString(Math.Min(indent, line.Length), line.Length - Math.Min(indent, line.Length))).Append('\n');
            }

            var span = TextSpan.FromBounds(start, _pos);
            return ConfigNode.Scalar(value.ToString(), ScalarStyle.Literal, span, _lines.GetLineSpan(span), isTemplate ? TemplateTag : null, verbatimStart: -1);
        }

        private static int CommonIndent(List<StringBuilder> lines)
        {
            var indent = int.MaxValue;
            foreach (var line in lines)
            {
                var i = 0;
                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < line.Length)
                {
                    indent = Math.Min(indent, i);
                }
            }

            return indent == int.MaxValue ? 0 : indent;
        }

        // ---- Trivia and characters ------------------------------------------------------------

        /// <summary>Blanks and comments, and line breaks unless a line break ends the current expression.</summary>
        private void SkipInline() => SkipTrivia(newlines: !_newlineEnds);

        private void SkipTrivia(bool newlines)
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c is ' ' or '\t' or '\uFEFF')
                {
                    _pos++;
                }
                else if (IsBreak(c))
                {
                    if (!newlines)
                    {
                        return;
                    }

                    _pos++;
                }
                else if (c == '#' || (c == '/' && PeekAt(_pos + 1) == '/'))
                {
                    _pos = LineEnd(_pos);
                }
                else if (c == '/' && PeekAt(_pos + 1) == '*')
                {
                    SkipBlockComment("This '/*' comment is never closed with '*/'");
                }
                else
                {
                    return;
                }
            }
        }

        private void SkipSpaces()
        {
            while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
            {
                _pos++;
            }
        }

        /// <summary>Fails at the opening bracket when the file ends before its closing one.</summary>
        private void CheckNotEnd(int open, char opening, char closing)
        {
            if (_pos >= _text.Length)
            {
                throw Error($"This '{opening}' is never closed with '{closing}'", open);
            }
        }

        private bool AtEllipsis() => Peek() == '.' && PeekAt(_pos + 1) == '.' && PeekAt(_pos + 2) == '.';

        private bool AtEndOfExpression() => _pos >= _text.Length || IsBreak(_text[_pos]) || _text[_pos] is '}' or ']' or ')' or ',';

        private bool AtKeyword(string keyword) =>
            string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) == 0 && !IsIdentifierPart(PeekAt(_pos + keyword.Length));

        private void ExpectIdentifier(string what)
        {
            if (!IsIdentifierStart(Peek()))
            {
                throw Error($"Expected {what} but found {Describe(_pos)}", _pos);
            }

            ReadIdentifier();
        }

        private string ReadIdentifier()
        {
            var start = _pos;
            _pos++;
            while (IsIdentifierPart(Peek()))
            {
                _pos++;
            }

            return _text.Substring(start, _pos - start);
        }

        private ConfigNode ReadIdentifierNode()
        {
            var start = _pos;
            var name = ReadIdentifier();
            return Plain(name, start, _pos);
        }

        private ConfigNode Plain(string value, int start, int end)
        {
            var span = TextSpan.FromBounds(start, end);
            return ConfigNode.Scalar(value, ScalarStyle.Plain, span, _lines.GetLineSpan(span), tag: null, start);
        }

        private ConfigNode Tagged(string value, int start, int end, string tag)
        {
            var span = TextSpan.FromBounds(start, end);
            return ConfigNode.Scalar(value, ScalarStyle.Plain, span, _lines.GetLineSpan(span), tag, start);
        }

        private ConfigNode Opaque(int start, int end) => Tagged(_text.Substring(start, end - start), start, end, ExpressionTag);

        private static bool IsIdentifierStart(char c) => c == '_' || char.IsLetter(c);

        private static bool IsIdentifierPart(char c) => c is '_' or '-' || char.IsLetterOrDigit(c);

    }
}

/// <summary>A parsed HCL file: its body, or its first error.</summary>
internal sealed class HclDocument
{
    public HclDocument(HclBody? body, ConfigSyntaxError? error, LineMap lines)
    {
        Body = body;
        Error = error;
        Lines = lines;
    }

    public HclBody? Body { get; }

    public ConfigSyntaxError? Error { get; }

    public LineMap Lines { get; }
}

/// <summary>The attributes and blocks of a file or of a block, in file order.</summary>
internal sealed class HclBody
{
    public HclBody(ImmutableArray<HclAttribute> attributes, ImmutableArray<HclBlock> blocks)
    {
        Attributes = attributes;
        Blocks = blocks;
    }

    public ImmutableArray<HclAttribute> Attributes { get; }

    public ImmutableArray<HclBlock> Blocks { get; }

    /// <summary>The value of an attribute, or null when the body does not set it.</summary>
    public ConfigNode? Get(string name)
    {
        foreach (var attribute in Attributes)
        {
            if (string.Equals(attribute.Name, name, StringComparison.Ordinal))
            {
                return attribute.Value;
            }
        }

        return null;
    }

    /// <summary>The first nested block of a type, or null.</summary>
    public HclBlock? Block(string type)
    {
        foreach (var block in Blocks)
        {
            if (string.Equals(block.Type, type, StringComparison.Ordinal))
            {
                return block;
            }
        }

        return null;
    }
}

/// <summary><c>name = value</c>.</summary>
internal sealed class HclAttribute
{
    public HclAttribute(ConfigNode name, ConfigNode value)
    {
        NameNode = name;
        Value = value;
    }

    public ConfigNode NameNode { get; }

    public string Name => NameNode.Value ?? string.Empty;

    public ConfigNode Value { get; }
}

/// <summary><c>type "label" ... { body }</c>.</summary>
internal sealed class HclBlock
{
    public HclBlock(ConfigNode type, ImmutableArray<ConfigNode> labels, HclBody body, TextSpan span, LinePositionSpan lineSpan)
    {
        TypeNode = type;
        Labels = labels;
        Body = body;
        Span = span;
        LineSpan = lineSpan;
    }

    public ConfigNode TypeNode { get; }

    public string Type => TypeNode.Value ?? string.Empty;

    public ImmutableArray<ConfigNode> Labels { get; }

    public HclBody Body { get; }

    public TextSpan Span { get; }

    public LinePositionSpan LineSpan { get; }

    /// <summary>The label at <paramref name="index"/>, or null.</summary>
    public string? Label(int index) => index < Labels.Length ? Labels[index].Value : null;

    public override string ToString() => Type + " " + string.Join(" ", System.Linq.Enumerable.Select(Labels, static l => "\"" + l.Value + "\""));
}
