using System.Collections.Immutable;

namespace LambdaAnalyzers.Generators.Events.Catalog;

/// <summary>
/// The catalog classes written to one file (<c>LambdaEvents.{Name}.g.cs</c>), generated when any of
/// <see cref="Sources"/> is opted in. A group shared by two sources (the payload 2.0 types of HTTP APIs and function
/// URLs, the batch response of DynamoDB and Kinesis streams) is written once.
/// </summary>
internal sealed class CatalogGroup
{
    public CatalogGroup(string name, int sources, string summary, params TypeBuilder[] types)
    {
        Name = name;
        Sources = sources;
        Summary = summary;
        Builders = ImmutableArray.Create(types);
    }

    public string Name { get; }

    public int Sources { get; }

    public string Summary { get; }

    public ImmutableArray<TypeBuilder> Builders { get; }

    /// <summary>The classes, base types resolved (set once by <see cref="EventCatalog"/>).</summary>
    public ImmutableArray<EventType> Types { get; internal set; }
}
