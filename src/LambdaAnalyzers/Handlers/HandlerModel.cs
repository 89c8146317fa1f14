using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LambdaAnalyzers.Caching;
using LambdaAnalyzers.Configuration;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// Which methods of a compilation are Lambda handlers and how each is run: the one source of truth
/// every handler rule reads (docs/architecture.md, "The handler model"). Built once per compilation and shared by all analyzers of that
/// compilation; what only the code reveals (<see cref="Entries"/>) is read on first use.
/// </summary>
internal sealed class HandlerModel
{
    private static readonly CompilationCache<HandlerModel> Cache =
        new(static (compilation, options, cancellationToken) => new HandlerModel(
            compilation,
            options,
            ConfiguredHandlers.Read(compilation, options, cancellationToken),
            // Asked only of executables: a library's entry point is never Init.
            ProjectOutput.IsExecutable(compilation) && IsFunctionProgram(compilation, options, cancellationToken)));

    private readonly Compilation _compilation;
    private readonly Dictionary<IMethodSymbol, ConfiguredHandler> _configured;
    private readonly HashSet<INamedTypeSymbol> _configuredTypes;
    private readonly Once<ImmutableArray<GeneratedHandler>> _generatedHandlers = new();
    private readonly Once<ImmutableArray<string>> _generatedHandlerNames = new();
    private readonly Once<SourceEntries> _entries = new();
    private readonly ConcurrentDictionary<IMethodSymbol, HandlerShape> _runtimeShapes = new(SymbolEqualityComparer.Default);
    private readonly bool _infersHandlers;

    private HandlerModel(Compilation compilation, AnalyzerOptions options, IReadOnlyList<ConfiguredHandler> configured, bool isFunctionExecutable)
    {
        _compilation = compilation;
        Options = options.AnalyzerConfigOptionsProvider;
        Types = WellKnownTypes.For(compilation).Lambda;
        IsExecutable = ProjectOutput.IsExecutable(compilation);
        IsFunctionExecutable = isFunctionExecutable;
        Configured = configured;
        _infersHandlers = InferredHandlers.AppliesTo(compilation, ProjectFacts.Read(compilation, Options));
        _configured = new Dictionary<IMethodSymbol, ConfiguredHandler>(SymbolEqualityComparer.Default);
        _configuredTypes = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var handler in configured)
        {
            // Keyed by definition: a handler inherited from a generic base resolves to a constructed method.
            if (handler.Resolution.Method?.OriginalDefinition is { } method && !_configured.ContainsKey(method))
            {
                _configured.Add(method, handler);
            }

            if (handler.Resolution.Type is { } type)
            {
                _configuredTypes.Add(type.OriginalDefinition);
            }
        }
    }

    /// <summary>The project's analyzer options (<c>.editorconfig</c>, global configs, build properties).</summary>
    public AnalyzerConfigOptionsProvider Options { get; }

    public LambdaTypes Types { get; }

    /// <summary>An executable project (its own <c>Main</c>, or ours generated).</summary>
    public bool IsExecutable { get; }

    /// <summary>
    /// An executable that is a Lambda function, so its entry point's code before the runtime loop is Init: the project
    /// sees Lambda's types or says <c>AWSProjectType=Lambda</c> (<see cref="LambdaProject.HasOwnSignals"/>), or a
    /// configuration file deploys it. A console tool of the same repository (a seeder, a load generator), found with the
    /// repository's template that deploys the other projects, is not; nor is a project every configuration file deploys
    /// as a class library (an ASP.NET Core function's local entry point).
    /// </summary>
    public bool IsFunctionExecutable { get; }

    /// <summary>
    /// An executable project whose program is what Lambda runs: not when every configuration file that deploys it has
    /// a managed runtime load it as a class library (then its <c>Main</c> is for local runs only); otherwise when it
    /// sees Lambda's types or says <c>AWSProjectType=Lambda</c>, or a configuration file deploys it.
    /// </summary>
    private static bool IsFunctionProgram(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
        ConfiguredHandlers.DeploymentOf(compilation, options, cancellationToken) switch
        {
            ProjectDeployment.ClassLibrary => false,
            ProjectDeployment.Program => true,
            _ => LambdaProject.For(compilation, options, cancellationToken).HasOwnSignals,
        };

    /// <summary>Handler strings from configuration files, each with what the runtime would find for it.</summary>
    public IReadOnlyList<ConfiguredHandler> Configured { get; }

    /// <summary>
    /// The model of <paramref name="compilation"/>, built on first use. The IDE may pair one
    /// compilation with new options when only a configuration file changed, so the cached model is
    /// reused only for the same options.
    /// </summary>
    public static HandlerModel For(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
        Cache.Get(compilation, options, cancellationToken);

    /// <summary>
    /// The names of the handlers LambdaAnalyzers.Runtime generates wiring for (<c>[LambdaHandler]</c>
    /// methods: the attribute's name, else the method's), sorted; computed on first use.
    /// </summary>
    public ImmutableArray<string> GeneratedHandlerNames =>
        _generatedHandlerNames.Get(() => GeneratedHandlers.Select(static h => h.Name).OrderBy(static n => n, StringComparer.Ordinal).ToImmutableArray());

    /// <summary>The <c>[LambdaHandler]</c> methods of the compilation's source with their names; computed on first use.</summary>
    public ImmutableArray<GeneratedHandler> GeneratedHandlers => _generatedHandlers.Get(this, static model => model.FindGeneratedHandlers(model._compilation));

    /// <summary>
    /// How <paramref name="method"/> was found as a handler, or null when it is not one: declared
    /// (<see cref="DeclaredKindOf"/>), or revealed by the compilation's code (<see cref="Entries"/>:
    /// bootstrap delegates, ASP.NET Core entries, inferred handlers).
    /// </summary>
    public HandlerKind? KindOf(IMethodSymbol method, CancellationToken cancellationToken) =>
        DeclaredKindOf(method) ?? Entries(cancellationToken).KindOf(method);

    /// <summary>
    /// How <paramref name="method"/> is declared a handler: named by a configuration file, or marked
    /// <c>[LambdaHandler]</c> or <c>[LambdaFunction]</c>. Cheap: it reads no code.
    /// </summary>
    public HandlerKind? DeclaredKindOf(IMethodSymbol method)
    {
        if (_configured.ContainsKey(method.OriginalDefinition))
        {
            return HandlerKind.RuntimeLoaded;
        }

        foreach (var attribute in method.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (type is null)
            {
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(type, Types.LambdaHandlerAttribute))
            {
                // In a class library the generated handler string names the method itself.
                return IsExecutable ? HandlerKind.GeneratedBootstrap : HandlerKind.RuntimeLoaded;
            }

            if (SymbolEqualityComparer.Default.Equals(type, Types.LambdaFunctionAttribute))
            {
                return HandlerKind.Annotations;
            }
        }

        return null;
    }

    /// <summary>A configuration file names <paramref name="type"/> as a handler type, or one of its methods is a declared handler.</summary>
    public bool DeclaresHandler(INamedTypeSymbol type)
    {
        if (_configuredTypes.Contains(type.OriginalDefinition))
        {
            return true;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && DeclaredKindOf(method) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The entries only the compilation's code reveals; built once, on first use.</summary>
    public SourceEntries Entries(CancellationToken cancellationToken) =>
        _entries.Get((Model: this, CancellationToken: cancellationToken), static state => SourceEntries.Build(state.Model._compilation, state.Model, state.Model._infersHandlers, state.CancellationToken));

    private ImmutableArray<GeneratedHandler> FindGeneratedHandlers(Compilation compilation)
    {
        var handlers = ImmutableArray.CreateBuilder<GeneratedHandler>();
        if (Types.LambdaHandlerAttribute is null)
        {
            return handlers.ToImmutable();
        }

        foreach (var type in SourceTypes.All(compilation.Assembly, CancellationToken.None))
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method && GeneratedHandler.Of(method, Types.LambdaHandlerAttribute) is { } handler)
                {
                    handlers.Add(handler);
                }
            }
        }

        return handlers.ToImmutable();
    }

    /// <summary>
    /// The shape of <paramref name="method"/> as the managed runtime loads it, on the type its configuration entry names
    /// (which may inherit the method); computed once per method for all the runtime-shape rules.
    /// </summary>
    public HandlerShape RuntimeShapeOf(IMethodSymbol method) =>
        _runtimeShapes.TryGetValue(method, out var shape)
            ? shape
            : _runtimeShapes.GetOrAdd(method, HandlerShape.Of(method, HandlerHost.ManagedRuntime, Types, ConfigurationOf(method)?.Resolution.Type));

    /// <summary>The configuration entry that names <paramref name="method"/>, if one does.</summary>
    public ConfiguredHandler? ConfigurationOf(IMethodSymbol method) =>
        _configured.TryGetValue(method.OriginalDefinition, out var handler) ? handler : null;
}

/// <summary>A <c>[LambdaHandler]</c> method and the name <c>_HANDLER</c> selects it by.</summary>
internal sealed record GeneratedHandler(IMethodSymbol Method, string Name)
{
    /// <summary><paramref name="method"/> as a generated handler, or null when it is not marked <c>[LambdaHandler]</c>.</summary>
    public static GeneratedHandler? Of(IMethodSymbol method, INamedTypeSymbol? lambdaHandlerAttribute)
    {
        if (lambdaHandlerAttribute is null)
        {
            return null;
        }

        ImmutableArray<AttributeData>.Builder? attributes = null;
        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, lambdaHandlerAttribute))
            {
                (attributes ??= ImmutableArray.CreateBuilder<AttributeData>()).Add(attribute);
            }
        }

        return attributes is null ? null : new GeneratedHandler(method, GeneratedHandlerName.Of(attributes.ToImmutable(), method));
    }
}
