using System;
using System.IO;
using System.Linq.Expressions;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.RuntimeSupport;
using Amazon.Lambda.Serialization.SystemTextJson;
using Amazon.Lambda.StandIns.Tests.Serialization;
using Xunit;

namespace Amazon.Lambda.StandIns.Tests.DeclarationOnly;

// Overload resolution is what analyzer tests depend on; expression trees show the chosen overload
// without running anything.
public class RuntimeSupportTests
{
    [Fact]
    public void Create_binds_a_typed_handler_with_serializer_to_the_input_and_output_overload()
    {
        Func<Order, ILambdaContext, string> handler = (order, _) => order.OrderId ?? string.Empty;

        var create = ChosenOverload(() => LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()));

        Assert.Equal(new[] { typeof(Order), typeof(string) }, create.GetGenericArguments());
    }

    [Fact]
    public void Create_binds_an_input_only_async_handler_to_the_input_overload()
    {
        Func<Order, Task> handler = _ => Task.CompletedTask;

        var create = ChosenOverload(() => LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()));

        Assert.Equal(new[] { typeof(Order) }, create.GetGenericArguments());
        Assert.Equal(typeof(Func<Order, Task>), create.GetParameters()[0].ParameterType);
    }

    [Fact]
    public void Create_binds_a_stream_handler_without_serializer_to_a_non_generic_overload()
    {
        Func<Stream, ILambdaContext, Stream> handler = (input, _) => input;

        var create = ChosenOverload(() => LambdaBootstrapBuilder.Create(handler));

        Assert.False(create.IsGenericMethod);
    }

    [Fact]
    public void Builder_and_wrapper_offer_the_same_handler_shapes()
    {
        static string[] Shapes(Type type, string name) => Array.ConvertAll(
            Array.FindAll(type.GetMethods(), m => m.Name == name),
            m => string.Join(", ", Array.ConvertAll(m.GetParameters(), p => p.ParameterType.ToString())));

        var builder = Shapes(typeof(LambdaBootstrapBuilder), nameof(LambdaBootstrapBuilder.Create));
        var wrapper = Shapes(typeof(HandlerWrapper), nameof(HandlerWrapper.GetHandlerWrapper));

        Assert.Equal(37, builder.Length);
        Assert.Equal(new System.Collections.Generic.SortedSet<string>(builder, StringComparer.Ordinal), new System.Collections.Generic.SortedSet<string>(wrapper, StringComparer.Ordinal));
    }

    [Fact]
    public void RunAsync_takes_an_optional_cancellation_token()
    {
        var runAsync = typeof(LambdaBootstrap).GetMethod(nameof(LambdaBootstrap.RunAsync))!;

        Assert.True(runAsync.GetParameters()[0].HasDefaultValue);
        Assert.Equal(typeof(Task), runAsync.ReturnType);
    }

    private static System.Reflection.MethodInfo ChosenOverload(Expression<Func<LambdaBootstrapBuilder>> call) =>
        ((MethodCallExpression)call.Body).Method;
}
