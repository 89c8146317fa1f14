using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LambdaAnalyzers.Runtime;

/// <summary>
/// Log message templates as the managed .NET runtime renders them (docs/platform/logging.md): <c>{Name}</c>
/// placeholders are filled from the arguments in order of appearance (or by number when every placeholder is a
/// number 0…n-1), <c>{Name:format}</c> applies a format, <c>{@Name}</c> asks for the value as JSON in structured
/// logs, <c>{{</c> starts no placeholder (and is kept as written). A placeholder without an argument stays as
/// written; nothing throws.
/// </summary>
internal static class MessageTemplate
{
    private const int CacheLimit = 1024;
    private static readonly ConcurrentDictionary<string, Placeholder[]> Cache = new(StringComparer.Ordinal);
    private static readonly JsonSerializerOptions StructuredOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The timestamp format of log lines, also used for date values in messages.</summary>
    internal const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The message with its placeholders filled; the template itself when there are no arguments.</summary>
    public static string Render(string template, object?[]? arguments)
    {
        if (arguments is not { Length: > 0 })
        {
            return template;
        }

        var placeholders = Parse(template);
        if (placeholders.Length == 0)
        {
            return template;
        }

        var positional = IsPositional(placeholders);
        var text = new StringBuilder(template.Length + 16);
        var position = 0;
        for (var next = 0; next < placeholders.Length; next++)
        {
            var placeholder = placeholders[next];
            if (!positional && next >= arguments.Length)
            {
                // More placeholders than arguments: the rest of the template is left as written.
                break;
            }

            text.Append(template, position, placeholder.Start - position);
            var value = positional
                ? (placeholder.Index < arguments.Length ? arguments[placeholder.Index] : null)
                : arguments[next];
            text.Append(placeholder.ForMessage(value));
            position = placeholder.Start + placeholder.Token.Length;
        }

        text.Append(template, position, template.Length - position);
        return text.ToString();
    }

    /// <summary>Each placeholder that has a non-null argument, as a property of a structured (JSON) log line.</summary>
    public static void WriteProperties(Utf8JsonWriter json, string template, object?[]? arguments)
    {
        if (arguments is not { Length: > 0 })
        {
            return;
        }

        var placeholders = Parse(template);
        var positional = IsPositional(placeholders);
        for (var next = 0; next < placeholders.Length; next++)
        {
            var placeholder = placeholders[next];
            int index;
            if (positional)
            {
                index = placeholder.Index;
                if (index >= arguments.Length)
                {
                    continue;
                }
            }
            else
            {
                if (next >= arguments.Length)
                {
                    break;
                }

                index = next;
            }

            var value = arguments[index];
            if (value is null)
            {
                continue;
            }

            json.WritePropertyName(placeholder.Name);
            if (value is IList list && value is not IList<byte>)
            {
                json.WriteStartArray();
                foreach (var item in list)
                {
                    placeholder.WriteJson(json, item);
                }

                json.WriteEndArray();
            }
            else if (value is IDictionary map)
            {
                json.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    json.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    placeholder.WriteJson(json, entry.Value);
                }

                json.WriteEndObject();
            }
            else
            {
                placeholder.WriteJson(json, value);
            }
        }
    }

    /// <summary>Positional when every placeholder is a number and together they are exactly 0…n-1 (repeats allowed).</summary>
    private static bool IsPositional(Placeholder[] placeholders)
    {
        if (placeholders.Length == 0)
        {
            return false;
        }

        var seen = new HashSet<int>();
        var max = -1;
        foreach (var placeholder in placeholders)
        {
            if (placeholder.Index < 0)
            {
                return false;
            }

            seen.Add(placeholder.Index);
            max = Math.Max(max, placeholder.Index);
        }

        return seen.Count == max + 1;
    }

    private static Placeholder[] Parse(string template)
    {
        if (Cache.TryGetValue(template, out var cached))
        {
            return cached;
        }

        var found = new List<Placeholder>();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                continue;
            }

            if (i + 1 < template.Length && template[i + 1] == '{')
            {
                i++;
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                break;
            }

            if (close > i + 1)
            {
                found.Add(new Placeholder(template.Substring(i, close - i + 1), i));
            }

            i = close;
        }

        var placeholders = found.ToArray();
        if (Cache.Count < CacheLimit)
        {
            Cache.TryAdd(template, placeholders);
        }

        return placeholders;
    }

    /// <summary>One <c>{[@]Name[:format]}</c>.</summary>
    private sealed class Placeholder
    {
        public Placeholder(string token, int start)
        {
            Token = token;
            Start = start;
            var inner = token.AsSpan(1, token.Length - 2);
            if (inner.Length > 0 && inner[0] == '@')
            {
                Structured = true;
                inner = inner.Slice(1);
            }

            var colon = inner.IndexOf(':');
            Name = (colon < 0 ? inner : inner.Slice(0, colon)).Trim().ToString();
            var format = colon < 0 ? string.Empty : inner.Slice(colon + 1).Trim().ToString();
            Format = format.Length == 0 ? null : format;
            Index = int.TryParse(Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 ? index : -1;
        }

        /// <summary>The placeholder as written, braces included.</summary>
        public string Token { get; }

        public int Start { get; }

        public string Name { get; }

        public string? Format { get; }

        public bool Structured { get; }

        /// <summary>The number of a positional placeholder (<c>{0}</c>), else -1.</summary>
        public int Index { get; }

        /// <summary>The value as text in the message; null values and collections leave the placeholder as written.</summary>
        public string ForMessage(object? value) => value switch
        {
            byte[] bytes => Hex(bytes),
            ReadOnlyMemory<byte> bytes => Hex(bytes.Span),
            Memory<byte> bytes => Hex(bytes.Span),
            null or IList or IDictionary => Token,
            _ when Format is not null => Formatted(value, Format),
            DateTime time => time.ToString(TimestampFormat, CultureInfo.InvariantCulture),
            DateTimeOffset time => time.ToString(TimestampFormat, CultureInfo.InvariantCulture),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TimeOnly time => time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.CurrentCulture) ?? string.Empty,
        };

        public void WriteJson(Utf8JsonWriter json, object? value)
        {
            switch (value)
            {
                case null:
                    json.WriteNullValue();
                    return;
                case var _ when Structured:
                    WriteStructured(json, value);
                    return;
                case var _ when Format is not null:
                    json.WriteStringValue(Formatted(value, Format));
                    return;
                case bool flag:
                    json.WriteBooleanValue(flag);
                    return;
                case byte or sbyte or short or ushort or int:
                    json.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                    return;
                case uint number:
                    json.WriteNumberValue(number);
                    return;
                case long number:
                    json.WriteNumberValue(number);
                    return;
                case ulong number:
                    json.WriteNumberValue(number);
                    return;
                case float number when float.IsFinite(number):
                    json.WriteNumberValue(number);
                    return;
                case double number when double.IsFinite(number):
                    json.WriteNumberValue(number);
                    return;
                case decimal number:
                    json.WriteNumberValue(number);
                    return;
                case DateTime or DateTimeOffset or DateOnly or TimeOnly or byte[] or ReadOnlyMemory<byte> or Memory<byte>:
                    json.WriteStringValue(ForMessage(value));
                    return;
                default:
                    json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    return;
            }
        }

        /// <summary>
        /// <c>{@Name}</c>: the value serialized as JSON. Reflection-based, so only where reflection serialization is on
        /// (JIT; not trimmed or Native AOT builds, which get the value's text as the managed runtime falls back to).
        /// </summary>
        [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Guarded by JsonSerializer.IsReflectionEnabledByDefault; falls back to text.")]
        [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Guarded by JsonSerializer.IsReflectionEnabledByDefault; falls back to text.")]
        private static void WriteStructured(Utf8JsonWriter json, object value)
        {
            if (JsonSerializer.IsReflectionEnabledByDefault)
            {
                try
                {
                    json.WriteRawValue(JsonSerializer.Serialize(value, value.GetType(), StructuredOptions));
                    return;
                }
                catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or JsonException or ArgumentException)
                {
                    // Not serializable (cycles, unsupported members): the text below, as the managed runtime does.
                }
            }

            json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        private static string Formatted(object value, string format)
        {
            try
            {
                return string.Format(CultureInfo.CurrentCulture, "{0:" + format + "}", value);
            }
            catch (FormatException)
            {
                return Convert.ToString(value, CultureInfo.CurrentCulture) ?? string.Empty;
            }
        }

        /// <summary>Bytes as hex, the first 16 only, then their count.</summary>
        private static string Hex(ReadOnlySpan<byte> bytes)
        {
            const int Shown = 16;
            var text = new StringBuilder();
            for (var i = 0; i < bytes.Length && i < Shown; i++)
            {
                text.Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
            }

            if (bytes.Length > Shown)
            {
                text.Append("... (").Append(bytes.Length.ToString(CultureInfo.InvariantCulture)).Append(" bytes)");
            }

            return text.ToString();
        }
    }
}
