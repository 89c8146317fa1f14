using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LambdaAnalyzers.Shim.Internal;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>How a runtime's output pipes become log records: lines on standard output and error, frames on the telemetry log descriptor.</summary>
public sealed class OutputRecordsTests
{
    private static byte[] Frame(string text, uint type = 0xa55a0003)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[16 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, type);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(4), payload.Length);
        BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(8), 1_700_000_000_000_000);
        payload.CopyTo(frame, 16);
        return frame;
    }

    private static List<string> Read(OutputRecords records, IEnumerable<byte[]> reads, bool end = true)
    {
        var logged = new List<string>();
        foreach (var read in reads)
        {
            records.Read(read, logged.Add);
        }

        if (end)
        {
            records.End(logged.Add);
        }

        return logged;
    }

    [Fact]
    public void Each_frame_is_one_record_without_its_line_end_however_the_reads_cut_it()
    {
        var bytes = Frame("first of two\nsecond of two\n").Concat(Frame("{\"message\":\"json\"}\n", 0xa55a0002)).Concat(Frame("no line end")).ToArray();
        var expected = new[] { "first of two\nsecond of two", "{\"message\":\"json\"}", "no line end" };

        // All at once, one byte at a time, and cut inside the second header.
        Assert.Equal(expected, Read(new TelemetryFrames(), new[] { bytes }));
        Assert.Equal(expected, Read(new TelemetryFrames(), bytes.Select(b => new[] { b })));
        Assert.Equal(expected, Read(new TelemetryFrames(), new[] { bytes[..50], bytes[50..] }));
    }

    [Fact]
    public void A_character_split_across_reads_and_a_frame_larger_than_the_buffer_stay_whole()
    {
        var text = new string('€', 10_000);
        var bytes = Frame(text);

        Assert.Equal(new[] { text }, Read(new TelemetryFrames(), new[] { bytes[..17], bytes[17..9000], bytes[9000..] }));
    }

    [Fact]
    public void A_frame_cut_short_by_the_end_of_the_pipe_is_logged_as_far_as_it_came_and_bytes_that_are_no_frame_as_text()
    {
        var cut = Frame("written until the process died");

        Assert.Equal(new[] { "written until" }, Read(new TelemetryFrames(), new[] { cut[..(16 + 13)] }));
        Assert.Empty(Read(new TelemetryFrames(), new[] { cut[..10] }));
        var notFrames = Encoding.UTF8.GetBytes("plain text that someone wrote to the descriptor\n");
        Assert.Equal(new[] { "plain text that someone wrote to the descriptor\n" }, Read(new TelemetryFrames(), new[] { notFrames }));
    }

    [Fact]
    public void Lines_end_at_any_line_end_and_the_last_one_at_the_end_of_the_pipe()
    {
        var bytes = Encoding.UTF8.GetBytes("one\ntwo\r\nthree\rfour");

        Assert.Equal(new[] { "one", "two", "three", "four" }, Read(new LineRecords(), bytes.Select(b => new[] { b })));
        Assert.Equal(new[] { "one", "two", "three" }, Read(new LineRecords(), new[] { bytes }, end: false));
    }
}
