using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.Lifecycle;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// The one analyzer of the lifecycle rules that read the invoke path or Init code (LAM0200–LAM0210,
/// LAM0212; each rule's logic and descriptor is its own <see cref="LifecycleRule"/> file). Works per type,
/// so results show live in the IDE: symbol-start on each type that holds a handler or the entry point, its
/// members' operation blocks collected once, and at symbol-end the type's <see cref="TypeLifecycle"/> built
/// once and handed to every rule in turn, instead of each rule registering, collecting and walking the
/// type on its own. Itself run inside <see cref="SymbolRulesAnalyzer"/>, which the compiler loads in its place.
/// </summary>
#pragma warning disable RS1001 // No [DiagnosticAnalyzer] attribute: on purpose, see above.
public sealed class LifecycleAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    private readonly ImmutableArray<LifecycleRule> _rules;

    public LifecycleAnalyzer()
        : this(ImmutableArray.Create<LifecycleRule>(
            new LAM0200ContextInStaticField(),
            new LAM0201ContextInInstanceField(),
            new LAM0202ClientCreatedPerInvoke(),
            new LAM0203FireAndForgetTask(),
            new LAM0204SyncOverAsync(),
            new LAM0205WriteOutsideTmp(),
            new LAM0206ProcessExitInInvoke(),
            new LAM0207ReservedEnvironmentVariableWritten(),
            new LAM0208SharedClientDisposed(),
            new LAM0209UnsynchronizedStaticState(),
            new LAM0210BackgroundWorkStartedInInit(),
            new LAM0212AsyncVoidStarted()))
    {
    }

    /// <summary>An analyzer running only <paramref name="rules"/> (a test of one rule).</summary>
    internal LifecycleAnalyzer(ImmutableArray<LifecycleRule> rules)
    {
        _rules = rules;
        SupportedDiagnostics = rules.SelectMany(static r => r.SupportedDiagnostics).ToImmutableArray();
    }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (!LambdaProject.CanHoldHandlers(start.Compilation, start.Options, start.CancellationToken))
            {
                return;
            }

            // A rule switched off everywhere (LAM0209 ships disabled; NoWarn) costs nothing, as a separate analyzer would.
            var switchedOn = _rules.Where(r => r.SupportedDiagnostics.Any(d => RuleSwitch.MayReport(d, start.Compilation, start.CancellationToken))).ToImmutableArray();
            if (switchedOn.IsEmpty)
            {
                return;
            }

            var compilation = LifecycleCompilation.For(start.Compilation, start.Options, start.CancellationToken);
            var rules = switchedOn.Where(r => r.IsEnabled(compilation)).ToImmutableArray();
            if (rules.IsEmpty)
            {
                return;
            }

            // One diagnostic per misuse and rule in this run, whichever handler type reaches it first.
            var reported = new ConcurrentDictionary<(string, Location), byte>();
            start.RegisterSymbolStartAction(
                symbolStart =>
                {
                    var type = (INamedTypeSymbol)symbolStart.Symbol;
                    if (!compilation.MayHoldEntries(type, symbolStart.CancellationToken))
                    {
                        return;
                    }

                    var blocks = new TypeBlocks();
                    symbolStart.RegisterOperationBlockAction(block => blocks.Add(block.OwningSymbol, block.OperationBlocks));
                    symbolStart.RegisterSymbolEndAction(end =>
                    {
                        var lifecycle = compilation.LifecycleOf(type, blocks, end.CancellationToken);
                        if (lifecycle.IsEmpty)
                        {
                            return;
                        }

                        var reporter = new LifecycleReporter(end, reported);
                        foreach (var rule in rules)
                        {
                            rule.Analyze(compilation, lifecycle, reporter);
                        }
                    });
                },
                SymbolKind.NamedType);
        });
    }
}
