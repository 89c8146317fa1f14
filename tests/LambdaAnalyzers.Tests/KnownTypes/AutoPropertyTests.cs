using System.Linq;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LambdaAnalyzers.Tests.KnownTypes;

/// <summary>The one auto-property test: a property is one when the compiler made a backing field for it.</summary>
public sealed class AutoPropertyTests
{
    private const string Source = """
        public class Order
        {
            private string _note = "";

            public string Id { get; set; } = "";
            public string Region { get; init; } = "";
            public int Version { get; } = 1;
            public static int Count { get; set; }
            public string Upper => Id.ToUpperInvariant();
            public string Note { get => _note; set => _note = value; }
            public string Trimmed { get { return _note; } set { _note = value.Trim(); } }
        }

        public abstract class Base
        {
            public abstract string Name { get; }
            public virtual string Label { get; set; } = "";
        }

        public sealed class Derived : Base
        {
            public override string Name { get; } = "derived";
            public override string Label { get => base.Label; set => base.Label = value; }
        }

        public interface IOrder
        {
            string Id { get; }
        }

        public struct Point
        {
            public int X { get; set; }
            public readonly int Y => X;
        }

        public record Line(string Text);
        """;

    [Theory]
    [InlineData("Order.Id", true)]
    [InlineData("Order.Region", true)]
    [InlineData("Order.Version", true)]
    [InlineData("Order.Count", true)]
    [InlineData("Order.Upper", false)]
    [InlineData("Order.Note", false)]
    [InlineData("Order.Trimmed", false)]
    [InlineData("Base.Name", false)]
    [InlineData("Base.Label", true)]
    [InlineData("Derived.Name", true)]
    [InlineData("Derived.Label", false)]
    [InlineData("IOrder.Id", false)]
    [InlineData("Point.X", true)]
    [InlineData("Point.Y", false)]
    [InlineData("Line.Text", true)]
    public void Tells_auto_properties_by_their_backing_field(string property, bool expected) =>
        Assert.Equal(expected, AutoProperty.Is(Property(Compile(Source), property)));

    [Fact]
    public void A_property_of_a_referenced_assembly_is_not_seen_as_one()
    {
        // Its private backing field is not imported from metadata.
        var library = Compile(Source);
        using var image = new System.IO.MemoryStream();
        Assert.True(library.Emit(image).Success);
        var consumer = CSharpCompilation.Create("Consumer", references: TestReferences.LambdaProject.Add(MetadataReference.CreateFromImage(image.ToArray())));
        var order = consumer.GetTypeByMetadataName("Order")!;

        Assert.False(AutoProperty.Is(order.GetMembers("Id").OfType<IPropertySymbol>().Single()));
    }

    [Fact]
    public void A_property_using_the_field_keyword_is_one_where_the_compiler_knows_the_keyword()
    {
        const string cached = "public class Cached { public string Name { get => field; set => field = value.Trim(); } }";
        var compilation = CSharpCompilation.Create(
            "Cached",
            new[] { CSharpSyntaxTree.ParseText(cached, new CSharpParseOptions(LanguageVersion.Preview)) },
            TestReferences.LambdaProject,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var name = Property(compilation, "Cached.Name");
        var backingField = compilation.GetTypeByMetadataName("Cached")!.GetMembers().OfType<IFieldSymbol>()
            .Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, name));

        // A compiler without the keyword (C# 14; the test compiler may predate it) binds 'field' to nothing (CS0103) and
        // makes no backing field; one with it makes one, and the property is then an auto-property.
        Assert.Equal(!compilation.GetDiagnostics().Any(d => d.Id == "CS0103"), backingField);
        Assert.Equal(backingField, AutoProperty.Is(name));
    }

    private static Compilation Compile(string source, LanguageVersion version = LanguageVersion.CSharp12)
    {
        var compilation = GeneratorHarness.Compile(TestReferences.LambdaProject, source);
        compilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(version)));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }

    private static IPropertySymbol Property(Compilation compilation, string typeAndProperty)
    {
        var dot = typeAndProperty.IndexOf('.', System.StringComparison.Ordinal);
        return compilation.GetTypeByMetadataName(typeAndProperty.Substring(0, dot))!
            .GetMembers(typeAndProperty.Substring(dot + 1)).OfType<IPropertySymbol>().Single();
    }
}
