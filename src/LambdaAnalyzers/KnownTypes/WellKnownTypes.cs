using System;
using LambdaAnalyzers.Caching;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Serialization;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.KnownTypes;

/// <summary>
/// The types this package knows by name, one set per compilation: every rule, model and generator asks
/// <see cref="For"/> and gets the same <see cref="Lambda"/>, <see cref="AwsSdk"/>, <see cref="AspNetCore"/>,
/// <see cref="Lifecycle"/> and <see cref="Serialization"/> groups, each resolved once, on first use.
/// </summary>
/// <remarks>
/// <see cref="Find"/> is the one way this package finds a type by metadata name. <see cref="Compilation.GetTypeByMetadataName"/>
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
/// </remarks>
internal sealed class WellKnownTypes
{
    private static readonly CompilationCache<WellKnownTypes> Cache = new(static compilation => new WellKnownTypes(compilation));

    private readonly Compilation _compilation;
    private readonly Once<LambdaTypes> _lambda = new();
    private readonly Once<AwsSdkTypes> _awsSdk = new();
    private readonly Once<AspNetCoreTypes> _aspNetCore = new();
    private readonly Once<LifecycleTypes> _lifecycle = new();
    private readonly Once<SerializationTypes> _serialization = new();

    private WellKnownTypes(Compilation compilation) => _compilation = compilation;

    /// <summary>Lambda's own types (Amazon.Lambda.*, LambdaAnalyzers.Runtime) and the framework types handlers use.</summary>
    public LambdaTypes Lambda => _lambda.Get(_compilation, static c => new LambdaTypes(c));

    /// <summary>The AWS SDK for .NET's credentials and client base types.</summary>
    public AwsSdkTypes AwsSdk => _awsSdk.Get(_compilation, static c => new AwsSdkTypes(c));

    /// <summary>ASP.NET Core's endpoint and controller types.</summary>
    public AspNetCoreTypes AspNetCore => _aspNetCore.Get(_compilation, static c => new AspNetCoreTypes(c));

    /// <summary>What the lifecycle rules (02xx) look for.</summary>
    public LifecycleTypes Lifecycle => _lifecycle.Get(this, static types => new LifecycleTypes(types._compilation, types.Lambda, types.AwsSdk));

    /// <summary>What the serialization model looks for (System.Text.Json, Newtonsoft.Json, reflection types).</summary>
    public SerializationTypes Serialization => _serialization.Get(_compilation, static c => new SerializationTypes(c));

    public static WellKnownTypes For(Compilation compilation) => Cache.Get(compilation);

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
