using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.KnownTypes;

/// <summary>
/// The event model types LambdaAnalyzers' events generator writes into a project. They carry
/// <c>[GeneratedCode("LambdaAnalyzers.Events", ...)]</c>, which is how the analyzers tell them from user types.
/// </summary>
internal static class GeneratedEventTypes
{
    /// <summary>The tool name in the generated types' <c>[GeneratedCode]</c>.</summary>
    public const string Tool = "LambdaAnalyzers.Events";

    /// <summary><paramref name="type"/> (or the type it is nested in) was written by the events generator.</summary>
    public static bool Is(ITypeSymbol? type)
    {
        for (var current = type?.OriginalDefinition as INamedTypeSymbol; current is not null; current = current.ContainingType)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" } attributeClass
                    && attributeClass.ContainingNamespace?.ToDisplayString() == "System.CodeDom.Compiler"
                    && attribute.ConstructorArguments.Length > 0
                    && attribute.ConstructorArguments[0].Value is Tool)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
