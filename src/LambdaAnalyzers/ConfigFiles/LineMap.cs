using System;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// Offsets to line/column for one file. Lines end at <c>\n</c>, <c>\r\n</c> or <c>\r</c> only, as
/// JSON, YAML and editors count them (Roslyn's <c>SourceText</c> also breaks at U+2028 and
/// U+0085, which would shift every later line of a config file).
/// </summary>
internal sealed class LineMap
{
    private readonly int[] _lineStarts;

    private LineMap(int[] lineStarts, int length)
    {
        _lineStarts = lineStarts;
        Length = length;
    }

    /// <summary>Length of the text in UTF-16 code units.</summary>
    public int Length { get; }

    public int LineCount => _lineStarts.Length;

    public static LineMap Create(string text)
    {
        var starts = new int[16];
        var count = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\n' && c != '\r')
            {
                continue;
            }

            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            if (count == starts.Length)
            {
                Array.Resize(ref starts, count * 2);
            }

            starts[count++] = i + 1;
        }

        Array.Resize(ref starts, count);
        return new LineMap(starts, text.Length);
    }

    /// <summary>Zero-based line and column (UTF-16 code units) of an offset; offsets past the end clamp to it.</summary>
    public LinePosition GetPosition(int offset)
    {
        if (offset < 0)
        {
            offset = 0;
        }
        else if (offset > Length)
        {
            offset = Length;
        }

        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line, offset - _lineStarts[line]);
    }

    public LinePositionSpan GetLineSpan(TextSpan span) => new(GetPosition(span.Start), GetPosition(span.End));

    /// <summary>Offset where a zero-based line starts.</summary>
    public int GetLineStart(int line) => _lineStarts[line];
}
