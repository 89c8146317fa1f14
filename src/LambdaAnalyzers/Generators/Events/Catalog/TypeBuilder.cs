using System.Collections.Generic;
using System.Collections.Immutable;

namespace LambdaAnalyzers.Generators.Events.Catalog;

/// <summary>Declares one catalog class; <see cref="EventCatalog"/> resolves base types into <see cref="EventType"/>s.</summary>
internal sealed class TypeBuilder
{
    private readonly List<EventProperty> _properties = new();
    private readonly List<string> _typeParameters = new();
    private readonly List<string> _constraints = new();
    private readonly List<WireType> _baseArguments = new();

    private TypeBuilder(string name, string summary, TypeForm form)
    {
        Name = name;
        Summary = summary;
        Form = form;
    }

    public string Name { get; }

    public string Summary { get; }

    public TypeForm Form { get; private set; }

    public string? Container { get; private set; }

    public string? Base { get; private set; }

    public IReadOnlyList<WireType> BaseArguments => _baseArguments;

    public IReadOnlyList<string> TypeParameters => _typeParameters;

    public IReadOnlyList<EventProperty> Properties => _properties;

    public WireType? MapValue { get; private set; }

    public string? Members { get; private set; }

    public string? ResolverMethod { get; private set; }

    public string RelativeName => Container is null ? Name : Container + "." + Name;

    public static TypeBuilder Class(string name, string summary) => new(name, summary, TypeForm.Sealed);

    public static TypeBuilder Abstract(string name, string summary) => new(name, summary, TypeForm.Abstract);

    /// <summary>Nested in <paramref name="container"/> (a relative name), as the Amazon.Lambda.*Events packages nest it.</summary>
    public TypeBuilder In(string container)
    {
        Container = container;
        return this;
    }

    /// <summary>A concrete class other catalog classes derive from: not sealed.</summary>
    public TypeBuilder Unsealed()
    {
        Form = TypeForm.Base;
        return this;
    }

    public TypeBuilder Generic(string parameter, string? constraint = null, string? resolverMethod = null)
    {
        _typeParameters.Add(parameter);
        _constraints.Add(constraint ?? string.Empty);
        ResolverMethod = resolverMethod ?? ResolverMethod;
        return this;
    }

    /// <summary>Derives from the catalog class <paramref name="baseName"/>, closing its type parameters with <paramref name="arguments"/>.</summary>
    public TypeBuilder Derives(string baseName, params WireType[] arguments)
    {
        Base = baseName;
        _baseArguments.AddRange(arguments);
        return this;
    }

    /// <summary>Derives from <c>Dictionary&lt;string, T&gt;</c>: read and written as a JSON object of its entries.</summary>
    public TypeBuilder MapOf(WireType value)
    {
        MapValue = value;
        return this;
    }

    /// <summary>A property AWS always sends: not nullable.</summary>
    public TypeBuilder Required(string name, string wireName, WireType type, string summary)
    {
        _properties.Add(new EventProperty(name, wireName, type, Required: true, summary));
        return this;
    }

    /// <summary>A property AWS may leave out or send as null: nullable, and not written when null.</summary>
    public TypeBuilder Optional(string name, string wireName, WireType type, string summary)
    {
        _properties.Add(new EventProperty(name, wireName, type, Required: false, summary));
        return this;
    }

    /// <summary>Hand-written helper members, as C# source at the class's indentation (8 spaces for nested classes: the emitter indents).</summary>
    public TypeBuilder WithMembers(string members)
    {
        Members = members;
        return this;
    }

    public ImmutableArray<string> TypeParameterArray => _typeParameters.ToImmutableArray();

    public ImmutableArray<string> ConstraintArray => _constraints.ToImmutableArray();
}
