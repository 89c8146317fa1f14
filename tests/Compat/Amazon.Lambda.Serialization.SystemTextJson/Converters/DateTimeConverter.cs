using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Amazon.Lambda.Serialization.SystemTextJson.Converters;

/// <summary>
/// Reads ISO 8601 strings and epoch numbers. A number is taken as seconds unless it is past year 5000
/// in seconds, which only a millisecond timestamp reaches (Kinesis sends those); writes ISO 8601.
/// </summary>
public class DateTimeConverter : JsonConverter<DateTime>
{
    private static readonly double MaxEpochSeconds =
        (new DateTime(5000, 1, 1, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out var date))
        {
            return date;
        }

        if (reader.TokenType == JsonTokenType.Number)
        {
            return FromEpoch(reader.TryGetInt64(out var whole) ? whole : reader.GetDouble());
        }

        throw new JsonSerializerException($"Cannot read a DateTime from a JSON {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    private static DateTime FromEpoch(double value) => value > MaxEpochSeconds
        ? DateTime.UnixEpoch.AddMilliseconds(value)
        : DateTime.UnixEpoch.AddSeconds(value);
}
