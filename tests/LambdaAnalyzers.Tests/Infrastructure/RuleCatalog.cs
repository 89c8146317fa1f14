using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using LambdaAnalyzers.CodeFixes.Rules.Lifecycle;
using LambdaAnalyzers.Rules.Lifecycle;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Infrastructure;

/// <summary>Every analyzer, descriptor and code fix the package ships, found by reflection.</summary>
internal static class RuleCatalog
{
    public static Assembly AnalyzerAssembly { get; } = typeof(LAM0211HardCodedCredentialsAnalyzer).Assembly;

    public static Assembly CodeFixAssembly { get; } = typeof(LAM0211HardCodedCredentialsCodeFix).Assembly;

    /// <summary>
    /// Every analyzer the compiler loads (<c>[DiagnosticAnalyzer]</c>): a rule run inside a group
    /// (<see cref="LambdaAnalyzers.Rules.RuleGroupAnalyzer"/>) is not loaded on its own.
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = AnalyzerAssembly.GetTypes()
        .Where(t => !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Every generator of the analyzer assembly (<c>[Generator]</c>), as the compiler loads them.</summary>
    public static ImmutableArray<ISourceGenerator> Generators { get; } = AnalyzerAssembly.GetTypes()
        .Where(t => !t.IsAbstract && t.GetCustomAttribute<GeneratorAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => Activator.CreateInstance(t) switch
        {
            IIncrementalGenerator incremental => incremental.AsSourceGenerator(),
            var generator => (ISourceGenerator)generator!,
        })
        .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = Instantiate<CodeFixProvider>(CodeFixAssembly);

    /// <summary>Distinct descriptors by ID, ordered by ID: the analyzers' and the generators' (<c>GeneratorDiagnostics</c>).</summary>
    public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = Analyzers
        .SelectMany(a => a.SupportedDiagnostics)
        .Concat(typeof(LambdaAnalyzers.Generators.GeneratorDiagnostics)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null))
            .OfType<DiagnosticDescriptor>())
        .GroupBy(d => d.Id, StringComparer.Ordinal)
        .Select(g => g.First())
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    public static ISet<string> FixableIds { get; } = new HashSet<string>(CodeFixes.SelectMany(f => f.FixableDiagnosticIds), StringComparer.Ordinal);

    private static ImmutableArray<T> Instantiate<T>(Assembly assembly) => assembly
        .GetTypes()
        .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (T)Activator.CreateInstance(t)!)
        .ToImmutableArray();
}
