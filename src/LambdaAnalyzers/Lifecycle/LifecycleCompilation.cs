using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using LambdaAnalyzers.Caching;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// What the lifecycle rules share per compilation: the handler model, the types they look for,
/// bodies of helper methods outside the type being analysed, the handlers bootstrap builders name,
/// and each type's <see cref="TypeLifecycle"/> (built by whichever rule gets there first).
/// </summary>
internal sealed class LifecycleCompilation
{
    private static readonly CompilationCache<LifecycleCompilation> Cache =
        new(static (compilation, options, cancellationToken) => new LifecycleCompilation(compilation, options, cancellationToken));

    private readonly ConcurrentDictionary<IMethodSymbol, IOperation?> _bodies = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, Once<TypeLifecycle>> _types = new(SymbolEqualityComparer.Default);
    private readonly object _bootstrapGate = new();
    private Dictionary<IMethodSymbol, bool>? _bootstrapMethods;
    private IMethodSymbol? _entryPoint;
    private bool _entryPointKnown;

    private LifecycleCompilation(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        Compilation = compilation;
        Model = HandlerModel.For(compilation, options, cancellationToken);
        Types = LifecycleTypes.From(compilation, Model.Types);
        Expensive = new ExpensiveTypes(compilation, options.AnalyzerConfigOptionsProvider, Types);
    }

    public Compilation Compilation { get; }

    public HandlerModel Model { get; }

    public LifecycleTypes Types { get; }

    public ExpensiveTypes Expensive { get; }

    /// <summary>Lambda code can be recognised at all: a Lambda type is referenced or a handler string is configured.</summary>
    public bool MayHaveHandlers =>
        Types.Lambda.ILambdaContext is not null
        || Types.Lambda.LambdaHandlerAttribute is not null
        || Types.Lambda.LambdaFunctionAttribute is not null
        || Types.Lambda.LambdaBootstrapBuilder is not null
        || Types.Lambda.LambdaRuntime is not null
        || Model.Configured.Count > 0;

    public static LifecycleCompilation For(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
        Cache.Get(compilation, options, cancellationToken);

    /// <summary>The executable's entry point (<c>Main</c> or top-level statements), or null for a class library.</summary>
    public IMethodSymbol? EntryPoint(CancellationToken cancellationToken)
    {
        if (!Model.IsExecutable)
        {
            return null;
        }

        lock (_bootstrapGate)
        {
            if (!_entryPointKnown)
            {
                _entryPoint = Compilation.GetEntryPoint(cancellationToken);
                _entryPointKnown = true;
            }

            return _entryPoint;
        }
    }

    /// <summary>
    /// A type worth analysing: it declares a handler, a method a bootstrap builder is given, or the
    /// entry point (whose bootstrap lambdas are handlers and whose code before the loop is Init).
    /// </summary>
    public bool MayHoldEntries(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && Model.KindOf(method) is not null)
            {
                return true;
            }
        }

        var entryPoint = EntryPoint(cancellationToken);
        if (entryPoint is not null && SymbolEqualityComparer.Default.Equals(entryPoint.ContainingType, type))
        {
            return true;
        }

        foreach (var method in BootstrapMethods(cancellationToken).Keys)
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
    /// bootstrap builder calls. Walks from other types stop there rather than report it twice.
    /// </summary>
    public bool IsEntry(IMethodSymbol method, CancellationToken cancellationToken) =>
        Model.KindOf(method.OriginalDefinition) is not null || BootstrapMethods(cancellationToken).ContainsKey(method.OriginalDefinition);

    /// <summary>
    /// Methods the entry point hands to a bootstrap builder (method groups) or calls from a lambda it
    /// hands over, with whether each runs on a fresh instance per invoke (<c>new Function().Handle(i, c)</c>).
    /// </summary>
    public Dictionary<IMethodSymbol, bool> BootstrapMethods(CancellationToken cancellationToken)
    {
        lock (_bootstrapGate)
        {
            if (_bootstrapMethods is not null)
            {
                return _bootstrapMethods;
            }
        }

        var found = new Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        if (EntryPoint(cancellationToken) is { } entryPoint && BodyOf(entryPoint, cancellationToken) is { } body)
        {
            foreach (var handler in BootstrapHandler.In(body, Model.Types))
            {
                switch (handler.Delegate.Target)
                {
                    case IMethodReferenceOperation reference:
                        Record(found, reference.Method, fresh: false);
                        break;
                    case IAnonymousFunctionOperation lambda:
                        foreach (var operation in lambda.Body.Descendants())
                        {
                            if (operation is IInvocationOperation call && IsSource(call.TargetMethod) && call.TargetMethod.MethodKind == MethodKind.Ordinary)
                            {
                                Record(found, call.TargetMethod, fresh: call.Instance?.WalkDownConversions() is IObjectCreationOperation);
                            }
                        }

                        break;
                }
            }
        }

        lock (_bootstrapGate)
        {
            _bootstrapMethods ??= found;
            return _bootstrapMethods;
        }
    }

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

        IOperation? body = null;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (!Compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                continue;
            }

            // The analyzer driver hands the compilation a caching semantic-model provider, so this
            // returns the model the compiler already built for that tree rather than a new one.
#pragma warning disable RS1030 // Bodies of helpers in other types are not given to this type's actions.
            var model = Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            if (model.GetOperation(syntax, cancellationToken) is IMethodBodyBaseOperation found)
            {
                body = found;
                break;
            }
        }

        _bodies.TryAdd(method, body);
        return body;
    }

    public TypeLifecycle LifecycleOf(INamedTypeSymbol type, TypeBlocks blocks, CancellationToken cancellationToken) =>
        // Every lifecycle rule asks for the same type at about the same time: one builds, the others wait.
        _types.GetOrAdd(type, static _ => new Once<TypeLifecycle>()).Get(() => InvokePathWalker.Build(this, type, blocks, cancellationToken));

    private static void Record(Dictionary<IMethodSymbol, bool> found, IMethodSymbol method, bool fresh)
    {
        var key = method.OriginalDefinition;
        found[key] = found.TryGetValue(key, out var already) ? already && fresh : fresh;
    }
}
