using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// Reads the functions of a Serverless Framework service (<c>serverless.yml</c>) deployed to AWS:
/// each entry of <c>functions</c> with its <c>handler</c>, <c>runtime</c>, <c>memorySize</c>,
/// <c>timeout</c>, <c>ephemeralStorageSize</c>, <c>layers</c>, <c>environment</c> and <c>image</c>,
/// the <c>provider</c> settings it inherits (its own win; environment variables merge), and its code:
/// the function's <c>package.artifact</c>, else the service's. A value holding a Serverless variable
/// (<c>${self:...}</c>, <c>${opt:...}</c>, <c>${env:...}</c>, ...) is resolved only when the framework
/// runs: it is intrinsic, and no rule judges it.
/// </summary>
internal static class ServerlessReader
{
    public static ImmutableArray<FunctionConfig> Read(string path, ConfigNode? root, CancellationToken cancellationToken)
    {
        if (root is not { IsMapping: true })
        {
            return ImmutableArray<FunctionConfig>.Empty;
        }

        var provider = Mapping(root.Get("provider"));
        if (provider?.Get("name") is { IsScalar: true, Value: { } cloud } name && !HasVariable(name) && !string.Equals(cloud, "aws", StringComparison.OrdinalIgnoreCase))
        {
            return ImmutableArray<FunctionConfig>.Empty;
        }

        var serviceArtifact = Mapping(root.Get("package"))?.Get("artifact");
        var functions = ImmutableArray.CreateBuilder<FunctionConfig>();
        foreach (var (key, function) in Functions(root.Get("functions")))
        {
            cancellationToken.ThrowIfCancellationRequested();
            functions.Add(ReadFunction(path, key, function, provider, serviceArtifact));
        }

        return functions.ToImmutable();
    }

    /// <summary><c>functions</c> as a mapping of name → settings, or a list of such mappings (files the framework merges).</summary>
    private static IEnumerable<(ConfigNode Key, ConfigNode Function)> Functions(ConfigNode? functions)
    {
        var maps = new List<ConfigNode>();
        if (Mapping(functions) is { } map)
        {
            maps.Add(map);
        }
        else if (functions is { IsSequence: true, IsIntrinsic: false })
        {
            foreach (var item in functions.Items)
            {
                if (Mapping(item) is { } entry)
                {
                    maps.Add(entry);
                }
            }
        }

        foreach (var entries in maps)
        {
            foreach (var property in entries.Properties)
            {
                if (Mapping(property.Value) is { } function && !HasVariable(property.Key))
                {
                    yield return (property.Key, function);
                }
            }
        }
    }

    private static FunctionConfig ReadFunction(string path, ConfigNode key, ConfigNode function, ConfigNode? provider, ConfigNode? serviceArtifact)
    {
        ConfigNode? Inherited(string name) => function.Get(name) ?? provider?.Get(name);

        var image = function.Get("image");
        var (codeUri, source, codePath) = image is not null
            ? (null, CodeSource.External, null)
            : ReadCode(path, Mapping(function.Get("package"))?.Get("artifact") ?? serviceArtifact);
        var packageType = image is null ? null : new ConfigValue<string>("Image", ConfigValues.LocationOf(path, image), isIntrinsic: false);

        return new FunctionConfig(
            path,
            ConfigFileKind.ServerlessFramework,
            key.Value,
            resourceType: null,
            String(path, function.Get("handler")),
            String(path, Inherited("runtime")),
            codeUri,
            source,
            codePath,
            packageType,
            String(path, function.Get("name")),
            Int32(path, Inherited("memorySize")),
            Int32(path, Inherited("timeout")),
            Int32(path, function.Get("ephemeralStorageSize")),
            ConfigValues.Count(path, Inherited("layers")),
            ConfigValues.MergedEnvironment(path, provider?.Get("environment"), function.Get("environment"), node => String(path, node), key => key.IsIntrinsic || HasVariable(key)),
            msBuildParameters: null);
    }

    private static (ConfigValue<string>? CodeUri, CodeSource Source, string? Path) ReadCode(string path, ConfigNode? artifact)
    {
        // Without an artifact a plugin (serverless-dotnet, ...) builds the code: whatever project it is configured with.
        if (artifact is null || artifact.IsNull)
        {
            return (null, CodeSource.External, null);
        }

        var value = String(path, artifact);
        if (value is null || value.IsIntrinsic)
        {
            return (value, CodeSource.Intrinsic, null);
        }

        var text = value.Value.Trim();
        if (text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return (value, CodeSource.External, null);
        }

        return (value, CodeSource.BuildOutput, ConfigPaths.Combine(ConfigPaths.Directory(path), text));
    }

    private static ConfigValue<string>? String(string path, ConfigNode? node) =>
        node is not null && HasVariable(node)
            ? new ConfigValue<string>(node.Value ?? string.Empty, ConfigValues.LocationOf(path, node), isIntrinsic: true)
            : ConfigValues.String(path, node);

    private static ConfigValue<int>? Int32(string path, ConfigNode? node) =>
        node is not null && HasVariable(node)
            ? new ConfigValue<int>(0, ConfigValues.LocationOf(path, node), isIntrinsic: true)
            : ConfigValues.Int32(path, node);

    /// <summary>A mapping the framework reads as written (not a variable that resolves to one).</summary>
    private static ConfigNode? Mapping(ConfigNode? node) => node is { IsMapping: true, IsIntrinsic: false } ? node : null;

    /// <summary>A scalar holding a Serverless variable, <c>${...}</c>.</summary>
    private static bool HasVariable(ConfigNode node) =>
        node.IsScalar && node.Value is { } value && value.IndexOf("${", StringComparison.Ordinal) >= 0;
}
