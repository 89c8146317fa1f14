using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// How a <c>[LambdaHandler]</c> method is named, for the generator (handler name, generated class, order)
/// and for the analyzers that check those names (LAM0001, LAM0401): one definition for both.
/// </summary>
internal static class GeneratedHandlerName
{
    /// <summary>The handler's name: the <c>[LambdaHandler]</c> argument, else the method name.</summary>
    public static string Of(ImmutableArray<AttributeData> attributes, IMethodSymbol method)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string { Length: > 0 } name)
            {
                return name;
            }
        }

        return method.Name;
    }

    /// <summary>
    /// The order handlers are emitted in, and which of two with the same generated class is wired (LAM0401):
    /// ordinal by containing type, then method name and parameter types.
    /// </summary>
    public static string OrderKey(IMethodSymbol method) =>
        method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "::" + method.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

    /// <summary>A C# identifier for a handler name: <c>cancel-order</c> becomes <c>CancelOrder</c>.</summary>
    public static string Identifier(string name)
    {
        var text = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                text.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (text.Length == 0 || char.IsDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}
