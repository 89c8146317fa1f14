using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Samples;

/// <summary>
/// samples/LifecycleWrong triggers each lifecycle rule exactly once (its README lists them);
/// samples/LifecycleRight, the same function written the right way, triggers none.
/// </summary>
public sealed class LifecycleSamplesTests
{
    private static readonly string[] LifecycleRules =
    {
        "LAM0200", "LAM0201", "LAM0202", "LAM0203", "LAM0204", "LAM0205", "LAM0206", "LAM0207", "LAM0208", "LAM0209", "LAM0210",
    };

    [Fact]
    public async Task Wrong_sample_reports_each_lifecycle_rule_once()
    {
        var ids = await LambdaDiagnosticsAsync("LifecycleWrong");
        Assert.Equal(LifecycleRules, ids);
    }

    [Fact]
    public async Task Right_sample_reports_nothing() => Assert.Empty(await LambdaDiagnosticsAsync("LifecycleRight"));

    [Fact]
    public void Wrong_sample_readme_documents_every_rule()
    {
        var readme = File.ReadAllText(RepoPaths.Combine("samples", "LifecycleWrong", "README.md"));
        Assert.All(LifecycleRules, id => Assert.Contains($"[{id}]", readme, StringComparison.Ordinal));
    }

    /// <summary>The sorted IDs of the LAM diagnostics of a sample, with LAM0209 on as its .editorconfig sets it.</summary>
    private static async Task<string[]> LambdaDiagnosticsAsync(string sample)
    {
        var folder = RepoPaths.Combine("samples", sample);
        var trees = Directory.GetFiles(folder, "*.cs", SearchOption.TopDirectoryOnly)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest), path))
            .ToArray();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("LAM0209", ReportDiagnostic.Warn));
        var compilation = CSharpCompilation.Create(sample, trees, TestReferences.LambdaProject, options);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var diagnostics = await compilation.WithAnalyzers(RuleCatalog.Analyzers).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Id.StartsWith("LAM", StringComparison.Ordinal)).Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).ToArray();
    }
}
