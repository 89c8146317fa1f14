using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Xunit.Sdk;

namespace LambdaAnalyzers.Tests.Generators.Events;

/// <summary>
/// Compares a JSON document with what a round trip wrote back, as trees: every field the input has with a value is in
/// the output under the same name with an equal value (numbers by value); the output may add fields the input left
/// out, but only with default values (null, false, 0, "", [] or {}), as a non-nullable C# property writes them. A field
/// the input held as null may be missing: the generated types do not write nulls.
/// </summary>
internal static class JsonTrees
{
    public static void AssertNothingLostOrRenamed(string input, string output)
    {
        using var expected = JsonDocument.Parse(input);
        using var actual = JsonDocument.Parse(output);
        var problems = new List<string>();
        Compare(expected.RootElement, actual.RootElement, "$", problems);
        if (problems.Count > 0)
        {
            throw new XunitException("The round trip changed the event:\n" + string.Join("\n", problems) + "\n\nwritten:\n" + output);
        }
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> problems)
    {
        if (expected.ValueKind != actual.ValueKind && !(IsBoolean(expected) && IsBoolean(actual)))
        {
            problems.Add($"{path}: {expected.ValueKind} became {actual.ValueKind}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var written = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                foreach (var property in expected.EnumerateObject())
                {
                    if (written.Remove(property.Name, out var value))
                    {
                        Compare(property.Value, value, path + "." + property.Name, problems);
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        problems.Add($"{path}.{property.Name}: lost");
                    }
                }

                foreach (var (name, value) in written)
                {
                    if (!IsDefault(value))
                    {
                        problems.Add($"{path}.{name}: added with {value.GetRawText()} (a renamed field?)");
                    }
                }

                break;
            case JsonValueKind.Array:
                var items = actual.EnumerateArray().ToList();
                var index = 0;
                foreach (var item in expected.EnumerateArray())
                {
                    if (index >= items.Count)
                    {
                        problems.Add($"{path}[{index}]: lost");
                    }
                    else
                    {
                        Compare(item, items[index], $"{path}[{index}]", problems);
                    }

                    index++;
                }

                if (items.Count > index)
                {
                    problems.Add($"{path}: {items.Count - index} items added");
                }

                break;
            case JsonValueKind.Number:
                if (decimal.Parse(expected.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture) != decimal.Parse(actual.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture))
                {
                    problems.Add($"{path}: {expected.GetRawText()} became {actual.GetRawText()}");
                }

                break;
            case JsonValueKind.String:
                if (expected.GetString() != actual.GetString())
                {
                    problems.Add($"{path}: \"{expected.GetString()}\" became \"{actual.GetString()}\"");
                }

                break;
            case JsonValueKind.True or JsonValueKind.False:
                if (expected.GetBoolean() != actual.GetBoolean())
                {
                    problems.Add($"{path}: {expected.GetBoolean()} became {actual.GetBoolean()}");
                }

                break;
        }
    }

    private static bool IsBoolean(JsonElement element) => element.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static bool IsDefault(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.Number => element.GetDecimal() == 0,
        JsonValueKind.String => element.GetString()!.Length == 0,
        JsonValueKind.Array => element.GetArrayLength() == 0,
        JsonValueKind.Object => !element.EnumerateObject().Any(),
        _ => false,
    };
}
