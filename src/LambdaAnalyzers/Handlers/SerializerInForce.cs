using Microsoft.CodeAnalysis;
using LambdaAnalyzers.KnownTypes;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// The serializer the runtime uses for a handler: a method-level <c>[LambdaSerializer]</c> wins over
/// the assembly-level one, read from the handler's own assembly (docs/platform/handlers.md, "The serializer in force").
/// Known serializers are recognised by exact type; any other, a subclass of a known one included,
/// is <see cref="SerializerKind.Custom"/> and the serialization rules stay silent on it.
/// </summary>
internal sealed class SerializerInForce
{
    public static readonly SerializerInForce None = new(SerializerKind.None, null, null, null);

    private SerializerInForce(SerializerKind kind, INamedTypeSymbol? type, INamedTypeSymbol? context, AttributeData? declaration)
    {
        Kind = kind;
        Type = type;
        Context = context;
        Declaration = declaration;
    }

    public SerializerKind Kind { get; }

    /// <summary>The serializer type given to <c>[LambdaSerializer]</c> or to a bootstrap builder.</summary>
    public INamedTypeSymbol? Type { get; }

    /// <summary>For <c>SourceGeneratorLambdaJsonSerializer&lt;TContext&gt;</c>: <c>TContext</c>.</summary>
    public INamedTypeSymbol? Context { get; }

    /// <summary>The <c>[LambdaSerializer]</c> attribute it came from, when it came from one.</summary>
    public AttributeData? Declaration { get; }

    public bool IsPresent => Kind != SerializerKind.None;

    public static SerializerInForce For(IMethodSymbol handler, LambdaTypes types)
    {
        if (types.LambdaSerializerAttribute is null)
        {
            return None;
        }

        return FromAttributes(handler.GetAttributes(), types)
            ?? FromAttributes(handler.ContainingAssembly.GetAttributes(), types)
            ?? None;
    }

    /// <summary>The serializer an instance of <paramref name="type"/> is (a bootstrap builder's argument).</summary>
    public static SerializerInForce FromType(INamedTypeSymbol? type, AttributeData? declaration = null)
    {
        if (type is null)
        {
            return None;
        }

        var name = ReflectionSignature.TypeName(type.OriginalDefinition);
        return name switch
        {
            "Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer"
                or "Amazon.Lambda.Serialization.SystemTextJson.CamelCaseLambdaJsonSerializer"
                or "Amazon.Lambda.Serialization.SystemTextJson.LambdaJsonSerializer"
                => new SerializerInForce(SerializerKind.SystemTextJsonReflection, type, null, declaration),
            "Amazon.Lambda.Serialization.SystemTextJson.SourceGeneratorLambdaJsonSerializer`1"
                => new SerializerInForce(SerializerKind.SystemTextJsonSourceGenerated, type, type.TypeArguments[0] as INamedTypeSymbol, declaration),
            "Amazon.Lambda.Serialization.Json.JsonSerializer"
                => new SerializerInForce(SerializerKind.Newtonsoft, type, null, declaration),
            _ => new SerializerInForce(SerializerKind.Custom, type, null, declaration),
        };
    }

    private static SerializerInForce? FromAttributes(System.Collections.Immutable.ImmutableArray<AttributeData> attributes, LambdaTypes types)
    {
        foreach (var attribute in attributes)
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, types.LambdaSerializerAttribute))
            {
                var type = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as INamedTypeSymbol : null;
                return type is null ? new SerializerInForce(SerializerKind.Custom, null, null, attribute) : FromType(type, attribute);
            }
        }

        return null;
    }
}

internal enum SerializerKind
{
    None,
    SystemTextJsonReflection,
    SystemTextJsonSourceGenerated,
    Newtonsoft,
    Custom,
}
