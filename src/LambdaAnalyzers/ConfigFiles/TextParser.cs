using System.Globalization;
using System.Threading;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// What the JSON, YAML and HCL parsers share: the text with its line map and the read position, a
/// nesting limit (deeper input is an error, never a stack overflow), a cancellation check every 256
/// steps, and the character helpers their grammars have in common. Errors unwind as
/// <see cref="SyntaxErrorException"/> to each reader's entry point.
/// </summary>
internal abstract class TextParser
{
#pragma warning disable SA1401, CA1051 // the parsers read and move these on every character
    protected readonly string _text;
    protected readonly LineMap _lines;
    protected int _pos;
#pragma warning restore SA1401, CA1051

    private readonly int _maxDepth;
    private readonly CancellationToken _cancellationToken;
    private int _depth;
    private int _steps;

    protected TextParser(string text, LineMap lines, int maxDepth, CancellationToken cancellationToken)
    {
        _text = text;
        _lines = lines;
        _maxDepth = maxDepth;
        _cancellationToken = cancellationToken;
    }

    protected char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    protected char PeekAt(int offset) => offset < _text.Length ? _text[offset] : '\0';

    /// <summary>How the character at <paramref name="offset"/> is named in an error message.</summary>
    protected string Describe(int offset)
    {
        if (offset >= _text.Length)
        {
            return "the end of the file";
        }

        var c = _text[offset];
        return c switch
        {
            '\n' or '\r' => "a line break",
            '\t' => "a tab",
            _ when char.IsControl(c) => "control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            _ => "'" + c + "'",
        };
    }

    /// <summary>One level deeper; fails at <paramref name="at"/> past the nesting limit. Pair with <see cref="Leave"/>.</summary>
    protected void Enter(int at)
    {
        if (++_depth > _maxDepth)
        {
            throw Error($"Nesting is deeper than {_maxDepth} levels", at);
        }
    }

    protected void Leave() => _depth--;

    /// <summary>Counts a unit of work and honours cancellation every 256 of them.</summary>
    protected void Step()
    {
        if ((++_steps & 255) == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The offset of the line break (or the end of the text) at or after <paramref name="offset"/>.</summary>
    protected int LineEnd(int offset)
    {
        while (offset < _text.Length && !IsBreak(_text[offset]))
        {
            offset++;
        }

        return offset;
    }

    /// <summary>Past one line break (<c>\n</c>, <c>\r\n</c> or <c>\r</c>) at <paramref name="offset"/>, if there is one.</summary>
    protected int SkipLineBreak(int offset)
    {
        if (offset < _text.Length && _text[offset] == '\r')
        {
            offset++;
            return offset < _text.Length && _text[offset] == '\n' ? offset + 1 : offset;
        }

        return offset < _text.Length && _text[offset] == '\n' ? offset + 1 : offset;
    }

    /// <summary>At <c>/*</c>: past the <c>*/</c> that closes it; <paramref name="neverClosed"/> is the error at the opening when none does.</summary>
    protected void SkipBlockComment(string neverClosed)
    {
        var close = _text.IndexOf("*/", _pos + 2, System.StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error(neverClosed, _pos);
        }

        _pos = close + 2;
    }

    protected static bool IsBreak(char c) => c is '\n' or '\r';

    protected static bool IsDigit(char c) => c is >= '0' and <= '9';

    protected static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    protected static SyntaxErrorException Error(string message, int offset) => new(message, offset);
}
