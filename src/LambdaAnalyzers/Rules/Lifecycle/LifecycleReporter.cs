using System.Collections.Concurrent;
using System.Collections.Generic;
using LambdaAnalyzers.Lifecycle;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Lifecycle;

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
