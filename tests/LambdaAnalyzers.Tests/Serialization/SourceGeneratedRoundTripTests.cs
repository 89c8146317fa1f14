using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.CodeFixes.Rules.Serialization;
using LambdaAnalyzers.Rules.Serialization;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LambdaAnalyzers.Tests.Serialization;

/// <summary>
/// The LAM0102 and LAM0104 fixes really work: the project is compiled with System.Text.Json's own
/// source generator and loaded, and the Lambda source-generated serializer round-trips the handler
/// types only after the fix. No reflection-based serialization is involved, as under Native AOT.
/// </summary>
public sealed class SourceGeneratedRoundTripTests
{
    private const string Types = """
        public class Order { public string Id { get; set; } = ""; public decimal Total { get; set; } }
        public class Receipt { public string OrderId { get; set; } = ""; public List<string> Lines { get; set; } = new(); }
        public class Function
        {
            [LambdaHandler]
            public Receipt Handle(Order order) => new Receipt { OrderId = order.Id };
        }
        """;

    private const string Usings = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Amazon.Lambda.Core;
        using LambdaAnalyzers.Runtime;

        """;

    [Fact]
    public async Task LAM0102_fix_makes_the_missing_output_type_round_trip()
    {
        var source = Usings + """
            [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.SourceGeneratorLambdaJsonSerializer<Ctx>))]

            [JsonSerializable(typeof(Order))]
            public partial class Ctx : JsonSerializerContext { }

            """ + Types;
        var document = CreateDocument(source, aot: false);

        var before = LoadWithGeneratedContext(await document.Project.GetCompilationAsync());
        var contextBefore = before.GetType("Ctx")!;
        Assert.Null(TypeInfo(contextBefore, before.GetType("Receipt")!));
        var failure = Record.Exception(() => RoundTrip(contextBefore, before.GetType("Receipt")!, "{\"OrderId\":\"o-1\"}"));
        Assert.NotNull(failure);

        var fixedProject = await FixAllAsync(document.Project, new LAM0102TypeMissingFromContextAnalyzer(), new LAM0102TypeMissingFromContextCodeFix(), aot: false);

        var after = LoadWithGeneratedContext(await fixedProject.GetCompilationAsync());
        var context = after.GetType("Ctx")!;
        Assert.NotNull(TypeInfo(context, after.GetType("Receipt")!));
        Assert.Contains("\"OrderId\":\"o-1\"", RoundTrip(context, after.GetType("Receipt")!, "{\"orderId\":\"o-1\",\"lines\":[\"a\"]}"));
        Assert.Contains("\"Total\":12.5", RoundTrip(context, after.GetType("Order")!, "{\"id\":\"o-1\",\"total\":12.5}"));
    }

    [Fact]
    public async Task LAM0104_fix_switches_to_a_context_that_round_trips_every_handler_type()
    {
        var source = Usings + """
            [assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

            """ + Types;
        var document = CreateDocument(source, aot: true);

        var fixedProject = await FixAllAsync(document.Project, new LAM0104ReflectionSerializerInTrimmedProjectAnalyzer(), new LAM0104ReflectionSerializerInTrimmedProjectCodeFix(), aot: true);

        var after = LoadWithGeneratedContext(await fixedProject.GetCompilationAsync());
        var context = after.GetType("LambdaJsonContext")!;
        Assert.Contains("\"OrderId\":\"o-1\"", RoundTrip(context, after.GetType("Receipt")!, "{\"orderId\":\"o-1\"}"));
        Assert.Contains("\"Id\":\"o-1\"", RoundTrip(context, after.GetType("Order")!, "{\"id\":\"o-1\"}"));
        var serializerType = after.GetCustomAttributesData()
            .Single(a => a.AttributeType.Name == "LambdaSerializerAttribute").ConstructorArguments[0].Value as Type;
        Assert.Equal("SourceGeneratorLambdaJsonSerializer`1", serializerType!.Name);
    }

    [Fact]
    public void Generated_context_covers_derived_types_of_a_listed_root()
    {
        // LAM0102 treats [JsonDerivedType]s of a listed type as covered: the generator must agree.
        var source = Usings + """
            [JsonDerivedType(typeof(Circle), "circle")]
            public abstract class Shape { }
            public class Circle : Shape { public double Radius { get; set; } }
            [JsonSerializable(typeof(Shape))]
            public partial class Ctx : JsonSerializerContext { }
            """;
        var compilation = CSharpCompilation.Create(
            "DerivedTypes",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            TestReferences.LambdaProject,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var assembly = LoadWithGeneratedContext(compilation);
        Assert.NotNull(TypeInfo(assembly.GetType("Ctx")!, assembly.GetType("Circle")!));
    }

    private static Document CreateDocument(string source, bool aot)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "RoundTrip",
            "RoundTrip",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: TestReferences.LambdaProject));
        return project.AddDocument("Function.cs", SourceText.From(source));
    }

    private static Task<Project> FixAllAsync(Project project, DiagnosticAnalyzer analyzer, CodeFixProvider fix, bool aot) =>
        FixRunner.FixAllAsync(project, analyzer, fix, aot ? new Dictionary<string, string> { ["PublishAot"] = "true" } : new Dictionary<string, string>());

    private static Assembly LoadWithGeneratedContext(Compilation? compilation)
    {
        CSharpGeneratorDriver.Create(new[] { SystemTextJsonGenerator.Generator.AsSourceGenerator() }, parseOptions: new CSharpParseOptions(LanguageVersion.Latest))
            .RunGeneratorsAndUpdateCompilation(compilation!, out var output, out _);
        using var image = new MemoryStream();
        var emit = output.Emit(image);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    }

    private static object? TypeInfo(Type context, Type type)
    {
        var instance = context.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return context.GetMethod("GetTypeInfo", new[] { typeof(Type) })!.Invoke(instance, new object[] { type });
    }

    /// <summary>Reads <paramref name="json"/> as <paramref name="type"/> and writes it back through the Lambda serializer.</summary>
    private static string RoundTrip(Type context, Type type, string json)
    {
        var serializerType = typeof(Amazon.Lambda.Serialization.SystemTextJson.SourceGeneratorLambdaJsonSerializer<>).MakeGenericType(context);
        var serializer = Activator.CreateInstance(serializerType)!;
        try
        {
            var value = serializerType.GetMethod("Deserialize")!.MakeGenericMethod(type).Invoke(serializer, new object[] { new MemoryStream(Encoding.UTF8.GetBytes(json)) });
            using var output = new MemoryStream();
            serializerType.GetMethod("Serialize")!.MakeGenericMethod(type).Invoke(serializer, new[] { value, output });
            return Encoding.UTF8.GetString(output.ToArray());
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
