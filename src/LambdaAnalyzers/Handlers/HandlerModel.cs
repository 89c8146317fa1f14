using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LambdaAnalyzers.Caching;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// Which methods of a compilation are Lambda handlers and how each is run: the one source of truth
/// every handler rule reads (docs/architecture.md, "The handler model"). Built once per compilation and shared by all
/// analyzers of that compilation.
/// </summary>
internal sealed class HandlerModel
{
    private static readonly CompilationCache<HandlerModel> Cache =
        new(static (compilation, options, cancellationToken) => new HandlerModel(compilation, ConfiguredHandlers.Read(compilation, options, cancellationToken)));

    private readonly Dictionary<IMethodSymbol, ConfiguredHandler> _configured;
    private readonly Lazy<ImmutableArray<GeneratedHandler>> _generatedHandlers;
    private readonly Lazy<ImmutableArray<string>> _generatedHandlerNames;

    private HandlerModel(Compilation compilation, IReadOnlyList<ConfiguredHandler> configured)
    {
        Types = LambdaTypes.From(compilation);
        IsExecutable = ProjectOutput.IsExecutable(compilation);
        Configured = configured;
        _generatedHandlers = new Lazy<ImmutableArray<GeneratedHandler>>(() => FindGeneratedHandlers(compilation));
        _generatedHandlerNames = new Lazy<ImmutableArray<string>>(() => GeneratedHandlers.Select(static h => h.Name).OrderBy(static n => n, StringComparer.Ordinal).ToImmutableArray());
        _configured = new Dictionary<IMethodSymbol, ConfiguredHandler>(SymbolEqualityComparer.Default);
        foreach (var handler in configured)
        {
            if (handler.Resolution.Method is { } method && !_configured.ContainsKey(method))
            {
                _configured.Add(method, handler);
            }
        }
    }

    public LambdaTypes Types { get; }

    /// <summary>An executable project (its own <c>Main</c>, or ours generated).</summary>
    public bool IsExecutable { get; }

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
    public ImmutableArray<string> GeneratedHandlerNames => _generatedHandlerNames.Value;

    /// <summary>The <c>[LambdaHandler]</c> methods of the compilation's source with their names; computed on first use.</summary>
    public ImmutableArray<GeneratedHandler> GeneratedHandlers => _generatedHandlers.Value;

    /// <summary>How <paramref name="method"/> is run as a handler, or null when it is not one.</summary>
    public HandlerKind? KindOf(IMethodSymbol method)
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

    private ImmutableArray<GeneratedHandler> FindGeneratedHandlers(Compilation compilation)
    {
        var handlers = ImmutableArray.CreateBuilder<GeneratedHandler>();
        if (Types.LambdaHandlerAttribute is null)
        {
            return handlers.ToImmutable();
        }

        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop().GetMembers())
            {
                switch (member)
                {
                    case INamespaceOrTypeSymbol container:
                        pending.Push(container);
                        break;
                    case IMethodSymbol method:
                        var attributes = method.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, Types.LambdaHandlerAttribute)).ToImmutableArray();
                        if (!attributes.IsEmpty)
                        {
                            handlers.Add(new GeneratedHandler(method, GeneratedHandlerName.Of(attributes, method)));
                        }

                        break;
                }
            }
        }

        return handlers.ToImmutable();
    }

    /// <summary>The configuration entry that names <paramref name="method"/>, if one does.</summary>
    public ConfiguredHandler? ConfigurationOf(IMethodSymbol method) =>
        _configured.TryGetValue(method.OriginalDefinition, out var handler) ? handler : null;
}

/// <summary>A <c>[LambdaHandler]</c> method and the name <c>_HANDLER</c> selects it by.</summary>
internal sealed record GeneratedHandler(IMethodSymbol Method, string Name);
