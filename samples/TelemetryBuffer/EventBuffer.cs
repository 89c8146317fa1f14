using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using LambdaAnalyzers.Runtime;

namespace TelemetryBuffer;

/// <summary>Telemetry events kept in memory, oldest first, up to a capacity (the oldest go first when it is full).</summary>
internal sealed class EventBuffer
{
    private readonly object _gate = new();
    private readonly Queue<LambdaTelemetryEvent> _events = new();
    private readonly int _capacity;

    public EventBuffer(int capacity) => _capacity = capacity;

    /// <summary>Events dropped because the buffer was full.</summary>
    public long Dropped { get; private set; }

    /// <summary><c>TELEMETRY_BUFFER_CAPACITY</c> (a function environment variable), else 10,000 events.</summary>
    public static int CapacityFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("TELEMETRY_BUFFER_CAPACITY"), NumberStyles.None, CultureInfo.InvariantCulture, out var capacity) && capacity > 0
            ? capacity
            : 10_000;

    public void Add(IReadOnlyList<LambdaTelemetryEvent> batch)
    {
        lock (_gate)
        {
            foreach (var item in batch)
            {
                if (_events.Count == _capacity)
                {
                    _events.Dequeue();
                    Dropped++;
                }

                _events.Enqueue(item);
            }
        }
    }

    /// <summary>Writes every event as one JSON line (<c>time</c>, <c>type</c>, <c>record</c>) and empties the buffer.</summary>
    public int Flush(TextWriter output)
    {
        LambdaTelemetryEvent[] events;
        lock (_gate)
        {
            events = _events.ToArray();
            _events.Clear();
        }

        foreach (var item in events)
        {
            using var line = new MemoryStream();
            using (var writer = new Utf8JsonWriter(line))
            {
                writer.WriteStartObject();
                writer.WriteString("time", item.Time);
                writer.WriteString("type", item.Type);
                writer.WritePropertyName("record");
                if (item.Record.ValueKind == JsonValueKind.Undefined)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    item.Record.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(line.ToArray()));
        }

        output.Flush();
        return events.Length;
    }
}
