using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Rules;
using LambdaAnalyzers.Rules.Generators;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Rules;

/// <summary>
/// Rules run inside a <see cref="RuleGroupAnalyzer"/> (the analyzer driver's per-symbol bookkeeping is per analyzer):
/// none is lost or run twice, the groups keep each rule's switch, and few loaded analyzers look at symbols.
/// </summary>
public sealed class RuleGroupTests
{
#pragma warning disable RS2008 // Descriptors of test doubles, not shipped rules.
    private static readonly DiagnosticDescriptor OffByDefault = new("TEST0001", "Off", "Off", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: false);
    private static readonly DiagnosticDescriptor OnByDefault = new("TEST0002", "On", "On", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
    private static readonly DiagnosticDescriptor AlwaysOn = new("TEST0003", "Always", "Always", "Other", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS2008

    [Fact]
    public void Every_analyzer_of_the_package_is_loaded_or_run_by_exactly_one_group()
    {
        var groups = RuleCatalog.Analyzers.OfType<RuleGroupAnalyzer>().ToList();
        Assert.NotEmpty(groups);
        var grouped = groups.SelectMany(g => g.Rules).Select(r => r.GetType()).ToList();
        Assert.Equal(grouped.Count, grouped.Distinct().Count());

        var analyzerTypes = RuleCatalog.AnalyzerAssembly.GetTypes().Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract);
        foreach (var type in analyzerTypes)
        {
            var loaded = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null;
            var inGroup = grouped.Contains(type);
            Assert.True(loaded != inGroup, loaded
                ? $"{type.Name} is loaded by the compiler and also run by a group: it would report twice."
                : $"{type.Name} has no [DiagnosticAnalyzer] and is in no group: nothing runs it.");
        }
    }

    [Fact]
    public void A_group_supports_every_diagnostic_of_its_rules_once()
    {
        var group = new SymbolRulesAnalyzer();
        var expected = group.Rules.SelectMany(r => r.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal);
        Assert.Equal(expected, group.SupportedDiagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
    }

    /// <summary>
    /// Twelve analyzers with a no-op symbol action each cost the driver about 3 % more allocation over a whole
    /// compile, one analyzer with twelve actions nothing measurable: an analyzer that looks at symbols joins a group.
    /// </summary>
    [Fact]
    public async Task Only_the_groups_and_the_rules_that_cannot_join_one_register_symbol_actions()
    {
        var compilation = CSharpCompilation.Create(
            "Symbols",
            new[] { CSharpSyntaxTree.ParseText("public class Function { public string FunctionHandler(string input) => input; }", path: "/src/Function.cs") },
            TestReferences.LambdaProject,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        var result = await compilation.WithAnalyzers(RuleCatalog.Analyzers, options).GetAnalysisResultAsync(CancellationToken.None);

        var withSymbolActions = RuleCatalog.Analyzers
            .Where(a => result.AnalyzerTelemetryInfo[a] is { } t && t.SymbolActionsCount + t.SymbolStartActionsCount + t.SymbolEndActionsCount > 0)
            .Select(a => a.GetType().Name)
            .OrderBy(n => n, StringComparer.Ordinal);

        // LAM0401 analyzes generated code and reports at compilation end: it cannot join SymbolRulesAnalyzer.
        Assert.Equal(new[] { nameof(LAM0401DuplicateHandlerNameAnalyzer), nameof(SymbolRulesAnalyzer) }, withSymbolActions);
    }

    [Fact]
    public async Task A_rule_asking_for_another_generated_code_setting_fails_when_the_group_starts()
    {
        var group = new TestGroup(new CountingRule(OnByDefault, GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics));
        Exception? thrown = null;
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (exception, _, _) => thrown ??= exception, concurrentAnalysis: false, logAnalyzerExecutionTime: false);

        await Compile().WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(group), options).GetAnalyzerDiagnosticsAsync();

        var failure = Assert.IsType<InvalidOperationException>(thrown);
        Assert.Contains(nameof(CountingRule), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_switched_off_everywhere_does_not_start_and_one_switched_on_does()
    {
        var off = new CountingRule(OffByDefault, GeneratedCodeAnalysisFlags.None);
        var on = new CountingRule(OnByDefault, GeneratedCodeAnalysisFlags.None);
        await Compile().WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TestGroup(off, on))).GetAnalyzerDiagnosticsAsync();

        Assert.Equal(0, off.Starts);
        Assert.Equal(1, on.Starts);
        Assert.True(on.SymbolsSeen > 0);

        var configured = new CountingRule(OffByDefault, GeneratedCodeAnalysisFlags.None);
        var compilation = Compile();
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(compilation.Options.SpecificDiagnosticOptions.SetItem(OffByDefault.Id, ReportDiagnostic.Warn)));
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TestGroup(configured))).GetAnalyzerDiagnosticsAsync();

        Assert.Equal(1, configured.Starts);
        Assert.Contains(diagnostics, d => d.Id == OffByDefault.Id);
    }

    /// <summary>
    /// How a user's configuration switches one rule of a group, against the analyzer driver's own verdict for an
    /// analyzer of that rule alone: the group reports exactly what the rule alone reports, and a rule the
    /// configuration switches off for the whole compilation does not even start (its work is spared, as the
    /// driver spares a switched-off analyzer). A rule switched off file by file still runs: the driver drops its
    /// diagnostics there.
    /// </summary>
    [Theory]
    [InlineData("on by default", "TEST0002", null, null, null, true)]
    [InlineData("NoWarn", "TEST0002", "TEST0002", null, null, false)]
    [InlineData("global config none", "TEST0002", null, "dotnet_diagnostic.TEST0002.severity = none", null, false)]
    [InlineData("global config none, a file's section warning", "TEST0002", null, "dotnet_diagnostic.TEST0002.severity = none", "dotnet_diagnostic.TEST0002.severity = warning", true)]
    [InlineData("NoWarn, a file's section warning", "TEST0002", "TEST0002", null, "dotnet_diagnostic.TEST0002.severity = warning", true)]
    [InlineData("NoWarn, a file's bulk severity", "TEST0002", "TEST0002", null, "dotnet_analyzer_diagnostic.severity = warning", false)]
    [InlineData("global config none, a file's bulk category severity", "TEST0002", null, "dotnet_diagnostic.TEST0002.severity = none", "dotnet_analyzer_diagnostic.category-Test.severity = warning", false)]
    [InlineData("a file's section none", "TEST0002", null, null, "dotnet_diagnostic.TEST0002.severity = none", true)]
    [InlineData("off by default", "TEST0001", null, null, null, false)]
    [InlineData("off by default, bulk category severity", "TEST0001", null, "dotnet_analyzer_diagnostic.category-Test.severity = warning", "dotnet_analyzer_diagnostic.severity = warning", false)]
    [InlineData("off by default, global config warning", "TEST0001", null, "dotnet_diagnostic.TEST0001.severity = warning", null, true)]
    [InlineData("off by default, a file's section warning", "TEST0001", null, null, "dotnet_diagnostic.TEST0001.severity = warning", true)]
    [InlineData("off by default, NoWarn, a file's section warning", "TEST0001", "TEST0001", null, "dotnet_diagnostic.TEST0001.severity = warning", true)]
    public async Task A_grouped_rule_reports_what_it_would_alone_and_starts_only_where_configuration_lets_it(
        string configuration, string id, string? noWarn, string? globalConfig, string? editorConfig, bool starts)
    {
        var descriptor = id == OnByDefault.Id ? OnByDefault : OffByDefault;
        var (compilation, options) = await ConfiguredAsync(noWarn, globalConfig, editorConfig);

        var alone = new CountingRule(descriptor, GeneratedCodeAnalysisFlags.None);
        var expected = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(alone), options).GetAnalyzerDiagnosticsAsync();
        // A second rule keeps the group running whatever the first one's switch (the driver skips a group whose rules are all off).
        var grouped = new CountingRule(descriptor, GeneratedCodeAnalysisFlags.None);
        var keeper = new CountingRule(AlwaysOn, GeneratedCodeAnalysisFlags.None);
        var actual = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TestGroup(grouped, keeper)), options).GetAnalyzerDiagnosticsAsync();

        Assert.Equal(1, keeper.Starts);
        Assert.Equal(expected.Select(Describe), actual.Where(d => d.Id == id).Select(Describe));
        Assert.True(alone.Starts == 0 || grouped.Starts == 1, $"{configuration}: the driver runs the rule alone, the group does not.");
        Assert.True((grouped.Starts == 1) == starts, $"{configuration}: the grouped rule started {grouped.Starts} times.");
    }

    private static string Describe(Diagnostic diagnostic) => diagnostic.Id + " " + diagnostic.Severity + " " + diagnostic.Location.GetLineSpan();

    /// <summary>One file under a real <c>.editorconfig</c> section and global config, as the compiler reads them.</summary>
    private static async Task<(Compilation Compilation, AnalyzerOptions Options)> ConfiguredAsync(string? noWarn, string? globalConfig, string? editorConfig)
    {
        using var workspace = new AdhocWorkspace();
        var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        if (noWarn is not null)
        {
            compilationOptions = compilationOptions.WithSpecificDiagnosticOptions(compilationOptions.SpecificDiagnosticOptions.SetItem(noWarn, ReportDiagnostic.Suppress));
        }

        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Configured", "Configured", LanguageNames.CSharp,
            filePath: "/src/Configured.csproj", compilationOptions: compilationOptions, metadataReferences: TestReferences.Framework));
        project = project.AddDocument("C.cs", "class C { void M() { } }", filePath: "/src/C.cs").Project;
        if (globalConfig is not null)
        {
            project = project.AddAnalyzerConfigDocument(".globalconfig", Microsoft.CodeAnalysis.Text.SourceText.From("is_global = true\n" + globalConfig + "\n"), filePath: "/src/.globalconfig").Project;
        }

        if (editorConfig is not null)
        {
            project = project.AddAnalyzerConfigDocument(".editorconfig", Microsoft.CodeAnalysis.Text.SourceText.From("root = true\n[*.cs]\n" + editorConfig + "\n"), filePath: "/src/.editorconfig").Project;
        }

        var compilation = await project.GetCompilationAsync();
        return (compilation!, project.AnalyzerOptions);
    }

    private static CSharpCompilation Compile() => CSharpCompilation.Create(
        "Group" + Guid.NewGuid().ToString("N"),
        new[] { CSharpSyntaxTree.ParseText("class C { void M() { } }", path: "/src/C.cs") },
        TestReferences.Framework,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    // Test doubles: run by TestGroup, never loaded by a compiler.
#pragma warning disable RS1001, RS1025, RS1026
    private sealed class TestGroup : RuleGroupAnalyzer
    {
        public TestGroup(params DiagnosticAnalyzer[] rules)
            : base(rules.ToImmutableArray())
        {
        }
    }

    /// <summary>Counts its compilation starts and the symbols it sees, and reports on each method.</summary>
    private sealed class CountingRule : DiagnosticAnalyzer
    {
        private readonly DiagnosticDescriptor _rule;
        private readonly GeneratedCodeAnalysisFlags _flags;
        private int _starts;
        private int _symbols;

        public CountingRule(DiagnosticDescriptor rule, GeneratedCodeAnalysisFlags flags)
        {
            _rule = rule;
            _flags = flags;
        }

        public int Starts => _starts;

        public int SymbolsSeen => _symbols;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(_rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(_flags);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                Interlocked.Increment(ref _starts);
                start.RegisterSymbolAction(
                    symbol =>
                    {
                        Interlocked.Increment(ref _symbols);
                        symbol.ReportDiagnostic(Diagnostic.Create(_rule, symbol.Symbol.Locations[0]));
                    },
                    SymbolKind.Method);
            });
        }
    }
#pragma warning restore RS1001, RS1025, RS1026
}
