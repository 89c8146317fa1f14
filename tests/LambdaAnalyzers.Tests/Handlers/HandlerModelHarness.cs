using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Handlers;

/// <summary>Builds the handler model of test sources, as every analyzer of a compilation shares it.</summary>
internal sealed class HandlerModelHarness
{
    private HandlerModelHarness(Compilation compilation, HandlerModel model)
    {
        Compilation = compilation;
        Model = model;
    }

    public Compilation Compilation { get; }

    public HandlerModel Model { get; }

    public static HandlerModelHarness Library(string source, params (string Property, string Value)[] properties) =>
        Create(source, OutputKind.DynamicallyLinkedLibrary, TestReferences.LambdaProject, properties);

    public static HandlerModelHarness Executable(string source, params (string Property, string Value)[] properties) =>
        Create(source, OutputKind.ConsoleApplication, TestReferences.LambdaProject, properties);

    public static HandlerModelHarness Create(string source, OutputKind kind, IEnumerable<MetadataReference> references, params (string Property, string Value)[] properties)
    {
        var library = GeneratorHarness.Compile(references, source);
        var compilation = library.WithOptions(library.Options.WithOutputKind(kind));
        var options = new AnalyzerOptions(
            ImmutableArray<AdditionalText>.Empty,
            new TestBuildProperties(properties.ToDictionary(p => p.Property, p => p.Value)));
        return new HandlerModelHarness(compilation, HandlerModel.For(compilation, options, CancellationToken.None));
    }

    /// <summary>The source method <c>Type.Method</c> (the type by its metadata name).</summary>
    public IMethodSymbol Method(string typeAndMethod)
    {
        var dot = typeAndMethod.LastIndexOf('.');
        var type = Compilation.GetTypeByMetadataName(typeAndMethod.Substring(0, dot))
            ?? throw new KeyNotFoundException(typeAndMethod);
        return type.GetMembers(typeAndMethod.Substring(dot + 1)).OfType<IMethodSymbol>().Single();
    }

    /// <summary>The sources compile (tests of half-written code say so instead).</summary>
    public HandlerModelHarness Compiles()
    {
        Assert.Empty(Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return this;
    }

    public HandlerKind? KindOf(string typeAndMethod) => Model.KindOf(Method(typeAndMethod), CancellationToken.None);
}
