using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// Indentation-based YAML subset: maps, scalars and lists of scalars (<c>- item</c> lines or <c>[a, b]</c>) as
/// <see cref="Dictionary{TKey, TValue}"/>, <see cref="string"/> and <see cref="List{T}"/> of strings; lists of maps
/// and other flow styles are skipped.
/// </summary>
internal static class SimpleYaml
{
    public static Dictionary<string, object> Parse(IEnumerable<string> lines)
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        var stack = new List<(int Indent, Dictionary<string, object> Map, Dictionary<string, object>? Parent, string? Key)> { (-1, root, null, null) };
        foreach (var raw in lines)
        {
            var line = StripComment(raw);
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            var text = line.Trim();
            if (text.StartsWith('-'))
            {
                // "- item" under a key with no value of its own (at the key's indent or deeper) makes that key a list.
                while (stack.Count > 1 && stack[^1].Indent > indent)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                var item = text.Substring(1).Trim();
                var (_, map, parent, listKey) = stack[^1];
                if (parent is not null && listKey is not null && map.Count == 0 && item.Length > 0 && !IsMapEntry(item))
                {
                    if (parent[listKey] is not List<object> list)
                    {
                        parent[listKey] = list = new List<object>();
                    }

                    list.Add(Unquote(item));
                }

                continue;
            }

            var colon = text.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            while (stack.Count > 1 && stack[^1].Indent >= indent)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            var key = Unquote(text.Substring(0, colon).Trim());
            var value = text.Substring(colon + 1).Trim();
            var owner = stack[^1].Map;
            if (value.Length == 0)
            {
                var child = new Dictionary<string, object>(StringComparer.Ordinal);
                owner[key] = child;
                stack.Add((indent, child, owner, key));
            }
            else if (value.StartsWith('[') && value.EndsWith(']'))
            {
                owner[key] = value.Substring(1, value.Length - 2).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(v => (object)Unquote(v)).ToList();
            }
            else
            {
                owner[key] = Unquote(value);
            }
        }

        return root;

        static bool IsMapEntry(string item)
        {
            var colon = item.IndexOf(':');
            return colon > 0 && (colon == item.Length - 1 || item[colon + 1] == ' ') && item[0] is not ('"' or '\'');
        }
    }

    /// <summary>The same tree from a JSON document (objects, arrays of scalars, scalars as their text).</summary>
    public static Dictionary<string, object> FromJson(JsonElement element)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    map[property.Name] = FromJson(property.Value);
                    break;
                case JsonValueKind.Array:
                    map[property.Name] = property.Value.EnumerateArray().Where(v => v.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                        .Select(v => (object)v.ToString()).ToList();
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    map[property.Name] = property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? property.Value.ToString().ToLowerInvariant() : property.Value.ToString();
                    break;
            }
        }

        return map;
    }

    /// <summary>A template file as a tree: JSON (<c>serverless.template</c>, <c>*.json</c>) or YAML.</summary>
    public static Dictionary<string, object> Load(string path)
    {
        var text = File.ReadAllText(path);
        if (text.TrimStart().StartsWith('{'))
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return FromJson(document.RootElement);
        }

        return Parse(text.Split('\n').Select(l => l.TrimEnd('\r')));
    }

    public static Dictionary<string, object>? Map(Dictionary<string, object> map, string key) =>
        map.TryGetValue(key, out var value) ? value as Dictionary<string, object> : null;

    public static string? Scalar(Dictionary<string, object> map, string key) =>
        map.TryGetValue(key, out var value) ? value as string : null;

    /// <summary>A list of scalars, or a single scalar as a list of one.</summary>
    public static IReadOnlyList<string> List(Dictionary<string, object> map, string key) => map.TryGetValue(key, out var value)
        ? value switch
        {
            List<object> list => list.OfType<string>().ToList(),
            string scalar => new[] { scalar },
            _ => Array.Empty<string>(),
        }
        : Array.Empty<string>();

    private static string StripComment(string line)
    {
        var inSingle = false;
        var inDouble = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'' && !inDouble)
            {
                inSingle = !inSingle;
            }
            else if (c == '"' && !inSingle)
            {
                inDouble = !inDouble;
            }
            else if (c == '#' && !inSingle && !inDouble && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line.Substring(0, i);
            }
        }

        return line;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\''))
            ? value.Substring(1, value.Length - 2)
            : value;
}
