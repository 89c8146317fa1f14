using System.Collections.Concurrent;
using System.Threading;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// Methods that take a task and let it go, the "fire and forget" helpers (<c>task.Forget()</c>,
/// <c>task.SafeFireAndForget(onError)</c>): a task handed to one is no more awaited than a task left as a
/// statement, so LAM0203 reports the task at the call rather than inside the helper.
/// <list type="bullet">
/// <item>A method of this compilation that returns <c>void</c>, is not <c>async</c> (an <c>async void</c>
/// helper is LAM0212's finding) and cannot be overridden, whose body only looks at the task parameter (a property other than
/// <c>Result</c>, a null check), hangs a continuation on it whose own task it drops, or hands it to another
/// such method. A body that waits on it, stores it, returns it or passes it anywhere else is not a sink.</item>
/// <item>The two library helpers made for it, by metadata name: <c>Microsoft.VisualStudio.Threading</c>'s
/// <c>TplExtensions.Forget</c> and <c>AsyncAwaitBestPractices</c>' <c>SafeFireAndForgetExtensions.SafeFireAndForget</c>.
/// A library method's body is not visible, and a <c>void</c> method taking a task may as well wait for it
/// (<c>Task.WaitAll</c>): no other library method is taken for a sink.</item>
/// </list>
/// </summary>
internal sealed class TaskSinks
{
    /// <summary>How many helpers one may hand the task on through (<c>Forget</c> calling <c>Forget&lt;T&gt;</c>).</summary>
    private const int MaxForwarding = 3;

    private readonly LifecycleCompilation _compilation;
    private readonly ConcurrentDictionary<IParameterSymbol, bool> _verdicts = new(SymbolEqualityComparer.Default);

    public TaskSinks(LifecycleCompilation compilation) => _compilation = compilation;

    /// <summary>A task passed as <paramref name="parameter"/> is let go: nothing can wait for it after the call.</summary>
    public bool Forgets(IParameterSymbol? parameter, CancellationToken cancellationToken) =>
        parameter is not null && Forgets(parameter.OriginalDefinition, 0, cancellationToken);

    private bool Forgets(IParameterSymbol parameter, int forwarded, CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { ReturnsVoid: true, IsAsync: false } method
            || parameter.RefKind != RefKind.None
            || !Awaitable.Of(parameter.Type, _compilation.Types.Lambda).IsTask)
        {
            return false;
        }

        if (IsLibrarySink(method))
        {
            return true;
        }

        // A call that may run another body (virtual, abstract, an interface's) is not judged by the one seen here.
        if (!_compilation.IsSource(method) || forwarded >= MaxForwarding || method.IsVirtual || method.IsAbstract || (method.IsOverride && !method.IsSealed))
        {
            return false;
        }

        if (_verdicts.TryGetValue(parameter, out var known))
        {
            return known;
        }

        var verdict = _compilation.BodyOf(method, cancellationToken) is { } body && OnlyLetsGo(body, parameter, forwarded, cancellationToken);
        if (forwarded == 0)
        {
            _verdicts.TryAdd(parameter, verdict);
        }

        return verdict;
    }

    private bool IsLibrarySink(IMethodSymbol method)
    {
        var types = _compilation.Types;
        return (method.Name == "Forget" && TypeChecks.Is(method.ContainingType, types.TplExtensions))
            || (method.Name == "SafeFireAndForget" && TypeChecks.Is(method.ContainingType, types.SafeFireAndForgetExtensions));
    }

    /// <summary>Every use of <paramref name="parameter"/> in <paramref name="body"/> (nested lambdas included) leaves the task to itself.</summary>
    private bool OnlyLetsGo(IOperation body, IParameterSymbol parameter, int forwarded, CancellationToken cancellationToken)
    {
        foreach (var operation in body.Descendants())
        {
            if (operation is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter)
                && !LetsGo(reference, forwarded, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private bool LetsGo(IParameterReferenceOperation reference, int forwarded, CancellationToken cancellationToken)
    {
        switch (reference.ParentSkippingConversions(out var child))
        {
            case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, child):
                // task.IsCompleted, task.Exception, task.Status: looking does not wait. task.Result does.
                return property.Property.Name != "Result";
            case IBinaryOperation or IIsPatternOperation or INameOfOperation:
                return true;
            case IInvocationOperation { TargetMethod.Name: "ContinueWith" } continuation when ReferenceEquals(continuation.Instance, child):
                return IsDropped(continuation);
            case IArgumentOperation argument:
                return argument.Parameter is { } next && Forgets(next.OriginalDefinition, forwarded + 1, cancellationToken);
            default:
                return false;
        }
    }

    /// <summary>The value is left as a statement or discarded (<c>_ = …</c>).</summary>
    private static bool IsDropped(IOperation value) => value.ParentSkippingConversions(out var child) switch
    {
        IExpressionStatementOperation => true,
        ISimpleAssignmentOperation { Target: IDiscardOperation } assignment => ReferenceEquals(assignment.Value, child),
        _ => false,
    };
}
