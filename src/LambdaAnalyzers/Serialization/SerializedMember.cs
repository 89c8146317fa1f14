using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Serialization;

/// <summary>A property or field of an object type as one serializer sees it.</summary>
internal sealed class SerializedMember
{
    public SerializedMember(ISymbol symbol, ITypeSymbol type, string jsonName, bool isWritten, bool isSettable, bool hasConverter, bool isField, bool isAutoProperty, bool isUncertain = false)
    {
        IsUncertain = isUncertain;
        Symbol = symbol;
        Type = type;
        JsonName = jsonName;
        IsWritten = isWritten;
        IsSettable = isSettable;
        HasConverter = hasConverter;
        IsField = isField;
        IsAutoProperty = isAutoProperty;
    }

    public ISymbol Symbol { get; }

    public string Name => Symbol.Name;

    public ITypeSymbol Type { get; }

    /// <summary>The name in JSON before the naming policy (<c>[JsonPropertyName]</c> or the member name).</summary>
    public string JsonName { get; }

    /// <summary>Written to the output (readable and not ignored).</summary>
    public bool IsWritten { get; }

    /// <summary>Set from the input by the serializer (a public or included setter).</summary>
    public bool IsSettable { get; }

    /// <summary>A member-level <c>[JsonConverter]</c> takes over its value.</summary>
    public bool HasConverter { get; }

    public bool IsField { get; }

    /// <summary>A property with a compiler-generated backing field (not computed).</summary>
    public bool IsAutoProperty { get; }

    /// <summary>An attribute on it does not resolve (it may ignore, include or convert it): nothing is concluded about it.</summary>
    public bool IsUncertain { get; }
}
