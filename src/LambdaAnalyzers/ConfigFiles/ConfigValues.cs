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
}
