using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using LambdaAnalyzers.Generators.HandlerWiring;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Benchmarks.Synthetic;

/// <summary>
/// A <see cref="SyntheticRepository"/> as the compiler sees it in a build: its sources, the framework
/// and the Amazon.Lambda stand-ins as references, LambdaAnalyzers.Runtime referenced (so the wiring
/// generator is active), its deployment files as additional files and the build properties the
/// package's props make compiler-visible.
/// </summary>
internal sealed class SyntheticCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    /// <summary>Every analyzer of the LambdaAnalyzers assembly, as the package loads them.</summary>
    public static readonly ImmutableArray<DiagnosticAnalyzer> PackageAnalyzers = PackageTypes<DiagnosticAnalyzerAttribute>()
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Every generator of the LambdaAnalyzers assembly.</summary>
    public static readonly ImmutableArray<ISourceGenerator> PackageGenerators = PackageTypes<GeneratorAttribute>()
        .Select(t => Activator.CreateInstance(t) switch
        {
            IIncrementalGenerator incremental => incremental.AsSourceGenerator(),
            ISourceGenerator generator => generator,
            var other => throw new InvalidOperationException($"{other?.GetType()} is not a generator."),
        })
        .ToImmutableArray();

    private static readonly ImmutableArray<MetadataReference> References = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && !Path.GetFileName(p).StartsWith("LambdaAnalyzers", StringComparison.Ordinal)
            && !Path.GetFileName(p).StartsWith("Amazon.Lambda", StringComparison.Ordinal) && !Path.GetFileName(p).StartsWith("BenchmarkDotNet", StringComparison.Ordinal))
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .Concat(new[]
        {
            MetadataReference.CreateFromFile(typeof(Amazon.Lambda.Core.ILambdaContext).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(LambdaAnalyzers.Runtime.LambdaHandlerAttribute).Assembly.Location),
        })
        .ToImmutableArray();

    private SyntheticCompilation(SyntheticRepository repository, CSharpCompilation compilation, ImmutableArray<AdditionalText> additionalFiles, AnalyzerConfigOptionsProvider options)
    {
        Repository = repository;
        Compilation = compilation;
        AdditionalFiles = additionalFiles;
        ConfigOptions = options;
        AnalyzerOptions = new AnalyzerOptions(additionalFiles, options);
    }

    /// <summary>Where the project would be; nothing is read from or written to it.</summary>
    public static string ProjectDirectory { get; } = Path.Combine(Path.GetTempPath(), "synthetic", SyntheticRepository.AssemblyName) + Path.DirectorySeparatorChar;

    public SyntheticRepository Repository { get; }

    public CSharpCompilation Compilation { get; }

    public ImmutableArray<AdditionalText> AdditionalFiles { get; }

    public AnalyzerConfigOptionsProvider ConfigOptions { get; }

    public AnalyzerOptions AnalyzerOptions { get; }

    public static SyntheticCompilation Create(int files, int seed = 1)
    {
        var repository = SyntheticRepository.Create(files, seed);
        var trees = repository.Sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, Path.Combine(ProjectDirectory, s.Path)));
        var compilation = CSharpCompilation.Create(
            SyntheticRepository.AssemblyName,
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: true));
        var additional = repository.ConfigFiles
            .Select(f => (AdditionalText)new InMemoryText(Path.Combine(ProjectDirectory, f.Path), f.Text))
            .ToImmutableArray();
        var options = new BuildProperties(new Dictionary<string, string>
        {
            ["ProjectDir"] = ProjectDirectory,
            ["OutputType"] = "Library",
            ["AssemblyName"] = SyntheticRepository.AssemblyName,
            ["TargetFramework"] = "net10.0",
        });
        return new SyntheticCompilation(repository, compilation, additional, options);
    }

    public GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(PackageGenerators, AdditionalFiles, ParseOptions, ConfigOptions, new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The compilation with one statement added to a method body of a service file.</summary>
    public CSharpCompilation WithUnrelatedEdit()
    {
        var path = Path.Combine(ProjectDirectory, Repository.UnrelatedFile);
        var tree = Compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var edited = tree.WithChangedText(SourceText.From(SyntheticRepository.WithOneLineEdit(tree.GetText().ToString())));
        return Compilation.ReplaceSyntaxTree(tree, edited);
    }

    /// <summary>Throws unless the compilation is error-free: a benchmark over broken code measures error recovery.</summary>
    public void EnsureNoErrors()
    {
        var errors = Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The synthetic repository does not compile:\n" + string.Join("\n", errors));
        }
    }

    private static IEnumerable<Type> PackageTypes<TAttribute>()
        where TAttribute : Attribute =>
        typeof(HandlerWiringGenerator).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetCustomAttribute<TAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class BuildProperties : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global;

        public BuildProperties(IReadOnlyDictionary<string, string> properties) => _global = new Options(properties);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            private readonly IReadOnlyDictionary<string, string> _properties;

            public Options(IReadOnlyDictionary<string, string> properties) => _properties = properties;

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
            {
                const string Prefix = "build_property.";
                if (key.StartsWith(Prefix, StringComparison.Ordinal) && _properties.TryGetValue(key.Substring(Prefix.Length), out var found))
                {
                    value = found;
                    return true;
                }

                value = null;
                return false;
            }
        }
    }
}
