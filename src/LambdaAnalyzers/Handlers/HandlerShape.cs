using System.Collections.Immutable;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Handlers;

/// <summary>Who calls a handler method, which decides the shapes it accepts.</summary>
internal enum HandlerHost
{
    /// <summary>
    /// The managed .NET runtime, loading the method by a class-library handler string with reflection
    /// (docs/platform/handlers.md, "Accepted and rejected handlers"). It awaits only <c>Task</c>.
    /// </summary>
    ManagedRuntime,

    /// <summary>The invoker LambdaAnalyzers.Runtime's generator writes for a <c>[LambdaHandler]</c> method; it awaits <c>ValueTask</c> too.</summary>
    GeneratedWiring,
}

/// <summary>What is wrong with a handler's shape; each kind is one rule's finding.</summary>
internal enum ShapeProblemKind
{
    /// <summary>A signature the managed runtime rejects at Init (LAM0002).</summary>
    Signature,

    /// <summary><c>async void</c> (LAM0003).</summary>
    AsyncVoid,

    /// <summary>A type the managed runtime cannot create or use (LAM0005).</summary>
    Type,

    /// <summary>An input or output that needs a serializer when none is declared (LAM0006; LAM0400 for the generated wiring).</summary>
    Serializer,

    /// <summary>A <c>ValueTask</c> the managed runtime does not await (LAM0008).</summary>
    ValueTask,

    /// <summary>A shape the generated wiring cannot call (LAM0400).</summary>
    Wiring,
}

/// <summary>One problem of a handler's shape and the words a diagnostic gives it.</summary>
internal sealed record ShapeProblem(ShapeProblemKind Kind, string Reason);

/// <summary>
/// The one evaluator of a handler method's shape: its input, whether it takes <c>ILambdaContext</c>, what its result
/// is awaited as and yields, and what its host (the managed runtime or the generated wiring) cannot call. The
/// runtime-shape rules (LAM0002, LAM0003, LAM0005, LAM0006, LAM0008), LAM0400, handler inference, the serialization
/// rules and the handler wiring generator all read it (docs/platform/handlers.md, "Type mapping").
/// </summary>
internal sealed class HandlerShape
{
    private const string ParameterShapes = "a handler takes (input), (ILambdaContext) or (input, ILambdaContext)";

    private HandlerShape(IMethodSymbol method, HandlerHost host, INamedTypeSymbol loadedType, LambdaTypes types)
    {
        Method = method;
        Host = host;
        LoadedType = loadedType;
        Input = InputOf(method, types);
        TakesContext = false;
        foreach (var parameter in method.Parameters)
        {
            TakesContext |= types.IsLambdaContext(parameter.Type);
        }

        (Await, Output) = Result(method, types);
        InputIsStream = types.IsStream(Input);
        OutputIsStream = types.IsStreamOrDerived(Output);
        Serializer = SerializerInForce.For(method, types);
        ResponseStreaming = host == HandlerHost.GeneratedWiring && RequestsResponseStreaming(method, types);
        Problems = host == HandlerHost.ManagedRuntime ? RuntimeProblems(types) : WiringProblems(types);
    }

    public IMethodSymbol Method { get; }

    public HandlerHost Host { get; }

    /// <summary>The type the host creates to call the method on: the one a handler string names, which may inherit the method.</summary>
    public INamedTypeSymbol LoadedType { get; }

    /// <summary>The event type (<see cref="InputOf"/>); null for none.</summary>
    public ITypeSymbol? Input { get; }

    /// <summary>A parameter is <c>ILambdaContext</c>.</summary>
    public bool TakesContext { get; }

    /// <summary>
    /// What the result is awaited as: <c>Task</c> and <c>ValueTask</c> (generic or not) are unwrapped for every host, so
    /// the serialization rules see the value; the managed runtime does not await a <c>ValueTask</c>, which is
    /// <see cref="ShapeProblemKind.ValueTask"/>'s finding.
    /// </summary>
    public AwaitKind Await { get; }

    /// <summary>The response value after unwrapping the task; null for <c>void</c>, <c>Task</c> and <c>ValueTask</c>.</summary>
    public ITypeSymbol? Output { get; }

    /// <summary>
    /// What the host writes to the response: <see cref="Output"/>, except that the managed runtime writes a
    /// <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c> as the value it is (it awaits only <c>Task</c>); null for none.
    /// </summary>
    public ITypeSymbol? WrittenOutput => Host == HandlerHost.ManagedRuntime && Await == AwaitKind.ValueTask ? Method.ReturnType : Output;

    /// <summary>The input is exactly <c>System.IO.Stream</c>: the raw payload, no serializer.</summary>
    public bool InputIsStream { get; }

    /// <summary>The output is a <c>Stream</c> or a subclass: copied to the response, no serializer.</summary>
    public bool OutputIsStream { get; }

    /// <summary>The <c>[LambdaSerializer]</c> in force for the method.</summary>
    public SerializerInForce Serializer { get; }

    /// <summary><c>[LambdaHandler(ResponseStreaming = true)]</c>: the generated wiring streams the <c>Stream</c> result (read for that host only).</summary>
    public bool ResponseStreaming { get; }

    /// <summary>What the host cannot call, in the order the checks run; empty when it accepts the shape.</summary>
    public ImmutableArray<ShapeProblem> Problems { get; }

    /// <summary>The managed runtime accepts the signature and the type: every problem left is about data, not loading.</summary>
    public bool LoadsInRuntime => !Has(ShapeProblemKind.Signature) && !Has(ShapeProblemKind.Type);

    /// <summary>The shape of <paramref name="method"/> for <paramref name="host"/>, on <paramref name="loadedType"/> (default: its own type).</summary>
    public static HandlerShape Of(IMethodSymbol method, HandlerHost host, LambdaTypes types, INamedTypeSymbol? loadedType = null) =>
        new(method, host, loadedType ?? method.ContainingType, types);

    /// <summary>
    /// The event type of <paramref name="method"/>, null for none: the first of two parameters (the second being
    /// <c>ILambdaContext</c>), or a single parameter that is not <c>ILambdaContext</c>.
    /// </summary>
    public static ITypeSymbol? InputOf(IMethodSymbol method, LambdaTypes types) => method.Parameters.Length switch
    {
        1 when !types.IsLambdaContext(method.Parameters[0].Type) => method.Parameters[0].Type,
        > 1 => method.Parameters[0].Type,
        _ => null,
    };

    /// <summary>The response type of <paramref name="method"/> after unwrapping its task; null for void, Task and ValueTask.</summary>
    public static ITypeSymbol? OutputOf(IMethodSymbol method, LambdaTypes types) => Result(method, types).Output;

    /// <summary>
    /// The generic type the method is declared in (itself or an enclosing one), or null: the runtime
    /// cannot load a handler there, even a static one (LAM0005).
    /// </summary>
    public static INamedTypeSymbol? GenericContainer(IMethodSymbol method) => GenericContainer(method.ContainingType);

    /// <summary><paramref name="type"/> itself or the type it is nested in when generic, or null.</summary>
    public static INamedTypeSymbol? GenericContainer(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return current;
            }
        }

        return null;
    }

    public bool Has(ShapeProblemKind kind) => First(kind) is not null;

    /// <summary>The first problem of <paramref name="kind"/>, or null.</summary>
    public ShapeProblem? First(ShapeProblemKind kind)
    {
        foreach (var problem in Problems)
        {
            if (problem.Kind == kind)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>
    /// A result of exactly <c>Task</c>/<c>ValueTask</c> yields nothing; <c>Task&lt;T&gt;</c> (or a subclass) and
    /// <c>ValueTask&lt;T&gt;</c> yield <c>T</c>; any other type, a subclass of the non-generic <c>Task</c> included,
    /// is the value itself.
    /// </summary>
    private static (AwaitKind Await, ITypeSymbol? Output) Result(IMethodSymbol method, LambdaTypes types)
    {
        if (method.ReturnsVoid)
        {
            return (AwaitKind.None, null);
        }

        var awaitable = Awaitable.Of(method.ReturnType, types);
        return awaitable.IsExactlyNonGeneric || awaitable.Result is not null
            ? (awaitable.Kind, awaitable.Result)
            : (AwaitKind.None, method.ReturnType);
    }

    /// <summary>What the managed runtime rejects at Init or mishandles, grouped by the rule that reports it.</summary>
    private ImmutableArray<ShapeProblem> RuntimeProblems(LambdaTypes types)
    {
        var problems = ImmutableArray.CreateBuilder<ShapeProblem>();
        void Add(ShapeProblemKind kind, string reason) => problems.Add(new ShapeProblem(kind, reason));

        if (Method.IsAbstract)
        {
            Add(ShapeProblemKind.Signature, "it is abstract");
        }

        if (Method.IsGenericMethod)
        {
            Add(ShapeProblemKind.Signature, "it is a generic method");
        }

        var parameters = Method.Parameters;
        if (parameters.Length > 2)
        {
            Add(ShapeProblemKind.Signature, $"it has {parameters.Length} parameters, at most 2 are allowed (input, ILambdaContext)");
        }
        else if (parameters.Length == 2 && types.ILambdaContext is not null && !types.IsLambdaContext(parameters[1].Type)
            && !TypeChecks.ContainsErrorType(parameters[1].Type))
        {
            Add(ShapeProblemKind.Signature, $"its second parameter is '{parameters[1].Type.ToDisplayString()}', not ILambdaContext");
        }

        foreach (var parameter in parameters)
        {
            if (parameter.IsParams)
            {
                Add(ShapeProblemKind.Signature, $"parameter '{parameter.Name}' is params");
            }
        }

        if (Method.IsVararg)
        {
            Add(ShapeProblemKind.Signature, "it takes varargs");
        }

        var signatureRejected = problems.Count > 0;
        if (Method.IsAsync && Method.ReturnsVoid)
        {
            Add(ShapeProblemKind.AsyncVoid, "it is async void; return Task");
        }

        if (TypeProblem(Method, LoadedType) is { } typeProblem)
        {
            Add(ShapeProblemKind.Type, typeProblem);
        }

        // A rejected signature means no invoke ever reaches a serializer; an unbound type (a missing using, a package
        // not restored) says nothing about the serializer's need. A ValueTask is written as a value, so it needs one.
        if (types.Stream is not null && !Serializer.IsPresent && !signatureRejected && !TypeChecks.SignatureContainsErrorType(Method))
        {
            if (Input is not null && !InputIsStream)
            {
                Add(ShapeProblemKind.Serializer, $"takes '{Input.ToDisplayString()}' as input");
            }
            else if (WrittenOutput is { } written && !types.IsStreamOrDerived(written))
            {
                Add(ShapeProblemKind.Serializer, $"returns '{written.ToDisplayString()}'");
            }
        }

        if (Await == AwaitKind.ValueTask)
        {
            Add(ShapeProblemKind.ValueTask, Method.ReturnType.ToDisplayString());
        }

        return problems.ToImmutable();
    }

    /// <summary>
    /// Why the runtime cannot use <paramref name="type"/>, the type it creates to call
    /// <paramref name="method"/> on (generic, an interface, abstract with an instance handler, no public
    /// parameterless constructor), or null when it can. The type is the one the handler string names,
    /// which may derive the method from a base: <c>Orders.AddOrder::Handle</c> with <c>Handle</c>
    /// declared on an abstract or generic base is loaded on <c>AddOrder</c>.
    /// </summary>
    private static string? TypeProblem(IMethodSymbol method, INamedTypeSymbol type)
    {
        if (GenericContainer(type) is { } generic)
        {
            return generic.Equals(type, SymbolEqualityComparer.Default)
                ? "it is generic, which the runtime rejects even for static handlers"
                : $"it is nested in the generic type '{generic.Name}'";
        }

        if (type.TypeKind is TypeKind.Interface)
        {
            return "it is an interface";
        }

        if (method.IsStatic || type.TypeKind is TypeKind.Struct)
        {
            return null;
        }

        if (type.IsAbstract)
        {
            return $"it is abstract and '{method.Name}' is an instance method; make the handler static or the class concrete";
        }

        return HasParameterlessConstructor(type, Accessibility.Public)
            ? null
            : "it has no public parameterless constructor for the runtime to create the instance the handler runs on";
    }

    /// <summary>
    /// What the generated invoker cannot call, in the order the generator checks: it calls the method directly, so
    /// it needs a non-generic method on a non-generic type, parameters it can pass, a result it can write, and an
    /// instance it can create with an accessible parameterless constructor.
    /// </summary>
    private ImmutableArray<ShapeProblem> WiringProblems(LambdaTypes types)
    {
        var problems = ImmutableArray.CreateBuilder<ShapeProblem>();
        void Add(string reason) => problems.Add(new ShapeProblem(ShapeProblemKind.Wiring, reason));

        if (Method.IsGenericMethod)
        {
            Add("it is a generic method");
        }

        if (Method.IsAbstract)
        {
            Add("it is abstract");
        }

        if (Method.IsAsync && Method.ReturnsVoid)
        {
            problems.Add(new ShapeProblem(ShapeProblemKind.AsyncVoid, "it is async void; return Task"));
        }

        if (Method.Parameters.Length > 2)
        {
            Add("it has more than two parameters; " + ParameterShapes);
        }

        if (GenericContainer(Method) is not null)
        {
            Add("its type is generic");
        }

        var takesContext = false;
        var takesInput = false;
        foreach (var parameter in Method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                Add($"parameter '{parameter.Name}' is ref, out, in or params");
                break;
            }

            if (types.IsLambdaContext(parameter.Type) && !takesContext)
            {
                takesContext = true;
            }
            else if (!takesInput && !takesContext)
            {
                takesInput = true;
            }
            else
            {
                Add(ParameterShapes);
                break;
            }
        }

        if (types.IsAsyncEnumerable(Output))
        {
            // Lambda's serializers write synchronously, and System.Text.Json refuses IAsyncEnumerable there.
            Add("it returns IAsyncEnumerable<T>, which no Lambda serializer can write; return a collection, or a Stream with ResponseStreaming = true");
        }

        if (ResponseStreaming && !OutputIsStream)
        {
            Add("ResponseStreaming needs a handler that returns a Stream (or a Task or ValueTask of one)");
        }

        if (!Method.IsStatic && !CanCreate(Method.ContainingType))
        {
            Add("it is an instance method and its type has no accessible parameterless constructor to create the instance from");
        }

        if (Serializer.Type is null && (NeedsSerializer(Input, InputIsStream, types) || NeedsSerializer(Output, OutputIsStream, types)))
        {
            problems.Add(new ShapeProblem(ShapeProblemKind.Serializer, "its input or output needs a serializer and no [LambdaSerializer] is on the method or its assembly"));
        }

        return problems.ToImmutable();
    }

    /// <summary>
    /// A value the serializer in force must convert: not a stream, not a type the events generator writes (read and
    /// written through its own resolver, as is a generic one of them closed over another or over <c>JsonElement</c>),
    /// and bound (the generator's input lacks the generated types, so it decides about unbound ones by name).
    /// </summary>
    private static bool NeedsSerializer(ITypeSymbol? type, bool isStream, LambdaTypes types)
    {
        if (type is null || isStream || TypeChecks.ContainsErrorType(type))
        {
            return false;
        }

        if (!GeneratedEventTypes.Is(type))
        {
            return true;
        }

        return type is INamedTypeSymbol { TypeArguments.Length: 1 } generic
            && !GeneratedEventTypes.Is(generic.TypeArguments[0])
            && ReflectionSignature.TypeName(generic.TypeArguments[0]) != "System.Text.Json.JsonElement";
    }

    private static bool RequestsResponseStreaming(IMethodSymbol method, LambdaTypes types)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (TypeChecks.Is(attribute.AttributeClass, types.LambdaHandlerAttribute))
            {
                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Key == "ResponseStreaming" && argument.Value.Value is true)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>The generated invoker creates the instance in the user's assembly: an internal constructor will do.</summary>
    private static bool CanCreate(INamedTypeSymbol type) =>
        !type.IsAbstract && !type.IsStatic
        && (type.TypeKind == TypeKind.Struct || HasParameterlessConstructor(type, Accessibility.Internal));

    /// <summary>A parameterless constructor at least as accessible as <paramref name="needed"/> (public, or internal from the same assembly).</summary>
    private static bool HasParameterlessConstructor(INamedTypeSymbol type, Accessibility needed)
    {
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.IsEmpty && (constructor.DeclaredAccessibility == Accessibility.Public
                || (needed == Accessibility.Internal && constructor.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal)))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Which handlers each runtime-shape rule looks at.</summary>
internal static class ShapeProblemKinds
{
    /// <summary>
    /// The rule for <paramref name="kind"/> reports it on handlers of <paramref name="handler"/>: every runtime-shape rule
    /// on handlers the managed runtime loads; the <c>async void</c> rule also on the generated bootstrap's, which cannot
    /// await them either. The others (bootstrap delegates, inferred handlers, ...) are loaded in ways the code does not show.
    /// </summary>
    public static bool IsReportedFor(this ShapeProblemKind kind, HandlerKind handler) => kind switch
    {
        ShapeProblemKind.Wiring => false,
        ShapeProblemKind.AsyncVoid => handler is HandlerKind.RuntimeLoaded or HandlerKind.GeneratedBootstrap,
        _ => handler is HandlerKind.RuntimeLoaded,
    };
}
