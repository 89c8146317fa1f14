using System.Collections.Generic;
using System.Threading;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Handlers;

/// <summary>
/// A handler given as a delegate to a bootstrap: <c>LambdaBootstrapBuilder.Create(handler[, serializer])</c>
/// or <c>HandlerWrapper.GetHandlerWrapper(handler[, serializer])</c> (Amazon.Lambda.RuntimeSupport),
/// or our <c>LambdaRuntime.RunAsync(handler)</c>/<c>RunStreamingAsync(handler)</c>: a method group, a lambda or a local function, with the
/// serializer passed beside it. The delegate may be written in the call or held first in a local, a
/// read-only field or a get-only property given it once (<c>Func&lt;Order, ILambdaContext, Task&lt;Receipt&gt;&gt;
/// handler = FunctionHandler;</c>, <c>var handler = async (Order o, ILambdaContext c) =&gt; …;</c>), the shape
/// of the Native AOT templates; see <see cref="AssignedOnce"/>. A delegate whose value is not certain
/// (a parameter, a variable written twice) is not followed. The compiler already checks the delegate's
/// shape, so only the invoke-path and serialization rules look at it (docs/architecture.md, "The handler model").
/// </summary>
internal sealed class BootstrapHandler
{
    private BootstrapHandler(IInvocationOperation call, IArgumentOperation argument, IDelegateCreationOperation handler, IMethodSymbol? method, SerializerInForce serializer)
    {
        Call = call;
        Argument = argument;
        Delegate = handler;
        Method = method;
        Serializer = serializer;
    }

    /// <summary>The bootstrap call.</summary>
    public IInvocationOperation Call { get; }

    /// <summary>The call's argument the handler is given in (the delegate itself, or a variable holding it).</summary>
    public IArgumentOperation Argument { get; }

    /// <summary>
    /// The delegate creation: its target is an <see cref="IAnonymousFunctionOperation"/> or an
    /// <see cref="IMethodReferenceOperation"/>. Where a variable was followed, it is the variable's value,
    /// which may sit in another body or file than the call.
    /// </summary>
    public IDelegateCreationOperation Delegate { get; }

    /// <summary>The method run per invoke: the referenced method or local function, or the lambda's symbol.</summary>
    public IMethodSymbol? Method { get; }

    /// <summary>The serializer passed to the call (by the type of the object it certainly is), or none.</summary>
    public SerializerInForce Serializer { get; }

    /// <summary>
    /// Where findings about the handler are reported: the delegate, when it is written in the call's
    /// file; otherwise the argument, so the finding shows where the function is wired.
    /// </summary>
    public Location Location =>
        Delegate.Syntax.SyntaxTree == Call.Syntax.SyntaxTree ? Delegate.Syntax.GetLocation() : Argument.Syntax.GetLocation();

    /// <summary>The handler a bootstrap call receives, or null when <paramref name="call"/> is not a bootstrap call or its delegate is not certain.</summary>
    public static BootstrapHandler? From(IInvocationOperation call, LambdaTypes types, Compilation compilation, CancellationToken cancellationToken)
    {
        if (!IsBootstrapCall(call.TargetMethod, types))
        {
            return null;
        }

        IDelegateCreationOperation? handler = null;
        IArgumentOperation? handlerArgument = null;
        var serializer = SerializerInForce.None;
        foreach (var argument in call.Arguments)
        {
            var parameterType = argument.Parameter?.Type;
            if (parameterType?.TypeKind == TypeKind.Delegate && handler is null)
            {
                if (AssignedOnce.Resolve(argument.Value, compilation, cancellationToken) is IDelegateCreationOperation created)
                {
                    handler = created;
                    handlerArgument = argument;
                }
            }
            else if (types.ILambdaSerializer is not null && parameterType is not null
                && SymbolEqualityComparer.Default.Equals(parameterType, types.ILambdaSerializer))
            {
                var value = AssignedOnce.Resolve(argument.Value, compilation, cancellationToken);
                var type = value is IObjectCreationOperation ? value.Type : argument.Value.WalkDownImplicitConversions().Type;
                serializer = SerializerInForce.FromType(type as INamedTypeSymbol);
            }
        }

        if (handler is null || handlerArgument is null)
        {
            return null;
        }

        var method = handler.Target switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            IMethodReferenceOperation reference => reference.Method,
            _ => null,
        };
        return new BootstrapHandler(call, handlerArgument, handler, method, serializer);
    }

    /// <summary>The handlers bootstrap calls in <paramref name="root"/> (its nested lambdas included) receive, in source order.</summary>
    public static IEnumerable<BootstrapHandler> In(IOperation root, LambdaTypes types, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation call && From(call, types, compilation, cancellationToken) is { } handler)
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
            || (method.Name is "RunAsync" or "RunStreamingAsync" && TypeChecks.Is(container, types.LambdaRuntime));
    }
}
