using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using LambdaAnalyzers.Configuration;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// What is expensive to create and meant to be reused across invokes (LAM0202):
/// <list type="bullet">
/// <item>types: AWS SDK service clients (<c>Amazon.Runtime.AmazonServiceClient</c> subclasses), <c>HttpClient</c>,
/// <c>JsonSerializerOptions</c> (each new instance rebuilds its metadata cache), <c>LoggerFactory</c>, plus the types a
/// project lists in <c>.editorconfig</c> under <see cref="OptionKey"/> (comma-separated metadata names; subclasses count);</item>
/// <item>clients that own an HTTP connection pool (<see cref="OwnsHttpClient"/>);</item>
/// <item>factory calls that build a whole pipeline: <c>LoggerFactory.Create(…)</c>, <c>IServiceCollection.BuildServiceProvider()</c>,
/// <c>IConfigurationBuilder.Build()</c>.</item>
/// </list>
/// </summary>
internal sealed class ExpensiveTypes
{
    public const string OptionKey = "lambda_analyzers.expensive_types";

    /// <summary>How many base types <see cref="OwnsHttpClient"/> looks through for a connection field.</summary>
    private const int MaxBaseDepth = 8;

    private readonly Compilation _compilation;
    private readonly AnalyzerConfigOptionsProvider _options;
    private readonly LifecycleTypes _types;
    private readonly ImmutableArray<INamedTypeSymbol> _builtIn;
    private readonly ConcurrentDictionary<string, ImmutableArray<INamedTypeSymbol>> _configured = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _owners = new(SymbolEqualityComparer.Default);

    public ExpensiveTypes(Compilation compilation, AnalyzerConfigOptionsProvider options, LifecycleTypes types)
    {
        _compilation = compilation;
        _options = options;
        _types = types;
        var builtIn = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var type in new[] { types.Sdk.AmazonServiceClient, types.HttpClient, types.JsonSerializerOptions, types.LoggerFactory })
        {
            if (type is not null)
            {
                builtIn.Add(type);
            }
        }

        _builtIn = builtIn.ToImmutable();
    }

    /// <summary>
    /// How a message names what <paramref name="operation"/> creates when that is expensive, or null:
    /// the type's name, with the reason when it is not a listed type.
    /// </summary>
    public string? Describe(IOperation operation)
    {
        switch (operation)
        {
            case IObjectCreationOperation { Type: INamedTypeSymbol type } creation:
                if (Match(type, creation.Syntax.SyntaxTree) is not null)
                {
                    return type.Name;
                }

                return creation.Constructor is { } constructor && OwnsHttpClient(type, constructor) ? type.Name + " (it creates its own HttpClient)" : null;
            case IInvocationOperation invocation:
                return DescribeFactory(invocation);
            default:
                return null;
        }
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

    /// <summary>
    /// A client that builds its own HTTP connection pool when created through
    /// <paramref name="constructor"/>: a disposable class (it owns what it holds) that is no
    /// <c>HttpClient</c> or message handler itself, whose constructor takes no <c>HttpClient</c>,
    /// handler or <c>IHttpClientFactory</c> (with one of those the caller owns the connections), and that
    /// either declares an <c>HttpClient</c> or handler field (itself or a base type, up to
    /// <see cref="MaxBaseDepth"/> levels) or offers another public constructor taking one (the library
    /// lets callers share what it otherwise creates). A type whose base types or interfaces do not all
    /// resolve is not judged.
    /// </summary>
    public bool OwnsHttpClient(INamedTypeSymbol type, IMethodSymbol constructor)
    {
        if (_types.HttpClient is null || _types.HttpMessageHandler is null || _types.IDisposable is null
            || TakesConnection(constructor))
        {
            return false;
        }

        return _owners.GetOrAdd(type, IsOwner);
    }

    private bool IsOwner(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract
            || TypeChecks.InheritsFrom(type, _types.HttpClient) || TypeChecks.InheritsFrom(type, _types.HttpMessageHandler)
            || !IsFullyResolved(type)
            || !TypeChecks.Is(type, _types.IDisposable) && !Implements(type, _types.IDisposable!))
        {
            return false;
        }

        var depth = 0;
        for (var current = type; current is not null && depth < MaxBaseDepth; current = current.BaseType, depth++)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false } field && IsConnection(field.Type))
                {
                    return true;
                }
            }
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility == Accessibility.Public && TakesConnection(constructor))
            {
                return true;
            }
        }

        return false;
    }

    private bool TakesConnection(IMethodSymbol constructor)
    {
        foreach (var parameter in constructor.Parameters)
        {
            if (IsConnection(parameter.Type) || TypeChecks.Is(parameter.Type, _types.IHttpClientFactory))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsConnection(ITypeSymbol type) =>
        TypeChecks.InheritsFrom(type, _types.HttpClient) || TypeChecks.InheritsFrom(type, _types.HttpMessageHandler);

    private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol contract)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented, contract))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every base type and interface of <paramref name="type"/> is bound: nothing hidden behind an error type.</summary>
    private static bool IsFullyResolved(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.TypeKind == TypeKind.Error)
            {
                return false;
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.TypeKind == TypeKind.Error)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>LoggerFactory.Create(…)</c>, <c>services.BuildServiceProvider()</c>, <c>builder.Build()</c> of a configuration builder.</summary>
    private string? DescribeFactory(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.IsStatic && method.Name == "Create" && TypeChecks.Is(method.ContainingType, _types.LoggerFactory))
        {
            return "logger factory (" + method.ReturnType.Name + ")";
        }

        if (method.Name == "BuildServiceProvider" && TypeChecks.Is(method.ContainingType, _types.ServiceProviderBuilding))
        {
            return "service provider (" + method.ReturnType.Name + ")";
        }

        if (method is { Name: "Build", Parameters.Length: 0 } && invocation.Instance is { } builder && _types.IConfigurationBuilder is { } configurationBuilder)
        {
            var builderType = builder.WalkDownConversions().Type;
            if (TypeChecks.Is(builderType, configurationBuilder) || TypeChecks.Implements(builderType, configurationBuilder))
            {
                return "configuration (" + method.ReturnType.Name + ")";
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
            if (name.Length > 0 && WellKnownTypes.Find(_compilation, name) is { } type)
            {
                resolved.Add(type);
            }
        }

        return resolved.ToImmutableArray();
    }
}
