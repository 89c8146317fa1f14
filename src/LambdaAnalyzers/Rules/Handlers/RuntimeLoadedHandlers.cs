using System;
using System.Collections.Generic;
using LambdaAnalyzers.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Rules.Handlers;

/// <summary>
/// Registration shared by the runtime-shape rules (LAM0002, LAM0003, LAM0005, LAM0006, LAM0008), each of which
/// renders one <see cref="ShapeProblemKind"/> of the handler's managed-runtime <see cref="HandlerShape"/>: they look
/// at source methods the managed .NET runtime loads itself (LAM0003 also at the generated bootstrap's), never at
/// Annotations methods, at delegates given to a bootstrap builder (the compiler already checks those) nor at
/// inferred handlers (how the runtime loads them is not visible).
/// </summary>
internal static class RuntimeLoadedHandlers
{
    /// <summary>
    /// Calls <paramref name="report"/> with the problems of <paramref name="kind"/> (one or more, in order) in the
    /// managed-runtime shape of each handler the rule looks at (<see cref="ShapeProblemKinds.IsReportedFor"/>).
    /// </summary>
    public static void Register(AnalysisContext context, ShapeProblemKind kind, Action<SymbolAnalysisContext, HandlerShape, HandlerModel, IReadOnlyList<ShapeProblem>> report)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (!LambdaProject.CanHoldHandlers(start.Compilation, start.Options, start.CancellationToken))
            {
                return;
            }

            var model = HandlerModel.For(start.Compilation, start.Options, start.CancellationToken);
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var method = (IMethodSymbol)symbolContext.Symbol;
                    if (model.DeclaredKindOf(method) is { } handlerKind && kind.IsReportedFor(handlerKind))
                    {
                        var shape = model.RuntimeShapeOf(method);
                        List<ShapeProblem>? problems = null;
                        foreach (var problem in shape.Problems)
                        {
                            if (problem.Kind == kind)
                            {
                                (problems ??= new List<ShapeProblem>()).Add(problem);
                            }
                        }

                        if (problems is not null)
                        {
                            report(symbolContext, shape, model, problems);
                        }
                    }
                },
                SymbolKind.Method);
        });
    }

    /// <summary>Where to report on a handler: its declaration, plus the configuration entry naming it.</summary>
    public static Diagnostic Report(DiagnosticDescriptor rule, IMethodSymbol method, HandlerModel model, params object[] arguments)
    {
        var additional = new List<Location>();
        if (model.ConfigurationOf(method) is { } configured)
        {
            additional.Add(configured.Location);
        }

        return Diagnostic.Create(rule, method.Locations[0], additional, arguments);
    }
}
