namespace LambdaAnalyzers.Generators.HandlerWiring;

/// <summary>One <c>[LambdaHandler]</c> method, as the emitter needs it: names and type names only, no symbols.</summary>
internal sealed record HandlerSpec(
    string Name,
    string ClassName,
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
    string? SerializerType);

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

/// <summary>The <c>ILambdaContext</c> of the user's Amazon.Lambda.Core: its abstract properties, which the generated adapter implements.</summary>
internal sealed record ContextSpec(string InterfaceType, string LoggerType, EquatableArray<ContextProperty> Properties);

internal sealed record ContextProperty(string Name, string Type);

/// <summary>Whether and how to emit a bootstrap <c>Main</c>.</summary>
internal sealed record BootstrapSpec(bool IsExecutable, bool HasUserEntryPoint, bool Enabled);
