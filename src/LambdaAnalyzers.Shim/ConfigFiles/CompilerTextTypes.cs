// The config-file readers of src/LambdaAnalyzers/ConfigFiles are compiled into the shim as well, so the
// analyzers and the shim read aws-lambda-tools-defaults.json and templates with one piece of code. Those
// readers locate what they read with four of the compiler's text types; the shim does not reference the
// compiler, so it gets these minimal internal equivalents (positions only, no behaviour of their own).
// Only the members the readers use exist here.
using System;

namespace Microsoft.CodeAnalysis.Text
{
    /// <summary>A range of characters: start and length.</summary>
    internal readonly struct TextSpan : IEquatable<TextSpan>
    {
        public TextSpan(int start, int length)
        {
            Start = start;
            Length = length;
        }

        public int Start { get; }

        public int Length { get; }

        public int End => Start + Length;

        public static TextSpan FromBounds(int start, int end) => new(start, end - start);

        public bool Equals(TextSpan other) => Start == other.Start && Length == other.Length;

        public override bool Equals(object? obj) => obj is TextSpan other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(Start, Length);
    }

    /// <summary>Zero-based line and character.</summary>
    internal readonly record struct LinePosition(int Line, int Character);

    /// <summary>From one position to another.</summary>
    internal readonly record struct LinePositionSpan(LinePosition Start, LinePosition End);
}

namespace Microsoft.CodeAnalysis
{
    using Microsoft.CodeAnalysis.Text;

    /// <summary>Where a place in a file is.</summary>
    internal enum LocationKind
    {
        ExternalFile,
    }

    /// <summary>A place in a config file: its path, span and line span.</summary>
    internal sealed class Location
    {
        private Location(string filePath, TextSpan sourceSpan, LinePositionSpan lineSpan)
        {
            FilePath = filePath;
            SourceSpan = sourceSpan;
            LineSpan = lineSpan;
        }

        public LocationKind Kind => LocationKind.ExternalFile;

        public string FilePath { get; }

        public TextSpan SourceSpan { get; }

        public LinePositionSpan LineSpan { get; }

        public static Location Create(string filePath, TextSpan textSpan, LinePositionSpan lineSpan) => new(filePath, textSpan, lineSpan);

        /// <summary><c>path(line,column)</c>, one-based, as compilers print places.</summary>
        public override string ToString() => $"{FilePath}({LineSpan.Start.Line + 1},{LineSpan.Start.Character + 1})";
    }
}
