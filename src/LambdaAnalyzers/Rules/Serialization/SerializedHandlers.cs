using System;
using System.Threading;
using LambdaAnalyzers.Handlers;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Serialization;

/// <summary>
/// A handler whose data goes through a known serializer: a method of the handler model (class
/// library, generated bootstrap or Annotations, whose wrapper serializes the same types) or a
/// delegate given to a bootstrap builder with a serializer beside it.
/// </summary>
internal sealed class SerializedHandler
{
    public SerializedHandler(IMethodSymbol method, SerializerInForce serializer, SerializationModel model, Location location, LambdaTypes types, bool isAnnotations = false)
    {
        Method = method;
        Serializer = serializer;
        Model = model;
        Location = location;
        var input = isAnnotations ? AnnotationsInput(method, types) : HandlerShape.InputOf(method, types);
        // A type the compiler cannot bind says nothing about what the serializer will meet.
        Input = input is null || types.IsStream(input) || TypeChecks.ContainsErrorType(input) ? null : input;
        var output = HandlerShape.OutputOf(method, types);

        // A Stream result is copied to the response as it is, never serialized; Annotations' own
        // result types (IHttpResult) are turned into the response by its wrapper.
        Output = output is null || types.IsStreamOrDerived(output) || TypeChecks.ContainsErrorType(output) || (isAnnotations && IsAnnotationsType(output)) ? null : output;
    }

    public IMethodSymbol Method { get; }

    /// <summary>How messages name the handler: the method name, or "handler" for a lambda.</summary>
    public string Name => Method.MethodKind == MethodKind.AnonymousFunction ? "lambda" : Method.Name;

    public SerializerInForce Serializer { get; }

    public SerializationModel Model { get; }

    public Location Location { get; }

    /// <summary>The type the serializer reads; null for none or a raw <c>Stream</c>.</summary>
    public ITypeSymbol? Input { get; }

    /// <summary>The type the serializer writes (unwrapped); null for none or a <c>Stream</c>.</summary>
    public ITypeSymbol? Output { get; }

    /// <summary>
    /// What Annotations' wrapper deserializes for a <c>[LambdaFunction]</c>: for API methods only the
    /// <c>[FromBody]</c> parameter (the others bind from the route, query, headers or services),
    /// otherwise the first parameter unless it is bound by an Annotations attribute such as <c>[FromServices]</c>.
    /// </summary>
    private static ITypeSymbol? AnnotationsInput(IMethodSymbol method, LambdaTypes types)
    {
        var isApi = false;
        foreach (var attribute in method.GetAttributes())
        {
            isApi |= attribute.AttributeClass?.Name is "HttpApiAttribute" or "RestApiAttribute" && IsAnnotationsType(attribute.AttributeClass);
        }

        foreach (var parameter in method.Parameters)
        {
            var bound = false;
            foreach (var attribute in parameter.GetAttributes())
            {
                if (attribute.AttributeClass is { } type && IsAnnotationsType(type))
                {
                    if (type.Name == "FromBodyAttribute")
                    {
                        return parameter.Type;
                    }

                    bound = true;
                }
            }

            if (!isApi)
            {
                return bound || types.IsLambdaContext(parameter.Type) ? null : parameter.Type;
            }
        }

        return null;
    }

    private static bool IsAnnotationsType(ITypeSymbol type)
    {
        var name = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return name == "Amazon.Lambda.Annotations" || name.StartsWith("Amazon.Lambda.Annotations.", StringComparison.Ordinal);
    }
}

/// <summary>Registration shared by the serialization rules (LAM0100–LAM0103).</summary>
internal static class SerializedHandlers
{
    public static void Register(AnalysisContext context, Action<SerializedHandler, Action<Diagnostic>, CancellationToken> analyze)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (!LambdaProject.CanHoldHandlers(start.Compilation, start.Options, start.CancellationToken))
            {
                return;
            }

            var handlers = HandlerModel.For(start.Compilation, start.Options, start.CancellationToken);
            var types = handlers.Types;
            if (types.ILambdaSerializer is null)
            {
                return;
            }

            var serializationTypes = WellKnownTypes.For(start.Compilation).Serialization;
            var compilation = start.Compilation;
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var method = (IMethodSymbol)symbolContext.Symbol;
                    if (handlers.KindOf(method, symbolContext.CancellationToken) is not { } kind
                        || !kind.IsSerializedByAttribute()
                        || (kind != HandlerKind.Annotations && (handlers.RuntimeShapeOf(method).Has(ShapeProblemKind.Signature) || HandlerShape.GenericContainer(method) is not null)))
                    {
                        // A signature or a generic type the runtime (or the generated bootstrap) refuses:
                        // no invoke reaches the serializer, and LAM0002/LAM0005 (LAM0400) say why.
                        return;
                    }

                    var serializer = SerializerInForce.For(method, types);
                    if (SerializerProfile.For(serializer, serializationTypes) is { } profile)
                    {
                        var model = SerializationModel.For(compilation, profile);
                        var handler = new SerializedHandler(method, serializer, model, method.Locations[0], types, kind == HandlerKind.Annotations);
                        analyze(handler, symbolContext.ReportDiagnostic, symbolContext.CancellationToken);
                    }
                },
                SymbolKind.Method);

            // Bootstrap delegates per file, from the handler model (which binds only the calls spelled as a
            // bootstrap method): an operation action on every call would rebuild every body's operations.
            start.RegisterSyntaxTreeAction(
                treeContext =>
                {
                    foreach (var bootstrap in handlers.Entries(treeContext.CancellationToken).BootstrapHandlersIn(treeContext.Tree))
                    {
                        if (bootstrap.Method is { } method && SerializerProfile.For(bootstrap.Serializer, serializationTypes) is { } profile)
                        {
                            var handler = new SerializedHandler(method, bootstrap.Serializer, SerializationModel.For(compilation, profile), bootstrap.Location, types);
                            analyze(handler, treeContext.ReportDiagnostic, treeContext.CancellationToken);
                        }
                    }
                });
        });
    }
}
