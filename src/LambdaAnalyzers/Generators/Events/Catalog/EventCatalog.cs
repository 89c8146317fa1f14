using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LambdaAnalyzers.Caching;

namespace LambdaAnalyzers.Generators.Events.Catalog;

/// <summary>
/// The AWS event model types the generator knows, by group. Field names and shapes come from the AWS documentation
/// of each event source (docs/events.md lists the pages); type and member names are those of the
/// Amazon.Lambda.*Events packages, so code moves over by changing a <c>using</c>.
/// </summary>
internal static class EventCatalog
{
    private static readonly Once<ImmutableArray<CatalogGroup>> s_groups = new();
    private static readonly Once<ImmutableHashSet<string>> s_topLevelNames = new();

    public static ImmutableArray<CatalogGroup> Groups => s_groups.Get(Build);

    public static CatalogGroup? Find(string name)
    {
        foreach (var group in Groups)
        {
            if (group.Name == name)
            {
                return group;
            }
        }

        return null;
    }

    /// <summary>The groups generated for <paramref name="sources"/>, in catalog order.</summary>
    /// <summary>The groups <paramref name="sources"/> opts in to; without a source the catalog is never built (most projects).</summary>
    public static ImmutableArray<string> GroupsFor(int sources) =>
        sources == 0 ? ImmutableArray<string>.Empty : Groups.Where(g => (g.Sources & sources) != 0).Select(static g => g.Name).ToImmutableArray();

    /// <summary>Every namespace-level class name of the catalog, for clashes with inferred type names.</summary>
    public static ImmutableHashSet<string> TopLevelNames => s_topLevelNames.Get(static () => ImmutableHashSet.CreateRange(
        StringComparer.Ordinal,
        Groups.SelectMany(static g => g.Types).Where(static t => t.Container is null).Select(static t => t.Name)));

    private static ImmutableArray<CatalogGroup> Build()
    {
        var groups = ImmutableArray.Create(
            HttpCatalog.RestApi,
            HttpCatalog.HttpApi,
            HttpCatalog.ApplicationLoadBalancer,
            HttpCatalog.FunctionUrl,
            MessagingCatalog.Sqs,
            MessagingCatalog.Sns,
            EventBridgeCatalog.Envelope,
            EventBridgeCatalog.S3,
            EventBridgeCatalog.EventBridge,
            StreamsCatalog.DynamoDb,
            StreamsCatalog.Kinesis,
            StreamsCatalog.StreamsResponse,
            StreamsCatalog.KinesisFirehose,
            CognitoCatalog.Cognito,
            StreamsCatalog.CloudWatchLogs);
        var byName = groups.SelectMany(static g => g.Builders).ToDictionary(static b => b.RelativeName, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            group.Types = group.Builders.Select(b => Resolve(b, byName)).ToImmutableArray();
        }

        return groups;
    }

    private static EventType Resolve(TypeBuilder builder, Dictionary<string, TypeBuilder> byName) => new(
        builder.Name,
        builder.Container,
        builder.Form,
        new EquatableArray<string>(builder.TypeParameterArray),
        new EquatableArray<string>(builder.ConstraintArray),
        builder.Base,
        new EquatableArray<WireType>(builder.BaseArguments.ToImmutableArray()),
        builder.MapValue,
        new EquatableArray<EventProperty>(builder.Properties.ToImmutableArray()),
        new EquatableArray<EventProperty>(Inherited(builder, byName).ToImmutableArray()),
        builder.Summary,
        builder.Members,
        builder.ResolverMethod);

    /// <summary>The properties of <paramref name="builder"/>'s base classes, outermost first, their type parameters closed.</summary>
    private static List<EventProperty> Inherited(TypeBuilder builder, Dictionary<string, TypeBuilder> byName)
    {
        if (builder.Base is null)
        {
            return new List<EventProperty>();
        }

        var baseType = byName[builder.Base];
        var all = Inherited(baseType, byName);
        all.AddRange(baseType.Properties);
        var arguments = new Dictionary<string, WireType>(StringComparer.Ordinal);
        for (var i = 0; i < baseType.TypeParameters.Count; i++)
        {
            arguments[baseType.TypeParameters[i]] = builder.BaseArguments[i];
        }

        return all.Select(p => p with { Type = Substitute(p.Type, arguments) }).ToList();
    }

    private static WireType Substitute(WireType type, Dictionary<string, WireType> arguments) => type.Kind switch
    {
        WireKind.TypeParameter when arguments.TryGetValue(type.Name!, out var argument) => argument,
        WireKind.Array or WireKind.Map => type with { Element = Substitute(type.Element!, arguments) },
        _ => type,
    };
}
