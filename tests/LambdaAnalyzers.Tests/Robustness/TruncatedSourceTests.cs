using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
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
/// Analyzers and generators run on every keystroke, so they see half-written code all the time. This
/// runs every analyzer and generator of the package over the sources and configuration files the rule
/// tests use (the raw string literals in tests/LambdaAnalyzers.Tests/Rules), truncated at several
/// points and with random tokens deleted (deterministic seeds), and fails on any exception an
/// analyzer throws (what the compiler would report as AD0001) or a generator throws.
/// </summary>
public sealed class TruncatedSourceTests
{
    private static readonly Regex RawString = new("\"\"\"\\r?\\n(.*?)\\r?\\n\\s*\"\"\"", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    public static TheoryData<double> Cuts() => new() { 0.15, 0.35, 0.5, 0.65, 0.8, 0.95 };

    [Fact]
    public void The_corpus_is_the_rule_tests_sources() => Assert.True(Corpus().Count > 50, $"only {Corpus().Count} snippets found");

    [Theory]
    [InlineData("template.yaml")]
    [InlineData("serverless.yml")]
    [InlineData("main.tf")]
    public void The_corpus_feeds_each_configuration_format(string fileName) =>
        Assert.Contains(Corpus(), text => ConfigFileNames(text, 0).Any(name => name.EndsWith("/" + fileName, StringComparison.Ordinal)));

    public static TheoryData<int> Seeds() => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Cuts))]
    public Task No_analyzer_or_generator_throws_on_truncated_code(double cut) =>
        RunOverCorpusAsync(text => text.Substring(0, (int)(text.Length * cut)), $"cut {cut}");

    [Theory]
    [MemberData(nameof(Seeds))]
    public Task No_analyzer_or_generator_throws_when_tokens_are_deleted(int seed) =>
        RunOverCorpusAsync(text => DeleteTokens(text, seed), $"seed {seed}");

    [Fact]
    public void Deleting_tokens_changes_the_source_but_keeps_most_of_it()
    {
        var text = Corpus().First(t => ConfigFileNames(t, 0).Count == 0);
        var deleted = DeleteTokens(text, seed: 1);
        Assert.NotEqual(text, deleted);
        Assert.True(deleted.Length > text.Length / 2, deleted);
        Assert.Equal(deleted, DeleteTokens(text, seed: 1));
    }

    /// <summary>About one token in ten removed, picked by a seeded random; trivia kept, so lines stay.</summary>
    internal static string DeleteTokens(string text, int seed)
    {
        var random = new Random(seed * 7919 + text.Length);
        var root = CSharpSyntaxTree.ParseText(text).GetRoot();
        var sb = new StringBuilder(text.Length);
        foreach (var token in root.DescendantTokens(descendIntoTrivia: false))
        {
            sb.Append(token.LeadingTrivia.ToFullString());
            if (random.Next(10) != 0)
            {
                sb.Append(token.Text);
            }

            sb.Append(token.TrailingTrivia.ToFullString());
        }

        return sb.ToString();
    }

    private static async Task RunOverCorpusAsync(Func<string, string> damage, string what)
    {
        var failures = new ConcurrentBag<string>();
        foreach (var group in Corpus().Select((text, i) => (text, i)).GroupBy(x => x.i / 12))
        {
            var trees = new List<SyntaxTree>();
            var configs = new List<AdditionalText>();
            foreach (var (text, i) in group)
            {
                var configNames = ConfigFileNames(text, i);
                if (configNames.Count > 0)
                {
                    var truncated = text.Substring(0, text.Length * (1 + (i % 4)) / 5);
                    foreach (var name in configNames)
                    {
                        configs.Add(new InMemoryAdditionalText(name, truncated));
                    }
                }
                else
                {
                    trees.Add(CSharpSyntaxTree.ParseText(damage(text), path: $"/p{i}/Source.cs"));
                }
            }

            foreach (var kind in new[] { OutputKind.DynamicallyLinkedLibrary, OutputKind.ConsoleApplication })
            {
                var compilation = CSharpCompilation.Create("TestProject", trees, TestReferences.LambdaProject, new CSharpCompilationOptions(kind));
                foreach (var failure in GeneratorFailures(compilation, configs))
                {
                    failures.Add($"{failure} ({what})");
                }

                var options = new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(configs.ToImmutableArray()),
                    onAnalyzerException: (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name} ({what}): {exception}"),
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

    /// <summary>Every generator of the package over <paramref name="compilation"/>: the exceptions they threw.</summary>
    internal static IEnumerable<string> GeneratorFailures(Compilation compilation, IEnumerable<AdditionalText> additionalFiles, CancellationToken cancellationToken = default)
    {
        var driver = CSharpGeneratorDriver.Create(RuleCatalog.Generators, additionalFiles)
            .RunGenerators(compilation, cancellationToken);
        return driver.GetRunResult().Results
            .Where(r => r.Exception is not null)
            .Select(r => $"{r.Generator.GetGeneratorType().Name}: {r.Exception}");
    }

    /// <summary>
    /// The file names a configuration snippet of the corpus is fed under (truncated, as an additional file), or
    /// none for C# source: CloudFormation/SAM and Lambda tools JSON, serverless.yml, and Terraform HCL.
    /// </summary>
    private static IReadOnlyList<string> ConfigFileNames(string text, int i)
    {
        if (text.TrimStart().StartsWith("{", StringComparison.Ordinal) || text.Contains("AWSTemplateFormatVersion", StringComparison.Ordinal) || text.Contains("Resources:", StringComparison.Ordinal))
        {
            return new[] { i % 2 == 0 ? $"/p{i}/template.yaml" : $"/p{i}/aws-lambda-tools-defaults.json", $"/q{i}/serverless.template" };
        }

        if (ServerlessYaml.IsMatch(text))
        {
            return new[] { $"/p{i}/serverless.yml" };
        }

        return TerraformHcl.IsMatch(text) ? new[] { $"/p{i}/main.tf" } : Array.Empty<string>();
    }

    private static readonly Regex ServerlessYaml = new(@"^\s*(service|functions|provider):\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Regex TerraformHcl = new(@"^\s*(resource|data|module|provider|locals|variable|output)\s+(""|\{)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static IReadOnlyList<string> Corpus() => LazyCorpus.Value;

    private static readonly Lazy<IReadOnlyList<string>> LazyCorpus = new(() =>
        Directory.GetFiles(RepoPaths.Combine("tests", "LambdaAnalyzers.Tests", "Rules"), "*.cs", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(f => RawString.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(s => s.Length > 40)
            .Distinct()
            .ToList());
}
