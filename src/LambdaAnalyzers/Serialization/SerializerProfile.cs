using System.Collections.Generic;
using System.Collections.Immutable;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Serialization;

/// <summary>The serializer library behind a known Lambda serializer.</summary>
internal enum SerializerFlavor
{
    SystemTextJson,
    Newtonsoft,
}

/// <summary>
/// What decides how a known Lambda serializer reads and writes: the library, whether fields are
/// included and which types registered converters take over (<c>[JsonSourceGenerationOptions]</c> of
/// a source-generated context). Null for custom serializers, which the rules leave alone.
/// </summary>
internal sealed class SerializerProfile
{
    private SerializerProfile(SerializerFlavor flavor, string displayName, bool includeFields, ImmutableArray<ITypeSymbol> convertedTypes, bool hasConverterFactory, string key)
    {
        Flavor = flavor;
        DisplayName = displayName;
        IncludeFields = includeFields;
        ConvertedTypes = convertedTypes;
        HasConverterFactory = hasConverterFactory;
        Key = key;
    }

    public SerializerFlavor Flavor { get; }

    /// <summary>How messages name the library ("System.Text.Json", "Newtonsoft.Json").</summary>
    public string DisplayName { get; }

    public bool IncludeFields { get; }

    /// <summary>Types a converter registered in the context's options handles.</summary>
    public ImmutableArray<ITypeSymbol> ConvertedTypes { get; }

    /// <summary>A converter factory is registered: it may handle any type, so writes are not judged.</summary>
    public bool HasConverterFactory { get; }

    /// <summary>Identifies the profile among those of one compilation (models are cached by it).</summary>
    public string Key { get; }

    public bool IsSystemTextJson => Flavor == SerializerFlavor.SystemTextJson;

    public static SerializerProfile? For(SerializerInForce serializer, SerializationTypes types)
    {
        switch (serializer.Kind)
        {
            case SerializerKind.SystemTextJsonReflection:
                return new SerializerProfile(SerializerFlavor.SystemTextJson, "System.Text.Json", false, ImmutableArray<ITypeSymbol>.Empty, false, "stj");
            case SerializerKind.Newtonsoft:
                return new SerializerProfile(SerializerFlavor.Newtonsoft, "Newtonsoft.Json", false, ImmutableArray<ITypeSymbol>.Empty, false, "newtonsoft");
            case SerializerKind.SystemTextJsonSourceGenerated when serializer.Context is { TypeKind: not TypeKind.Error } context && !SerializationTypes.HasUnresolvedAttribute(context):
                // A context that does not resolve, or whose options attribute does not, hides the settings.
                return FromContext(context, types);
            default:
                return null;
        }
    }

    private static SerializerProfile FromContext(INamedTypeSymbol context, SerializationTypes types)
    {
        var includeFields = false;
        var converted = ImmutableArray.CreateBuilder<ITypeSymbol>();
        var hasFactory = false;
        if (SerializationTypes.Find(context, types.StjSourceGenerationOptions) is { } options)
        {
            foreach (var argument in options.NamedArguments)
            {
                if (argument.Key == "IncludeFields" && argument.Value.Value is true)
                {
                    includeFields = true;
                }
                else if (argument.Key == "Converters" && argument.Value.Kind == TypedConstantKind.Array)
                {
                    foreach (var item in argument.Value.Values)
                    {
                        if (item.Value is INamedTypeSymbol converter)
                        {
                            if (ConvertedType(converter, types) is { } type)
                            {
                                converted.Add(type);
                            }
                            else
                            {
                                hasFactory = true;
                            }
                        }
                    }
                }
            }
        }

        var key = "stj-sg:" + context.ToDisplayString();
        return new SerializerProfile(SerializerFlavor.SystemTextJson, "System.Text.Json", includeFields, converted.ToImmutable(), hasFactory, key);
    }

    /// <summary>The <c>T</c> of a <c>JsonConverter&lt;T&gt;</c>; null for factories and anything else.</summary>
    public static ITypeSymbol? ConvertedType(INamedTypeSymbol converter, SerializationTypes types)
    {
        for (var current = converter; current is not null; current = current.BaseType)
        {
            if (SerializationTypes.Same(current.OriginalDefinition, types.StjConverterOfT))
            {
                return current.TypeArguments[0];
            }
        }

        return null;
    }

    /// <summary>The types a context lists with <c>[JsonSerializable(typeof(T))]</c>.</summary>
    public static IReadOnlyList<ITypeSymbol> ListedTypes(INamedTypeSymbol context, SerializationTypes types)
    {
        var listed = new List<ITypeSymbol>();
        foreach (var attribute in context.GetAttributes())
        {
            if (SerializationTypes.Same(attribute.AttributeClass, types.StjSerializable)
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Value is ITypeSymbol type)
            {
                listed.Add(type);
            }
        }

        return listed;
    }
}
