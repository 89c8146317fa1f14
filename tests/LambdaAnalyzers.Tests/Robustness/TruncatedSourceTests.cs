using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Testing;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Tests.Robustness;

/// <summary>
/// Analyzers run on every keystroke, so they see half-written code all the time. This runs every
/// analyzer of the package over truncated versions of the sources and configuration files the rule
/// tests use (the raw string literals in tests/LambdaAnalyzers.Tests/Rules) and fails on any
/// exception an analyzer throws (what the compiler would report as AD0001).
/// </summary>
public sealed class TruncatedSourceTests
{
    private static readonly Regex RawString = new("\"\"\"\\r?\\n(.*?)\\r?\\n\\s*\"\"\"", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    public static TheoryData<double> Cuts() => new() { 0.15, 0.35, 0.5, 0.65, 0.8, 0.95 };

    [Fact]
    public void The_corpus_is_the_rule_tests_sources() => Assert.True(Corpus().Count > 50, $"only {Corpus().Count} snippets found");

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task No_analyzer_throws_on_truncated_code(double cut)
    {
        var failures = new ConcurrentBag<string>();
        foreach (var group in Corpus().Select((text, i) => (text, i)).GroupBy(x => x.i / 12))
        {
            var trees = new List<SyntaxTree>();
            var configs = new List<AdditionalText>();
            foreach (var (text, i) in group)
            {
                var truncated = text.Substring(0, (int)(text.Length * cut));
                if (LooksLikeConfig(text))
                {
                    configs.Add(new InMemoryAdditionalText(i % 2 == 0 ? $"/p{i}/template.yaml" : $"/p{i}/aws-lambda-tools-defaults.json", truncated));
                    configs.Add(new InMemoryAdditionalText($"/q{i}/serverless.template", truncated));
                }
                else
                {
                    trees.Add(CSharpSyntaxTree.ParseText(truncated, path: $"/p{i}/Source.cs"));
                }
            }

            foreach (var kind in new[] { OutputKind.DynamicallyLinkedLibrary, OutputKind.ConsoleApplication })
            {
                var compilation = CSharpCompilation.Create("TestProject", trees, TestReferences.LambdaProject, new CSharpCompilationOptions(kind));
                var options = new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(configs.ToImmutableArray()),
                    onAnalyzerException: (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name} at cut {cut}: {exception}"),
                    concurrentAnalysis: true,
                    logAnalyzerExecutionTime: false);
                var diagnostics = await compilation.WithAnalyzers(RuleCatalog.Analyzers, options).GetAllDiagnosticsAsync(CancellationToken.None);
                foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
                {
                    failures.Add(diagnostic.ToString());
                }
            }
        }

        Assert.True(failures.IsEmpty, string.Join("\n\n", failures.Take(5)));
    }

    private static bool LooksLikeConfig(string text) =>
        text.TrimStart().StartsWith("{", StringComparison.Ordinal) || text.Contains("AWSTemplateFormatVersion", StringComparison.Ordinal) || text.Contains("Resources:", StringComparison.Ordinal);

    private static IReadOnlyList<string> Corpus() => LazyCorpus.Value;

    private static readonly Lazy<IReadOnlyList<string>> LazyCorpus = new(() =>
        Directory.GetFiles(RepoPaths.Combine("tests", "LambdaAnalyzers.Tests", "Rules"), "*.cs", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(f => RawString.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(s => s.Length > 40)
            .Distinct()
            .ToList());
}
