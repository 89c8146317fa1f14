using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.KnownTypes;

/// <summary>
/// Lambda and framework types the handler rules need, resolved by metadata name once per
/// compilation. Amazon.Lambda.* types are null in projects that do not reference them; rules that
/// need one stay silent then.
/// </summary>
internal sealed class LambdaTypes
{
    private LambdaTypes(Compilation compilation)
    {
        ILambdaContext = WellKnownTypes.Find(compilation, "Amazon.Lambda.Core.ILambdaContext");
        ILambdaSerializer = WellKnownTypes.Find(compilation, "Amazon.Lambda.Core.ILambdaSerializer");
        LambdaSerializerAttribute = WellKnownTypes.Find(compilation, "Amazon.Lambda.Core.LambdaSerializerAttribute");
        LambdaHandlerAttribute = WellKnownTypes.Find(compilation, "LambdaAnalyzers.Runtime.LambdaHandlerAttribute");
        LambdaFunctionAttribute = WellKnownTypes.Find(compilation, "Amazon.Lambda.Annotations.LambdaFunctionAttribute");
        LambdaBootstrapBuilder = WellKnownTypes.Find(compilation, "Amazon.Lambda.RuntimeSupport.LambdaBootstrapBuilder");
        HandlerWrapper = WellKnownTypes.Find(compilation, "Amazon.Lambda.RuntimeSupport.HandlerWrapper");
        LambdaBootstrap = WellKnownTypes.Find(compilation, "Amazon.Lambda.RuntimeSupport.LambdaBootstrap");
        LambdaRuntime = WellKnownTypes.Find(compilation, "LambdaAnalyzers.Runtime.LambdaRuntime");
        LambdaEventSource = WellKnownTypes.Find(compilation, "Microsoft.Extensions.DependencyInjection.LambdaEventSource");
        AbstractAspNetCoreFunction = WellKnownTypes.Find(compilation, "Amazon.Lambda.AspNetCoreServer.AbstractAspNetCoreFunction");
        LambdaExtension = WellKnownTypes.Find(compilation, "LambdaAnalyzers.Runtime.LambdaExtension");
        Stream = WellKnownTypes.Find(compilation, "System.IO.Stream");
        Task = WellKnownTypes.Find(compilation, "System.Threading.Tasks.Task");
        TaskOfT = WellKnownTypes.Find(compilation, "System.Threading.Tasks.Task`1");
        ValueTask = WellKnownTypes.Find(compilation, "System.Threading.Tasks.ValueTask");
        ValueTaskOfT = WellKnownTypes.Find(compilation, "System.Threading.Tasks.ValueTask`1");
        IAsyncEnumerableOfT = WellKnownTypes.Find(compilation, "System.Collections.Generic.IAsyncEnumerable`1");
    }

    public INamedTypeSymbol? ILambdaContext { get; }

    public INamedTypeSymbol? ILambdaSerializer { get; }

    public INamedTypeSymbol? LambdaSerializerAttribute { get; }

    /// <summary>Our <c>[LambdaHandler]</c> (LambdaAnalyzers.Runtime).</summary>
    public INamedTypeSymbol? LambdaHandlerAttribute { get; }

    /// <summary>Amazon.Lambda.Annotations' <c>[LambdaFunction]</c>.</summary>
    public INamedTypeSymbol? LambdaFunctionAttribute { get; }

    public INamedTypeSymbol? LambdaBootstrapBuilder { get; }

    public INamedTypeSymbol? HandlerWrapper { get; }

    /// <summary>What <c>LambdaBootstrapBuilder.Build()</c> returns; its <c>RunAsync</c> is the Runtime API loop.</summary>
    public INamedTypeSymbol? LambdaBootstrap { get; }

    public INamedTypeSymbol? LambdaRuntime { get; }

    /// <summary>Amazon.Lambda.AspNetCoreServer.Hosting's event-source enum, the parameter that marks <c>AddAWSLambdaHosting</c>.</summary>
    public INamedTypeSymbol? LambdaEventSource { get; }

    /// <summary>Amazon.Lambda.AspNetCoreServer's base of <c>APIGatewayProxyFunction</c>, <c>ApplicationLoadBalancerFunction</c>, ...</summary>
    public INamedTypeSymbol? AbstractAspNetCoreFunction { get; }

    /// <summary>Our extension client (LambdaAnalyzers.Runtime): a program that registers with it is a Lambda extension.</summary>
    public INamedTypeSymbol? LambdaExtension { get; }

    public INamedTypeSymbol? Stream { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? IAsyncEnumerableOfT { get; }

    public static LambdaTypes From(Compilation compilation) => new(compilation);

    /// <summary>
    /// <c>services.AddAWSLambdaHosting(LambdaEventSource…)</c> (Amazon.Lambda.AspNetCoreServer.Hosting): the
    /// ASP.NET Core host then runs the Lambda runtime loop and serves each invoke through the app.
    /// </summary>
    public bool IsAwsLambdaHosting(IMethodSymbol method)
    {
        if (LambdaEventSource is null || method.Name != "AddAWSLambdaHosting")
        {
            return false;
        }

        foreach (var parameter in method.Parameters)
        {
            if (TypeChecks.Is(parameter.Type, LambdaEventSource))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A subclass of Amazon.Lambda.AspNetCoreServer's function base: its inherited handler runs an ASP.NET Core app per invoke.</summary>
    public bool IsAspNetCoreFunction(ITypeSymbol? type) =>
        AbstractAspNetCoreFunction is not null && TypeChecks.InheritsFrom(type, AbstractAspNetCoreFunction);

    public bool IsStream(ITypeSymbol? type) => TypeChecks.Is(type, Stream);

    /// <summary><c>Stream</c> or a subclass.</summary>
    public bool IsStreamOrDerived(ITypeSymbol? type) => TypeChecks.InheritsFrom(type, Stream);

    public bool IsLambdaContext(ITypeSymbol? type) => TypeChecks.Is(type, ILambdaContext);

    /// <summary>A constructed <c>IAsyncEnumerable&lt;T&gt;</c>.</summary>
    public bool IsAsyncEnumerable(ITypeSymbol? type) => type is INamedTypeSymbol named && TypeChecks.IsGeneric(named, IAsyncEnumerableOfT);

    /// <summary><c>ILambdaContext</c> or a class implementing it (a test context, a wrapper).</summary>
    public bool IsOrImplementsLambdaContext(ITypeSymbol? type) =>
        TypeChecks.Is(type, ILambdaContext) || TypeChecks.Implements(type, ILambdaContext);
}
