using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using LambdaAnalyzers.Diagnostics;
using LambdaAnalyzers.Lifecycle;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// LAM0202: an expensive, reusable object (<see cref="ExpensiveTypes"/>: SDK clients, HttpClient and
/// clients owning one, serializer options, logger factories, service providers, built configurations)
/// created on the invoke path and not kept for the next invoke. Creation in Init code, lazy
/// initialisation (<c>_s3 ??= new …</c>, a null-checked assignment, <c>Lazy&lt;T&gt;</c>, cache factories)
/// and factory calls such as <c>IHttpClientFactory.CreateClient</c> are not reported.
/// </summary>
internal sealed class LAM0202ClientCreatedPerInvoke : LifecycleRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptor.Create(
        RuleIds.ClientCreatedPerInvoke,
        title: "Reusable client is created on every invoke",
        messageFormat: "A new {0} is created on every invoke; create it once (static readonly field or constructor) and reuse it",
        RuleCategories.Lifecycle,
        DiagnosticSeverity.Warning,
        description: "AWS SDK clients, HttpClient and clients that create their own, JsonSerializerOptions, logger factories, service providers and built configurations are expensive to create and made to be reused: they hold connection pools, credentials, background workers and caches. Lambda reuses the execution environment, so an object created once during Init serves every invoke; one created per invoke repeats the set-up cost, adds latency and can exhaust sockets. Extend the list with lambda_analyzers.expensive_types in .editorconfig.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Analyze(LifecycleCompilation compilation, TypeLifecycle lifecycle, LifecycleReporter reporter)
    {
        foreach (var code in lifecycle.InvokePath)
        {
            foreach (var operation in code.Operations())
            {
                if ((compilation.Expensive.Describe(operation) ?? FactoryProduct(compilation, operation, reporter.CancellationToken)) is not { } name
                    || ReuseAnalysis.IsKept(operation, code, compilation.Types))
                {
                    continue;
                }

                // Created by the constructor of an object the invoke path creates: that creation is the
                // one to reuse (and to report), unless it is kept.
                var (at, where) = (operation, code);
                while (Creator(where, lifecycle) is { } creator)
                {
                    (at, where) = creator;
                    name = ((IObjectCreationOperation)at).Type!.Name + " (it creates its own " + name + ")";
                }

                if (ReferenceEquals(at, operation) || !ReuseAnalysis.IsKept(at, where, compilation.Types))
                {
                    reporter.Report(Rule, at, where, name);
                }
            }
        }
    }

    /// <summary>
    /// What a call creates when it calls a factory of the project: a method, or a lambda held once in a
    /// read-only field or local (<c>ClientFor(url)</c>), that returns a new expensive object from every
    /// return. The call is then the creation to keep or report (the factory's own <c>return new …</c> is
    /// returned to its caller, which decides). Async and iterator factories and virtual calls are not followed.
    /// </summary>
    private static string? FactoryProduct(LifecycleCompilation compilation, IOperation operation, CancellationToken cancellationToken)
    {
        if (operation is not IInvocationOperation invocation)
        {
            return null;
        }

        var target = InvokePathWalker.HeldDelegateTarget(compilation, invocation, cancellationToken);
        IOperation? body;
        if (target is IAnonymousFunctionOperation lambda)
        {
            body = lambda.Symbol.IsAsync ? null : lambda.Body;
        }
        else
        {
            var method = (target as IMethodReferenceOperation)?.Method ?? invocation.TargetMethod;
            body = method is { MethodKind: MethodKind.Ordinary, IsAsync: false, IsVirtual: false, IsAbstract: false, IsOverride: false }
                && compilation.IsSource(method)
                && WritesCreation(method, cancellationToken)
                    ? compilation.BodyOf(method, cancellationToken)
                    : null;
        }

        return body is null ? null : ReturnedCreation(body, compilation.Expensive);
    }

    /// <summary>
    /// The method's source spells an object creation somewhere: without one no return can be a new
    /// object, and its body (which may lie beyond the invoke path's depth, or be another type's entry)
    /// need not be bound to know it.
    /// </summary>
    private static bool WritesCreation(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var definition = method.OriginalDefinition;
        foreach (var reference in (definition.PartialImplementationPart ?? definition).DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is BaseObjectCreationExpressionSyntax)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>How <see cref="ExpensiveTypes.Describe"/> names what every return of <paramref name="body"/> creates, or null.</summary>
    private static string? ReturnedCreation(IOperation body, ExpensiveTypes expensive)
    {
        string? name = null;
        var pending = new Stack<IOperation>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (operation is IReturnOperation returned)
            {
                if (returned.Kind != OperationKind.Return
                    || returned.ReturnedValue?.WalkDownConversions() is not IObjectCreationOperation created
                    || expensive.Describe(created) is not { } described)
                {
                    return null;
                }

                name ??= described;
                continue;
            }

            foreach (var child in operation.ChildOperations)
            {
                // A nested lambda's or local function's returns are its own.
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }

        return name;
    }

    /// <summary>
    /// For a constructor body walked because the invoke path creates its object (<c>new Client(…)</c>),
    /// that creation and the body it is in.
    /// </summary>
    private static (IOperation Creation, ReachedCode Code)? Creator(ReachedCode code, TypeLifecycle lifecycle)
    {
        if (code.Owner is not IMethodSymbol { MethodKind: MethodKind.Constructor } || !code.FreshInstance || code.Path.IsEmpty
            || code.Path[code.Path.Length - 1] is not IObjectCreationOperation creation)
        {
            return null;
        }

        foreach (var caller in lifecycle.InvokePath)
        {
            if (caller.Path.Length == code.Path.Length - 1
                && IsPrefix(caller.Path, code.Path)
                && caller.Body.Syntax.SyntaxTree == creation.Syntax.SyntaxTree
                && caller.Body.Syntax.Span.Contains(creation.Syntax.Span))
            {
                return (creation, caller);
            }
        }

        return null;
    }

    private static bool IsPrefix(ImmutableArray<IOperation> prefix, ImmutableArray<IOperation> path)
    {
        for (var i = 0; i < prefix.Length; i++)
        {
            if (!ReferenceEquals(prefix[i], path[i]))
            {
                return false;
            }
        }

        return true;
    }
}
