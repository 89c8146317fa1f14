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
        ILambdaContext = compilation.GetTypeByMetadataName("Amazon.Lambda.Core.ILambdaContext");
        ILambdaSerializer = compilation.GetTypeByMetadataName("Amazon.Lambda.Core.ILambdaSerializer");
        LambdaSerializerAttribute = compilation.GetTypeByMetadataName("Amazon.Lambda.Core.LambdaSerializerAttribute");
        LambdaHandlerAttribute = compilation.GetTypeByMetadataName("LambdaAnalyzers.Runtime.LambdaHandlerAttribute");
        LambdaFunctionAttribute = compilation.GetTypeByMetadataName("Amazon.Lambda.Annotations.LambdaFunctionAttribute");
        LambdaBootstrapBuilder = compilation.GetTypeByMetadataName("Amazon.Lambda.RuntimeSupport.LambdaBootstrapBuilder");
        HandlerWrapper = compilation.GetTypeByMetadataName("Amazon.Lambda.RuntimeSupport.HandlerWrapper");
        LambdaBootstrap = compilation.GetTypeByMetadataName("Amazon.Lambda.RuntimeSupport.LambdaBootstrap");
        LambdaRuntime = compilation.GetTypeByMetadataName("LambdaAnalyzers.Runtime.LambdaRuntime");
        LambdaExtension = compilation.GetTypeByMetadataName("LambdaAnalyzers.Runtime.LambdaExtension");
        Stream = compilation.GetTypeByMetadataName("System.IO.Stream");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        IAsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
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

    /// <summary>Our extension client (LambdaAnalyzers.Runtime): a program that registers with it is a Lambda extension.</summary>
    public INamedTypeSymbol? LambdaExtension { get; }

    public INamedTypeSymbol? Stream { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? IAsyncEnumerableOfT { get; }

    public static LambdaTypes From(Compilation compilation) => new(compilation);

    public bool IsStream(ITypeSymbol? type) => TypeChecks.Is(type, Stream);

    /// <summary><c>Stream</c> or a subclass.</summary>
    public bool IsStreamOrDerived(ITypeSymbol? type) => TypeChecks.InheritsFrom(type, Stream);

    public bool IsLambdaContext(ITypeSymbol? type) => TypeChecks.Is(type, ILambdaContext);

    /// <summary>A constructed <c>IAsyncEnumerable&lt;T&gt;</c>.</summary>
    public bool IsAsyncEnumerable(ITypeSymbol? type) => type is INamedTypeSymbol named && TypeChecks.IsGeneric(named, IAsyncEnumerableOfT);

    /// <summary><c>ILambdaContext</c> or a class implementing it (a test context, a wrapper).</summary>
    public bool IsOrImplementsLambdaContext(ITypeSymbol? type) =>
        TypeChecks.Is(type, ILambdaContext) || TypeChecks.Implements(type, ILambdaContext);

    public bool IsTask(ITypeSymbol? type) => TypeChecks.Is(type, Task);

    public bool IsValueTask(ITypeSymbol? type) => TypeChecks.Is(type, ValueTask);

    /// <summary><c>Task&lt;T&gt;</c> (or a subclass, which the managed runtime also awaits): its <c>T</c>.</summary>
    public ITypeSymbol? TaskResult(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (TypeChecks.IsGeneric(current, TaskOfT))
            {
                return current.TypeArguments[0];
            }
        }

        return null;
    }

    public ITypeSymbol? ValueTaskResult(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && TypeChecks.IsGeneric(named, ValueTaskOfT) ? named.TypeArguments[0] : null;
}
