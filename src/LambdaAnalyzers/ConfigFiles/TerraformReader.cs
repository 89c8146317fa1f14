using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// Reads the Lambda functions of a Terraform file: each <c>resource "aws_lambda_function"</c> with
/// <c>handler</c>, <c>runtime</c>, <c>memory_size</c>, <c>timeout</c>, <c>layers</c>,
/// <c>ephemeral_storage { size }</c>, <c>environment { variables = { ... } }</c>, <c>package_type</c>
/// and where its code comes from: <c>filename</c> (a zip; traced through a
/// <c>data "archive_file"</c> of the same file to the folder or file it zips), <c>s3_bucket</c> or
/// <c>image_uri</c>. Only literals are read: a reference (<c>var.x</c>, <c>local.x</c>), a call or a
/// template is known only when Terraform runs, except <c>${path.module}</c> in a path, which is the
/// file's own folder. Relative paths are taken from the file's folder, where Terraform runs a root module.
/// </summary>
internal static class TerraformReader
{
    public const string LambdaFunction = "aws_lambda_function";
    public const string ArchiveFile = "archive_file";
    private const string ArchiveReference = "data." + ArchiveFile + ".";

    public static ImmutableArray<FunctionConfig> Read(string path, HclBody body, CancellationToken cancellationToken)
    {
        var moduleDirectory = ConfigPaths.Directory(path);
        var archives = ReadArchives(body, moduleDirectory);
        var functions = ImmutableArray.CreateBuilder<FunctionConfig>();
        foreach (var block in body.Blocks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (block.Type == "resource" && block.Labels.Length == 2 && block.Label(0) == LambdaFunction)
            {
                functions.Add(ReadFunction(path, moduleDirectory, block, archives));
            }
        }

        return functions.ToImmutable();
    }

    private static FunctionConfig ReadFunction(string path, string moduleDirectory, HclBlock block, Dictionary<string, Archive> archives)
    {
        var resource = block.Body;
        var (codeUri, source, codePath) = ReadCode(path, moduleDirectory, resource, archives);
        return new FunctionConfig(
            path,
            ConfigFileKind.Terraform,
            block.Label(1),
            LambdaFunction,
            ConfigValues.String(path, resource.Get("handler")),
            ConfigValues.String(path, resource.Get("runtime")),
            codeUri,
            source,
            codePath,
            ConfigValues.String(path, resource.Get("package_type")),
            ConfigValues.String(path, resource.Get("function_name")),
            ConfigValues.Int32(path, resource.Get("memory_size")),
            ConfigValues.Int32(path, resource.Get("timeout")),
            ConfigValues.Int32(path, resource.Block("ephemeral_storage")?.Body.Get("size")),
            ConfigValues.Count(path, resource.Get("layers")),
            ReadEnvironment(path, resource.Block("environment")?.Body.Get("variables")),
            msBuildParameters: null);
    }

    private static (ConfigValue<string>? CodeUri, CodeSource Source, string? Path) ReadCode(
        string path, string moduleDirectory, HclBody resource, Dictionary<string, Archive> archives)
    {
        var filename = resource.Get("filename");
        if (resource.Get("image_uri") is not null || resource.Get("s3_bucket") is not null || filename is null)
        {
            return (null, CodeSource.External, null);
        }

        var written = ConfigValues.String(path, filename);
        if (ArchiveName(filename) is { } archiveName)
        {
            return archives.TryGetValue(archiveName, out var archive) && archive.Source is { } zipped
                ? (written, CodeSource.BuildOutput, zipped)
                : (written, CodeSource.Intrinsic, null);
        }

        if (LiteralPath(filename, moduleDirectory) is not { } zip)
        {
            return (written, CodeSource.Intrinsic, null);
        }

        // The zip an archive_file of this file writes: what it zips is the code.
        foreach (var archive in archives.Values)
        {
            if (archive.Output is not null && archive.Source is not null && ConfigPaths.AreSame(archive.Output, zip))
            {
                return (written, CodeSource.BuildOutput, archive.Source);
            }
        }

        return (written, CodeSource.BuildOutput, zip);
    }

    /// <summary><c>data.archive_file.NAME.output_path</c> (bare or as the only interpolation of a string) → NAME.</summary>
    private static string? ArchiveName(ConfigNode node)
    {
        var reference = node.Tag switch
        {
            HclReader.ReferenceTag => node.Value,
            HclReader.TemplateTag when node.Value is { } text && text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith("}", StringComparison.Ordinal)
                && text.IndexOf("${", 2, StringComparison.Ordinal) < 0 => text.Substring(2, text.Length - 3).Trim(),
            _ => null,
        };

        if (reference is null || !reference.StartsWith(ArchiveReference, StringComparison.Ordinal) || !reference.EndsWith(".output_path", StringComparison.Ordinal))
        {
            return null;
        }

        var name = reference.Substring(ArchiveReference.Length, reference.Length - ArchiveReference.Length - ".output_path".Length);
        return name.Length > 0 && name.IndexOfAny(new[] { '.', '[' }) < 0 ? name : null;
    }

    private static Dictionary<string, Archive> ReadArchives(HclBody body, string moduleDirectory)
    {
        var archives = new Dictionary<string, Archive>(StringComparer.Ordinal);
        foreach (var block in body.Blocks)
        {
            if (block.Type != "data" || block.Labels.Length != 2 || block.Label(0) != ArchiveFile || block.Label(1) is not { } name)
            {
                continue;
            }

            var source = LiteralPath(block.Body.Get("source_dir"), moduleDirectory) ?? LiteralPath(block.Body.Get("source_file"), moduleDirectory);
            archives[name] = new Archive(source, LiteralPath(block.Body.Get("output_path"), moduleDirectory));
        }

        return archives;
    }

    /// <summary>A path written as a literal string, or as a template whose only interpolations are <c>${path.module}</c>; resolved against the file's folder.</summary>
    private static string? LiteralPath(ConfigNode? node, string moduleDirectory)
    {
        if (node is not { IsScalar: true, Value: { Length: > 0 } text } || node.Style is ScalarStyle.Plain)
        {
            return null;
        }

        if (node.Tag == HclReader.TemplateTag)
        {
            text = SubstitutePathModule(text, moduleDirectory);
            if (text is null)
            {
                return null;
            }
        }
        else if (node.Tag is not null)
        {
            return null;
        }

        return ConfigPaths.Combine(moduleDirectory, text);
    }

    private static string? SubstitutePathModule(string template, string moduleDirectory)
    {
        var result = new System.Text.StringBuilder();
        var at = 0;
        while (true)
        {
            var open = template.IndexOf("${", at, StringComparison.Ordinal);
            if (open < 0)
            {
                result.Append(template, at, template.Length - at);
                return template.IndexOf("%{", StringComparison.Ordinal) >= 0 ? null : result.ToString();
            }

            var close = template.IndexOf('}', open);
            if (close < 0 || template.Substring(open + 2, close - open - 2).Trim('~', ' ', '\t') != "path.module")
            {
                return null;
            }

            result.Append(template, at, open - at).Append(moduleDirectory);
            at = close + 1;
        }
    }

    private static ImmutableArray<EnvironmentVariable> ReadEnvironment(string path, ConfigNode? variables)
    {
        if (variables is not { IsMapping: true })
        {
            return ImmutableArray<EnvironmentVariable>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<EnvironmentVariable>();
        foreach (var property in variables.Properties)
        {
            var key = property.Key;
            result.Add(new EnvironmentVariable(
                new ConfigValue<string>(key.Value ?? string.Empty, ConfigValues.LocationOf(path, key), key.IsIntrinsic),
                ConfigValues.String(path, property.Value)));
        }

        return result.ToImmutable();
    }

    /// <summary>A <c>data "archive_file"</c>: the folder or file it zips and the zip it writes, when literal.</summary>
    private sealed class Archive
    {
        public Archive(string? source, string? output)
        {
            Source = source;
            Output = output;
        }

        public string? Source { get; }

        public string? Output { get; }
    }
}
