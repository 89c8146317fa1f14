using System;
using System.Collections.Immutable;
using System.Text;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// The MSBuild properties an <c>msbuild-parameters</c> string in aws-lambda-tools-defaults.json
/// sets: <c>/p:Name=Value</c>, <c>-p:A=1;B=2</c>, <c>--property:Name=Value</c>, and
/// <c>--self-contained [true|false]</c> (as <c>SelfContained</c>). Names compare case-insensitively,
/// like MSBuild's; the last setting wins.
/// </summary>
internal static class MsBuildParameters
{
    private static readonly string[] PropertySwitches = { "--property:", "-property:", "/property:", "-p:", "/p:" };

    public static ImmutableDictionary<string, string> Parse(string? parameters)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(parameters))
        {
            return properties.ToImmutable();
        }

        var tokens = Tokenize(parameters!);
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Equals("--self-contained", StringComparison.OrdinalIgnoreCase) || token.Equals("--sc", StringComparison.OrdinalIgnoreCase))
            {
                var value = "true";
                if (i + 1 < tokens.Length && (tokens[i + 1].Equals("true", StringComparison.OrdinalIgnoreCase) || tokens[i + 1].Equals("false", StringComparison.OrdinalIgnoreCase)))
                {
                    value = tokens[++i].ToLowerInvariant();
                }

                properties["SelfContained"] = value;
                continue;
            }

            if (token.Equals("--no-self-contained", StringComparison.OrdinalIgnoreCase))
            {
                properties["SelfContained"] = "false";
                continue;
            }

            foreach (var prefix in PropertySwitches)
            {
                if (!token.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (var assignment in token.Substring(prefix.Length).Split(';'))
                {
                    var equals = assignment.IndexOf('=');
                    if (equals <= 0)
                    {
                        continue;
                    }

                    var name = assignment.Substring(0, equals).Trim();
                    var value = assignment.Substring(equals + 1).Trim().Trim('"');
                    if (name.Length > 0)
                    {
                        properties[name] = value;
                    }
                }

                break;
            }
        }

        return properties.ToImmutable();
    }

    /// <summary>Splits on blanks; double quotes group and are removed.</summary>
    private static ImmutableArray<string> Tokenize(string text)
    {
        var tokens = ImmutableArray.CreateBuilder<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens.ToImmutable();
    }
}
