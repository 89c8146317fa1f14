using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Handlers;

/// <summary>
/// LAM0007: an executable-assembly Lambda function whose <c>Main</c> never starts a runtime loop.
/// Lambda runs the executable and waits for it to call the Runtime API; a <c>Main</c> that returns
/// or does other work fails every invoke with an init error. The analysis follows calls from
/// <c>Main</c> into this compilation's methods (a call graph built per method, read at compilation
/// end) and stays silent when <c>Main</c> reaches library code it cannot see or code the compiler
/// could not bind.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LAM0007MainWithoutRuntimeLoopAnalyzer : DiagnosticAnalyzer
{
    /// <summary>How many calls deep from <c>Main</c> the loop is looked for.</summary>
    internal const int MaxDepth = 6;

    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.MainWithoutRuntimeLoop,
        title: "Main never starts a Lambda runtime loop",
        messageFormat: "'{0}' of this executable Lambda function never starts a Lambda runtime loop, so Lambda's Runtime API is never called and every invoke fails",
        RuleCategories.Handlers,
        DiagnosticSeverity.Warning,
        description: "An executable-assembly or provided.* function is started by Lambda and must poll the Runtime API itself: LambdaBootstrapBuilder.Create(...).Build().RunAsync(), LambdaAnalyzers' LambdaRuntime.RunAsync (or the Main it generates), or ASP.NET Core's AddAWSLambdaHosting. A Main that never does fails the function's initialisation.",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext start)
    {
        var compilation = start.Compilation;
        if (!ProjectOutput.IsExecutable(compilation) || !LambdaProject.CanHoldHandlers(compilation, start.Options, start.CancellationToken))
        {
            return;
        }

        var loops = LoopStarters.From(compilation);
        if (!loops.ProjectIsLambdaFunction)
        {
            return;
        }

        var facts = new ConcurrentDictionary<IMethodSymbol, MethodFacts>(SymbolEqualityComparer.Default);
        start.RegisterOperationBlockStartAction(block =>
        {
            if (block.OwningSymbol is not IMethodSymbol owner)
            {
                return;
            }

            var method = new MethodFacts(block.OperationBlocks);
            facts[owner] = method;
            block.RegisterOperationAction(
                c => method.Record(((IInvocationOperation)c.Operation).TargetMethod, loops, compilation.Assembly),
                OperationKind.Invocation);
            block.RegisterOperationAction(
                c => method.RecordReference(((IMethodReferenceOperation)c.Operation).Method, compilation.Assembly),
                OperationKind.MethodReference);
        });

        start.RegisterCompilationEndAction(end =>
        {
            var main = end.Compilation.GetEntryPoint(end.CancellationToken);
            if (main is null || !facts.ContainsKey(main))
            {
                // No Main of the user's (ours or Annotations' is generated) or one in generated code.
                return;
            }

            if (!Reaches(main, facts))
            {
                var topLevel = FirstTopLevelStatement(main, end.CancellationToken);
                end.ReportDiagnostic(Diagnostic.Create(Rule, topLevel ?? main.Locations[0], topLevel is null ? "Main" : "Top-level statements"));
            }
        });
    }

    /// <summary>For a program of top-level statements, the first of them.</summary>
    private static Location? FirstTopLevelStatement(IMethodSymbol main, System.Threading.CancellationToken cancellationToken)
    {
        if (main.DeclaringSyntaxReferences.Length > 0
            && main.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is CompilationUnitSyntax unit)
        {
            foreach (var member in unit.Members)
            {
                if (member is GlobalStatementSyntax statement)
                {
                    return statement.GetLocation();
                }
            }
        }

        return null;
    }

    /// <summary>Whether a loop start, or code we cannot see, is reachable from <paramref name="main"/>.</summary>
    private static bool Reaches(IMethodSymbol main, ConcurrentDictionary<IMethodSymbol, MethodFacts> facts)
    {
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { main };
        var level = new List<IMethodSymbol> { main };
        for (var depth = 0; depth <= MaxDepth && level.Count > 0; depth++)
        {
            var next = new List<IMethodSymbol>();
            foreach (var method in level)
            {
                if (!facts.TryGetValue(method, out var fact))
                {
                    // Declared in this compilation but not analysed (partial without body, generated): assume it may start the loop.
                    return true;
                }

                if (fact.StartsLoop || fact.CallsUnseenCode || fact.HasUnboundCode)
                {
                    return true;
                }

                foreach (var callee in fact.Callees)
                {
                    if (seen.Add(callee))
                    {
                        next.Add(callee);
                    }
                }
            }

            level = next;
        }

        // Deeper than we follow: not ours to judge.
        return level.Count > 0;
    }

    private sealed class MethodFacts
    {
        private readonly object _gate = new();
        private readonly List<IMethodSymbol> _callees = new();
        private readonly ImmutableArray<IOperation> _blocks;

        public MethodFacts(ImmutableArray<IOperation> blocks) => _blocks = blocks;

        /// <summary>
        /// The body holds code the compiler could not bind (a package not restored yet, such as ASP.NET
        /// Core under <c>builder.Services.AddAWSLambdaHosting(...)</c>): what it calls is unknown. Read
        /// only for the methods <c>Main</c> reaches.
        /// </summary>
        public bool HasUnboundCode
        {
            get
            {
                foreach (var block in _blocks)
                {
                    foreach (var operation in block.DescendantsAndSelf())
                    {
                        if (operation is IInvalidOperation)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }
        }

        public bool StartsLoop { get; private set; }

        public bool CallsUnseenCode { get; private set; }

        public IReadOnlyList<IMethodSymbol> Callees
        {
            get
            {
                lock (_gate)
                {
                    return _callees.ToArray();
                }
            }
        }

        public void Record(IMethodSymbol target, LoopStarters loops, IAssemblySymbol self)
        {
            if (loops.Starts(target))
            {
                StartsLoop = true;
                return;
            }

            RecordReference(target, self);
        }

        public void RecordReference(IMethodSymbol target, IAssemblySymbol self)
        {
            var definition = target.ReducedFrom ?? target;
            definition = definition.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, self))
            {
                lock (_gate)
                {
                    _callees.Add(definition);
                }
            }
            else if (!LoopStarters.IsFrameworkOrSdk(definition.ContainingAssembly))
            {
                CallsUnseenCode = true;
            }
        }
    }

    /// <summary>The calls that start a Lambda runtime loop, resolved once per compilation.</summary>
    private sealed class LoopStarters
    {
        private static readonly string[] FrameworkPrefixes = { "System", "Microsoft.", "mscorlib", "netstandard", "AWSSDK.", "Amazon.Lambda.", "LambdaAnalyzers." };

        private readonly LambdaTypes _types;
        private readonly INamedTypeSymbol? _bootstrap;
        private readonly INamedTypeSymbol? _runtime;
        private readonly INamedTypeSymbol? _extension;

        private LoopStarters(Compilation compilation)
        {
            _types = LambdaTypes.From(compilation);
            _bootstrap = _types.LambdaBootstrap;
            _runtime = _types.LambdaRuntime;
            _extension = _types.LambdaExtension;
            ProjectIsLambdaFunction = _bootstrap is not null || _runtime is not null || _types.LambdaEventSource is not null;
        }

        /// <summary>The project references a Lambda runtime client: its Main is a Lambda bootstrap.</summary>
        public bool ProjectIsLambdaFunction { get; }

        public static LoopStarters From(Compilation compilation) => new(compilation);

        public static bool IsFrameworkOrSdk(IAssemblySymbol? assembly)
        {
            var name = assembly?.Name ?? string.Empty;
            foreach (var prefix in FrameworkPrefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        public bool Starts(IMethodSymbol method)
        {
            var type = method.ContainingType?.OriginalDefinition;
            if (type is null)
            {
                return false;
            }

            if ((method.Name == "RunAsync" && TypeChecks.Is(type, _bootstrap))
                || (method.Name is "RunAsync" or "RunStreamingAsync" && TypeChecks.Is(type, _runtime)))
            {
                return true;
            }

            // A program that registers a Lambda extension is an extension (Lambda starts it from a layer's
            // extensions/ folder, never as the runtime): its loop is the Extensions API's.
            if (method.Name is "RegisterAsync" && TypeChecks.Is(type, _extension))
            {
                return true;
            }

            // ASP.NET Core Lambda hosting: the host's Run starts the Lambda loop once this is registered.
            return _types.IsAwsLambdaHosting(method);
        }
    }
}
