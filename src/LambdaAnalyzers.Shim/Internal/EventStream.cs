using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// Messages of the AWS event stream encoding (<c>application/vnd.amazon.eventstream</c>), which
/// <c>InvokeWithResponseStream</c> answers with: a prelude (total length, headers length, CRC32 of the
/// two), string headers, the payload, and a CRC32 of everything before it; all integers big-endian.
/// </summary>
internal static class EventStream
{
    private const byte StringHeader = 7;

    /// <summary>An event message with <c>:event-type</c>, <c>:content-type</c> and <c>:message-type: event</c>.</summary>
    public static byte[] Event(string eventType, string contentType, ReadOnlySpan<byte> payload)
    {
        using var headers = new MemoryStream();
        WriteHeader(headers, ":event-type", eventType);
        WriteHeader(headers, ":content-type", contentType);
        WriteHeader(headers, ":message-type", "event");

        var headerBytes = headers.ToArray();
        var total = 12 + headerBytes.Length + payload.Length + 4;
        var message = new byte[total];
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(0), total);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(4), headerBytes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(8), Crc32.Compute(message.AsSpan(0, 8)));
        headerBytes.CopyTo(message.AsSpan(12));
        payload.CopyTo(message.AsSpan(12 + headerBytes.Length));
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(total - 4), Crc32.Compute(message.AsSpan(0, total - 4)));
        return message;
    }

    private static void WriteHeader(Stream target, string name, string value)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var valueBytes = Encoding.UTF8.GetBytes(value);
        target.WriteByte((byte)nameBytes.Length);
        target.Write(nameBytes);
        target.WriteByte(StringHeader);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)valueBytes.Length);
        target.Write(length);
        target.Write(valueBytes);
    }
}

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as the event stream encoding uses it.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var value = i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? 0xEDB88320u ^ (value >> 1) : value >> 1;
            }

            table[i] = value;
        }

        return table;
    }
}
