using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// The handlers and invoke entries only the compilation's code reveals, found in one pass per
/// compilation (built on first use and shared through <see cref="HandlerModel"/>):
/// <list type="bullet">
/// <item>delegates handed to a bootstrap builder (<see cref="BootstrapHandler"/>), directly or through a variable given them once;</item>
/// <item>an ASP.NET Core app run by Lambda (<c>AddAWSLambdaHosting</c> or an Amazon.Lambda.AspNetCoreServer function
/// subclass in the compilation): its controller actions and the delegates given to <c>Map…</c>, <c>Use</c> and <c>Run</c>;</item>
/// <item>inferred handlers (<see cref="InferredHandlers"/>).</item>
/// </list>
/// The pass walks the source types' symbols once, then finds in each file's text the places that spell a
/// name that can matter (the bootstrap methods, the endpoint extensions, the inference candidates' names;
/// <see cref="Operations.NamesInText"/>) and binds only those; projects that reference none of these types
/// pay for neither.
/// </summary>
internal sealed class SourceEntries
{
    public static readonly SourceEntries Empty = new();

    private readonly Dictionary<IMethodSymbol, HandlerKind> _methods = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, bool> _calledFromBootstrapLambdas = new(SymbolEqualityComparer.Default);
    private readonly HashSet<(SyntaxTree, TextSpan)> _entryBodies = new();
    private readonly HashSet<(SyntaxTree, TextSpan)> _handedOver = new();
    private readonly HashSet<INamedTypeSymbol> _typesWithEntryBodies = new(SymbolEqualityComparer.Default);
    private readonly List<BootstrapHandler> _bootstrapHandlers = new();

    private SourceEntries()
    {
    }

    /// <summary>Delegates handed to bootstrap builders anywhere in the compilation, in source order per file.</summary>
    public IReadOnlyList<BootstrapHandler> BootstrapHandlers => _bootstrapHandlers;

    /// <summary>
    /// The delegates handed to bootstrap calls written in <paramref name="tree"/>: what a rule about bootstrap
    /// handlers reads per file, instead of an operation action on every call of the project.
    /// </summary>
    public IEnumerable<BootstrapHandler> BootstrapHandlersIn(SyntaxTree tree)
    {
        foreach (var handler in _bootstrapHandlers)
        {
            if (handler.Call.Syntax.SyntaxTree == tree)
            {
                yield return handler;
            }
        }
    }

    /// <summary>The compilation runs an ASP.NET Core app through Lambda.</summary>
    public bool HostsAspNetCore { get; private set; }

    /// <summary>
    /// Methods called from a lambda handed to a bootstrap builder (<c>(i, c) =&gt; new Function().Handle(i, c)</c>),
    /// with whether each runs on an object created per invoke: analysed as entries of their own type.
    /// </summary>
    public IReadOnlyDictionary<IMethodSymbol, bool> CalledFromBootstrapLambdas => _calledFromBootstrapLambdas;

    /// <summary>How <paramref name="method"/> was found as an entry by this pass, or null.</summary>
    public HandlerKind? KindOf(IMethodSymbol method) =>
        _methods.TryGetValue(method.OriginalDefinition, out var kind) ? kind : null;

    /// <summary>
    /// A lambda or local function whose body runs per invoke: handed to a bootstrap builder, or an
    /// ASP.NET Core endpoint or middleware.
    /// </summary>
    public bool IsEntryBody(SyntaxNode syntax) => _entryBodies.Contains((syntax.SyntaxTree, syntax.Span));

    /// <summary>
    /// Code handed over to run per invoke (entry lambdas and local functions, and the method groups
    /// given to a bootstrap builder or an endpoint), to be left out of the Init code that hands it over.
    /// </summary>
    public bool IsHandedOver(SyntaxNode syntax) => _handedOver.Contains((syntax.SyntaxTree, syntax.Span));

    /// <summary><paramref name="type"/> declares a lambda or local function that runs per invoke.</summary>
    public bool DeclaresEntryBody(INamedTypeSymbol type) => _typesWithEntryBodies.Contains(type.OriginalDefinition);

    public static SourceEntries Build(Compilation compilation, HandlerModel model, bool inferHandlers, CancellationToken cancellationToken)
    {
        var types = model.Types;
        var aspNetCore = types.LambdaEventSource is not null || types.AbstractAspNetCoreFunction is not null ? WellKnownTypes.For(compilation).AspNetCore : null;
        var bootstrapNames = BootstrapMethodNames(types);
        if (!inferHandlers && bootstrapNames.Count == 0 && aspNetCore is null)
        {
            return Empty;
        }

        var entries = new SourceEntries();
        var scan = new Scan(compilation, model, aspNetCore, bootstrapNames, entries, cancellationToken);
        scan.WalkTypes(inferHandlers);
        scan.WalkTrees();
        scan.Finish();
        return entries;
    }

    private static HashSet<string> BootstrapMethodNames(LambdaTypes types)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var type in new[] { types.LambdaBootstrapBuilder, types.HandlerWrapper, types.LambdaRuntime })
        {
            if (type is null)
            {
                continue;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method && BootstrapHandler.IsBootstrapCall(method, types))
                {
                    names.Add(method.Name);
                }
            }
        }

        return names;
    }

    /// <summary>The state of one pass.</summary>
    private sealed class Scan
    {
        private const string AwsLambdaHosting = "AddAWSLambdaHosting";

        private readonly Compilation _compilation;
        private readonly HandlerModel _model;
        private readonly AspNetCoreTypes? _aspNetCore;
        private readonly HashSet<string> _bootstrapNames;
        private readonly SourceEntries _entries;
        private readonly CancellationToken _cancellationToken;

        /// <summary>Inference candidates by the symbols a call to them binds to: the method itself, and the interface and base methods it implements.</summary>
        private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> _candidatesByCallee = new(SymbolEqualityComparer.Default);
        private readonly HashSet<string> _candidateNames = new(System.StringComparer.Ordinal);
        private readonly List<IMethodSymbol> _candidates = new();
        private readonly HashSet<IMethodSymbol> _called = new(SymbolEqualityComparer.Default);
        private readonly List<IMethodSymbol> _controllerActions = new();
        private readonly List<(IOperation Delegate, HandlerKind Kind)> _delegates = new();
        private bool _hostingCall;
        private bool _functionSubclass;

        public Scan(Compilation compilation, HandlerModel model, AspNetCoreTypes? aspNetCore, HashSet<string> bootstrapNames, SourceEntries entries, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _model = model;
            _aspNetCore = aspNetCore;
            _bootstrapNames = bootstrapNames;
            _entries = entries;
            _cancellationToken = cancellationToken;
        }

        public void WalkTypes(bool inferHandlers)
        {
            var types = _model.Types;
            var controllers = _aspNetCore?.ControllerBase is not null;
            if (!inferHandlers && !controllers && types.AbstractAspNetCoreFunction is null)
            {
                return;
            }

            foreach (var type in SourceTypes.All(_compilation.Assembly, _cancellationToken))
            {
                _functionSubclass |= types.IsAspNetCoreFunction(type);
                foreach (var member in type.GetMembers())
                {
                    if (member is not IMethodSymbol method)
                    {
                        continue;
                    }

                    if (controllers && _aspNetCore!.IsControllerAction(method))
                    {
                        _controllerActions.Add(method);
                    }
                    else if (inferHandlers
                        && InferredHandlers.IsCandidate(method, types)
                        && !method.DeclaringSyntaxReferences.IsDefaultOrEmpty
                        && !InferredHandlers.IsSwitchedOff(_model.Options, method.DeclaringSyntaxReferences[0].SyntaxTree)
                        && !_model.DeclaresHandler(type))
                    {
                        AddCandidate(method);
                    }
                }
            }
        }

        public void WalkTrees()
        {
            var endpointNames = _aspNetCore?.EndpointMethodNames;
            if (_candidateNames.Count == 0 && _bootstrapNames.Count == 0 && (endpointNames is null || endpointNames.Count == 0) && _model.Types.LambdaEventSource is null)
            {
                return;
            }

            // The names of the calls that may hand over an entry, and with them the candidates' names.
            var callNames = new HashSet<string>(_bootstrapNames, System.StringComparer.Ordinal);
            if (endpointNames is not null)
            {
                callNames.UnionWith(endpointNames);
            }

            if (_model.Types.LambdaEventSource is not null)
            {
                callNames.Add(AwsLambdaHosting);
            }

            var allNames = new HashSet<string>(callNames, System.StringComparer.Ordinal);
            allNames.UnionWith(_candidateNames);

            foreach (var tree in _compilation.SyntaxTrees)
            {
                // Our handler wiring calls only [LambdaHandler] methods, whose types are never inferred: its
                // references to a candidate's name need not be bound.
                var wiring = GeneratedCode.IsHandlerWiring(tree);
                SemanticModel? semanticModel = null;
                foreach (var name in NamesInText.Find(tree, wiring ? callNames : allNames, _cancellationToken))
                {
                    var text = name.Identifier.ValueText;
                    var candidate = !wiring && _candidateNames.Contains(text);
                    var call = NamesInText.InvocationOf(name);
                    var bootstrap = call is not null && _bootstrapNames.Contains(text);
                    var endpoint = call is not null && endpointNames is not null && endpointNames.Contains(text);
                    var hosting = call is not null && text == AwsLambdaHosting && _model.Types.LambdaEventSource is not null;
                    if (!candidate && !bootstrap && !endpoint && !hosting)
                    {
                        continue;
                    }

                    _cancellationToken.ThrowIfCancellationRequested();
                    semanticModel ??= SourceOperations.ModelOf(name, _compilation);
                    if (semanticModel is null)
                    {
                        break;
                    }

                    if (candidate)
                    {
                        MarkCalled(semanticModel.GetSymbolInfo(name, _cancellationToken));
                    }

                    if ((bootstrap || endpoint || hosting) && semanticModel.GetOperation(call!, _cancellationToken) is IInvocationOperation invocation)
                    {
                        Record(invocation);
                    }
                }
            }
        }

        public void Finish()
        {
            var types = _model.Types;
            foreach (var handler in _entries._bootstrapHandlers)
            {
                _delegates.Add((handler.Delegate, HandlerKind.BootstrapDelegate));
                if (handler.Delegate.Target is IAnonymousFunctionOperation lambda)
                {
                    RecordCallsFrom(lambda);
                }
            }

            _entries.HostsAspNetCore = _hostingCall || _functionSubclass;
            if (_entries.HostsAspNetCore)
            {
                foreach (var action in _controllerActions)
                {
                    _entries._methods[action.OriginalDefinition] = HandlerKind.AspNetCore;
                }
            }

            foreach (var (value, kind) in _delegates)
            {
                if (kind == HandlerKind.AspNetCore && !_entries.HostsAspNetCore)
                {
                    continue;
                }

                RecordDelegate(value, kind);
            }

            var declaringTypes = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var method in _entries._methods.Keys)
            {
                declaringTypes.Add(method.ContainingType.OriginalDefinition);
            }

            foreach (var method in _entries._calledFromBootstrapLambdas.Keys)
            {
                declaringTypes.Add(method.ContainingType.OriginalDefinition);
            }

            foreach (var candidate in _candidates)
            {
                var type = candidate.ContainingType.OriginalDefinition;
                if (!_called.Contains(candidate) && !declaringTypes.Contains(type) && !_model.DeclaresHandler(type))
                {
                    _entries._methods[candidate] = HandlerKind.Inferred;
                }
            }
        }

        /// <summary>
        /// A method inferred unless something calls it. Candidates of a type that declares its handler are left out
        /// here, so their names are never bound (<see cref="Finish"/> checks again for the entries found later).
        /// </summary>
        private void AddCandidate(IMethodSymbol method)
        {
            method = method.OriginalDefinition;
            _candidates.Add(method);
            _candidateNames.Add(method.Name);
            Index(method, method);
            for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                Index(overridden.OriginalDefinition, method);
            }

            foreach (var @interface in method.ContainingType.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol interfaceMethod
                        && SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(interfaceMethod)?.OriginalDefinition, method))
                    {
                        Index(interfaceMethod.OriginalDefinition, method);
                    }
                }
            }
        }

        private void Index(IMethodSymbol callee, IMethodSymbol candidate)
        {
            if (!_candidatesByCallee.TryGetValue(callee, out var list))
            {
                list = new List<IMethodSymbol>();
                _candidatesByCallee.Add(callee, list);
            }

            list.Add(candidate);
        }

        /// <summary>A reference that binds to a candidate (or might: overload resolution left several) makes it a helper.</summary>
        private void MarkCalled(SymbolInfo info)
        {
            if (info.Symbol is IMethodSymbol bound)
            {
                MarkCalled(bound);
            }

            foreach (var symbol in info.CandidateSymbols)
            {
                if (symbol is IMethodSymbol possible)
                {
                    MarkCalled(possible);
                }
            }
        }

        private void MarkCalled(IMethodSymbol method)
        {
            if (_candidatesByCallee.TryGetValue((method.ReducedFrom ?? method).OriginalDefinition, out var candidates))
            {
                foreach (var candidate in candidates)
                {
                    _called.Add(candidate);
                }
            }
        }

        private void Record(IInvocationOperation invocation)
        {
            var target = invocation.TargetMethod;
            if (BootstrapHandler.From(invocation, _model.Types, _compilation, _cancellationToken) is { } handler)
            {
                _entries._bootstrapHandlers.Add(handler);
                return;
            }

            if (_model.Types.IsAwsLambdaHosting(target))
            {
                _hostingCall = true;
                return;
            }

            var index = _aspNetCore?.RequestDelegateParameter(target) ?? -1;
            if (index < 0)
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, target.Parameters[index].OriginalDefinition)
                    && AssignedOnce.Resolve(argument.Value, _compilation, _cancellationToken) is IDelegateCreationOperation created)
                {
                    _delegates.Add((created, HandlerKind.AspNetCore));
                }
            }
        }

        /// <summary>Records a delegate that runs per invoke: a method group's method as an entry of its type, a lambda's or local function's body as an entry body.</summary>
        private void RecordDelegate(IOperation value, HandlerKind kind)
        {
            if (value is not IDelegateCreationOperation created)
            {
                return;
            }

            _entries._handedOver.Add((created.Syntax.SyntaxTree, created.Syntax.Span));
            switch (created.Target)
            {
                case IAnonymousFunctionOperation lambda:
                    AddEntryBody(lambda.Syntax);
                    break;
                case IMethodReferenceOperation { Method: { MethodKind: MethodKind.LocalFunction } local }:
                    foreach (var reference in local.DeclaringSyntaxReferences)
                    {
                        AddEntryBody(reference.GetSyntax(_cancellationToken));
                    }

                    break;
                case IMethodReferenceOperation { Method: { } method } when IsSource(method) && method.MethodKind == MethodKind.Ordinary:
                    var definition = method.OriginalDefinition;
                    if (!_entries._methods.ContainsKey(definition) && _model.DeclaredKindOf(definition) is null)
                    {
                        _entries._methods.Add(definition, kind);
                    }

                    break;
            }
        }

        private void AddEntryBody(SyntaxNode syntax)
        {
            _entries._entryBodies.Add((syntax.SyntaxTree, syntax.Span));
            _entries._handedOver.Add((syntax.SyntaxTree, syntax.Span));
            if (SourceOperations.ModelOf(syntax, _compilation)?.GetEnclosingSymbol(syntax.SpanStart, _cancellationToken)?.ContainingType is { } type)
            {
                _entries._typesWithEntryBodies.Add(type.OriginalDefinition);
            }
        }

        /// <summary>Source methods a bootstrap lambda calls, each an entry of its own type.</summary>
        private void RecordCallsFrom(IAnonymousFunctionOperation lambda)
        {
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IInvocationOperation call && IsSource(call.TargetMethod) && call.TargetMethod.MethodKind == MethodKind.Ordinary)
                {
                    var key = call.TargetMethod.OriginalDefinition;
                    var fresh = call.Instance?.WalkDownConversions() is IObjectCreationOperation;
                    _entries._calledFromBootstrapLambdas[key] = _entries._calledFromBootstrapLambdas.TryGetValue(key, out var already) ? already && fresh : fresh;
                }
            }
        }

        private bool IsSource(IMethodSymbol method) =>
            SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly) && !method.DeclaringSyntaxReferences.IsDefaultOrEmpty;
    }
}
