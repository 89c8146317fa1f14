using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// Reads the Lambda functions of a CloudFormation/SAM template (JSON or YAML, same DOM):
/// <c>AWS::Serverless::Function</c> resources with <c>Globals.Function</c> applied the way SAM
/// applies it (the function's own scalars win, lists add up, maps merge), and
/// <c>AWS::Lambda::Function</c> resources as written.
/// </summary>
internal static class TemplateReader
{
    public const string ServerlessFunction = "AWS::Serverless::Function";
    public const string LambdaFunction = "AWS::Lambda::Function";

    /// <summary>The <c>Metadata.Tool</c> of the resources Amazon.Lambda.Annotations writes.</summary>
    private const string AnnotationsTool = "Amazon.Lambda.Annotations";

    public static ImmutableArray<FunctionConfig> Read(string path, ConfigFileKind kind, ConfigNode? root, CancellationToken cancellationToken)
    {
        if (root is not { IsMapping: true } || root.Get("Resources") is not { IsMapping: true } resources)
        {
            return ImmutableArray<FunctionConfig>.Empty;
        }

        var globals = root.Get("Globals")?.Get("Function");
        if (globals is not { IsMapping: true } || globals.IsIntrinsic)
        {
            globals = null;
        }

        var functions = ImmutableArray.CreateBuilder<FunctionConfig>();
        foreach (var resource in resources.Properties)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = resource.Value.Get("Type");
            if (type is not { IsScalar: true } || type.IsIntrinsic)
            {
                continue;
            }

            if (type.Value == ServerlessFunction)
            {
                functions.Add(ReadFunction(path, kind, resource, ServerlessFunction, globals));
            }
            else if (type.Value == LambdaFunction)
            {
                functions.Add(ReadFunction(path, kind, resource, LambdaFunction, globals: null));
            }
        }

        return functions.ToImmutable();
    }

    private static FunctionConfig ReadFunction(string path, ConfigFileKind kind, ConfigProperty resource, string type, ConfigNode? globals)
    {
        var properties = resource.Value.Get("Properties");
        if (properties is not { IsMapping: true } || properties.IsIntrinsic)
        {
            properties = null;
        }

        ConfigNode? Own(string name) => properties?.Get(name);
        ConfigNode? Inherited(string name) => Own(name) ?? globals?.Get(name);

        var isSam = type == ServerlessFunction;
        var codeNode = isSam ? Inherited("CodeUri") : Own("Code");
        var (codeUri, source, directory) = ReadCode(path, codeNode, isSam ? Own("InlineCode") ?? Own("ImageUri") : null);
        var packageType = ConfigValues.String(path, Own("PackageType"));
        if (packageType is { IsIntrinsic: false } && string.Equals(packageType.Value, "Image", StringComparison.OrdinalIgnoreCase))
        {
            source = CodeSource.External;
            directory = null;
        }

        return new FunctionConfig(
            path,
            kind,
            resource.Name,
            type,
            ConfigValues.String(path, Inherited("Handler")),
            ConfigValues.String(path, Inherited("Runtime")),
            codeUri,
            source,
            directory,
            packageType,
            ConfigValues.String(path, Own("FunctionName")),
            ConfigValues.Int32(path, Inherited("MemorySize")),
            ConfigValues.Int32(path, Inherited("Timeout")),
            ConfigValues.Int32(path, Inherited("EphemeralStorage")?.Get("Size")),
            ReadLayerCount(path, Own("Layers"), globals?.Get("Layers")),
            ConfigValues.MergedEnvironment(path, globals?.Get("Environment")?.Get("Variables"), Own("Environment")?.Get("Variables"), node => ConfigValues.String(path, node), key => key.IsIntrinsic),
            msBuildParameters: null,
            writtenByAnnotations: resource.Value.Get("Metadata")?.Get("Tool") is { IsScalar: true, IsIntrinsic: false } tool && tool.Value == AnnotationsTool);
    }

    private static (ConfigValue<string>? CodeUri, CodeSource Source, string? Directory) ReadCode(string path, ConfigNode? code, ConfigNode? notLocal)
    {
        var templateDirectory = ConfigPaths.Directory(path);
        if (notLocal is not null && code is null)
        {
            return (null, CodeSource.External, null);
        }

        if (code is null || code.IsNull)
        {
            // SAM builds the template's own folder; the .NET tools put the project they run in.
            return (null, CodeSource.LocalPath, templateDirectory);
        }

        if (code.IsIntrinsic)
        {
            return (ConfigValues.String(path, code), CodeSource.Intrinsic, null);
        }

        if (!code.IsScalar)
        {
            // { Bucket, Key }, { S3Bucket, S3Key }, { ZipFile }, { ImageUri }: built somewhere else.
            return (null, CodeSource.External, null);
        }

        var value = ConfigValues.String(path, code);
        var text = code.Value ?? string.Empty;
        if (text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return (value, CodeSource.External, null);
        }

        // SAM also deploys a local zip as it is; a folder is a project it builds.
        var resolved = ConfigPaths.Combine(templateDirectory, text);
        return ConfigPaths.IsArchive(resolved)
            ? (value, CodeSource.BuildOutput, resolved)
            : (value, CodeSource.LocalPath, resolved);
    }

    /// <summary>SAM adds the function's layers to the global ones.</summary>
    private static ConfigValue<int>? ReadLayerCount(string path, ConfigNode? own, ConfigNode? global)
    {
        if (own is null && global is null)
        {
            return null;
        }

        var located = own ?? global!;
        var intrinsic = false;
        var count = 0;
        foreach (var list in new[] { global, own })
        {
            if (list is null || list.IsNull)
            {
                continue;
            }

            if (list.IsIntrinsic || !list.IsSequence)
            {
                intrinsic = true;
                continue;
            }

            count += list.Items.Length;
        }

        return new ConfigValue<int>(count, ConfigValues.LocationOf(path, located), intrinsic);
    }
}
