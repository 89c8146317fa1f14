using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>The three telemetry streams an extension may subscribe to (docs/platform/telemetry-api.md).</summary>
[Flags]
internal enum TelemetryTypes
{
    None = 0,
    Platform = 1,
    Function = 2,
    Extension = 4,
}

/// <summary>One Telemetry API event, already in its wire form (<c>{"time","type","record"}</c>).</summary>
internal sealed record TelemetryRecord(TelemetryTypes Stream, string Type, byte[] Json);

/// <summary>
/// The Telemetry API of one runtime generation: its subscriptions and the events they receive. Events of the Init
/// phase are kept until Init ends and replayed to each subscription made during Init, so a subscriber also sees the
/// <c>platform.initStart</c> that happened before it subscribed. Subscriptions are accepted only during Init.
/// </summary>
internal sealed class TelemetryBus
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly List<TelemetrySubscription> _subscriptions = new();
    private List<TelemetryRecord>? _initEvents = new();
    private bool _closed;

    public TelemetryBus(TimeProvider clock) => _clock = clock;

    /// <summary>Subscriptions are accepted (the Init phase has not ended).</summary>
    public bool Open
    {
        get
        {
            lock (_gate)
            {
                return _initEvents is not null && !_closed;
            }
        }
    }

    public IReadOnlyList<TelemetrySubscription> Subscriptions
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.ToArray();
            }
        }
    }

    /// <summary>Adds a subscription and replays the Init phase's events to it; false once Init has ended.</summary>
    public bool TryAdd(TelemetrySubscription subscription)
    {
        lock (_gate)
        {
            if (_initEvents is null || _closed)
            {
                return false;
            }

            _subscriptions.Add(subscription);
            foreach (var record in _initEvents)
            {
                subscription.Enqueue(record);
            }

            return true;
        }
    }

    /// <summary>The Init phase ended: no more subscriptions, no more replay.</summary>
    public void EndInit()
    {
        lock (_gate)
        {
            _initEvents = null;
        }
    }

    /// <summary>A platform event with a JSON object as its record.</summary>
    public void Platform(string type, Action<Utf8JsonWriter> record) => Publish(TelemetryTypes.Platform, type, writer =>
    {
        writer.WriteStartObject("record");
        record(writer);
        writer.WriteEndObject();
    });

    /// <summary>A log line of the function (<c>function</c>) or of an extension (<c>extension</c>).</summary>
    public void Line(TelemetryTypes stream, string line)
    {
        var type = stream == TelemetryTypes.Function ? "function" : "extension";
        Publish(stream, type, writer =>
        {
            // A line that is a JSON object (JSON log format) is delivered as that object, as Lambda does.
            if (line.StartsWith('{') && IsJsonObject(line))
            {
                writer.WritePropertyName("record");
                writer.WriteRawValue(line, skipInputValidation: true);
            }
            else
            {
                writer.WriteString("record", line);
            }
        });
    }

    /// <summary>Ships every buffered batch and waits (at most <paramref name="limit"/>) for their delivery.</summary>
    public Task FlushAsync(TimeSpan limit)
    {
        var flushes = Subscriptions.Select(s => s.FlushAsync()).ToArray();
        return flushes.Length == 0 ? Task.CompletedTask : Task.WhenAny(Task.WhenAll(flushes), Task.Delay(limit));
    }

    /// <summary>The generation ended: subscriptions stop (undelivered events are dropped).</summary>
    public void Close()
    {
        TelemetrySubscription[] subscriptions;
        lock (_gate)
        {
            _closed = true;
            _initEvents = null;
            subscriptions = _subscriptions.ToArray();
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }
    }

    /// <summary>The <c>time</c> of an event: ISO 8601 UTC with milliseconds.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private void Publish(TelemetryTypes stream, string type, Action<Utf8JsonWriter> record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("time", Time(_clock.GetUtcNow()));
            writer.WriteString("type", type);
            record(writer);
            writer.WriteEndObject();
        }

        var telemetryRecord = new TelemetryRecord(stream, type, buffer.WrittenSpan.ToArray());
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _initEvents?.Add(telemetryRecord);
            foreach (var subscription in _subscriptions)
            {
                subscription.Enqueue(telemetryRecord);
            }
        }
    }

    private static bool IsJsonObject(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
