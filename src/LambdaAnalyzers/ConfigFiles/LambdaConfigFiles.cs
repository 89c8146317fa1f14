using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// Reads the Lambda configuration among a compilation's AdditionalFiles, recognised by file name
/// (case-insensitive): aws-lambda-tools-defaults.json, serverless.template, template.yaml,
/// template.yml, serverless.yml, serverless.yaml, Terraform's <c>*.tf</c>, and any file a
/// tools-defaults <c>template</c> setting names. Each file is parsed once per text snapshot and
/// shared by every rule and compilation that sees the same text.
/// </summary>
internal static class LambdaConfigFiles
{
    public const string ToolsDefaultsFileName = "aws-lambda-tools-defaults.json";

    private static readonly ConditionalWeakTable<AdditionalText, CacheEntry> Cache = new();

    /// <summary>The kind of config file a path names, or null when it is none of ours.</summary>
    public static ConfigFileKind? KindOf(string path)
    {
        var name = ConfigPaths.FileName(path);
        if (name.Equals(ToolsDefaultsFileName, StringComparison.OrdinalIgnoreCase))
        {
            return ConfigFileKind.ToolsDefaults;
        }

        if (name.Equals("serverless.template", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigFileKind.JsonTemplate;
        }

        if (name.Equals("template.yaml", StringComparison.OrdinalIgnoreCase) || name.Equals("template.yml", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigFileKind.YamlTemplate;
        }

        if (name.Equals("serverless.yml", StringComparison.OrdinalIgnoreCase) || name.Equals("serverless.yaml", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigFileKind.ServerlessFramework;
        }

        if (name.EndsWith(".tf", StringComparison.OrdinalIgnoreCase) && name.Length > 3)
        {
            return ConfigFileKind.Terraform;
        }

        return null;
    }

    /// <summary>Whether any of the files is a config file by its name (a cheap test before reading anything).</summary>
    public static bool HasConfigFiles(ImmutableArray<AdditionalText> files)
    {
        foreach (var file in files)
        {
            if (KindOf(file.Path) is not null)
            {
                return true;
            }
        }

        return false;
    }

    public static LambdaConfigModel Read(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        var parsed = new List<ConfigFile>();
        var templates = new List<string>();
        foreach (var file in files)
        {
            if (KindOf(file.Path) is { } kind && ReadCached(file, kind, cancellationToken) is { } config)
            {
                parsed.Add(config);
                if (config.Tools?.Template is { IsIntrinsic: false, Value: { Length: > 0 } template })
                {
                    templates.Add(ConfigPaths.Combine(config.Tools.Directory, template));
                }
            }
        }

        // A template named by a tools-defaults file under a name of its own, when it is an AdditionalFile too.
        if (templates.Count > 0)
        {
            foreach (var file in files)
            {
                if (KindOf(file.Path) is null && IsNamedTemplate(file.Path, templates) && ReadCached(file, kind: null, cancellationToken) is { } config)
                {
                    parsed.Add(config);
                }
            }
        }

        return LambdaConfigModel.From(parsed);
    }

    /// <summary>Reads one file's text (no caching): for tests and for callers that hold the text already.</summary>
    public static ConfigFile ReadText(string path, string text, ConfigFileKind? kind = null, CancellationToken cancellationToken = default)
    {
        var actualKind = kind ?? KindOf(path) ?? GuessTemplateKind(text);
        if (actualKind == ConfigFileKind.Terraform)
        {
            var hcl = HclReader.Parse(text, cancellationToken);
            var functions = hcl.Body is null ? ImmutableArray<FunctionConfig>.Empty : TerraformReader.Read(path, hcl.Body, cancellationToken);
            return Complete(path, actualKind, new ConfigDocument(null, hcl.Error, hcl.Lines), functions, null);
        }

        var document = actualKind is ConfigFileKind.YamlTemplate or ConfigFileKind.ServerlessFramework
            ? YamlReader.Parse(text, cancellationToken)

            // The .NET tools read their JSON with a parser that skips comments; so do we.
            : JsonReader.Parse(text, allowComments: true, cancellationToken);
        if (document.Error is not null)
        {
            return Complete(path, actualKind, document, ImmutableArray<FunctionConfig>.Empty, null);
        }

        switch (actualKind)
        {
            case ConfigFileKind.ToolsDefaults:
                var (function, tools) = ToolsDefaultsReader.Read(path, document);
                return Complete(path, actualKind, document, function is null ? ImmutableArray<FunctionConfig>.Empty : ImmutableArray.Create(function), tools);
            case ConfigFileKind.ServerlessFramework:
                return Complete(path, actualKind, document, ServerlessReader.Read(path, document.Root, cancellationToken), null);
            default:
                return Complete(path, actualKind, document, TemplateReader.Read(path, actualKind, document.Root, cancellationToken), null);
        }
    }

    /// <summary>The language a kind of file is written in, as messages name it.</summary>
    public static string LanguageOf(ConfigFileKind kind) => kind switch
    {
        ConfigFileKind.YamlTemplate or ConfigFileKind.ServerlessFramework => "YAML",
        ConfigFileKind.Terraform => "HCL",
        _ => "JSON",
    };

    private static ConfigFile Complete(string path, ConfigFileKind kind, ConfigDocument document, ImmutableArray<FunctionConfig> functions, ToolsDefaultsConfig? tools)
    {
        if (document.Error is { } error)
        {
            var location = Location.Create(path, error.Span, error.LineSpan);
            return new ConfigFile(path, kind, document, ImmutableArray<FunctionConfig>.Empty, null, new ConfigFileError(path, error.Message, location));
        }

        return new ConfigFile(path, kind, document, functions, tools, null);
    }

    private static ConfigFile? ReadCached(AdditionalText file, ConfigFileKind? kind, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            return null;
        }

        var entry = Cache.GetValue(file, static _ => new CacheEntry());
        var snapshot = Volatile.Read(ref entry.Snapshot);
        if (snapshot is not null && ReferenceEquals(snapshot.Text, text) && snapshot.File.Kind == (kind ?? snapshot.File.Kind))
        {
            return snapshot.File;
        }

        var parsed = ReadText(file.Path, text.ToString(), kind, cancellationToken);
        Volatile.Write(ref entry.Snapshot, new Snapshot(text, parsed));
        return parsed;
    }

    private static bool IsNamedTemplate(string path, List<string> templates)
    {
        foreach (var template in templates)
        {
            if (ConfigPaths.AreSame(path, template))
            {
                return true;
            }
        }

        return false;
    }

    private static ConfigFileKind GuessTemplateKind(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '\uFEFF')
            {
                return c == '{' ? ConfigFileKind.JsonTemplate : ConfigFileKind.YamlTemplate;
            }
        }

        return ConfigFileKind.YamlTemplate;
    }

    private sealed class CacheEntry
    {
#pragma warning disable SA1401, CA1051 // written with Volatile
        public Snapshot? Snapshot;
#pragma warning restore SA1401, CA1051
    }

    private sealed class Snapshot
    {
        public Snapshot(SourceText text, ConfigFile file)
        {
            Text = text;
            File = file;
        }

        public SourceText Text { get; }

        public ConfigFile File { get; }
    }
}

/// <summary>One config file after reading: its DOM, the functions it declares, or its error.</summary>
internal sealed class ConfigFile
{
    public ConfigFile(string path, ConfigFileKind kind, ConfigDocument document, ImmutableArray<FunctionConfig> functions, ToolsDefaultsConfig? tools, ConfigFileError? error)
    {
        Path = path;
        Kind = kind;
        Document = document;
        Functions = functions;
        Tools = tools;
        Error = error;
    }

    public string Path { get; }

    public ConfigFileKind Kind { get; }

    public ConfigDocument Document { get; }

    public ImmutableArray<FunctionConfig> Functions { get; }

    /// <summary>For aws-lambda-tools-defaults.json: its build settings.</summary>
    public ToolsDefaultsConfig? Tools { get; }

    public ConfigFileError? Error { get; }
}

/// <summary>Everything the config files of one compilation say.</summary>
internal sealed class LambdaConfigModel
{
    public static readonly LambdaConfigModel Empty = new(
        ImmutableArray<ConfigFile>.Empty, ImmutableArray<FunctionConfig>.Empty, ImmutableArray<ToolsDefaultsConfig>.Empty, ImmutableArray<ConfigFileError>.Empty);

    private LambdaConfigModel(
        ImmutableArray<ConfigFile> files,
        ImmutableArray<FunctionConfig> functions,
        ImmutableArray<ToolsDefaultsConfig> toolsDefaults,
        ImmutableArray<ConfigFileError> errors)
    {
        Files = files;
        Functions = functions;
        ToolsDefaults = toolsDefaults;
        Errors = errors;
    }

    public ImmutableArray<ConfigFile> Files { get; }

    /// <summary>Every function of every readable file, in file order.</summary>
    public ImmutableArray<FunctionConfig> Functions { get; }

    /// <summary>Every aws-lambda-tools-defaults.json read.</summary>
    public ImmutableArray<ToolsDefaultsConfig> ToolsDefaults { get; }

    /// <summary>One error per unreadable file.</summary>
    public ImmutableArray<ConfigFileError> Errors { get; }

    public bool IsEmpty => Files.IsEmpty;

    internal static LambdaConfigModel From(List<ConfigFile> files)
    {
        if (files.Count == 0)
        {
            return Empty;
        }

        var functions = ImmutableArray.CreateBuilder<FunctionConfig>();
        var tools = ImmutableArray.CreateBuilder<ToolsDefaultsConfig>();
        var errors = ImmutableArray.CreateBuilder<ConfigFileError>();
        foreach (var file in files)
        {
            functions.AddRange(file.Functions);
            if (file.Tools is not null)
            {
                tools.Add(file.Tools);
            }

            if (file.Error is not null)
            {
                errors.Add(file.Error);
            }
        }

        return new LambdaConfigModel(files.ToImmutableArray(), functions.ToImmutable(), tools.ToImmutable(), errors.ToImmutable());
    }

    /// <summary>The MSBuild properties the tools-defaults files in <paramref name="projectDirectory"/> pass (all of them when it is unknown).</summary>
    public ImmutableDictionary<string, string> ToolsMsBuildProperties(string? projectDirectory)
    {
        var result = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);
        foreach (var tools in ToolsDefaults)
        {
            if (string.IsNullOrWhiteSpace(projectDirectory) || ConfigPaths.AreSame(tools.Directory, projectDirectory!))
            {
                result = result.SetItems(tools.MsBuildProperties);
            }
        }

        return result;
    }
}
