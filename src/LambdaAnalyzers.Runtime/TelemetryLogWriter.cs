using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// Log output to Lambda's telemetry log descriptor (<c>_LAMBDA_TELEMETRY_LOG_FD</c>), where every write is one
/// CloudWatch Logs record however many lines it holds (docs/platform/logging.md, "The telemetry log descriptor"):
/// a frame of a 16-byte big-endian header (frame type, payload length, microseconds since the Unix epoch) and the
/// UTF-8 text. A line with its line end is one write, so a message of several lines (an exception's stack trace)
/// stays one record, where on standard output each line would be a record of its own. Text longer than one record
/// holds is split into several frames, never inside a character.
/// </summary>
internal sealed class TelemetryLogWriter : TextWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly Stream _descriptor;
    private readonly uint _frameType;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();

    public TelemetryLogWriter(Stream descriptor, uint frameType, TimeProvider clock)
        : base(CultureInfo.InvariantCulture)
    {
        _descriptor = descriptor;
        _frameType = frameType;
        _clock = clock;
        CoreNewLine = new[] { '\n' };
    }

    public override Encoding Encoding => Utf8;

    /// <summary>
    /// The writer for the descriptor <paramref name="descriptor"/> names (the variable's value), or null when it names
    /// none: unset, not a number, or not open for writing. The descriptor is never closed: it is the environment's.
    /// </summary>
    public static TelemetryLogWriter? Open(string? descriptor, bool json, TimeProvider clock)
    {
        if (!int.TryParse(descriptor?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        try
        {
            var stream = new FileStream(new SafeFileHandle((IntPtr)number, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            return new TelemetryLogWriter(stream, json ? TelemetryLogFormat.JsonFrame : TelemetryLogFormat.TextFrame, clock);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public override void Write(char value) => Frame(value.ToString());

    public override void Write(string? value) => Frame(value ?? string.Empty);

    public override void Write(char[] buffer, int index, int count) => Frame(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Frame(buffer.ToString());

    public override void WriteLine() => Frame("\n");

    public override void WriteLine(string? value) => Frame(value + "\n");

    public override void WriteLine(ReadOnlySpan<char> buffer) => Frame(buffer.ToString() + "\n");

    public override void Flush() => _descriptor.Flush();

    private void Frame(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        var payload = Utf8.GetBytes(text);
        var microseconds = (_clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        Span<byte> header = stackalloc byte[TelemetryLogFormat.HeaderBytes];
        lock (_gate)
        {
            for (var start = 0; start < payload.Length;)
            {
                var length = ChunkLength(payload, start);
                BinaryPrimitives.WriteUInt32BigEndian(header, _frameType);
                BinaryPrimitives.WriteInt32BigEndian(header.Slice(4), length);
                BinaryPrimitives.WriteInt64BigEndian(header.Slice(8), microseconds);
                _descriptor.Write(header);
                _descriptor.Write(payload, start, length);
                start += length;
            }

            _descriptor.Flush();
        }
    }

    /// <summary>At most <see cref="TelemetryLogFormat.MaxPayloadBytes"/> from <paramref name="start"/>, ending before a character's continuation bytes.</summary>
    private static int ChunkLength(byte[] payload, int start)
    {
        var end = Math.Min(payload.Length, start + TelemetryLogFormat.MaxPayloadBytes);
        if (end < payload.Length)
        {
            while (end > start + 1 && (payload[end] & 0xC0) == 0x80)
            {
                end--;
            }
        }

        return end - start;
    }
}
