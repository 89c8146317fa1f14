using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// Reads aws-lambda-tools-defaults.json: the <c>function-*</c> settings <c>deploy-function</c> uses
/// (a function whose code is the project the file sits in) and the build settings every command uses.
/// List settings take the tools' string form (<c>"a,b"</c>, <c>"K=V;K2=V2"</c>) or a JSON array/object.
/// </summary>
internal static class ToolsDefaultsReader
{
    private static readonly string[] FunctionKeys =
    {
        "function-handler", "function-runtime", "function-name", "function-memory-size", "function-timeout", "function-layers", "environment-variables",
    };

    public static (FunctionConfig? Function, ToolsDefaultsConfig Tools) Read(string path, ConfigDocument document)
    {
        var root = document.Root is { IsMapping: true } mapping ? mapping : null;
        var msBuildParameters = ConfigValues.String(path, root?.Get("msbuild-parameters"));
        var tools = new ToolsDefaultsConfig(
            path,
            msBuildParameters,
            ConfigValues.String(path, root?.Get("framework")),
            ConfigValues.String(path, root?.Get("template")),
            MsBuildParameters.Parse(msBuildParameters is { IsIntrinsic: false } ? msBuildParameters.Value : null));

        if (root is null || !HasFunctionSettings(root))
        {
            return (null, tools);
        }

        var function = new FunctionConfig(
            path,
            ConfigFileKind.ToolsDefaults,
            logicalId: null,
            resourceType: null,
            ConfigValues.String(path, root.Get("function-handler")),
            ConfigValues.String(path, root.Get("function-runtime")),
            codeUri: null,
            CodeSource.LocalPath,
            ConfigPaths.Directory(path),
            ConfigValues.String(path, root.Get("package-type")),
            ConfigValues.String(path, root.Get("function-name")),
            ConfigValues.Int32(path, root.Get("function-memory-size")),
            ConfigValues.Int32(path, root.Get("function-timeout")),
            ephemeralStorage: null,
            ReadLayerCount(path, root.Get("function-layers")),
            ReadEnvironment(path, document.Lines, root.Get("environment-variables")),
            msBuildParameters);
        return (function, tools);
    }

    private static bool HasFunctionSettings(ConfigNode root)
    {
        foreach (var key in FunctionKeys)
        {
            if (root.Get(key) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static ConfigValue<int>? ReadLayerCount(string path, ConfigNode? layers)
    {
        if (layers is null || layers.IsNull)
        {
            return null;
        }

        var location = ConfigValues.LocationOf(path, layers);
        if (layers.IsSequence)
        {
            return new ConfigValue<int>(layers.Items.Length, location, isIntrinsic: false);
        }

        if (!layers.IsScalar)
        {
            return null;
        }

        var count = 0;
        foreach (var part in (layers.Value ?? string.Empty).Split(','))
        {
            if (part.Trim().Length > 0)
            {
                count++;
            }
        }

        return new ConfigValue<int>(count, location, isIntrinsic: false);
    }

    private static ImmutableArray<EnvironmentVariable> ReadEnvironment(string path, LineMap lines, ConfigNode? variables)
    {
        if (variables is null)
        {
            return ImmutableArray<EnvironmentVariable>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<EnvironmentVariable>();
        if (variables.IsMapping)
        {
            foreach (var property in variables.Properties)
            {
                result.Add(new EnvironmentVariable(
                    new ConfigValue<string>(property.Name, ConfigValues.LocationOf(path, property.Key), isIntrinsic: false),
                    ConfigValues.String(path, property.Value)));
            }

            return result.ToImmutable();
        }

        if (!variables.IsScalar || variables.Value is not { } text)
        {
            return result.ToImmutable();
        }

        // "K=V;K2=V2": each name is located inside the string when the string has no escapes.
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf(';', start);
            if (end < 0)
            {
                end = text.Length;
            }

            var equals = text.IndexOf('=', start);
            var nameEnd = equals >= 0 && equals < end ? equals : end;
            var nameStart = start;
            while (nameStart < nameEnd && char.IsWhiteSpace(text[nameStart]))
            {
                nameStart++;
            }

            var trimmedEnd = nameEnd;
            while (trimmedEnd > nameStart && char.IsWhiteSpace(text[trimmedEnd - 1]))
            {
                trimmedEnd--;
            }

            if (trimmedEnd > nameStart)
            {
                var name = text.Substring(nameStart, trimmedEnd - nameStart);
                var value = nameEnd < end ? text.Substring(nameEnd + 1, end - nameEnd - 1) : string.Empty;
                var location = variables.VerbatimStart >= 0
                    ? ConfigValues.LocationOf(path, lines, TextSpan.FromBounds(variables.VerbatimStart + nameStart, variables.VerbatimStart + trimmedEnd))
                    : ConfigValues.LocationOf(path, variables);
                var valueLocation = variables.VerbatimStart >= 0 && nameEnd < end
                    ? ConfigValues.LocationOf(path, lines, TextSpan.FromBounds(variables.VerbatimStart + nameEnd + 1, variables.VerbatimStart + end))
                    : location;
                result.Add(new EnvironmentVariable(
                    new ConfigValue<string>(name, location, isIntrinsic: false),
                    new ConfigValue<string>(value, valueLocation, isIntrinsic: false)));
            }

            start = end + 1;
        }

        return result.ToImmutable();
    }
}
