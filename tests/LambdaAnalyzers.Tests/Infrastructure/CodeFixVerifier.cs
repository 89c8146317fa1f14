using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LambdaAnalyzers.Tests.Infrastructure;

/// <summary>Runs an analyzer and its code fix (single, Fix All in document and project) on test sources.</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic() => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic();

    public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Fix All in document: two diagnostics in one file, both fixed by one Fix All (document scope only).</summary>
    public static Task VerifyFixAllInDocumentAsync(string source, string fixedSource) => new Test
    {
        TestCode = source,
        FixedCode = fixedSource,
        NumberOfIncrementalIterations = 2,
        NumberOfFixAllIterations = 1,
        CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck,
    }.RunAsync();

    /// <summary>Fix All in project: one diagnostic in each of two files, both fixed by one Fix All (project scope only).</summary>
    public static Task VerifyFixAllInProjectAsync((string Source, string Fixed) first, (string Source, string Fixed) second)
    {
        var test = new Test
        {
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck,
        };
        test.TestState.Sources.Add(first.Source);
        test.TestState.Sources.Add(second.Source);
        test.FixedState.Sources.Add(first.Fixed);
        test.FixedState.Sources.Add(second.Fixed);
        return test.RunAsync();
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.Empty;
            TestState.AdditionalReferences.AddRange(TestReferences.LambdaProject);
        }
    }
}
