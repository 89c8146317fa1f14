using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using LambdaAnalyzers.Caching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.ConfigFiles;

/// <summary>
/// Reads the Lambda configuration among a compilation's AdditionalFiles, recognised by file name
/// (case-insensitive): aws-lambda-tools-defaults.json, serverless.template, template.yaml,
/// template.yml, serverless.yml, serverless.yaml, Terraform's <c>*.tf</c>, and any file a
/// tools-defaults <c>template</c> setting names. Each file is parsed once per text snapshot and
/// shared by every rule and compilation that sees the same text. (The compiler-facing half; reading
/// one file's text is in LambdaConfigFiles.Text.cs, which the shim compiles too.)
/// </summary>
internal static partial class LambdaConfigFiles
{
    private static readonly WeakCache<AdditionalText, Snapshot> Cache = new();

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

    private static ConfigFile? ReadCached(AdditionalText file, ConfigFileKind? kind, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            return null;
        }

        return Cache.Get(
            file,
            (Text: text, Kind: kind, CancellationToken: cancellationToken),
            static (snapshot, state) => ReferenceEquals(snapshot.Text, state.Text) && snapshot.File.Kind == (state.Kind ?? snapshot.File.Kind),
            static (file, state) => new Snapshot(state.Text, ReadText(file.Path, state.Text.ToString(), state.Kind, state.CancellationToken))).File;
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
