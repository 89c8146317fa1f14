using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using LambdaAnalyzers.Generators.Events;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Generators.HandlerWiring;

/// <summary>
/// Turns symbols into the equatable models the emitter reads. Handlers whose shape cannot be wired
/// (the handler rules LAM0002–LAM0006 report those) produce no model.
/// </summary>
internal static class HandlerWiringParser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static ParsedHandler? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method)
        {
            return null;
        }

        var location = LocationInfo.From(method.Locations.Length > 0 ? method.Locations[0] : null);
        var compilation = context.SemanticModel.Compilation;
        var executable = ProjectOutput.IsExecutable(compilation);

        // A shape the managed runtime rejects is the handler rules' finding in a class library (see SkippedHandler).
        ParsedHandler Reject(string reason) => new(null, new SkippedHandler(method.Name, reason, location, ReportedByHandlerRules: !executable), null);
        ParsedHandler Skip(string reason) => new(null, new SkippedHandler(method.Name, reason, location, ReportedByHandlerRules: false), null);

        if (method.IsGenericMethod)
        {
            return Reject("it is a generic method");
        }

        if (method.IsAbstract)
        {
            return Reject("it is abstract");
        }

        if (method.IsAsync && method.ReturnsVoid)
        {
            return Reject("it is async void; return Task");
        }

        if (method.Parameters.Length > 2)
        {
            return Reject("it has more than two parameters; a handler takes (input), (ILambdaContext) or (input, ILambdaContext)");
        }

        if (ContainingTypesAreGeneric(method.ContainingType))
        {
            return Reject("its type is generic");
        }

        var types = LambdaTypes.From(compilation);
        cancellationToken.ThrowIfCancellationRequested();

        var takesContext = false;
        var inputFirst = true;
        ITypeSymbol? input = null;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                return Skip($"parameter '{parameter.Name}' is ref, out, in or params");
            }

            if (types.IsLambdaContext(parameter.Type))
            {
                takesContext = true;
            }
            else if (input is null && !takesContext)
            {
                input = parameter.Type;
            }
            else
            {
                return Reject("a handler takes (input), (ILambdaContext) or (input, ILambdaContext)");
            }
        }

        var (await, output) = Unwrap(method, types);
        if (types.IsAsyncEnumerable(output))
        {
            // Lambda's serializers write synchronously, and System.Text.Json refuses IAsyncEnumerable there.
            return Skip("it returns IAsyncEnumerable<T>, which no Lambda serializer can write; return a collection, or a Stream with ResponseStreaming = true");
        }

        var inputKind = input is null ? ValueKind.None : types.IsStream(input) ? ValueKind.Stream : ValueKind.Serialized;
        var outputKind = output is null ? ValueKind.None : types.IsStreamOrDerived(output) ? ValueKind.Stream : ValueKind.Serialized;
        var needsSerializer = inputKind == ValueKind.Serialized || outputKind == ValueKind.Serialized;
        var inForce = needsSerializer ? SerializerInForce.For(method, types) : SerializerInForce.None;
        var serializer = inForce.Type;

        var streaming = RequestsResponseStreaming(context.Attributes);
        if (streaming && outputKind != ValueKind.Stream)
        {
            return Skip("ResponseStreaming needs a handler that returns a Stream (or a Task or ValueTask of one)");
        }

        if (!method.IsStatic && !HasAccessibleParameterlessConstructor(method.ContainingType))
        {
            return Reject("it is an instance method and its type has no accessible parameterless constructor to create the instance from");
        }

        var name = GeneratedHandlerName.Of(context.Attributes, method);
        return new ParsedHandler(new HandlerSpec(
            Name: name,
            ClassName: GeneratedHandlerName.Identifier(name),
            OrderKey: GeneratedHandlerName.OrderKey(method),
            HandlerString: executable ? name : $"{compilation.AssemblyName}::{ReflectionSignature.TypeName(method.ContainingType)}::{method.Name}",
            ContainingType: method.ContainingType.ToDisplayString(TypeFormat),
            MethodName: method.Name,
            IsStatic: method.IsStatic,
            Input: inputKind,
            InputType: input?.ToDisplayString(TypeFormat),
            TakesContext: takesContext,
            InputFirst: inputFirst,
            Await: await,
            Output: outputKind,
            OutputType: output?.ToDisplayString(TypeFormat),
            SerializerType: serializer?.ToDisplayString(TypeFormat),
            Streaming: streaming,
            InputUnresolved: Unresolved(input),
            OutputUnresolved: Unresolved(output),
            JsonContext: inForce.Context?.ToDisplayString(TypeFormat)), null, needsSerializer && serializer is null ? location : null, InClassLibrary: !executable);
    }

    /// <summary>
    /// Matches a handler's unresolved types with the event types the events generator adds (which this generator's
    /// input compilation does not have yet): those are read and written through the generated resolver. Then a
    /// handler whose remaining input or output needs a serializer without one is skipped, and one that needs none
    /// creates none.
    /// </summary>
    public static ParsedHandler Resolve(ParsedHandler parsed, GeneratedEventNames events)
    {
        if (parsed.Spec is not { } spec)
        {
            return parsed;
        }

        if (spec.Input == ValueKind.Serialized && spec.InputUnresolved is { } input && Serialization(events, input, spec.JsonContext) is { } reading)
        {
            spec = spec with { Input = ValueKind.GeneratedEvent, InputType = reading.Type, InputEvent = reading };
        }

        if (spec.Output == ValueKind.Serialized && spec.OutputUnresolved is { } output && Serialization(events, output, spec.JsonContext) is { } writing)
        {
            spec = spec with { Output = ValueKind.GeneratedEvent, OutputType = writing.Type, OutputEvent = writing };
        }

        var needsSerializer = spec.Input == ValueKind.Serialized || spec.Output == ValueKind.Serialized;
        if (needsSerializer && spec.SerializerType is null)
        {
            // LAM0006's finding in a class library.
            return new ParsedHandler(null, new SkippedHandler(spec.MethodName, "its input or output needs a serializer and no [LambdaSerializer] is on the method or its assembly", parsed.MissingSerializerAt, ReportedByHandlerRules: parsed.InClassLibrary), null);
        }

        return new ParsedHandler(needsSerializer ? spec : spec with { SerializerType = null }, null, null);
    }

    /// <summary>
    /// How an invoker serializes <paramref name="type"/> when it is a generated type: a non-generic one through the
    /// resolver; a generic one closed over a generated type or JsonElement through the resolver's closing method; closed
    /// over a user type, combined with the user's <paramref name="jsonContext"/> (null without one: the serializer in
    /// force handles it, through the type's [JsonConverter]).
    /// </summary>
    private static EventSerialization? Serialization(GeneratedEventNames events, UnresolvedType type, string? jsonContext)
    {
        if (type.Argument is null)
        {
            return events.Qualify(type.Name) is { } name ? new EventSerialization(name, events.Resolver, null) : null;
        }

        if (events.Namespace is null || events.ClosingMethod(type.Name) is not { } method)
        {
            return null;
        }

        var argument = type.ArgumentUnresolved ? events.Qualify(type.Argument) : type.Argument;
        var ownSerialization = type.ArgumentUnresolved || type.Argument == "global::System.Text.Json.JsonElement";
        if (argument is null || (!ownSerialization && jsonContext is null))
        {
            return null;
        }

        return new EventSerialization(
            $"global::{events.Namespace}.{type.Name}<{argument}>",
            $"{events.Resolver}.{method}<{argument}>()",
            ownSerialization ? null : jsonContext);
    }

    /// <summary>
    /// A type that does not bind, without type arguments or with one: when the events generator writes a type of that
    /// name, the handler means it, since nothing else will make the name bind in the compilation the user builds.
    /// </summary>
    private static UnresolvedType? Unresolved(ITypeSymbol? type) => type switch
    {
        IErrorTypeSymbol { Arity: 0 } error => new UnresolvedType(error.Name, null, false),
        IErrorTypeSymbol { Arity: 1 } error when error.TypeArguments[0] is IErrorTypeSymbol { Arity: 0 } argument =>
            new UnresolvedType(error.Name, argument.Name, ArgumentUnresolved: true),
        IErrorTypeSymbol { Arity: 1 } error when error.TypeArguments[0] is not IErrorTypeSymbol =>
            new UnresolvedType(error.Name, error.TypeArguments[0].ToDisplayString(TypeFormat), ArgumentUnresolved: false),
        _ => null,
    };

    /// <summary>
    /// Whether the compilation is an executable that gets its <c>Main</c> from elsewhere: Amazon.Lambda.Annotations
    /// generates one when <c>[assembly: LambdaGlobalProperties(GenerateMain = true)]</c> is set.
    /// </summary>
    public static (bool IsExecutable, bool AnnotationsGeneratesMain) ParseProject(Compilation compilation)
    {
        var executable = ProjectOutput.IsExecutable(compilation);
        var globalProperties = WellKnownTypes.Find(compilation, "Amazon.Lambda.Annotations.LambdaGlobalPropertiesAttribute");
        var annotationsMain = false;
        if (executable && globalProperties is not null)
        {
            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, globalProperties))
                {
                    foreach (var named in attribute.NamedArguments)
                    {
                        annotationsMain |= named.Key == "GenerateMain" && named.Value.Value is true;
                    }
                }
            }
        }

        return (executable, annotationsMain);
    }

    /// <summary>The context interfaces of the user's Amazon.Lambda.Core; null without Amazon.Lambda.Core.</summary>
    public static ContextSpec? ParseContext(Compilation compilation)
    {
        var context = WellKnownTypes.Find(compilation, "Amazon.Lambda.Core.ILambdaContext");
        var logger = WellKnownTypes.Find(compilation, "Amazon.Lambda.Core.ILambdaLogger");
        if (context is null || logger is null)
        {
            return null;
        }

        var loggerTakesLevel = logger.GetMembers("Log").OfType<IMethodSymbol>().Any(static log =>
            log.Parameters.Length == 2 && log.Parameters.All(static p => p.Type.SpecialType == SpecialType.System_String));
        return new ContextSpec(
            Interface(context)!,
            logger.ToDisplayString(TypeFormat),
            loggerTakesLevel,
            Interface(WellKnownTypes.Find(compilation, "Amazon.Lambda.Core.IClientContext")),
            Interface(WellKnownTypes.Find(compilation, "Amazon.Lambda.Core.IClientApplication")),
            Interface(WellKnownTypes.Find(compilation, "Amazon.Lambda.Core.ICognitoIdentity")));
    }

    private static InterfaceSpec? Interface(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return null;
        }

        var properties = ImmutableArray.CreateBuilder<ContextProperty>();
        foreach (var member in type.GetMembers())
        {
            if (member is IPropertySymbol { IsAbstract: true, IsIndexer: false } property)
            {
                properties.Add(new ContextProperty(property.Name, property.Type.ToDisplayString(TypeFormat)));
            }
        }

        return new InterfaceSpec(type.ToDisplayString(TypeFormat), new EquatableArray<ContextProperty>(properties.ToImmutable()));
    }

    private static (AwaitKind Await, ITypeSymbol? Output) Unwrap(IMethodSymbol method, LambdaTypes types)
    {
        var returned = method.ReturnType;
        if (method.ReturnsVoid)
        {
            return (AwaitKind.None, null);
        }

        if (types.IsTask(returned))
        {
            return (AwaitKind.Task, null);
        }

        if (types.IsValueTask(returned))
        {
            return (AwaitKind.ValueTask, null);
        }

        if (types.TaskResult(returned) is { } taskResult)
        {
            return (AwaitKind.Task, taskResult);
        }

        return types.ValueTaskResult(returned) is { } valueTaskResult ? (AwaitKind.ValueTask, valueTaskResult) : (AwaitKind.None, returned);
    }

    private static bool RequestsResponseStreaming(ImmutableArray<AttributeData> attributes) =>
        attributes.Any(static attribute => attribute.NamedArguments.Any(static argument =>
            argument.Key == "ResponseStreaming" && argument.Value.Value is true));

    private static bool ContainingTypesAreGeneric(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAccessibleParameterlessConstructor(INamedTypeSymbol type)
    {
        if (type.IsAbstract || type.IsStatic)
        {
            return false;
        }

        if (type.TypeKind == TypeKind.Struct)
        {
            return true;
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.IsEmpty && constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
            {
                return true;
            }
        }

        return false;
    }
}
