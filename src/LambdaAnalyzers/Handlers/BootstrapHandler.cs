using System.Collections.Generic;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// A handler given as a delegate to a bootstrap: <c>LambdaBootstrapBuilder.Create(handler[, serializer])</c>
/// or <c>HandlerWrapper.GetHandlerWrapper(handler[, serializer])</c> (Amazon.Lambda.RuntimeSupport),
/// or our <c>LambdaRuntime.RunAsync(handler)</c>: a method group, a lambda or a local function,
/// with the serializer passed beside it (docs/architecture.md, "The handler model"). The compiler already checks its shape, so
/// only the invoke-path and serialization rules look at it.
/// </summary>
internal sealed class BootstrapHandler
{
    private BootstrapHandler(IInvocationOperation call, IDelegateCreationOperation handler, IMethodSymbol? method, SerializerInForce serializer)
    {
        Call = call;
        Delegate = handler;
        Method = method;
        Serializer = serializer;
    }

    /// <summary>The bootstrap call.</summary>
    public IInvocationOperation Call { get; }

    /// <summary>The delegate creation: its target is an <see cref="IAnonymousFunctionOperation"/> or an <see cref="IMethodReferenceOperation"/>.</summary>
    public IDelegateCreationOperation Delegate { get; }

    /// <summary>The method run per invoke: the referenced method or local function, or the lambda's symbol.</summary>
    public IMethodSymbol? Method { get; }

    /// <summary>The serializer passed to the call (by its static type), or none.</summary>
    public SerializerInForce Serializer { get; }

    /// <summary>The handler a bootstrap call receives, or null when <paramref name="call"/> is not a bootstrap call.</summary>
    public static BootstrapHandler? From(IInvocationOperation call, LambdaTypes types)
    {
        if (!IsBootstrapCall(call.TargetMethod, types))
        {
            return null;
        }

        IDelegateCreationOperation? handler = null;
        var serializer = SerializerInForce.None;
        foreach (var argument in call.Arguments)
        {
            var value = argument.Value.WalkDownImplicitConversions();
            if (value is IDelegateCreationOperation created && handler is null)
            {
                handler = created;
            }
            else if (types.ILambdaSerializer is not null && argument.Parameter?.Type is { } parameterType
                && SymbolEqualityComparer.Default.Equals(parameterType, types.ILambdaSerializer))
            {
                serializer = SerializerInForce.FromType(value.Type as INamedTypeSymbol);
            }
        }

        if (handler is null)
        {
            return null;
        }

        var method = handler.Target switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            IMethodReferenceOperation reference => reference.Method,
            _ => null,
        };
        return new BootstrapHandler(call, handler, method, serializer);
    }

    /// <summary>The handlers bootstrap calls in <paramref name="root"/> (its nested lambdas included) receive, in source order.</summary>
    public static IEnumerable<BootstrapHandler> In(IOperation root, LambdaTypes types)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation call && From(call, types) is { } handler)
            {
                yield return handler;
            }
        }
    }

    public static bool IsBootstrapCall(IMethodSymbol method, LambdaTypes types)
    {
        var container = method.ContainingType?.OriginalDefinition;
        return (method.Name == "Create" && TypeChecks.Is(container, types.LambdaBootstrapBuilder))
            || (method.Name == "GetHandlerWrapper" && TypeChecks.Is(container, types.HandlerWrapper))
            || (method.Name == "RunAsync" && TypeChecks.Is(container, types.LambdaRuntime));
    }
}
