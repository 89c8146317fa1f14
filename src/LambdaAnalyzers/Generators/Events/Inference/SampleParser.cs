using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LambdaAnalyzers.ConfigFiles;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Generators.Events.Inference;

/// <summary>Reads the AdditionalFiles that carry <c>LambdaEventType</c> metadata, and groups them by type.</summary>
internal static class SampleParser
{
    /// <summary>The sample, or null when <paramref name="file"/> is not one (no <c>LambdaEventType</c> metadata).</summary>
    public static SampleFile? Parse(AdditionalText file, AnalyzerConfigOptions options, CancellationToken cancellationToken)
    {
        if (!options.TryGetValue(EventsOptionsParser.TypeMetadata, out var typeName) || string.IsNullOrWhiteSpace(typeName))
        {
            return null;
        }

        typeName = typeName.Trim();
        var text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        var document = JsonReader.Parse(text, allowComments: false, cancellationToken);
        if (document.Error is { } error)
        {
            return new SampleFile(file.Path, typeName, null, Unreadable(file.Path, typeName, error.ToString(), error.Span, error.LineSpan));
        }

        var root = Convert(document.Root!, file.Path);
        if (root.Kind != SampleKind.Object)
        {
            return new SampleFile(
                file.Path,
                typeName,
                null,
                Unreadable(file.Path, typeName, $"its root is {Describe(root.Kind)}; an event type is inferred from a JSON object", document.Root!.Span, document.Root.LineSpan));
        }

        return new SampleFile(file.Path, typeName, root, null);
    }

    private static GeneratorProblem Unreadable(string path, string typeName, string reason, TextSpan span, LinePositionSpan lineSpan) =>
        GeneratorProblem.Create(GeneratorDiagnostics.MalformedSampleEvent, new LocationInfo(path, span, lineSpan), System.IO.Path.GetFileName(path), typeName, reason);

    /// <summary>The samples by type name (ordinal), each type's files by path, so the inferred types do not depend on file order.</summary>
    public static ImmutableArray<SampleGroup> Group(ImmutableArray<SampleFile> files)
    {
        var names = new EquatableArray<string>(files.Select(static f => f.TypeName).Distinct(StringComparer.Ordinal).OrderBy(static n => n, StringComparer.Ordinal).ToImmutableArray());
        return files
            .GroupBy(static f => f.TypeName, StringComparer.Ordinal)
            .OrderBy(static g => g.Key, StringComparer.Ordinal)
            .Select(g => new SampleGroup(g.Key, new EquatableArray<SampleFile>(g.OrderBy(static f => f.Path, StringComparer.Ordinal).ToImmutableArray()), names))
            .ToImmutableArray();
    }

    public static string Describe(SampleKind kind) => kind switch
    {
        SampleKind.Object => "an object",
        SampleKind.Array => "an array",
        SampleKind.String => "a string",
        SampleKind.Number => "a number",
        SampleKind.Boolean => "a boolean",
        _ => "null",
    };

    private static SampleNode Convert(ConfigNode node, string path)
    {
        var location = new LocationInfo(path, node.Span, node.LineSpan);
        switch (node.Kind)
        {
            case ConfigNodeKind.Mapping:
                return new SampleNode(
                    SampleKind.Object,
                    null,
                    new EquatableArray<SampleMember>(node.Properties.Select(p => new SampleMember(p.Name, Convert(p.Value, path))).ToImmutableArray()),
                    EquatableArray<SampleNode>.Empty,
                    location);
            case ConfigNodeKind.Sequence:
                return new SampleNode(
                    SampleKind.Array,
                    null,
                    EquatableArray<SampleMember>.Empty,
                    new EquatableArray<SampleNode>(node.Items.Select(i => Convert(i, path)).ToImmutableArray()),
                    location);
            default:
                var kind = node.Style == ScalarStyle.DoubleQuoted ? SampleKind.String
                    : node.Value is "true" or "false" ? SampleKind.Boolean
                    : node.Value == "null" ? SampleKind.Null
                    : SampleKind.Number;
                return new SampleNode(kind, kind == SampleKind.Null ? null : node.Value, EquatableArray<SampleMember>.Empty, EquatableArray<SampleNode>.Empty, location);
        }
    }
}
