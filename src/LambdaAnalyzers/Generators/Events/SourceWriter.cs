using System.Text;

namespace LambdaAnalyzers.Generators.Events;

/// <summary>Generated source text with four-space indentation and <c>\n</c> line ends, whatever the platform.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="lines"/> (hand-written members) re-indented to the current depth.</summary>
    public SourceWriter Block(string lines)
    {
        foreach (var line in lines.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
        {
            Line(line.TrimEnd());
        }

        return this;
    }

    public SourceWriter Open(string line)
    {
        Line(line).Line("{");
        _depth++;
        return this;
    }

    /// <summary>Opens a brace block on a line of its own.</summary>
    public SourceWriter Enter()
    {
        Line("{");
        _depth++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _depth--;
        return Line("}" + suffix);
    }

    public override string ToString() => _text.ToString();
}
