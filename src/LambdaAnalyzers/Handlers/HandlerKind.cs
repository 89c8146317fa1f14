namespace LambdaAnalyzers.Handlers;

/// <summary>How a handler is run, which decides the rules that apply to it (docs/architecture.md, "The handler model").</summary>
internal enum HandlerKind
{
    /// <summary>Loaded by the managed .NET runtime from a class-library handler string: every runtime-shape rule applies.</summary>
    RuntimeLoaded,

    /// <summary><c>[LambdaHandler]</c> in an executable project: run by our generated bootstrap, which awaits <c>ValueTask</c>.</summary>
    GeneratedBootstrap,

    /// <summary>Amazon.Lambda.Annotations' <c>[LambdaFunction]</c>: the deployed handler is Annotations' generated wrapper.</summary>
    Annotations,
}
