using LambdaAnalyzers.KnownTypes;

namespace LambdaAnalyzers.Generators.HandlerWiring;

/// <summary>One <c>[LambdaHandler]</c> method, as the emitter needs it: names and type names only, no symbols.</summary>
/// <param name="InputUnresolved">The input type when it does not bind in the generator's input: it may be a generated event type.</param>
/// <param name="OutputUnresolved">The same for the output type.</param>
/// <param name="JsonContext">The <c>TContext</c> of a <c>SourceGeneratorLambdaJsonSerializer&lt;TContext&gt;</c> in force.</param>
/// <param name="InputEvent">How a generated event input is read (set by <see cref="HandlerWiringParser.Resolve"/>).</param>
/// <param name="OutputEvent">How a generated event output is written.</param>
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
    bool Streaming,
    UnresolvedType? InputUnresolved = null,
    UnresolvedType? OutputUnresolved = null,
    string? JsonContext = null,
    EventSerialization? InputEvent = null,
    EventSerialization? OutputEvent = null);

/// <summary>
/// A handler's input or output type that does not bind: its name, and for a generic one its type argument (by name
/// when it does not bind either, else fully qualified).
/// </summary>
internal sealed record UnresolvedType(string Name, string? Argument, bool ArgumentUnresolved);

/// <summary>
/// How an invoker reads or writes a generated event type: through <paramref name="Resolver"/> (an expression), combined
/// with the user's <paramref name="Context"/> when the type carries a user type (<c>CloudWatchEvent&lt;OrderPlaced&gt;</c>).
/// </summary>
internal sealed record EventSerialization(string Type, string Resolver, string? Context);

/// <summary>
/// What the parser made of one <c>[LambdaHandler]</c> method: a handler to wire, or none when its shape cannot be wired
/// (<see cref="Handlers.HandlerShape"/>; LAM0400 and the runtime-shape rules report why). Whether a serializer is missing
/// is decided once the handler's types are matched with the generated event types (<see cref="HandlerWiringParser.Resolve"/>).
/// </summary>
internal sealed record ParsedHandler(HandlerSpec? Spec)
{
    public static readonly ParsedHandler Skipped = new((HandlerSpec?)null);
}

/// <summary>How a handler's input or output crosses the Runtime API.</summary>
internal enum ValueKind
{
    /// <summary>No input parameter, or a <c>void</c>/<c>Task</c>/<c>ValueTask</c> result: an empty response body.</summary>
    None,

    /// <summary>The raw payload, or a stream copied to the response.</summary>
    Stream,

    /// <summary>Converted by the serializer in force.</summary>
    Serialized,

    /// <summary>A type the events generator writes, converted through its resolver whatever the serializer in force.</summary>
    GeneratedEvent,
}

/// <summary>
/// The context interfaces of the user's Amazon.Lambda.Core, whose abstract properties the generated adapters
/// implement: <c>ILambdaContext</c>, <c>ILambdaLogger</c> (and whether it has the levelled <c>Log(string, string)</c>
/// of Amazon.Lambda.Core 2.2+, and the parameter types of its message-template overloads
/// <c>Log(level, message, params args)</c> and <c>Log(level, exception, message, params args)</c> when it has them), and
/// the client-context and Cognito interfaces when the version has them.
/// </summary>
internal sealed record ContextSpec(
    InterfaceSpec Context,
    string LoggerType,
    bool LoggerTakesLevel,
    EquatableArray<string> LoggerTemplate,
    EquatableArray<string> LoggerExceptionTemplate,
    InterfaceSpec? ClientContext,
    InterfaceSpec? ClientApplication,
    InterfaceSpec? CognitoIdentity);

/// <summary>An interface and its abstract properties.</summary>
internal sealed record InterfaceSpec(string Type, EquatableArray<ContextProperty> Properties);

internal sealed record ContextProperty(string Name, string Type);

/// <summary>
/// The compilation-wide facts the generator needs, as one equatable step: whether LambdaAnalyzers.Runtime is
/// referenced, the user's Amazon.Lambda.Core context interfaces (<see cref="ContextSpec"/>), what the project
/// builds, and whether a bootstrap <c>Main</c> may be generated.
/// </summary>
/// <param name="HasUserEntryPoint">The executable has an entry point of its own: a static <c>Main</c>, top-level statements, or the
/// <c>Main</c> Amazon.Lambda.Annotations generates (<c>[assembly: LambdaGlobalProperties(GenerateMain = true)]</c>).</param>
/// <param name="MainEnabled">The MSBuild property <c>LambdaAnalyzersGenerateMain</c> is not <c>false</c>.</param>
internal sealed record ProjectSpec(bool RuntimeReferenced, ContextSpec? Context, bool IsExecutable, bool HasUserEntryPoint, bool MainEnabled);

/// <summary>Whether and how to emit a bootstrap <c>Main</c>.</summary>
internal sealed record BootstrapSpec(bool IsExecutable, bool HasUserEntryPoint, bool Enabled);
