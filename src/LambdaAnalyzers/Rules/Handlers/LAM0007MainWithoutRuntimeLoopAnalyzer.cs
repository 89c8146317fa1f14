using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Handlers;

/// <summary>
/// LAM0007: an executable-assembly Lambda function whose <c>Main</c> never starts a runtime loop.
/// Lambda runs the executable and waits for it to call the Runtime API; a <c>Main</c> that returns
/// or does other work fails every invoke with an init error. The analysis follows calls from
/// <c>Main</c> into this compilation's methods at compilation end (their bodies from the lifecycle
/// rules' shared cache, so no call graph of the whole compilation is built) and stays silent when <c>Main</c> reaches library code it cannot see or code the compiler
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
        context.RegisterCompilationAction(Analyze);
    }

    private static void Analyze(CompilationAnalysisContext context)
    {
        var compilation = context.Compilation;
        if (!ProjectOutput.IsExecutable(compilation) || !LambdaProject.CanHoldHandlers(compilation, context.Options, context.CancellationToken))
        {
            return;
        }

        var loops = LoopStarters.From(compilation);
        // A project every configuration file deploys as a class library runs without its Main on Lambda.
        var main = loops.ProjectIsLambdaFunction && HandlerModel.For(compilation, context.Options, context.CancellationToken).IsFunctionExecutable
            ? compilation.GetEntryPoint(context.CancellationToken)
            : null;
        if (main is null || !IsUserCode(main, compilation, context.CancellationToken))
        {
            // Not a Lambda function, no Main of the user's (ours or Annotations' is generated) or one in generated code.
            return;
        }

        var bodies = LifecycleCompilation.For(compilation, context.Options, context.CancellationToken);
        if (!Reaches(main, loops, bodies, context.CancellationToken))
        {
            var topLevel = FirstTopLevelStatement(main, context.CancellationToken);
            context.ReportDiagnostic(Diagnostic.Create(Rule, topLevel ?? main.Locations[0], topLevel is null ? "Main" : "Top-level statements"));
        }
    }

    /// <summary>For a program of top-level statements, the first of them.</summary>
    private static Location? FirstTopLevelStatement(IMethodSymbol main, CancellationToken cancellationToken)
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

    /// <summary>
    /// Whether a loop start, or code we cannot see, is reachable from <paramref name="main"/>: its calls are
    /// followed breadth-first through this compilation's methods, whose bodies come from the lifecycle
    /// rules' shared cache (<see cref="LifecycleCompilation.BodyOf"/>).
    /// </summary>
    private static bool Reaches(IMethodSymbol main, LoopStarters loops, LifecycleCompilation bodies, CancellationToken cancellationToken)
    {
        var self = bodies.Compilation.Assembly;
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { main };
        var level = new List<IMethodSymbol> { main };
        for (var depth = 0; depth <= MaxDepth && level.Count > 0; depth++)
        {
            var next = new List<IMethodSymbol>();
            foreach (var method in level)
            {
                // Declared in this compilation but without a body we read (partial without one, abstract,
                // generated): assume it may start the loop.
                if (!IsUserCode(method, bodies.Compilation, cancellationToken) || bodies.BodyOf(method, cancellationToken) is not { } body)
                {
                    return true;
                }

                foreach (var operation in body.DescendantsAndSelf())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    IMethodSymbol? target;
                    switch (operation)
                    {
                        case IInvalidOperation:
                            // Code the compiler could not bind (a package not restored yet, such as ASP.NET Core
                            // under builder.Services.AddAWSLambdaHosting(...)): what it calls is unknown.
                            return true;
                        case IInvocationOperation invocation when loops.Starts(invocation.TargetMethod):
                            return true;
                        case IInvocationOperation invocation:
                            target = invocation.TargetMethod;
                            break;
                        case IMethodReferenceOperation reference:
                            target = reference.Method;
                            break;
                        default:
                            continue;
                    }

                    var definition = (target.ReducedFrom ?? target).OriginalDefinition;
                    if (SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, self))
                    {
                        if (seen.Add(definition))
                        {
                            next.Add(definition);
                        }
                    }
                    else if (!LoopStarters.IsFrameworkOrSdk(definition.ContainingAssembly))
                    {
                        return true;
                    }
                }
            }

            level = next;
        }

        // Deeper than we follow: not ours to judge.
        return level.Count > 0;
    }

    /// <summary>Declared in source the analyzers look at: not only in generated files.</summary>
    private static bool IsUserCode(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (!GeneratedCode.IsGenerated(reference.SyntaxTree, compilation, cancellationToken))
            {
                return true;
            }
        }

        return false;
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
            _types = WellKnownTypes.For(compilation).Lambda;
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
