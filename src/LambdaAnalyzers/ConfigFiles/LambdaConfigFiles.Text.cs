using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// Reading one config file's text into its functions: the half of <see cref="LambdaConfigFiles"/> that needs
/// no compilation. The shim (LambdaAnalyzers.Shim) compiles this folder too, so the analyzers and the shim
/// read every config file with the same code.
/// </summary>
internal static partial class LambdaConfigFiles
{
    public const string ToolsDefaultsFileName = "aws-lambda-tools-defaults.json";

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

            // The .NET tools read their defaults file with a parser that skips comments, and templates with one that
            // rejects them (as CloudFormation and SAM do): so do we.
            : JsonReader.Parse(text, allowComments: actualKind == ConfigFileKind.ToolsDefaults, cancellationToken);
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
}
