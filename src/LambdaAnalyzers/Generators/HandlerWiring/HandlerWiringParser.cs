using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using LambdaAnalyzers.Caching;
using LambdaAnalyzers.Configuration;
using LambdaAnalyzers.Generators.Events;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Generators.HandlerWiring;

/// <summary>
/// Turns symbols into the equatable models the emitter reads. A handler whose <see cref="HandlerHost.GeneratedWiring"/>
/// shape has a problem produces no model (LAM0400, an analyzer reading the same <see cref="HandlerShape"/>, or a
/// runtime-shape rule reports why).
/// </summary>
internal static class HandlerWiringParser
{
    private static readonly WeakCache<IAssemblySymbol, ContextHolder> ContextsByCore = new();

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static ParsedHandler? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method)
        {
            return null;
        }

        var compilation = context.SemanticModel.Compilation;
        var executable = ProjectOutput.IsExecutable(compilation);
        var types = WellKnownTypes.For(compilation).Lambda;
        cancellationToken.ThrowIfCancellationRequested();

        // A shape the generated invoker cannot call is skipped (LAM0400 or a runtime-shape rule reports it). A missing
        // serializer is decided once unbound types are matched with the generated event types (Resolve).
        var shape = HandlerShape.Of(method, HandlerHost.GeneratedWiring, types);
        foreach (var problem in shape.Problems)
        {
            if (problem.Kind != ShapeProblemKind.Serializer)
            {
                return ParsedHandler.Skipped;
            }
        }

        var input = shape.Input;
        var output = shape.Output;
        var inputKind = input is null ? ValueKind.None : shape.InputIsStream ? ValueKind.Stream : ValueKind.Serialized;
        var outputKind = output is null ? ValueKind.None : shape.OutputIsStream ? ValueKind.Stream : ValueKind.Serialized;
        var needsSerializer = inputKind == ValueKind.Serialized || outputKind == ValueKind.Serialized;
        var inForce = needsSerializer ? shape.Serializer : SerializerInForce.None;
        var serializer = inForce.Type;
        var streaming = shape.ResponseStreaming;

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
            TakesContext: shape.TakesContext,
            InputFirst: true,
            Await: shape.Await,
            Output: outputKind,
            OutputType: output?.ToDisplayString(TypeFormat),
            SerializerType: serializer?.ToDisplayString(TypeFormat),
            Streaming: streaming,
            InputUnresolved: Unresolved(input),
            OutputUnresolved: Unresolved(output),
            JsonContext: inForce.Context?.ToDisplayString(TypeFormat)));
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
            // HandlerShape's serializer problem, decided here by name for the types only the events generator writes.
            return ParsedHandler.Skipped;
        }

        return new ParsedHandler(needsSerializer ? spec : spec with { SerializerType = null });
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
    /// <summary>
    /// The compilation-wide facts, read on every compilation (each edit makes one); the context interfaces, the
    /// costly part, are read once per referenced Amazon.Lambda.Core.
    /// </summary>
    public static ProjectSpec ParseProject(Compilation compilation, AnalyzerConfigOptionsProvider options)
    {
        var executable = ProjectOutput.IsExecutable(compilation);
        return new ProjectSpec(
            RuntimeReferenced: WellKnownTypes.Find(compilation, "LambdaAnalyzers.Runtime.LambdaRuntime") is not null,
            Context: ParseContext(compilation),
            IsExecutable: executable,
            HasUserEntryPoint: executable && (DeclaresEntryPoint(compilation) || AnnotationsGeneratesMain(compilation)),
            MainEnabled: !MsBuildProperty.IsFalse(MsBuildProperty.Read(options, "LambdaAnalyzersGenerateMain")));
    }

    /// <summary>
    /// A static <c>Main</c> or top-level statements in the compilation's source, read from the declarations the
    /// compiler keeps and the files' top-level members, never from a walk of every syntax node.
    /// </summary>
    private static bool DeclaresEntryPoint(Compilation compilation)
    {
        foreach (var symbol in compilation.GetSymbolsWithName(WellKnownMemberNames.EntryPointMethodName, SymbolFilter.Member))
        {
            if (symbol is IMethodSymbol { IsStatic: true, MethodKind: MethodKind.Ordinary })
            {
                return true;
            }
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is CompilationUnitSyntax unit)
            {
                foreach (var member in unit.Members)
                {
                    if (member is GlobalStatementSyntax)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool AnnotationsGeneratesMain(Compilation compilation)
    {
        var globalProperties = WellKnownTypes.Find(compilation, "Amazon.Lambda.Annotations.LambdaGlobalPropertiesAttribute");
        var annotationsMain = false;
        if (globalProperties is not null)
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

        return annotationsMain;
    }

    /// <summary>
    /// The context interfaces of the user's Amazon.Lambda.Core; null without Amazon.Lambda.Core. Memoised per
    /// Amazon.Lambda.Core assembly: compilations that reference the same one (every edit of a project) share it.
    /// </summary>
    private static ContextSpec? ParseContext(Compilation compilation)
    {
        var context = WellKnownTypes.Find(compilation, "Amazon.Lambda.Core.ILambdaContext");
        if (context is null)
        {
            return null;
        }

        if (SymbolEqualityComparer.Default.Equals(context.ContainingAssembly, compilation.Assembly))
        {
            // Declared in the project's own source, which every edit may change.
            return ReadContext(compilation);
        }

        return ContextsByCore.Get(
            context.ContainingAssembly,
            compilation,
            static (_, _) => true,
            static (_, compilation) => new ContextHolder(ReadContext(compilation))).Spec;
    }

    private static ContextSpec? ReadContext(Compilation compilation)
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
            LogOverload(logger, isException: false),
            LogOverload(logger, isException: true),
            Interface(WellKnownTypes.Find(compilation, "Amazon.Lambda.Core.IClientContext")),
            Interface(WellKnownTypes.Find(compilation, "Amazon.Lambda.Core.IClientApplication")),
            Interface(WellKnownTypes.Find(compilation, "Amazon.Lambda.Core.ICognitoIdentity")));
    }

    /// <summary>
    /// The parameter types of the logger's <c>Log(string level, [Exception exception,] string message, params object[] args)</c>,
    /// or empty when this Amazon.Lambda.Core has no such overload. Every templated overload (<c>LogInformation(message, args)</c>,
    /// <c>LogError(exception, message, args)</c>, ...) reaches one of these two through the interface's default methods.
    /// </summary>
    private static EquatableArray<string> LogOverload(INamedTypeSymbol logger, bool isException)
    {
        foreach (var log in logger.GetMembers("Log").OfType<IMethodSymbol>())
        {
            var parameters = log.Parameters;
            var expected = isException ? 4 : 3;
            if (parameters.Length == expected
                && parameters[0].Type.SpecialType == SpecialType.System_String
                && parameters[expected - 2].Type.SpecialType == SpecialType.System_String
                && parameters[expected - 1].IsParams
                && (!isException || parameters[1].Type.ToDisplayString() is "System.Exception" or "System.Exception?"))
            {
                return new EquatableArray<string>(parameters.Select(p => p.Type.ToDisplayString(TypeFormat)).ToImmutableArray());
            }
        }

        return EquatableArray<string>.Empty;
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

    /// <summary>A memoised <see cref="ContextSpec"/>, null included.</summary>
    private sealed class ContextHolder
    {
        public ContextHolder(ContextSpec? spec) => Spec = spec;

        public ContextSpec? Spec { get; }
    }
}
