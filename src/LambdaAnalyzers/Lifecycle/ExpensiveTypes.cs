using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using LambdaAnalyzers.Configuration;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// Types that are expensive to create and meant to be reused across invokes (LAM0202): AWS SDK
/// service clients (<c>Amazon.Runtime.AmazonServiceClient</c> subclasses), <c>HttpClient</c>,
/// <c>JsonSerializerOptions</c> (each new instance rebuilds its metadata cache), plus the types a
/// project lists in <c>.editorconfig</c> under <see cref="OptionKey"/> (comma-separated metadata
/// names; subclasses count too).
/// </summary>
internal sealed class ExpensiveTypes
{
    public const string OptionKey = "lambda_analyzers.expensive_types";

    private readonly Compilation _compilation;
    private readonly AnalyzerConfigOptionsProvider _options;
    private readonly ImmutableArray<INamedTypeSymbol> _builtIn;
    private readonly ConcurrentDictionary<string, ImmutableArray<INamedTypeSymbol>> _configured = new(StringComparer.Ordinal);

    public ExpensiveTypes(Compilation compilation, AnalyzerConfigOptionsProvider options, LifecycleTypes types)
    {
        _compilation = compilation;
        _options = options;
        var builtIn = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var type in new[] { types.Sdk.AmazonServiceClient, types.HttpClient, types.JsonSerializerOptions })
        {
            if (type is not null)
            {
                builtIn.Add(type);
            }
        }

        _builtIn = builtIn.ToImmutable();
    }

    /// <summary>
    /// The expensive type <paramref name="type"/> is or derives from, or null. The project's list is
    /// read from the options of <paramref name="tree"/> (an <c>.editorconfig</c> section or a global config).
    /// </summary>
    public INamedTypeSymbol? Match(ITypeSymbol? type, SyntaxTree tree)
    {
        if (type is null)
        {
            return null;
        }

        foreach (var candidate in _builtIn)
        {
            if (TypeChecks.InheritsFrom(type, candidate))
            {
                return candidate;
            }
        }

        foreach (var candidate in Configured(tree))
        {
            if (TypeChecks.InheritsFrom(type, candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private ImmutableArray<INamedTypeSymbol> Configured(SyntaxTree tree)
    {
        var value = EditorConfigOption.Read(_options, tree, OptionKey);
        if (value is null)
        {
            return ImmutableArray<INamedTypeSymbol>.Empty;
        }

        return _configured.GetOrAdd(value, Resolve);
    }

    private ImmutableArray<INamedTypeSymbol> Resolve(string list)
    {
        var resolved = new List<INamedTypeSymbol>();
        foreach (var part in list.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Trim();
            if (name.Length > 0 && _compilation.GetTypeByMetadataName(name) is { } type)
            {
                resolved.Add(type);
            }
        }

        return resolved.ToImmutableArray();
    }
}
