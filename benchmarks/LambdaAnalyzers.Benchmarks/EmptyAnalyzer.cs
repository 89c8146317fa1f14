using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Benchmarks;

/// <summary>
/// An analyzer that registers one action and does nothing in it, so the host does its own work (binding,
/// running the analyzer driver) and none of ours. <see cref="Only"/>, the usual baseline, registers a symbol
/// action on every method; other registrations measure what an action costs by existing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class EmptyAnalyzer : DiagnosticAnalyzer
{
    public static readonly ImmutableArray<DiagnosticAnalyzer> Only = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer());

    private readonly Action<AnalysisContext> _register;

    public EmptyAnalyzer()
        : this("BENCH0001", static context => context.RegisterSymbolAction(_ => { }, SymbolKind.Method))
    {
    }

    /// <param name="id">A diagnostic id of its own (the driver keys analyzers' state by their descriptors).</param>
    /// <param name="register">The one no-op action to register.</param>
    public EmptyAnalyzer(string id, Action<AnalysisContext> register)
    {
        _register = register;
        SupportedDiagnostics = ImmutableArray.Create(new DiagnosticDescriptor(id, "No-op", "No-op", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true));
    }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        _register(context);
    }
}
