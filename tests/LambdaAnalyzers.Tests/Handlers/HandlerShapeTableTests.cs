using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Testing;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Tests.Handlers;

/// <summary>
/// The analyzers judge every row of the shared handler-shape table (tests/Shared/HandlerShapes) as the table says the
/// managed runtime does: <see cref="HandlerShape"/>'s verdict, input and written output, and the rules reported when a
/// serverless.template names each row as a class-library handler. LambdaAnalyzers.Shim.Tests binds the same rows with
/// the shim's class-library host.
/// </summary>
public sealed class HandlerShapeTableTests
{
    private static readonly string[] ShapeRules = { "LAM0002", "LAM0003", "LAM0005", "LAM0006", "LAM0008" };

    private static readonly Lazy<Table> Loaded = new(Table.Load);

    public static TheoryData<string> Rows()
    {
        var rows = new TheoryData<string>();
        foreach (var row in Loaded.Value.Rows)
        {
            rows.Add(row.Name);
        }

        return rows;
    }

    [Fact]
    public void The_table_compiles_and_has_accepted_and_rejected_rows()
    {
        var table = Loaded.Value;
        Assert.Empty(table.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(table.Rows, r => r.Accepted);
        Assert.Contains(table.Rows, r => !r.Accepted);
        Assert.True(table.Rows.Length >= 30, $"{table.Rows.Length} rows");
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_evaluator_judges_the_row_as_the_table_says(string name)
    {
        var table = Loaded.Value;
        var row = table.Rows.Single(r => r.Name == name);
        var shape = HandlerShape.Of(row.Method, HandlerHost.ManagedRuntime, LambdaTypes.From(table.Compilation));

        var failsInit = shape.Problems.Where(p => p.Kind is not ShapeProblemKind.ValueTask).ToList();
        Assert.True(row.Accepted == (failsInit.Count == 0), $"{name} ({row.Why}): {string.Join("; ", shape.Problems)}");
        if (row.Accepted)
        {
            var none = table.Compilation.GetSpecialType(SpecialType.System_Void);
            Assert.Equal<ISymbol?>(row.Input, shape.Input, SymbolEqualityComparer.Default);
            Assert.Equal<ISymbol?>(row.Output, shape.WrittenOutput ?? none, SymbolEqualityComparer.Default);
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task The_runtime_shape_rules_report_the_row_as_the_table_says(string name)
    {
        var table = Loaded.Value;
        var row = table.Rows.Single(r => r.Name == name);

        var reported = (await table.Diagnostics.Value)
            .Where(d => d.Location.SourceSpan == row.Method.Locations[0].SourceSpan)
            .Select(d => d.Id)
            .OrderBy(id => id, StringComparer.Ordinal);

        Assert.Equal(row.Rules, reported);
    }

    private sealed record Row(string Name, IMethodSymbol Method, bool Accepted, string Why, ImmutableArray<string> Rules, ITypeSymbol? Input, ITypeSymbol? Output);

    private sealed class Table
    {
        private const string TemplatePath = "/0/serverless.template";

        private Table(Compilation compilation, ImmutableArray<Row> rows)
        {
            Compilation = compilation;
            Rows = rows;
            Diagnostics = new Lazy<Task<ImmutableArray<Diagnostic>>>(RunRulesAsync);
        }

        public Compilation Compilation { get; }

        public ImmutableArray<Row> Rows { get; }

        /// <summary>The runtime-shape rules' diagnostics, with every row named as a handler by one serverless.template.</summary>
        public Lazy<Task<ImmutableArray<Diagnostic>>> Diagnostics { get; }

        public static Table Load()
        {
            var source = File.ReadAllText(RepoPaths.Combine("tests", "Shared", "HandlerShapes", "HandlerShapeTable.cs"));
            var compilation = GeneratorHarness.Compile(TestReferences.LambdaProject, source);
            var rows = ImmutableArray.CreateBuilder<Row>();
            foreach (var type in SourceTypes.All(compilation.Assembly, default))
            {
                foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
                {
                    if (method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "ShapeAttribute") is not { } shape)
                    {
                        continue;
                    }

                    var named = shape.NamedArguments.ToDictionary(a => a.Key, a => a.Value.Value as ITypeSymbol);
                    rows.Add(new Row(
                        $"{ReflectionSignature.TypeName(type)}::{method.Name}",
                        method,
                        Accepted: (int)shape.ConstructorArguments[0].Value! == 0,
                        Why: (string)shape.ConstructorArguments[1].Value!,
                        Rules: shape.ConstructorArguments[2].Values.Select(v => (string)v.Value!).OrderBy(id => id, StringComparer.Ordinal).ToImmutableArray(),
                        Input: named.GetValueOrDefault("Input"),
                        Output: named.GetValueOrDefault("Output")));
                }
            }

            return new Table(compilation, rows.ToImmutable());
        }

        private async Task<ImmutableArray<Diagnostic>> RunRulesAsync()
        {
            var functions = new Dictionary<string, object>();
            for (var i = 0; i < Rows.Length; i++)
            {
                functions[$"Function{i}"] = new
                {
                    Type = "AWS::Serverless::Function",
                    Properties = new { Handler = $"{Compilation.AssemblyName}::{Rows[i].Name}", Runtime = "dotnet8", CodeUri = "." },
                };
            }

            var template = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["AWSTemplateFormatVersion"] = "2010-09-09",
                ["Transform"] = "AWS::Serverless-2016-10-31",
                ["Resources"] = functions,
            });
            var options = new AnalyzerOptions(
                ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText(TemplatePath, template)),
                new TestBuildProperties(new Dictionary<string, string>()));
            var diagnostics = await Compilation.WithAnalyzers(RuleCatalog.Analyzers, options).GetAnalyzerDiagnosticsAsync();
            return diagnostics.Where(d => ShapeRules.Contains(d.Id)).ToImmutableArray();
        }
    }
}
