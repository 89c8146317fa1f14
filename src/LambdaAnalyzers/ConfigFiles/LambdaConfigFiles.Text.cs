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

        return null;
    }

    /// <summary>Reads one file's text (no caching): for tests and for callers that hold the text already.</summary>
    public static ConfigFile ReadText(string path, string text, ConfigFileKind? kind = null, CancellationToken cancellationToken = default)
    {
        var actualKind = kind ?? KindOf(path) ?? GuessTemplateKind(text);
        ConfigDocument document;
        if (actualKind == ConfigFileKind.YamlTemplate)
        {
            document = YamlReader.Parse(text, cancellationToken);
        }
        else
        {
            // The .NET tools read their JSON with a parser that skips comments; so do we.
            document = JsonReader.Parse(text, allowComments: true, cancellationToken);
        }

        if (document.Error is { } error)
        {
            var location = Location.Create(path, error.Span, error.LineSpan);
            return new ConfigFile(path, actualKind, document, ImmutableArray<FunctionConfig>.Empty, null, new ConfigFileError(path, error.Message, location));
        }

        if (actualKind == ConfigFileKind.ToolsDefaults)
        {
            var (function, tools) = ToolsDefaultsReader.Read(path, document);
            var functions = function is null ? ImmutableArray<FunctionConfig>.Empty : ImmutableArray.Create(function);
            return new ConfigFile(path, actualKind, document, functions, tools, null);
        }

        return new ConfigFile(path, actualKind, document, TemplateReader.Read(path, actualKind, document.Root, cancellationToken), null, null);
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
