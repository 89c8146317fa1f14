using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// What <see cref="Console.Out"/> (at <c>Information</c>) or <see cref="Console.Error"/> (at <c>Error</c>) becomes in a
/// process whose runtime is this library's loop, as the managed runtime wraps them (docs/platform/logging.md, "Console
/// output"): every <c>WriteLine</c> is one log line through <see cref="LambdaLog"/> (timestamp, request id and level, or a
/// JSON object; dropped below the minimum level), its text written as given; a <c>Write</c> without a line end goes out
/// unchanged. The text of a line is never read as a message template.
/// </summary>
internal sealed class ConsoleLogWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly int _level;

    public ConsoleLogWriter(TextWriter inner, int level)
        : base(inner.FormatProvider)
    {
        _inner = inner;
        _level = level;
    }

    /// <summary>The console's own writer, which log lines go to.</summary>
    public TextWriter Inner => _inner;

    public override Encoding Encoding => _inner.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => _inner.NewLine;
        set => _inner.NewLine = value;
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync() => _inner.FlushAsync();

    // Writes without a line end pass through.
    public override void Write(char value) => _inner.Write(value);

    public override void Write(string? value) => _inner.Write(value);

    public override void Write(char[] buffer, int index, int count) => _inner.Write(buffer, index, count);

    public override void Write(ReadOnlySpan<char> buffer) => _inner.Write(buffer);

    // Every line end is a log line. The format overloads of TextWriter format, then call WriteLine(string).
    public override void WriteLine() => Line(string.Empty);

    public override void WriteLine(string? value) => Line(value ?? string.Empty);

    public override void WriteLine(object? value) => Line(value is IFormattable formattable ? formattable.ToString(null, FormatProvider) : value?.ToString() ?? string.Empty);

    public override void WriteLine(bool value) => Line(value.ToString());

    public override void WriteLine(char value) => Line(value.ToString());

    public override void WriteLine(char[]? buffer) => Line(buffer is null ? string.Empty : new string(buffer));

    public override void WriteLine(char[] buffer, int index, int count) => Line(new string(buffer, index, count));

    public override void WriteLine(ReadOnlySpan<char> buffer) => Line(buffer.ToString());

    public override void WriteLine(StringBuilder? value) => Line(value?.ToString() ?? string.Empty);

    public override void WriteLine(int value) => Line(value.ToString(FormatProvider));

    public override void WriteLine(uint value) => Line(value.ToString(FormatProvider));

    public override void WriteLine(long value) => Line(value.ToString(FormatProvider));

    public override void WriteLine(ulong value) => Line(value.ToString(FormatProvider));

    public override void WriteLine(float value) => Line(value.ToString(FormatProvider));

    public override void WriteLine(double value) => Line(value.ToString(FormatProvider));

    public override void WriteLine(decimal value) => Line(value.ToString(FormatProvider));

    public override Task WriteLineAsync() => LineAsync(string.Empty);

    public override Task WriteLineAsync(char value) => LineAsync(value.ToString());

    public override Task WriteLineAsync(string? value) => LineAsync(value ?? string.Empty);

    public override Task WriteLineAsync(char[] buffer, int index, int count) => LineAsync(new string(buffer, index, count));

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) => LineAsync(buffer.Span.ToString());

    public override Task WriteLineAsync(StringBuilder? value, CancellationToken cancellationToken = default) => LineAsync(value?.ToString() ?? string.Empty);

    private void Line(string text) => LambdaLog.Write(_level, text, _inner);

    private Task LineAsync(string text)
    {
        Line(text);
        return Task.CompletedTask;
    }
}
