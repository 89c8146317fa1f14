using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// Resolves a class-library handler string against this compilation the way the managed .NET
/// runtime resolves it at Init (docs/platform/handlers.md): the type by its full metadata
/// name in the handler's assembly; the method first by name among the methods declared on the type,
/// then on each base type (any accessibility, static or instance), and failing that by its
/// <c>MethodInfo.ToString()</c> signature. Two methods with the name on one type are ambiguous.
/// What the compiler cannot see is not judged: a base type it cannot bind (a package not restored, a
/// project not referenced) may declare the method, and a method whose parameter types are unbound may
/// be the one a signature string names; the string then resolves to nothing we can report on.
/// </summary>
internal static class HandlerResolver
{
    public static HandlerResolution Resolve(Compilation compilation, HandlerString handler, CancellationToken cancellationToken)
    {
        if (handler.Form == HandlerStringForm.Invalid)
        {
            return HandlerResolution.InvalidFormat;
        }

        if (handler.Form != HandlerStringForm.ClassLibrary
            || !string.Equals(handler.Assembly, compilation.AssemblyName, StringComparison.Ordinal))
        {
            return HandlerResolution.NotOurs;
        }

        var type = compilation.Assembly.GetTypeByMetadataName(handler.Type);
        if (type is null && IsAnnotationsWrapper(compilation, handler))
        {
            // The wrapper Amazon.Lambda.Annotations generates; judged where the generator's output is visible.
            return HandlerResolution.NotOurs;
        }

        if (type is null)
        {
            return HandlerResolution.TypeNotFound;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.TypeKind == TypeKind.Error)
            {
                // A base type the compiler cannot see (not restored, a project not referenced) may declare it.
                return HandlerResolution.Unseen(type);
            }

            var named = MethodsNamed(current, handler.Method);
            if (named.Length == 1)
            {
                return HandlerResolution.Found(type, named[0]);
            }

            if (named.Length > 1)
            {
                return HandlerResolution.Ambiguous(type, named);
            }
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
                    && string.Equals(ReflectionSignature.Format(method), handler.Method, StringComparison.Ordinal))
                {
                    return HandlerResolution.Found(type, method);
                }
            }
        }

        if (HasUnboundSignature(type))
        {
            // A signature string may name a method whose parameter types the compiler cannot bind yet.
            return HandlerResolution.Unseen(type);
        }

        return HandlerResolution.MethodNotFound(type);
    }

    /// <summary>
    /// For a string that resolves to <see cref="HandlerResolutionKind.TypeNotFound"/> or
    /// <see cref="HandlerResolutionKind.MethodNotFound"/>, the nearest existing type or method name, when one
    /// is near enough to be a typo. Walks every source type for a missing type, so it is computed only
    /// when a diagnostic is reported, never while resolving.
    /// </summary>
    public static string? ClosestMatch(Compilation compilation, HandlerString handler, HandlerResolution resolution, CancellationToken cancellationToken) => resolution.Kind switch
    {
        HandlerResolutionKind.TypeNotFound => ClosestType(handler.Type, TypeNames(compilation.Assembly, cancellationToken)),
        HandlerResolutionKind.MethodNotFound when resolution.Type is { } type => Closest(handler.Method, MethodNames(type)),
        _ => null,
    };

    /// <summary>
    /// The string names the wrapper Amazon.Lambda.Annotations generates for a <c>[LambdaFunction]</c>
    /// method, <c>Namespace.Type_Method_Generated::Method</c>, and that method is here: the generator has
    /// not run yet (or its output is not visible), so the missing type says nothing. An attribute the
    /// compiler cannot bind (the package not restored) is taken by its written name, which only ever
    /// keeps the rule silent.
    /// </summary>
    private static bool IsAnnotationsWrapper(Compilation compilation, HandlerString handler)
    {
        var suffix = "_" + handler.Method + "_Generated";
        if (!handler.Type.EndsWith(suffix, StringComparison.Ordinal)
            || compilation.Assembly.GetTypeByMetadataName(handler.Type.Substring(0, handler.Type.Length - suffix.Length)) is not { } annotated)
        {
            return false;
        }

        var lambdaFunction = KnownTypes.LambdaTypes.From(compilation).LambdaFunctionAttribute;
        foreach (var method in MethodsNamed(annotated, handler.Method))
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass is { } attributeType
                    && (SymbolEqualityComparer.Default.Equals(attributeType, lambdaFunction)
                        || (attributeType.TypeKind == TypeKind.Error && attributeType.Name is "LambdaFunction" or "LambdaFunctionAttribute")))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasUnboundSignature(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && KnownTypes.TypeChecks.SignatureContainsErrorType(method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The ordinary methods one type declares under a name (its base types are looked at separately).</summary>
    public static ImmutableArray<IMethodSymbol> MethodsNamed(INamedTypeSymbol type, string name)
    {
        var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                builder.Add(method);
            }
        }

        return builder.ToImmutable();
    }

    private static IEnumerable<string> MethodNames(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.SpecialType == SpecialType.System_Object)
            {
                yield break;
            }

            foreach (var member in current.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                {
                    yield return method.Name;
                }
            }
        }
    }

    private static IEnumerable<string> TypeNames(IAssemblySymbol assembly, CancellationToken cancellationToken)
    {
        foreach (var type in SourceTypes.All(assembly, cancellationToken))
        {
            if (!type.IsImplicitlyDeclared)
            {
                yield return ReflectionSignature.TypeName(type);
            }
        }
    }

    /// <summary>
    /// The type nearest to <paramref name="wanted"/>: by its full name, or by its simple name when the
    /// string got the namespace or nesting wrong (<c>Function</c> for <c>Shop.Function</c>).
    /// </summary>
    private static string? ClosestType(string wanted, IEnumerable<string> candidates)
    {
        var simpleWanted = SimpleName(wanted);
        string? bySimpleName = null;
        var all = new List<string>();
        foreach (var candidate in candidates)
        {
            all.Add(candidate);
            if (bySimpleName is null && string.Equals(SimpleName(candidate), simpleWanted, StringComparison.Ordinal))
            {
                bySimpleName = candidate;
            }
        }

        return Closest(wanted, all) ?? bySimpleName ?? Closest(simpleWanted, all, SimpleName);
    }

    private static string SimpleName(string typeName) => typeName.Substring(typeName.LastIndexOfAny(new[] { '.', '+' }) + 1);

    /// <summary>The candidate nearest to <paramref name="wanted"/> by edit distance, when near enough to be a typo.</summary>
    public static string? Closest(string wanted, IEnumerable<string> candidates) => Closest(wanted, candidates, static c => c);

    private static string? Closest(string wanted, IEnumerable<string> candidates, Func<string, string> compared)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance.Between(wanted, compared(candidate), ignoreCase: true);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, wanted.Length / 3) ? best : null;
    }
}
