using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using LambdaAnalyzers.Caching;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// What the lifecycle rules share per compilation: the handler model, the types they look for,
/// bodies of helper methods outside the type being analysed, the bodies interface and virtual calls
/// run, and each type's <see cref="TypeLifecycle"/> (built by whichever rule gets there first).
/// </summary>
internal sealed class LifecycleCompilation
{
    private static readonly CompilationCache<LifecycleCompilation> Cache =
        new(static (compilation, options, cancellationToken) => new LifecycleCompilation(compilation, options, cancellationToken));

    private readonly ConcurrentDictionary<IMethodSymbol, IOperation?> _bodies = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, Once<TypeLifecycle>> _types = new(SymbolEqualityComparer.Default);
    private readonly Once<IMethodSymbol?> _entryPoint = new();
    private readonly Once<Implementations> _implementations = new();

    private LifecycleCompilation(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        Compilation = compilation;
        Model = HandlerModel.For(compilation, options, cancellationToken);
        Types = WellKnownTypes.For(compilation).Lifecycle;
        Expensive = new ExpensiveTypes(compilation, options.AnalyzerConfigOptionsProvider, Types);
        Sinks = new TaskSinks(this);
        var serializer = SerializerInForce.ForAssembly(compilation.Assembly, Model.Types);
        OwnSerializer = serializer.Kind == SerializerKind.Custom
            && serializer.Type is { } type
            && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly)
            ? type.OriginalDefinition
            : null;
    }

    /// <summary>
    /// The serializer the assembly's <c>[LambdaSerializer]</c> names when this compilation declares it:
    /// the runtime creates one and calls its <c>Deserialize</c> and <c>Serialize</c> on every invoke, so
    /// their bodies are invoke-path entries (on the one reused instance).
    /// </summary>
    public INamedTypeSymbol? OwnSerializer { get; }

    public Compilation Compilation { get; }

    public HandlerModel Model { get; }

    public LifecycleTypes Types { get; }

    public ExpensiveTypes Expensive { get; }

    /// <summary>The methods a task is let go through (<c>task.Forget()</c>).</summary>
    public TaskSinks Sinks { get; }

    public static LifecycleCompilation For(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
        Cache.Get(compilation, options, cancellationToken);

    /// <summary>
    /// The entry point (<c>Main</c> or top-level statements) of an executable that is a Lambda function
    /// (<see cref="HandlerModel.IsFunctionExecutable"/>), or null: a class library's, or a console tool's beside the functions.
    /// </summary>
    public IMethodSymbol? EntryPoint(CancellationToken cancellationToken)
    {
        if (!Model.IsFunctionExecutable)
        {
            return null;
        }

        return _entryPoint.Get((Compilation, cancellationToken), static state => state.Compilation.GetEntryPoint(state.cancellationToken));
    }

    /// <summary>
    /// A type worth analysing: it declares a handler or another invoke entry (a method a bootstrap
    /// lambda calls, a lambda or local function run per invoke), or the entry point (whose code before
    /// the loop is Init).
    /// </summary>
    public bool MayHoldEntries(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && Model.KindOf(method, cancellationToken) is not null)
            {
                return true;
            }
        }

        var entryPoint = EntryPoint(cancellationToken);
        if (entryPoint is not null && SymbolEqualityComparer.Default.Equals(entryPoint.ContainingType, type))
        {
            return true;
        }

        var entries = Model.Entries(cancellationToken);
        if (entries.DeclaresEntryBody(type) || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, OwnSerializer))
        {
            return true;
        }

        foreach (var method in entries.CalledFromBootstrapLambdas.Keys)
        {
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A method is an entry analysed with its own type: a handler of the model, or a method a
    /// bootstrap lambda calls. Walks from other types stop there rather than report it twice.
    /// </summary>
    public bool IsEntry(IMethodSymbol method, CancellationToken cancellationToken) =>
        Model.KindOf(method.OriginalDefinition, cancellationToken) is not null
        || Model.Entries(cancellationToken).CalledFromBootstrapLambdas.ContainsKey(method.OriginalDefinition);

    /// <summary>The one body an interface or virtual call runs, where the compilation makes it certain; built on first use.</summary>
    public Implementations Implementations(CancellationToken cancellationToken) =>
        _implementations.Get((Compilation, cancellationToken), static state => Lifecycle.Implementations.Build(state.Compilation, state.cancellationToken));

    /// <summary>A method declared in this compilation's source.</summary>
    public bool IsSource(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, Compilation.Assembly)
        && !method.DeclaringSyntaxReferences.IsDefaultOrEmpty;

    /// <summary>
    /// The body of a source method outside the type being analysed. Bounded by the invoke path's
    /// depth and cached per compilation.
    /// </summary>
    public IOperation? BodyOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.PartialImplementationPart ?? method.OriginalDefinition;
        if (_bodies.TryGetValue(method, out var cached))
        {
            return cached;
        }

        var body = SourceOperations.BodyOf(method, Compilation, cancellationToken);
        _bodies.TryAdd(method, body);
        return body;
    }

    public TypeLifecycle LifecycleOf(INamedTypeSymbol type, TypeBlocks blocks, CancellationToken cancellationToken) =>
        // Every lifecycle rule asks for the same type at about the same time: one builds, the others wait.
        _types.GetOrAdd(type, static _ => new Once<TypeLifecycle>()).Get(() => InvokePathWalker.Build(this, type, blocks, cancellationToken));
}
