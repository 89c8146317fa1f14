using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Caching;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Handlers;

/// <summary>
/// Projects that cannot hold handlers cost the rules nothing: every rule returns at compilation start, so
/// no per-compilation model is built (counted through <see cref="CacheBuilds"/>, not timed).
/// </summary>
public sealed class LambdaProjectTests
{
    // Code every rule family would look at in a Lambda project: a conventional handler name, a Main,
    // a client per call, a static field written per call, a blocking wait, hard-coded credentials.
    private const string Source = """
        using System.Threading.Tasks;
        using Amazon.S3;

        public class Function
        {
            private static string? _last;

            public string FunctionHandler(string input)
            {
                _last = input;
                var s3 = new AmazonS3Client("AKIAQWERTYUIOPASDFGH", "wJalrXUtnFEMIK7MDENGbPxRfiCYzzzTESTKEY00", Amazon.RegionEndpoint.USEast1);
                Task.Delay(1).Wait();
                return input + s3.GetHashCode();
            }
        }

        public static class Program
        {
            public static void Main() => new Function().FunctionHandler("x");
        }
        """;

    [Fact]
    public async Task A_project_without_lambda_references_builds_no_model()
    {
        var (builds, diagnostics) = await Analyze(TestReferences.Framework.AddRange(TestReferences.AwsSdk));

        Assert.Empty(diagnostics);
        // The gate and the type table it reads (a handful of metadata-name lookups); no model.
        Assert.Equal(new[] { nameof(LambdaProject), nameof(WellKnownTypes) }, builds.Distinct().OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_same_code_in_a_lambda_project_builds_the_models()
    {
        // The control: the count above can fail.
        var (builds, diagnostics) = await Analyze(TestReferences.LambdaProject);

        Assert.Contains(nameof(HandlerModel), builds);
        Assert.Contains(diagnostics, d => d.Id == "LAM0211");
    }

    /// <summary>
    /// An operation action (or operation-block-start, or semantic-model action) registered for the whole
    /// compilation makes the analyzer driver bind every method body of the project again to build its
    /// operations, whatever the action does: the largest cost the package once added to a build. Rules
    /// read the few places that matter from the syntax, or per type with <c>RegisterSymbolStartAction</c>
    /// (the lifecycle rules, on types holding an entry). Every rule is switched on here (Native AOT for LAM0104).
    /// </summary>
    [Fact]
    public async Task No_rule_has_the_driver_build_every_bodys_operations()
    {
        var compilation = Compilation(TestReferences.LambdaProject);
        var properties = new TestBuildProperties(new System.Collections.Generic.Dictionary<string, string> { ["PublishAot"] = "true" });
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, properties), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.WithAnalyzers(RuleCatalog.Analyzers, options);
        var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);

        // The control: the counts are read (LAM0211 reads each file's syntax, LAM0104 is on).
        Assert.Contains(result.GetAllDiagnostics(), d => d.Id == "LAM0211");
        Assert.Contains(RuleCatalog.Analyzers, a => result.AnalyzerTelemetryInfo[a].SyntaxTreeActionsCount > 0);
        foreach (var analyzer in RuleCatalog.Analyzers)
        {
            var telemetry = result.AnalyzerTelemetryInfo[analyzer];
            var name = analyzer.GetType().Name;
            Assert.True(telemetry.OperationActionsCount == 0, $"{name} registers an operation action for the whole compilation.");
            Assert.True(telemetry.OperationBlockStartActionsCount == 0, $"{name} registers an operation-block-start action.");
            Assert.True(telemetry.SemanticModelActionsCount == 0, $"{name} registers a semantic-model action.");
            // The lifecycle rules, inside SymbolRulesAnalyzer, collect the blocks of the types holding an entry.
            Assert.True(telemetry.OperationBlockActionsCount == 0 || analyzer is LambdaAnalyzers.Rules.SymbolRulesAnalyzer, $"{name} registers an operation-block action.");
        }
    }

    [Fact]
    public void Lambda_references_config_files_or_the_aws_project_type_make_a_lambda_project()
    {
        var plain = Compilation(TestReferences.Framework);
        var empty = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        Assert.False(LambdaProject.CanHoldHandlers(plain, empty, CancellationToken.None));

        Assert.True(LambdaProject.CanHoldHandlers(Compilation(TestReferences.LambdaProject), empty, CancellationToken.None));

        var template = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/repo/template.yaml", "Resources: {}\n")));
        Assert.True(LambdaProject.CanHoldHandlers(plain, template, CancellationToken.None));

        var awsProject = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new TestBuildProperties(new System.Collections.Generic.Dictionary<string, string> { ["AWSProjectType"] = "Lambda" }));
        Assert.True(LambdaProject.CanHoldHandlers(plain, awsProject, CancellationToken.None));
    }

    private static CSharpCompilation Compilation(ImmutableArray<MetadataReference> references) => CSharpCompilation.Create(
        "NotLambda" + Guid.NewGuid().ToString("N"),
        new[] { CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest), path: "/src/Function.cs") },
        references,
        new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

    private static async Task<(ConcurrentBag<string> Builds, ImmutableArray<Diagnostic> Diagnostics)> Analyze(ImmutableArray<MetadataReference> references)
    {
        var compilation = Compilation(references);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var builds = new ConcurrentBag<string>();
        void Record(Compilation built, Type type)
        {
            if (built.AssemblyName == compilation.AssemblyName)
            {
                builds.Add(type.Name);
            }
        }

        CacheBuilds.Built += Record;
        try
        {
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
            var diagnostics = await compilation.WithAnalyzers(RuleCatalog.Analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            return (builds, diagnostics);
        }
        finally
        {
            CacheBuilds.Built -= Record;
        }
    }
}
