using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LambdaAnalyzers.Tests.Infrastructure;

/// <summary>
/// Runs several analyzers together over test sources compiled like a Lambda project, for tests that
/// state everything a piece of code reports (all rules at once, none left out).
/// </summary>
internal sealed class RulesTest : CSharpAnalyzerTest<EmptyDiagnosticAnalyzer, DefaultVerifier>
{
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;

    public RulesTest(params DiagnosticAnalyzer[] analyzers)
        : this(TestReferences.LambdaProject, analyzers)
    {
    }

    public RulesTest(ImmutableArray<Microsoft.CodeAnalysis.MetadataReference> references, params DiagnosticAnalyzer[] analyzers)
    {
        _analyzers = analyzers.ToImmutableArray();
        ReferenceAssemblies = TestReferences.Empty;
        TestState.AdditionalReferences.AddRange(references);
    }

    /// <summary>An expected diagnostic of <paramref name="rule"/>, by descriptor (so its message is checked against that rule's format).</summary>
    public static DiagnosticResult Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor rule) => new(rule);

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => _analyzers;
}
