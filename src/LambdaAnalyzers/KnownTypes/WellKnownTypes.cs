using System;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.KnownTypes;

/// <summary>
/// The one way this package finds a type by metadata name. <see cref="Compilation.GetTypeByMetadataName"/>
/// answers null as soon as two referenced assemblies define the name — and real projects reference many
/// assemblies that carry internal copies of a type (polyfilled attributes, vendored interfaces). A rule that
/// asked it would fall silent. Here, as the compiler binds user code:
/// <list type="number">
/// <item>the compilation's own definition wins;</item>
/// <item>else the only definition the compilation can see (public, or internal with InternalsVisibleTo);</item>
/// <item>else, among several visible ones, the one from the assembly the namespace is named after
/// (<c>Amazon.Lambda.Core.ILambdaContext</c> from <c>Amazon.Lambda.Core</c>);</item>
/// <item>else null: user code naming the type is ambiguous too (CS0433), so nothing can be concluded.</item>
/// </list>
/// </summary>
internal static class WellKnownTypes
{
    public static INamedTypeSymbol? Find(Compilation compilation, string metadataName)
    {
        if (compilation.GetTypeByMetadataName(metadataName) is { } unique)
        {
            return unique;
        }

        var candidates = compilation.GetTypesByMetadataName(metadataName);
        if (candidates.IsEmpty)
        {
            return null;
        }

        INamedTypeSymbol? visible = null;
        INamedTypeSymbol? named = null;
        var visibleCount = 0;
        var namedCount = 0;
        foreach (var candidate in candidates)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, compilation.Assembly))
            {
                return candidate;
            }

            if (!compilation.IsSymbolAccessibleWithin(candidate, compilation.Assembly))
            {
                continue;
            }

            visible = candidate;
            visibleCount++;
            if (IsNamedAfter(metadataName, candidate.ContainingAssembly.Name))
            {
                named = candidate;
                namedCount++;
            }
        }

        return visibleCount == 1 ? visible : namedCount == 1 ? named : null;
    }

    /// <summary>The assembly name is the type's namespace or a dotted prefix of it.</summary>
    private static bool IsNamedAfter(string metadataName, string assemblyName) =>
        metadataName.Length > assemblyName.Length
        && metadataName.StartsWith(assemblyName, StringComparison.Ordinal)
        && metadataName[assemblyName.Length] == '.';
}
