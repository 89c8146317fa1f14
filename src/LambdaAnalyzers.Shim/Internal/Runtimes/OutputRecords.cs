using System;
using System.Buffers.Binary;
using System.Text;
using LambdaAnalyzers.Runtime;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>How the bytes of one output pipe of a process become log records, read by an <see cref="OutputPump"/>.</summary>
internal abstract class OutputRecords
{
    /// <summary>Takes the next bytes read, logging every record they complete.</summary>
    public abstract void Read(ReadOnlySpan<byte> bytes, Action<string> log);

    /// <summary>The pipe has ended: what is left is logged as it stands.</summary>
    public abstract void End(Action<string> log);
}

/// <summary>Standard output and error: a record per line (<c>\n</c>, <c>\r\n</c> or <c>\r</c>), UTF-8.</summary>
internal sealed class LineRecords : OutputRecords
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private readonly StringBuilder _line = new();
    private char[] _chars = Array.Empty<char>();
    private bool _lastWasCarriageReturn;

    public override void Read(ReadOnlySpan<byte> bytes, Action<string> log)
    {
        var most = Encoding.UTF8.GetMaxCharCount(bytes.Length);
        if (_chars.Length < most)
        {
            _chars = new char[most];
        }

        var count = _decoder.GetChars(bytes, _chars, flush: false);
        for (var i = 0; i < count; i++)
        {
            var c = _chars[i];
            if (c == '\n' && _lastWasCarriageReturn)
            {
                _lastWasCarriageReturn = false;
                continue;
            }

            _lastWasCarriageReturn = c == '\r';
            if (c is '\n' or '\r')
            {
                log(_line.ToString());
                _line.Clear();
            }
            else
            {
                _line.Append(c);
            }
        }
    }

    public override void End(Action<string> log)
    {
        if (_line.Length > 0)
        {
            log(_line.ToString());
            _line.Clear();
        }
    }
}

/// <summary>
/// Lambda's telemetry log descriptor (docs/platform/logging.md, "The telemetry log descriptor"): frames of a
/// 16-byte big-endian header (type, payload length, timestamp) and a UTF-8 payload, each one record however many
/// lines it holds. The one line end a runtime writes after its message is not part of the record. A frame cut
/// short by the end of the pipe is logged as far as it came.
/// </summary>
internal sealed class TelemetryFrames : OutputRecords
{
    /// <summary>More than any runtime writes in one frame (a CloudWatch event is 256 KiB): a longer length is not a frame.</summary>
    private const int NotAFrameAbove = 1024 * 1024;

    private byte[] _pending = new byte[8192];
    private int _count;

    public override void Read(ReadOnlySpan<byte> bytes, Action<string> log)
    {
        if (_count + bytes.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _count + bytes.Length));
        }

        bytes.CopyTo(_pending.AsSpan(_count));
        _count += bytes.Length;
        var start = 0;
        while (_count - start >= TelemetryLogFormat.HeaderBytes)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(_pending.AsSpan(start + 4, 4));
            if (length < 0 || length > NotAFrameAbove)
            {
                // Not the frame format: what is there is logged as text rather than lost.
                log(Encoding.UTF8.GetString(_pending, start, _count - start));
                start = _count;
                break;
            }

            if (_count - start < TelemetryLogFormat.HeaderBytes + length)
            {
                break;
            }

            log(Record(_pending.AsSpan(start + TelemetryLogFormat.HeaderBytes, length)));
            start += TelemetryLogFormat.HeaderBytes + length;
        }

        _pending.AsSpan(start, _count - start).CopyTo(_pending);
        _count -= start;
    }

    public override void End(Action<string> log)
    {
        if (_count > TelemetryLogFormat.HeaderBytes)
        {
            log(Record(_pending.AsSpan(TelemetryLogFormat.HeaderBytes, _count - TelemetryLogFormat.HeaderBytes)));
        }

        _count = 0;
    }

    private static string Record(ReadOnlySpan<byte> payload)
    {
        var text = Encoding.UTF8.GetString(payload);
        return text.EndsWith('\n') ? text[..^1] : text;
    }
}
