namespace LambdaAnalyzers.Generators.HandlerWiring;

/// <summary>One <c>[LambdaHandler]</c> method, as the emitter needs it: names and type names only, no symbols.</summary>
internal sealed record HandlerSpec(
    string Name,
    string ClassName,
    string OrderKey,
    string HandlerString,
    string ContainingType,
    string MethodName,
    bool IsStatic,
    ValueKind Input,
    string? InputType,
    bool TakesContext,
    bool InputFirst,
    AwaitKind Await,
    ValueKind Output,
    string? OutputType,
    string? SerializerType,
    bool Streaming);

/// <summary>What the parser made of one <c>[LambdaHandler]</c> method: a handler to wire, or why it is skipped.</summary>
internal sealed record ParsedHandler(HandlerSpec? Spec, SkippedHandler? Skipped);

/// <summary>A <c>[LambdaHandler]</c> method the generator cannot wire (reported as LAM0400).</summary>
internal sealed record SkippedHandler(string Method, string Reason, LocationInfo? Location);

/// <summary>How a handler's input or output crosses the Runtime API.</summary>
internal enum ValueKind
{
    /// <summary>No input parameter, or a <c>void</c>/<c>Task</c>/<c>ValueTask</c> result: an empty response body.</summary>
    None,

    /// <summary>The raw payload, or a stream copied to the response.</summary>
    Stream,

    /// <summary>Converted by the serializer in force.</summary>
    Serialized,
}

/// <summary>What the invoker awaits.</summary>
internal enum AwaitKind
{
    None,
    Task,
    ValueTask,
}

/// <summary>
/// The context interfaces of the user's Amazon.Lambda.Core, whose abstract properties the generated adapters
/// implement: <c>ILambdaContext</c>, <c>ILambdaLogger</c> (and whether it has the levelled <c>Log(string, string)</c>
/// of Amazon.Lambda.Core 2.2+), and the client-context and Cognito interfaces when the version has them.
/// </summary>
internal sealed record ContextSpec(
    InterfaceSpec Context,
    string LoggerType,
    bool LoggerTakesLevel,
    InterfaceSpec? ClientContext,
    InterfaceSpec? ClientApplication,
    InterfaceSpec? CognitoIdentity);

/// <summary>An interface and its abstract properties.</summary>
internal sealed record InterfaceSpec(string Type, EquatableArray<ContextProperty> Properties);

internal sealed record ContextProperty(string Name, string Type);

/// <summary>Whether and how to emit a bootstrap <c>Main</c>.</summary>
internal sealed record BootstrapSpec(bool IsExecutable, bool HasUserEntryPoint, bool Enabled);
