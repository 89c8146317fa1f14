namespace LambdaAnalyzers.Handlers;

/// <summary>
/// How a handler was found and how it is run, which decides the rules that apply to it: the
/// runtime-shape rules (LAM0002–LAM0008) look only at handlers the runtime is known to load; the
/// serialization rules (01xx) at every handler whose data goes through a Lambda serializer; the
/// lifecycle rules (02xx) at every kind (docs/architecture.md, "The handler model").
/// </summary>
internal enum HandlerKind
{
    /// <summary>Loaded by the managed .NET runtime from a class-library handler string: every runtime-shape rule applies.</summary>
    RuntimeLoaded,

    /// <summary><c>[LambdaHandler]</c> in an executable project: run by our generated bootstrap, which awaits <c>ValueTask</c>.</summary>
    GeneratedBootstrap,

    /// <summary>Amazon.Lambda.Annotations' <c>[LambdaFunction]</c>: the deployed handler is Annotations' generated wrapper.</summary>
    Annotations,

    /// <summary>
    /// A method group handed to a bootstrap builder (<c>LambdaBootstrapBuilder.Create</c>,
    /// <c>HandlerWrapper.GetHandlerWrapper</c>, <c>LambdaRuntime.RunAsync</c>), directly or through a
    /// local or read-only field. The serializer is the one passed beside it, not <c>[LambdaSerializer]</c>.
    /// </summary>
    BootstrapDelegate,

    /// <summary>
    /// An ASP.NET Core application run by Lambda (<c>AddAWSLambdaHosting</c>, an
    /// <c>APIGatewayProxyFunction</c> subclass): a controller action or a method group given to an
    /// endpoint (<c>MapGet</c>, ...). ASP.NET Core serializes its data, not a Lambda serializer.
    /// </summary>
    AspNetCore,

    /// <summary>
    /// Inferred in a Lambda project: a public method of a public type, with a shape the managed runtime
    /// accepts, whose last parameter is <c>ILambdaContext</c> or whose name is <c>FunctionHandler</c>, that
    /// no code of the compilation calls and whose type declares no handler otherwise (see
    /// <see cref="InferredHandlers"/>). Its deployment is not visible, so the runtime-shape rules stay away.
    /// </summary>
    Inferred,
}

/// <summary>What each <see cref="HandlerKind"/> implies.</summary>
internal static class HandlerKinds
{
    /// <summary>The handler's data goes through the serializer <c>[LambdaSerializer]</c> declares (on the method or its assembly).</summary>
    public static bool IsSerializedByAttribute(this HandlerKind kind) =>
        kind is HandlerKind.RuntimeLoaded or HandlerKind.GeneratedBootstrap or HandlerKind.Annotations or HandlerKind.Inferred;

    /// <summary>
    /// The instance the handler runs on is created per invoke (ASP.NET Core creates a controller per
    /// request); otherwise one instance serves every invoke.
    /// </summary>
    public static bool RunsOnFreshInstance(this HandlerKind kind) => kind == HandlerKind.AspNetCore;
}
