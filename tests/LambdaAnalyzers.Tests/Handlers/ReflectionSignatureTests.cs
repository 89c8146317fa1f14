using System.Linq;
using System.Reflection;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Tests.Handlers;

/// <summary>
/// The signature form handler strings use must be exactly what MethodInfo.ToString() prints: the
/// test compiles methods, loads them, and compares our formatting with reflection's.
/// </summary>
public sealed class ReflectionSignatureTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;

        namespace Shop.Functions
        {
            public class Order { }
            public class Box<T> { public class Lid { } }

            public class Function
            {
                public class Request { }
                public struct Point { }

                public string Handle(string input) => input;
                public int Count(int value, long other, bool flag, double ratio) => value;
                public void Nothing() { }
                public Task<Order> HandleAsync(Order order, IDictionary<string, int> tags) => Task.FromResult(order);
                public Task Run(Request request) => Task.CompletedTask;
                public Point[] Points(Point[] points, int[] ids, string[] names, int[,] grid) => points;
                public Stream Raw(Stream input, IntPtr handle) => input;
                public Task<Request> Nested(List<Request> requests, Box<Order>.Lid lid) => Task.FromResult(new Request());
                public T Generic<T, U>(T value, U other) => value;
                public ValueTask<int?> Maybe(decimal amount, char c, DateTime when) => default;
                public void ByRef(ref int count, out string text, in long big) { text = ""; }
                public Tuple<int, string> Pair((int, string) tuple) => Tuple.Create(1, "");
            }
        }
        """;

    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        foreach (var name in new[] { "Handle", "Count", "Nothing", "HandleAsync", "Run", "Points", "Raw", "Nested", "Generic", "Maybe", "ByRef", "Pair" })
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Formats_like_MethodInfo_ToString(string name)
    {
        var compilation = GeneratorHarness.Compile(TestReferences.Framework, Source);
        var symbol = compilation.GetTypeByMetadataName("Shop.Functions.Function")!.GetMembers(name).OfType<IMethodSymbol>().Single();
        var assembly = GeneratorHarness.Load(compilation);
        var method = assembly.GetType("Shop.Functions.Function", throwOnError: true)!
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Single(m => m.Name == name);

        Assert.Equal(method.ToString(), ReflectionSignature.Format(symbol));
    }

    [Theory]
    [InlineData("Shop.Functions.Function")]
    [InlineData("Shop.Functions.Function+Request")]
    [InlineData("Shop.Functions.Box`1")]
    [InlineData("Shop.Functions.Box`1+Lid")]
    public void Type_names_are_what_Assembly_GetType_takes(string name)
    {
        var compilation = GeneratorHarness.Compile(TestReferences.Framework, Source);
        var assembly = GeneratorHarness.Load(compilation);
        var type = assembly.GetType(name, throwOnError: true)!;
        var symbol = compilation.Assembly.GetTypeByMetadataName(name)!;

        Assert.Equal(type.FullName, ReflectionSignature.TypeName(symbol));
    }

    [Fact]
    public void Example_from_the_documentation() =>
        Assert.Equal(
            "System.String Handle(System.String)",
            ReflectionSignature.Format(GeneratorHarness.Compile(TestReferences.Framework, Source)
                .GetTypeByMetadataName("Shop.Functions.Function")!.GetMembers("Handle").OfType<IMethodSymbol>().Single()));
}
