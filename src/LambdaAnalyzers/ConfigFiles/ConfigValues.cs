using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>Turns DOM nodes into located <see cref="ConfigValue{T}"/>s.</summary>
internal static class ConfigValues
{
    public static Location LocationOf(string path, ConfigNode node) => Location.Create(path, node.Span, node.LineSpan);

    public static Location LocationOf(string path, LineMap lines, TextSpan span) => Location.Create(path, span, lines.GetLineSpan(span));

    /// <summary>A string setting: a literal scalar, or any intrinsic (its text kept when it is a tagged scalar).</summary>
    public static ConfigValue<string>? String(string path, ConfigNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node.IsIntrinsic)
        {
            return new ConfigValue<string>(node.IsScalar ? node.Value ?? string.Empty : string.Empty, LocationOf(path, node), isIntrinsic: true);
        }

        return node.IsScalar && !node.IsNull ? new ConfigValue<string>(node.Value ?? string.Empty, LocationOf(path, node), isIntrinsic: false) : null;
    }

    /// <summary>A whole-number setting: a literal integer (or a string holding one), or any intrinsic.</summary>
    public static ConfigValue<int>? Int32(string path, ConfigNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node.IsIntrinsic)
        {
            return new ConfigValue<int>(0, LocationOf(path, node), isIntrinsic: true);
        }

        return node.TryGetInt32(out var value) ? new ConfigValue<int>(value, LocationOf(path, node), isIntrinsic: false) : null;
    }

    /// <summary>
    /// The environment variables of a default map and a function's own (SAM <c>Globals</c>, the Serverless
    /// <c>provider</c>): the function's override the defaults by name, each located at its name. A map
    /// computed at deploy time is skipped; <paramref name="value"/> reads a value and
    /// <paramref name="isComputedName"/> tells a name computed at deploy time.
    /// </summary>
    public static ImmutableArray<EnvironmentVariable> MergedEnvironment(
        string path, ConfigNode? defaults, ConfigNode? own, Func<ConfigNode, ConfigValue<string>?> value, Func<ConfigNode, bool> isComputedName)
    {
        var variables = new List<EnvironmentVariable>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var map in new[] { defaults, own })
        {
            if (map is not { IsMapping: true } || map.IsIntrinsic)
            {
                continue;
            }

            foreach (var property in map.Properties)
            {
                var name = new ConfigValue<string>(property.Name, LocationOf(path, property.Key), isComputedName(property.Key));
                var variable = new EnvironmentVariable(name, value(property.Value));
                if (index.TryGetValue(property.Name, out var at))
                {
                    variables[at] = variable;
                }
                else
                {
                    index[property.Name] = variables.Count;
                    variables.Add(variable);
                }
            }
        }

        return variables.ToImmutableArray();
    }

    /// <summary>How many items a list setting holds (<c>layers</c>), located at the list; intrinsic when the list is computed.</summary>
    public static ConfigValue<int>? Count(string path, ConfigNode? list)
    {
        if (list is null || list.IsNull)
        {
            return null;
        }

        return list.IsSequence && !list.IsIntrinsic
            ? new ConfigValue<int>(list.Items.Length, LocationOf(path, list), isIntrinsic: false)
            : new ConfigValue<int>(0, LocationOf(path, list), isIntrinsic: true);
    }
}
