using System.Linq;
using System.Threading;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Serialization;
using LambdaAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LambdaAnalyzers.Tests.Serialization;

public sealed class SerializationModelTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        public interface IShape { string Name { get; } Action? OnDraw { get; } }
        public class Drawing { public IShape? Main { get; set; } public List<Drawing> Children { get; set; } = new(); public int Legacy; }
        public class Shared { public Action? Callback { get; set; } }
        public class A { public Shared? One { get; set; } }
        public class B { public Shared? Two { get; set; } }
        """;

    private static (Compilation Compilation, SerializationModel Model) ModelFor(string serializer)
    {
        var compilation = CSharpCompilation.Create(
            "Model",
            new[] { CSharpSyntaxTree.ParseText(Source) },
            TestReferences.LambdaProject,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var serializerInForce = SerializerInForce.FromType(compilation.GetTypeByMetadataName(serializer));
        var profile = SerializerProfile.For(serializerInForce, WellKnownTypes.For(compilation).Serialization)!;
        return (compilation, SerializationModel.For(compilation, profile));
    }

    private static ITypeSymbol Type(Compilation compilation, string name) => compilation.GetTypeByMetadataName(name)!;

    [Fact]
    public void Writes_interfaces_by_their_declared_members_but_cannot_read_them()
    {
        var (compilation, model) = ModelFor("Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer");
        var drawing = Type(compilation, "Drawing");

        var written = model.Problems(drawing, Direction.Write, CancellationToken.None);
        var read = model.Problems(drawing, Direction.Read, CancellationToken.None);

        Assert.Contains(written, p => p.Kind == ProblemKind.Delegate && p.Finding == "Drawing.Main.OnDraw: System.Action?");
        Assert.Contains(read, p => p.Kind == ProblemKind.AbstractWithoutPolymorphism && p.Finding == "Drawing.Main: IShape?");
        Assert.DoesNotContain(read, p => p.Kind == ProblemKind.Delegate);
    }

    [Fact]
    public void Follows_the_serializer_in_force_for_fields()
    {
        var (stjCompilation, stj) = ModelFor("Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer");
        var (newtonsoftCompilation, newtonsoft) = ModelFor("Amazon.Lambda.Serialization.Json.JsonSerializer");

        Assert.Contains(stj.Problems(Type(stjCompilation, "Drawing"), Direction.Write, CancellationToken.None), p => p.Kind == ProblemKind.FieldSkipped);
        Assert.DoesNotContain(newtonsoft.Problems(Type(newtonsoftCompilation, "Drawing"), Direction.Write, CancellationToken.None), p => p.Kind == ProblemKind.FieldSkipped);
    }

    [Fact]
    public void Shares_type_shapes_and_findings_within_a_compilation()
    {
        var (compilation, model) = ModelFor("Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer");
        var shared = Type(compilation, "Shared");

        Assert.Same(model.ShapeOf(shared), model.ShapeOf(shared));
        var first = model.Problems(Type(compilation, "A"), Direction.Write, CancellationToken.None);
        Assert.Equal(first, model.Problems(Type(compilation, "A"), Direction.Write, CancellationToken.None));
        Assert.Equal("A.One.Callback: System.Action?", Assert.Single(first).Finding);
        Assert.Equal("B.Two.Callback: System.Action?", Assert.Single(model.Problems(Type(compilation, "B"), Direction.Write, CancellationToken.None)).Finding);
    }

    [Fact]
    public void Recursive_types_are_visited_once()
    {
        var (compilation, model) = ModelFor("Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer");
        var problems = model.Problems(Type(compilation, "Drawing"), Direction.Write, CancellationToken.None);

        Assert.Single(problems.Where(p => p.Kind == ProblemKind.FieldSkipped));
    }

    [Fact]
    public void Custom_serializers_have_no_profile()
    {
        var compilation = CSharpCompilation.Create(
            "Custom",
            new[] { CSharpSyntaxTree.ParseText("public class Mine : Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer { }") },
            TestReferences.LambdaProject);
        var serializer = SerializerInForce.FromType(compilation.GetTypeByMetadataName("Mine"));

        Assert.Null(SerializerProfile.For(serializer, WellKnownTypes.For(compilation).Serialization));
    }
}
