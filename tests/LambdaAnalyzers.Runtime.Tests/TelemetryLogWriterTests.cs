using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipes;
using System.Linq;
using System.Text;

namespace LambdaAnalyzers.Runtime.Tests;

/// <summary>
/// <see cref="TelemetryLogWriter"/>: the frames Lambda's telemetry log descriptor takes (header, one record per line
/// however many lines it holds, split at the record size between characters), and which descriptors it opens.
/// </summary>
public sealed class TelemetryLogWriterTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 4, 5, 6, 7, 89, TimeSpan.Zero);

    private sealed record Frame(uint Type, long Microseconds, byte[] Payload)
    {
        public string Text => Encoding.UTF8.GetString(Payload);
    }

    private static List<Frame> Frames(byte[] written)
    {
        var frames = new List<Frame>();
        for (var at = 0; at < written.Length;)
        {
            var type = BinaryPrimitives.ReadUInt32BigEndian(written.AsSpan(at));
            var length = BinaryPrimitives.ReadInt32BigEndian(written.AsSpan(at + 4));
            var microseconds = BinaryPrimitives.ReadInt64BigEndian(written.AsSpan(at + 8));
            frames.Add(new Frame(type, microseconds, written.AsSpan(at + 16, length).ToArray()));
            at += 16 + length;
        }

        return frames;
    }

    private static (TelemetryLogWriter Writer, MemoryStream Written) Writer(uint frameType = TelemetryLogFormat.TextFrame)
    {
        var written = new MemoryStream();
        return (new TelemetryLogWriter(written, frameType, new FixedClock(Time)), written);
    }

    [Fact]
    public void A_log_line_of_several_lines_is_one_frame_with_its_line_end()
    {
        var (writer, written) = Writer();
        var exception = new InvalidOperationException("order 7 failed");
        var line = LambdaLog.Format(LogFormat.Text, LogLevels.Error, exception, "handler failed", null, Time, null);
        Assert.Contains('\n', line);

        LambdaLog.Write(LogLevels.Error, exception, "handler failed", null, writer);
        writer.WriteLine("second");

        var frames = Frames(written.ToArray());
        Assert.Equal(2, frames.Count);
        Assert.All(frames, frame => Assert.Equal(0xa55a0003u, frame.Type));
        Assert.All(frames, frame => Assert.Equal((Time - DateTimeOffset.UnixEpoch).Ticks / 10, frame.Microseconds));
        // The same line as the text format writes (after its timestamp, which is the time of the write).
        Assert.Equal(line[line.IndexOf('\t', StringComparison.Ordinal)..] + "\n", frames[0].Text[frames[0].Text.IndexOf('\t', StringComparison.Ordinal)..]);
        Assert.Equal("second\n", frames[1].Text);
    }

    [Fact]
    public void Json_records_have_their_own_frame_type_and_writes_without_a_line_end_are_frames_as_given()
    {
        var (writer, written) = Writer(TelemetryLogFormat.JsonFrame);

        writer.Write("partial");
        writer.Write('!');
        writer.Write(string.Empty);
        writer.WriteLine();

        var frames = Frames(written.ToArray());
        Assert.Equal(new[] { "partial", "!", "\n" }, frames.Select(frame => frame.Text));
        Assert.All(frames, frame => Assert.Equal(0xa55a0002u, frame.Type));
    }

    [Fact]
    public void Text_beyond_one_record_is_split_between_characters()
    {
        var (writer, written) = Writer();
        // Three-byte characters, so a split at the byte limit alone would cut one in two.
        var text = new string('€', (TelemetryLogFormat.MaxPayloadBytes / 3) + 1000) + "end";

        writer.WriteLine(text);

        var frames = Frames(written.ToArray());
        Assert.Equal(2, frames.Count);
        Assert.All(frames, frame => Assert.InRange(frame.Payload.Length, 1, TelemetryLogFormat.MaxPayloadBytes));
        Assert.Equal(text + "\n", string.Concat(frames.Select(frame => frame.Text)));
        Assert.DoesNotContain('\uFFFD', frames[0].Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("three")]
    [InlineData("-1")]
    [InlineData("2147483648")]
    public void A_variable_that_names_no_descriptor_opens_nothing(string? value) =>
        Assert.Null(TelemetryLogWriter.Open(value, json: false, TimeProvider.System));

    [Fact]
    public void The_descriptor_the_variable_names_receives_the_frames_and_stays_open()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var descriptor = pipe.ClientSafePipeHandle.DangerousGetHandle().ToInt32();

        var writer = TelemetryLogWriter.Open(descriptor.ToString(System.Globalization.CultureInfo.InvariantCulture), json: false, new FixedClock(Time));
        Assert.NotNull(writer);
        writer.WriteLine("line one\nline two");
        writer.Dispose();

        var header = new byte[16];
        pipe.ReadExactly(header);
        var payload = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4))];
        pipe.ReadExactly(payload);
        Assert.Equal(0xa55a0003u, BinaryPrimitives.ReadUInt32BigEndian(header));
        Assert.Equal("line one\nline two\n", Encoding.UTF8.GetString(payload));
        // The descriptor is the environment's: disposing the writer leaves it open.
        Assert.False(pipe.ClientSafePipeHandle.IsClosed);
        using var client = new AnonymousPipeClientStream(PipeDirection.Out, pipe.ClientSafePipeHandle);
        client.WriteByte(1);
        Assert.Equal(1, pipe.ReadByte());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
