using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace LambdaAnalyzers.ConfigFiles;

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
