using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Serialization;

/// <summary>
/// The framework and serializer types the serialization model needs, resolved by metadata name once
/// per compilation. Newtonsoft types are null in projects that do not reference Newtonsoft.Json.
/// </summary>
internal sealed class SerializationTypes
{
    private static readonly ConditionalWeakTable<Compilation, SerializationTypes> Cache = new();

    private SerializationTypes(Compilation compilation)
    {
        Object = compilation.GetSpecialType(SpecialType.System_Object);
        Type = compilation.GetTypeByMetadataName("System.Type");
        MemberInfo = compilation.GetTypeByMetadataName("System.Reflection.MemberInfo");
        Assembly = compilation.GetTypeByMetadataName("System.Reflection.Assembly");
        Module = compilation.GetTypeByMetadataName("System.Reflection.Module");
        ParameterInfo = compilation.GetTypeByMetadataName("System.Reflection.ParameterInfo");
        Delegate = compilation.GetTypeByMetadataName("System.Delegate");
        Stream = compilation.GetTypeByMetadataName("System.IO.Stream");
        MemoryStream = compilation.GetTypeByMetadataName("System.IO.MemoryStream");
        Nullable = compilation.GetTypeByMetadataName("System.Nullable`1");
        IEnumerable = compilation.GetTypeByMetadataName("System.Collections.IEnumerable");
        IEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
        IDictionary = compilation.GetTypeByMetadataName("System.Collections.IDictionary");
        IDictionaryOfKV = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");
        IReadOnlyDictionaryOfKV = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        DateOnly = compilation.GetTypeByMetadataName("System.DateOnly");
        TimeOnly = compilation.GetTypeByMetadataName("System.TimeOnly");
        Version = compilation.GetTypeByMetadataName("System.Version");
        Uri = compilation.GetTypeByMetadataName("System.Uri");
        ConstantClass = compilation.GetTypeByMetadataName("Amazon.Runtime.ConstantClass");

        const string Stj = "System.Text.Json.Serialization.";
        StjIgnore = compilation.GetTypeByMetadataName(Stj + "JsonIgnoreAttribute");
        StjInclude = compilation.GetTypeByMetadataName(Stj + "JsonIncludeAttribute");
        StjConstructor = compilation.GetTypeByMetadataName(Stj + "JsonConstructorAttribute");
        StjConverter = compilation.GetTypeByMetadataName(Stj + "JsonConverterAttribute");
        StjPropertyName = compilation.GetTypeByMetadataName(Stj + "JsonPropertyNameAttribute");
        StjPolymorphic = compilation.GetTypeByMetadataName(Stj + "JsonPolymorphicAttribute");
        StjDerivedType = compilation.GetTypeByMetadataName(Stj + "JsonDerivedTypeAttribute");
        StjSerializable = compilation.GetTypeByMetadataName(Stj + "JsonSerializableAttribute");
        StjSourceGenerationOptions = compilation.GetTypeByMetadataName(Stj + "JsonSourceGenerationOptionsAttribute");
        StjConverterOfT = compilation.GetTypeByMetadataName(Stj + "JsonConverter`1");
        StjSerializerContext = compilation.GetTypeByMetadataName(Stj + "JsonSerializerContext");

        const string Newtonsoft = "Newtonsoft.Json.";
        NewtonsoftIgnore = compilation.GetTypeByMetadataName(Newtonsoft + "JsonIgnoreAttribute");
        NewtonsoftProperty = compilation.GetTypeByMetadataName(Newtonsoft + "JsonPropertyAttribute");
        NewtonsoftConstructor = compilation.GetTypeByMetadataName(Newtonsoft + "JsonConstructorAttribute");
        NewtonsoftConverter = compilation.GetTypeByMetadataName(Newtonsoft + "JsonConverterAttribute");
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

    public static SerializationTypes For(Compilation compilation) => Cache.GetValue(compilation, c => new SerializationTypes(c));

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
