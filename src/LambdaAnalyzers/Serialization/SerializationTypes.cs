using LambdaAnalyzers.Caching;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Serialization;

/// <summary>
/// The framework and serializer types the serialization model needs, resolved by metadata name once
/// per compilation. Newtonsoft types are null in projects that do not reference Newtonsoft.Json.
/// </summary>
internal sealed class SerializationTypes
{
    private static readonly CompilationCache<SerializationTypes> Cache = new(static compilation => new SerializationTypes(compilation));

    private SerializationTypes(Compilation compilation)
    {
        Object = compilation.GetSpecialType(SpecialType.System_Object);
        Type = WellKnownTypes.Find(compilation, "System.Type");
        MemberInfo = WellKnownTypes.Find(compilation, "System.Reflection.MemberInfo");
        Assembly = WellKnownTypes.Find(compilation, "System.Reflection.Assembly");
        Module = WellKnownTypes.Find(compilation, "System.Reflection.Module");
        ParameterInfo = WellKnownTypes.Find(compilation, "System.Reflection.ParameterInfo");
        Delegate = WellKnownTypes.Find(compilation, "System.Delegate");
        Stream = WellKnownTypes.Find(compilation, "System.IO.Stream");
        MemoryStream = WellKnownTypes.Find(compilation, "System.IO.MemoryStream");
        Nullable = WellKnownTypes.Find(compilation, "System.Nullable`1");
        IEnumerable = WellKnownTypes.Find(compilation, "System.Collections.IEnumerable");
        IEnumerableOfT = WellKnownTypes.Find(compilation, "System.Collections.Generic.IEnumerable`1");
        IDictionary = WellKnownTypes.Find(compilation, "System.Collections.IDictionary");
        IDictionaryOfKV = WellKnownTypes.Find(compilation, "System.Collections.Generic.IDictionary`2");
        IReadOnlyDictionaryOfKV = WellKnownTypes.Find(compilation, "System.Collections.Generic.IReadOnlyDictionary`2");
        Guid = WellKnownTypes.Find(compilation, "System.Guid");
        DateTimeOffset = WellKnownTypes.Find(compilation, "System.DateTimeOffset");
        TimeSpan = WellKnownTypes.Find(compilation, "System.TimeSpan");
        DateOnly = WellKnownTypes.Find(compilation, "System.DateOnly");
        TimeOnly = WellKnownTypes.Find(compilation, "System.TimeOnly");
        Version = WellKnownTypes.Find(compilation, "System.Version");
        Uri = WellKnownTypes.Find(compilation, "System.Uri");
        ConstantClass = WellKnownTypes.Find(compilation, "Amazon.Runtime.ConstantClass");

        const string Stj = "System.Text.Json.Serialization.";
        StjIgnore = WellKnownTypes.Find(compilation, Stj + "JsonIgnoreAttribute");
        StjInclude = WellKnownTypes.Find(compilation, Stj + "JsonIncludeAttribute");
        StjConstructor = WellKnownTypes.Find(compilation, Stj + "JsonConstructorAttribute");
        StjConverter = WellKnownTypes.Find(compilation, Stj + "JsonConverterAttribute");
        StjPropertyName = WellKnownTypes.Find(compilation, Stj + "JsonPropertyNameAttribute");
        StjPolymorphic = WellKnownTypes.Find(compilation, Stj + "JsonPolymorphicAttribute");
        StjDerivedType = WellKnownTypes.Find(compilation, Stj + "JsonDerivedTypeAttribute");
        StjSerializable = WellKnownTypes.Find(compilation, Stj + "JsonSerializableAttribute");
        StjSourceGenerationOptions = WellKnownTypes.Find(compilation, Stj + "JsonSourceGenerationOptionsAttribute");
        StjConverterOfT = WellKnownTypes.Find(compilation, Stj + "JsonConverter`1");
        StjSerializerContext = WellKnownTypes.Find(compilation, Stj + "JsonSerializerContext");

        const string Newtonsoft = "Newtonsoft.Json.";
        NewtonsoftIgnore = WellKnownTypes.Find(compilation, Newtonsoft + "JsonIgnoreAttribute");
        NewtonsoftProperty = WellKnownTypes.Find(compilation, Newtonsoft + "JsonPropertyAttribute");
        NewtonsoftConstructor = WellKnownTypes.Find(compilation, Newtonsoft + "JsonConstructorAttribute");
        NewtonsoftConverter = WellKnownTypes.Find(compilation, Newtonsoft + "JsonConverterAttribute");
    }

    public INamedTypeSymbol Object { get; }

    public INamedTypeSymbol? Type { get; }

    public INamedTypeSymbol? MemberInfo { get; }

    public INamedTypeSymbol? Assembly { get; }

    public INamedTypeSymbol? Module { get; }

    public INamedTypeSymbol? ParameterInfo { get; }

    public INamedTypeSymbol? Delegate { get; }

    public INamedTypeSymbol? Stream { get; }

    public INamedTypeSymbol? MemoryStream { get; }

    public INamedTypeSymbol? Nullable { get; }

    public INamedTypeSymbol? IEnumerable { get; }

    public INamedTypeSymbol? IEnumerableOfT { get; }

    public INamedTypeSymbol? IDictionary { get; }

    public INamedTypeSymbol? IDictionaryOfKV { get; }

    public INamedTypeSymbol? IReadOnlyDictionaryOfKV { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    public INamedTypeSymbol? DateOnly { get; }

    public INamedTypeSymbol? TimeOnly { get; }

    public INamedTypeSymbol? Version { get; }

    public INamedTypeSymbol? Uri { get; }

    /// <summary>AWS SDK enumeration base (AWSSDK.Core), when referenced.</summary>
    public INamedTypeSymbol? ConstantClass { get; }

    public INamedTypeSymbol? StjIgnore { get; }

    public INamedTypeSymbol? StjInclude { get; }

    public INamedTypeSymbol? StjConstructor { get; }

    public INamedTypeSymbol? StjConverter { get; }

    public INamedTypeSymbol? StjPropertyName { get; }

    public INamedTypeSymbol? StjPolymorphic { get; }

    public INamedTypeSymbol? StjDerivedType { get; }

    public INamedTypeSymbol? StjSerializable { get; }

    public INamedTypeSymbol? StjSourceGenerationOptions { get; }

    public INamedTypeSymbol? StjConverterOfT { get; }

    public INamedTypeSymbol? StjSerializerContext { get; }

    public INamedTypeSymbol? NewtonsoftIgnore { get; }

    public INamedTypeSymbol? NewtonsoftProperty { get; }

    public INamedTypeSymbol? NewtonsoftConstructor { get; }

    public INamedTypeSymbol? NewtonsoftConverter { get; }

    public static SerializationTypes For(Compilation compilation) => Cache.Get(compilation);

    public static bool Same(ITypeSymbol? a, ITypeSymbol? b) => a is not null && b is not null && SymbolEqualityComparer.Default.Equals(a, b);

    /// <summary><paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool DerivesFrom(ITypeSymbol type, ITypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Same(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Has(ISymbol symbol, ITypeSymbol? attribute) => Find(symbol, attribute) is not null;

    /// <summary>The type, or a type argument or element type in it, does not resolve (<c>List&lt;Missing&gt;</c>).</summary>
    public static bool IsUnbound(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => IsUnbound(array.ElementType),
        INamedTypeSymbol named => AnyUnbound(named.TypeArguments),
        _ => false,
    };

    private static bool AnyUnbound(System.Collections.Immutable.ImmutableArray<ITypeSymbol> types)
    {
        foreach (var type in types)
        {
            if (IsUnbound(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An attribute on <paramref name="symbol"/> does not resolve: it could be any serializer attribute.</summary>
    public static bool HasUnresolvedAttribute(ISymbol symbol)
    {
        foreach (var data in symbol.GetAttributes())
        {
            if (data.AttributeClass is null or { TypeKind: TypeKind.Error })
            {
                return true;
            }
        }

        return false;
    }

    public static AttributeData? Find(ISymbol symbol, ITypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (Same(data.AttributeClass, attribute))
            {
                return data;
            }
        }

        return null;
    }
}
