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
    public SerializedHandler(IMethodSymbol method, SerializerInForce serializer, SerializationModel model, Location location, LambdaTypes types)
    {
        Method = method;
        Serializer = serializer;
        Model = model;
        Location = location;
        var input = HandlerSignature.Input(method, types);
        Input = input is null || types.IsStream(input) ? null : input;
        var output = HandlerSignature.Output(method, types);

        // A Stream result is copied to the response as it is, never serialized.
        Output = output is null || types.IsStreamOrDerived(output) ? null : output;
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
}

/// <summary>Registration shared by the serialization rules (LAM0100–LAM0103).</summary>
internal static class SerializedHandlers
{
    public static void Register(AnalysisContext context, Action<SerializedHandler, Action<Diagnostic>, CancellationToken> analyze)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var handlers = HandlerModel.For(start.Compilation, start.Options, start.CancellationToken);
            var types = handlers.Types;
            if (types.ILambdaSerializer is null)
            {
                return;
            }

            var serializationTypes = SerializationTypes.For(start.Compilation);
            var compilation = start.Compilation;
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var method = (IMethodSymbol)symbolContext.Symbol;
                    if (handlers.KindOf(method) is null)
                    {
                        return;
                    }

                    var serializer = SerializerInForce.For(method, types);
                    if (SerializerProfile.For(serializer, serializationTypes) is { } profile)
                    {
                        var handler = new SerializedHandler(method, serializer, SerializationModel.For(compilation, profile), method.Locations[0], types);
                        analyze(handler, symbolContext.ReportDiagnostic, symbolContext.CancellationToken);
                    }
                },
                SymbolKind.Method);

            if (types.LambdaBootstrapBuilder is null && types.HandlerWrapper is null)
            {
                return;
            }

            start.RegisterOperationAction(
                operationContext =>
                {
                    if (BootstrapHandler.From((IInvocationOperation)operationContext.Operation, types) is { Method: { } method } bootstrap
                        && SerializerProfile.For(bootstrap.Serializer, serializationTypes) is { } profile)
                    {
                        var handler = new SerializedHandler(method, bootstrap.Serializer, SerializationModel.For(compilation, profile), bootstrap.Delegate.Syntax.GetLocation(), types);
                        analyze(handler, operationContext.ReportDiagnostic, operationContext.CancellationToken);
                    }
                },
                OperationKind.Invocation);
        });
    }
}
