using System;
using System.Collections.Immutable;
using System.Linq;
using LambdaAnalyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Generators.Events;

/// <summary>An input error a generator reports, held as strings so models stay equatable.</summary>
internal sealed record GeneratorProblem(string Id, EquatableArray<string> Arguments, LocationInfo? Location)
{
    public static GeneratorProblem Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, new EquatableArray<string>(arguments.ToImmutableArray()), location);

    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        Descriptor(Id),
        Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
        Arguments.Select(static a => (object)a).ToArray());

    private static DiagnosticDescriptor Descriptor(string id) => id switch
    {
        Diagnostics.RuleIds.UnknownEventSource => GeneratorDiagnostics.UnknownEventSource,
        Diagnostics.RuleIds.MalformedSampleEvent => GeneratorDiagnostics.MalformedSampleEvent,
        Diagnostics.RuleIds.ConflictingSampleEvents => GeneratorDiagnostics.ConflictingSampleEvents,
        Diagnostics.RuleIds.SampleIsCatalogEvent => GeneratorDiagnostics.SampleIsCatalogEvent,
        _ => GeneratorDiagnostics.InvalidEventTypeName,
    };
}

/// <summary><c>[assembly: LambdaEvents(...)]</c> as written: the sources' bits, the namespace, where it is.</summary>
internal sealed record AttributeOptions(int Sources, string? Namespace, LocationInfo? Location);

/// <summary>The <c>LambdaEventSource</c> items (as the build props join them) and the <c>LambdaEventsNamespace</c> property.</summary>
internal sealed record MsBuildOptions(string? Sources, string? Namespace);

/// <summary>What to generate: the catalog sources and the namespace, and what was wrong with the opt-in.</summary>
/// <param name="Namespace">Null when the configured namespace is not valid: nothing is generated.</param>
internal sealed record EventsOptions(int Sources, string? Namespace, EquatableArray<GeneratorProblem> Problems);

/// <summary>Reads the opt-in from the attribute and the MSBuild properties.</summary>
internal static class EventsOptionsParser
{
    public const string AttributeName = "LambdaAnalyzers.Runtime.LambdaEventsAttribute";
    public const string DefaultNamespace = "LambdaAnalyzers.Events";
    public const string SourcesProperty = "LambdaEventSources";
    public const string NamespaceProperty = "LambdaEventsNamespace";
    public const string TypeMetadata = "build_metadata.AdditionalFiles.LambdaEventType";

    public static AttributeOptions? ParseAttribute(GeneratorAttributeSyntaxContext context)
    {
        foreach (var attribute in context.Attributes)
        {
            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int sources)
            {
                string? ns = null;
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Namespace" && named.Value.Value is string value)
                    {
                        ns = value;
                    }
                }

                return new AttributeOptions(sources, ns, LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation()));
            }
        }

        return null;
    }

    public static MsBuildOptions ParseMsBuild(AnalyzerConfigOptionsProvider options)
    {
        return new MsBuildOptions(MsBuildProperty.Read(options, SourcesProperty), MsBuildProperty.Read(options, NamespaceProperty));
    }

    /// <summary>The union of both opt-ins; the attribute's namespace wins over the property's.</summary>
    public static EventsOptions Merge(ImmutableArray<AttributeOptions> attributes, MsBuildOptions msBuild)
    {
        var problems = ImmutableArray.CreateBuilder<GeneratorProblem>();
        var sources = 0;
        string? ns = null;
        LocationInfo? namespaceLocation = null;
        foreach (var attribute in attributes)
        {
            sources |= attribute.Sources & EventSources.Defined;
            var unknown = attribute.Sources & ~EventSources.Defined;
            if (unknown != 0)
            {
                problems.Add(GeneratorProblem.Create(GeneratorDiagnostics.UnknownEventSource, attribute.Location, "(LambdaEventSources)" + unknown, EventSources.Names()));
            }

            if (attribute.Namespace is not null)
            {
                ns = attribute.Namespace;
                namespaceLocation = attribute.Location;
            }
        }

        foreach (var name in (msBuild.Sources ?? string.Empty).Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = name.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (EventSources.TryParse(trimmed, out var bit))
            {
                sources |= bit;
            }
            else
            {
                problems.Add(GeneratorProblem.Create(GeneratorDiagnostics.UnknownEventSource, null, trimmed, EventSources.Names()));
            }
        }

        ns ??= msBuild.Namespace ?? DefaultNamespace;
        if (!IsNamespace(ns))
        {
            problems.Add(GeneratorProblem.Create(
                GeneratorDiagnostics.InvalidEventTypeName,
                namespaceLocation,
                $"'{ns}' is not a C# namespace name, so no event types are generated; use dotted identifiers such as 'MyFunction.Events'"));
            return new EventsOptions(sources, null, new EquatableArray<GeneratorProblem>(problems.ToImmutable()));
        }

        return new EventsOptions(sources, ns, new EquatableArray<GeneratorProblem>(problems.ToImmutable()));
    }

    public static bool IsNamespace(string name) => name.Split('.').All(IsIdentifier);

    /// <summary>A C# identifier that is not a keyword (generated code writes it without <c>@</c>).</summary>
    public static bool IsIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;
}
