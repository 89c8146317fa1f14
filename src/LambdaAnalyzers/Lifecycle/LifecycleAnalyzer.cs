using System.Collections.Concurrent;
using System.Collections.Generic;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// Base of the lifecycle rules that read the invoke path or Init code. Works per type, so results
/// show live in the IDE: symbol-start on each type that holds a handler or the entry point, its
/// members' operation blocks collected, and the rule run at symbol-end on the type's
/// <see cref="TypeLifecycle"/> (built once per type and shared by every rule).
/// </summary>
public abstract class LifecycleAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (!LambdaProject.CanHoldHandlers(start.Compilation, start.Options, start.CancellationToken))
            {
                return;
            }

            var compilation = LifecycleCompilation.For(start.Compilation, start.Options, start.CancellationToken);
            if (!IsEnabled(compilation))
            {
                return;
            }

            // One diagnostic per misuse in this run, whichever handler type reaches it first.
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
                        if (!lifecycle.IsEmpty)
                        {
                            Analyze(compilation, lifecycle, new LifecycleReporter(end, reported));
                        }
                    });
                },
                SymbolKind.NamedType);
        });
    }

    /// <summary>Whether the rule has anything to do in this compilation (its types are referenced).</summary>
    private protected virtual bool IsEnabled(LifecycleCompilation compilation) => true;

    private protected abstract void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter);
}

/// <summary>
/// Reports lifecycle findings once per location and rule. The finding's own place (the store, the
/// creation, the blocking call) is the location; when it lies in a helper the walk reached, the
/// calls that lead there from the entry are additional locations, outermost first. A helper
/// reached from several handler types is reported once per analysis run, with the path of the
/// type that got there first.
/// </summary>
internal sealed class LifecycleReporter
{
    private readonly SymbolAnalysisContext _context;
    private readonly ConcurrentDictionary<(string, Location), byte> _reported;

    public LifecycleReporter(SymbolAnalysisContext context, ConcurrentDictionary<(string, Location), byte> reported)
    {
        _context = context;
        _reported = reported;
    }

    public System.Threading.CancellationToken CancellationToken => _context.CancellationToken;

    public void Report(DiagnosticDescriptor rule, IOperation at, ReachedCode code, params object?[] arguments) =>
        Report(rule, at.Syntax.GetLocation(), code, arguments);

    public void Report(DiagnosticDescriptor rule, Location location, ReachedCode code, params object?[] arguments)
    {
        if (!_reported.TryAdd((rule.Id, location), 0))
        {
            return;
        }

        var path = new List<Location>(code.Path.Length);
        foreach (var call in code.Path)
        {
            path.Add(call.Syntax.GetLocation());
        }

        _context.ReportDiagnostic(Diagnostic.Create(rule, location, path, arguments));
    }
}
