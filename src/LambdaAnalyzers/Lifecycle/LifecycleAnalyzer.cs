using System.Collections.Generic;
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
            var compilation = LifecycleCompilation.For(start.Compilation, start.Options, start.CancellationToken);
            if (!compilation.MayHaveHandlers || !IsEnabled(compilation))
            {
                return;
            }

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
                            Analyze(compilation, lifecycle, new LifecycleReporter(end));
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
/// Reports lifecycle findings once per location. A finding in code outside the analysed type is
/// reported at the call in the type that reaches it (the finding's own place as an additional
/// location), so it shows while the handler is edited and is not repeated by every handler type
/// that calls the same helper.
/// </summary>
internal sealed class LifecycleReporter
{
    private readonly SymbolAnalysisContext _context;
    private readonly HashSet<(string, Location)> _reported = new();

    public LifecycleReporter(SymbolAnalysisContext context) => _context = context;

    public System.Threading.CancellationToken CancellationToken => _context.CancellationToken;

    public void Report(DiagnosticDescriptor rule, IOperation at, ReachedCode code, params object?[] arguments) =>
        Report(rule, at.Syntax.GetLocation(), code, arguments);

    public void Report(DiagnosticDescriptor rule, Location location, ReachedCode code, params object?[] arguments)
    {
        var additional = new List<Location>();
        if (code.CallSite is { } callSite)
        {
            additional.Add(location);
            location = callSite.Syntax.GetLocation();
        }

        if (_reported.Add((rule.Id, location)))
        {
            _context.ReportDiagnostic(Diagnostic.Create(rule, location, additional, arguments));
        }
    }
}
