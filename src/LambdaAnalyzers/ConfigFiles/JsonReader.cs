using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// Reads JSON (RFC 8259) into <see cref="ConfigNode"/>s that know their place in the file. It never
/// throws on bad input: the first error is returned with the line and column of the first
/// character that cannot be read. Comments (<c>//</c>, <c>/* */</c>) are accepted on request,
/// because the AWS .NET tools read <c>aws-lambda-tools-defaults.json</c> with a parser that skips them;
/// otherwise a comment is the error (templates: the tools, CloudFormation and SAM reject it).
/// </summary>
internal static class JsonReader
{
    /// <summary>Deeper documents are reported as errors rather than risking the compiler's stack.</summary>
    public const int MaxDepth = 200;

    public static ConfigDocument Parse(string text, bool allowComments = false, CancellationToken cancellationToken = default)
    {
        var lines = LineMap.Create(text);
        var parser = new Parser(text, lines, allowComments, cancellationToken);
        try
        {
            var root = parser.ParseDocument();
            return new ConfigDocument(root, null, lines);
        }
        catch (SyntaxErrorException e)
        {
            var span = new TextSpan(e.Offset, e.Offset < text.Length ? 1 : 0);
            return new ConfigDocument(null, new ConfigSyntaxError(e.Message, span, lines.GetLineSpan(span)), lines);
        }
    }

    private sealed class Parser : TextParser
    {
        private readonly bool _allowComments;
        private readonly StringBuilder _buffer = new();

        public Parser(string text, LineMap lines, bool allowComments, CancellationToken cancellationToken)
            : base(text, lines, MaxDepth, cancellationToken)
        {
            _allowComments = allowComments;
        }

        public ConfigNode ParseDocument()
        {
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _pos = 1;
            }

            SkipTrivia();
            if (_pos >= _text.Length)
            {
                throw Error("The file holds no JSON value", _pos);
            }

            var root = ParseValue();
            SkipTrivia();
            if (_pos < _text.Length)
            {
                throw Error($"Unexpected {Describe(_pos)} after the end of the JSON value", _pos);
            }

            return root;
        }

        private ConfigNode ParseValue()
        {
            Step();

            if (_pos >= _text.Length)
            {
                throw Error("Expected a value but found the end of the file", _pos);
            }

            var c = _text[_pos];
            switch (c)
            {
                case '{':
                    return ParseObject();
                case '[':
                    return ParseArray();
                case '"':
                    return ParseString();
                case 't':
                    return ParseLiteral("true");
                case 'f':
                    return ParseLiteral("false");
                case 'n':
                    return ParseLiteral("null");
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ParseNumber();
                    }

                    throw Error($"Expected a value but found {Describe(_pos)}", _pos);
            }
        }

        private ConfigNode ParseObject()
        {
            var start = _pos;
            Enter(start);
            _pos++;
            var properties = ImmutableArray.CreateBuilder<ConfigProperty>();
            SkipTrivia();
            if (Peek() == '}')
            {
                _pos++;
                Leave();
                return ConfigNode.Mapping(properties.ToImmutable(), Span(start), LineSpan(start), tag: null);
            }

            while (true)
            {
                SkipTrivia();
                if (_pos >= _text.Length)
                {
                    throw Error("'{' is never closed", start);
                }

                if (_text[_pos] != '"')
                {
                    throw Error($"Expected a property name in double quotes but found {Describe(_pos)}", _pos);
                }

                var key = ParseString();
                SkipTrivia();
                if (Peek() != ':')
                {
                    throw _pos >= _text.Length
                        ? Error("'{' is never closed", start)
                        : Error($"Expected ':' after the property name but found {Describe(_pos)}", _pos);
                }

                _pos++;
                SkipTrivia();
                var value = ParseValue();
                properties.Add(new ConfigProperty(key, value));
                SkipTrivia();
                var next = Peek();
                if (next == ',')
                {
                    _pos++;
                    continue;
                }

                if (next == '}')
                {
                    _pos++;
                    Leave();
                    return ConfigNode.Mapping(properties.ToImmutable(), Span(start), LineSpan(start), tag: null);
                }

                throw _pos >= _text.Length
                    ? Error("'{' is never closed", start)
                    : Error($"Expected ',' or '}}' but found {Describe(_pos)}", _pos);
            }
        }

        private ConfigNode ParseArray()
        {
            var start = _pos;
            Enter(start);
            _pos++;
            var items = ImmutableArray.CreateBuilder<ConfigNode>();
            SkipTrivia();
            if (Peek() == ']')
            {
                _pos++;
                Leave();
                return ConfigNode.Sequence(items.ToImmutable(), Span(start), LineSpan(start), tag: null);
            }

            while (true)
            {
                SkipTrivia();
                if (_pos >= _text.Length)
                {
                    throw Error("'[' is never closed", start);
                }

                items.Add(ParseValue());
                SkipTrivia();
                var next = Peek();
                if (next == ',')
                {
                    _pos++;
                    continue;
                }

                if (next == ']')
                {
                    _pos++;
                    Leave();
                    return ConfigNode.Sequence(items.ToImmutable(), Span(start), LineSpan(start), tag: null);
                }

                throw _pos >= _text.Length
                    ? Error("'[' is never closed", start)
                    : Error($"Expected ',' or ']' but found {Describe(_pos)}", _pos);
            }
        }

        private ConfigNode ParseString()
        {
            var start = _pos;
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
                if (c == '"')
                {
                    _pos++;
                    break;
                }

                if (c < ' ')
                {
                    throw Error($"Strings cannot contain {Describe(_pos)}; write it as an escape sequence", _pos);
                }

                if (c != '\\')
                {
                    _buffer.Append(c);
                    _pos++;
                    continue;
                }

                verbatim = false;
                if (_pos + 1 >= _text.Length)
                {
                    throw Error("String is never closed", start);
                }

                var escape = _text[_pos + 1];
                switch (escape)
                {
                    case '"': _buffer.Append('"'); break;
                    case '\\': _buffer.Append('\\'); break;
                    case '/': _buffer.Append('/'); break;
                    case 'b': _buffer.Append('\b'); break;
                    case 'f': _buffer.Append('\f'); break;
                    case 'n': _buffer.Append('\n'); break;
                    case 'r': _buffer.Append('\r'); break;
                    case 't': _buffer.Append('\t'); break;
                    case 'u':
                        var code = 0;
                        for (var i = 0; i < 4; i++)
                        {
                            var at = _pos + 2 + i;
                            var digit = at < _text.Length ? HexValue(_text[at]) : -1;
                            if (digit < 0)
                            {
                                throw Error($"A \\u escape needs four hex digits but found {Describe(at)}", at);
                            }

                            code = (code * 16) + digit;
                        }

                        _buffer.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        throw Error($"'\\{escape}' is not a JSON escape sequence", _pos);
                }

                _pos += 2;
            }

            return ConfigNode.Scalar(
                _buffer.ToString(), ScalarStyle.DoubleQuoted, Span(start), LineSpan(start), tag: null, verbatim ? start + 1 : -1);
        }

        private ConfigNode ParseNumber()
        {
            var start = _pos;
            if (Peek() == '-')
            {
                _pos++;
            }

            if (Peek() == '0')
            {
                _pos++;
            }
            else if (IsDigit(Peek()))
            {
                SkipDigits();
            }
            else
            {
                throw Error($"Expected a digit but found {Describe(_pos)}", _pos);
            }

            if (Peek() == '.')
            {
                _pos++;
                if (!IsDigit(Peek()))
                {
                    throw Error($"Expected a digit after the decimal point but found {Describe(_pos)}", _pos);
                }

                SkipDigits();
            }

            if (Peek() is 'e' or 'E')
            {
                _pos++;
                if (Peek() is '+' or '-')
                {
                    _pos++;
                }

                if (!IsDigit(Peek()))
                {
                    throw Error($"Expected a digit in the exponent but found {Describe(_pos)}", _pos);
                }

                SkipDigits();
            }

            if (IsDigit(Peek()) || char.IsLetter(Peek()))
            {
                throw Error($"Unexpected {Describe(_pos)} in a number", _pos);
            }

            return ConfigNode.Scalar(_text.Substring(start, _pos - start), ScalarStyle.Plain, Span(start), LineSpan(start), tag: null, start);
        }

        private ConfigNode ParseLiteral(string literal)
        {
            var start = _pos;
            for (var i = 0; i < literal.Length; i++)
            {
                if (_pos + i >= _text.Length || _text[_pos + i] != literal[i])
                {
                    throw Error(
                        i == 0 ? $"Expected a value but found {Describe(_pos)}" : $"Expected '{literal}' but found {Describe(_pos + i)}",
                        _pos + i);
                }
            }

            _pos += literal.Length;
            if (char.IsLetterOrDigit(Peek()))
            {
                throw Error($"Unexpected {Describe(_pos)} after '{literal}'", _pos);
            }

            return ConfigNode.Scalar(literal, ScalarStyle.Plain, Span(start), LineSpan(start), tag: null, start);
        }

        private void SkipTrivia()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c is ' ' or '\t' or '\n' or '\r')
                {
                    _pos++;
                }
                else if (c == '/' && _allowComments && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
                {
                    _pos = LineEnd(_pos);
                }
                else if (c == '/' && _allowComments && _pos + 1 < _text.Length && _text[_pos + 1] == '*')
                {
                    SkipBlockComment("Comment is never closed");
                }
                else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] is '/' or '*')
                {
                    throw Error("A comment: JSON has none, and the tools that read this file reject it", _pos);
                }
                else
                {
                    return;
                }
            }
        }

        private void SkipDigits()
        {
            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        private TextSpan Span(int start) => TextSpan.FromBounds(start, _pos);

        private LinePositionSpan LineSpan(int start) => _lines.GetLineSpan(Span(start));

    }
}

/// <summary>Unwinds a reader to its entry point, where it becomes a <see cref="ConfigSyntaxError"/>; never leaves a reader.</summary>
#pragma warning disable CA1032, CA1064 // internal control flow only, never thrown to callers
internal sealed class SyntaxErrorException : Exception
#pragma warning restore CA1032, CA1064
{
    public SyntaxErrorException(string message, int offset)
        : base(message) => Offset = offset;

    public int Offset { get; }
}
