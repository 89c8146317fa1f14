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
        if (type is null)
        {
            return HandlerResolution.TypeNotFound(ClosestType(handler.Type, TypeNames(compilation.Assembly.GlobalNamespace, cancellationToken)));
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
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

        return HandlerResolution.MethodNotFound(type, Closest(handler.Method, MethodNames(type)));
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

    private static IEnumerable<string> TypeNames(INamespaceSymbol root, CancellationToken cancellationToken)
    {
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in pending.Pop().GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    pending.Push(ns);
                }
                else if (member is INamedTypeSymbol type && !type.IsImplicitlyDeclared)
                {
                    yield return ReflectionSignature.TypeName(type);
                    pending.Push(type);
                }
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
