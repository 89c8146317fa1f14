using System.Collections.Generic;
using System.Linq;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Tests.Infrastructure;
using LambdaAnalyzers.Tests.Infrastructure.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Tests.Handlers;

/// <summary>Handlers given to bootstrap builders, with the serializer passed beside them.</summary>
public sealed class BootstrapHandlerTests
{
    private const string Source = """
        using System.IO;
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using Amazon.Lambda.RuntimeSupport;
        using Amazon.Lambda.Serialization.SystemTextJson;
        using LambdaAnalyzers.Runtime;

        public class Order { }
        public class Receipt { }
        [System.Text.Json.Serialization.JsonSerializable(typeof(Order))]
        public partial class ShopContext : System.Text.Json.Serialization.JsonSerializerContext { }

        public static class Program
        {
            public static Receipt Handle(Order order, ILambdaContext context) => new Receipt();

            public static async Task Main()
            {
                var a = LambdaBootstrapBuilder.Create<Order, Receipt>(Handle, new DefaultLambdaJsonSerializer());
                var b = LambdaBootstrapBuilder.Create((Stream input, ILambdaContext context) => input);
                var c = HandlerWrapper.GetHandlerWrapper<Order>(Local, new Amazon.Lambda.Serialization.Json.JsonSerializer());
                var d = LambdaBootstrapBuilder.Create<Order, Receipt>(Handle, new SourceGeneratorLambdaJsonSerializer<ShopContext>());
                await LambdaRuntime.RunAsync((invocation, response, token) => default);
                var notABootstrap = System.Threading.Tasks.Task.Run(() => 1);

                void Local(Order order) { }
            }
        }
        """;

    [Fact]
    public void Finds_each_bootstrap_handler_with_its_serializer()
    {
        var found = Handlers();
        Assert.Equal(5, found.Count);

        Assert.Equal(("Handle", SerializerKind.SystemTextJsonReflection), (found[0].Method!.Name, found[0].Serializer.Kind));
        Assert.Equal(MethodKind.AnonymousFunction, found[1].Method!.MethodKind);
        Assert.Equal(SerializerKind.None, found[1].Serializer.Kind);
        Assert.Equal(("Local", MethodKind.LocalFunction, SerializerKind.Newtonsoft), (found[2].Method!.Name, found[2].Method!.MethodKind, found[2].Serializer.Kind));
        Assert.Equal(SerializerKind.SystemTextJsonSourceGenerated, found[3].Serializer.Kind);
        Assert.Equal("ShopContext", found[3].Serializer.Context!.Name);
        Assert.Equal(MethodKind.AnonymousFunction, found[4].Method!.MethodKind);
    }

    [Fact]
    public void Ignores_other_calls_taking_delegates() =>
        Assert.DoesNotContain(Handlers(), h => h.Call.TargetMethod.Name == "Run");

    private const string Fields = """
        using System;
        using System.Threading.Tasks;
        using Amazon.Lambda.Core;
        using Amazon.Lambda.RuntimeSupport;
        using Amazon.Lambda.Serialization.SystemTextJson;

        public class Order { }
        public class Receipt { }

        public class Host
        {
            private static readonly Func<Order, ILambdaContext, Receipt> Initialised = Handle;
            private readonly Func<Order, ILambdaContext, Receipt> _fromConstructor;
            private readonly Func<Order, ILambdaContext, Receipt> _twice = Handle;
            private static Func<Order, ILambdaContext, Receipt> s_writable = Handle;
            private static Func<Order, ILambdaContext, Receipt> Property { get; } = Handle;

            public Host() { _fromConstructor = Handle; _twice = Other; }

            public void Start()
            {
                LambdaBootstrapBuilder.Create(Initialised, new DefaultLambdaJsonSerializer());
                LambdaBootstrapBuilder.Create(_fromConstructor, new DefaultLambdaJsonSerializer());
                LambdaBootstrapBuilder.Create(Property, new DefaultLambdaJsonSerializer());
                LambdaBootstrapBuilder.Create(_twice, new DefaultLambdaJsonSerializer());
                LambdaBootstrapBuilder.Create(s_writable, new DefaultLambdaJsonSerializer());
            }

            public static Receipt Handle(Order order, ILambdaContext context) => new Receipt();
            public static Receipt Other(Order order, ILambdaContext context) => new Receipt();
        }
        """;

    [Fact]
    public void Follows_read_only_fields_and_properties_given_a_value_once()
    {
        var found = Handlers(Fields);
        Assert.Equal(3, found.Count);
        Assert.All(found, h => Assert.Equal("Handle", h.Method!.Name));
        Assert.Equal(new[] { "Initialised", "_fromConstructor", "Property" }, found.Select(h => h.Argument.Value.Syntax.ToString()));
    }

    private static List<BootstrapHandler> Handlers(string source = Source)
    {
        var compilation = GeneratorHarness.Compile(TestReferences.LambdaProject, source);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var types = WellKnownTypes.For(compilation).Lambda;
        return tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(i => model.GetOperation(i) as IInvocationOperation)
            .Where(i => i is not null)
            .Select(i => BootstrapHandler.From(i!, types, compilation, default))
            .Where(h => h is not null)
            .Select(h => h!)
            .ToList();
    }
}
