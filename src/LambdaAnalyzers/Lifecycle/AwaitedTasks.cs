using System.Collections.Generic;
using LambdaAnalyzers.KnownTypes;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// Must-analysis on a control-flow graph: which tasks have completed at a point on every path
/// leading to it, so LAM0204 leaves <c>t.Result</c> alone there.
/// <list type="bullet">
/// <item>A task local or parameter is completed once awaited (<c>await t</c>, <c>await Task.WhenAll(t, …)</c>;
/// <c>Task.WaitAll</c> excluded on purpose) or checked (<c>if (t.IsCompleted…)</c>), until it is reassigned.</item>
/// <item>A collection of tasks (a local or parameter of an array or <c>ICollection&lt;T&gt;</c> type: never a lazy
/// sequence, which makes new tasks each time it is enumerated) is completed after <c>await Task.WhenAll(tasks)</c>,
/// until it is reassigned or used in any way that could change its elements (a call that is not a read,
/// an element store, being passed to code other than LINQ and <c>Task</c>'s combinators). Its elements are then
/// completed: <c>tasks[i]</c>, the variable of a <c>foreach</c> over it, and the element parameter of a lambda
/// given to a LINQ operator on it (directly or after element-preserving operators such as <c>Where</c>)
/// whose chain ends in an operator that runs it at once (<c>Sum</c>, <c>ToList</c>, <c>First</c>, …).</item>
/// </list>
/// A collection changed by a lambda or local function in the same body is never trusted.
/// </summary>
internal sealed class AwaitedTasks
{
    /// <summary>Instance methods of collections that read them and never change their elements.</summary>
    private static readonly HashSet<string> ReadingMethods = new(System.StringComparer.Ordinal)
    {
        "Contains", "IndexOf", "LastIndexOf", "ToArray", "Find", "FindAll", "FindIndex", "FindLast", "FindLastIndex",
        "Exists", "TrueForAll", "ConvertAll", "GetRange", "GetEnumerator", "BinarySearch", "AsReadOnly", "AsSpan",
        "CopyTo", "Equals", "GetHashCode", "ToString", "GetType",
    };

    /// <summary>LINQ operators whose result holds elements of their source, unchanged.</summary>
    private static readonly HashSet<string> ElementPreservingOperators = new(System.StringComparer.Ordinal)
    {
        "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Skip", "Take", "SkipWhile", "TakeWhile",
        "SkipLast", "TakeLast", "Reverse", "Distinct", "DistinctBy", "AsEnumerable",
    };

    /// <summary>LINQ operators that return one element of their source.</summary>
    private static readonly HashSet<string> ElementOperators = new(System.StringComparer.Ordinal)
    {
        "First", "FirstOrDefault", "Last", "LastOrDefault", "Single", "SingleOrDefault", "ElementAt", "ElementAtOrDefault",
    };

    private readonly Dictionary<SyntaxNode, HashSet<object>> _before = new();
    private readonly Dictionary<ISymbol, HashSet<object>> _lambdaSeeds = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _untrusted = new(SymbolEqualityComparer.Default);
    private readonly LifecycleTypes _types;

    private AwaitedTasks(LifecycleTypes types) => _types = types;

    /// <summary>Completed tasks before each operation of <paramref name="root"/> (a method body or initializer), nested lambdas and local functions included.</summary>
    public static AwaitedTasks? For(IOperation root, LifecycleTypes types)
    {
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        ControlFlowGraph graph;
        try
        {
            graph = root switch
            {
                IMethodBodyOperation body => ControlFlowGraph.Create(body),
                IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor),
                IBlockOperation block => ControlFlowGraph.Create(block),
                IFieldInitializerOperation field => ControlFlowGraph.Create(field),
                IPropertyInitializerOperation property => ControlFlowGraph.Create(property),
                _ => null!,
            };
        }
        catch (System.ArgumentException)
        {
            return null;
        }

        if (graph is null)
        {
            return null;
        }

        var result = new AwaitedTasks(types);
        result.FindUntrustedCollections(root);
        result.AnalyzeWithNested(graph, null, 0);
        return result;
    }

    /// <summary>
    /// The task, or the collection of tasks, <paramref name="task"/> names (a local or parameter) has
    /// completed on every path to <paramref name="at"/>.
    /// </summary>
    public bool IsCompleted(ISymbol task, SyntaxNode at) => _before.TryGetValue(at, out var set) && set.Contains(task);

    /// <summary>
    /// The task <paramref name="task"/> evaluates to has completed on every path to <paramref name="at"/>:
    /// a completed task local or parameter, or an element of a completed collection (<c>tasks[i]</c>,
    /// <c>tasks.First()</c>, after element-preserving operators too).
    /// </summary>
    public bool IsCompleted(IOperation task, SyntaxNode at)
    {
        var value = task.WalkDownConversions();
        switch (value)
        {
            case ILocalReferenceOperation or IParameterReferenceOperation:
                return IsCompleted(TaskSymbol(value)!, at);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } collection }:
                return IsCompletedCollection(collection, at);
            case IArrayElementReferenceOperation element:
                return IsCompletedCollection(element.ArrayReference, at);
            case IInvocationOperation { Arguments.Length: > 0 } invocation when IsLinqOperator(invocation.TargetMethod) && ElementOperators.Contains(invocation.TargetMethod.Name):
                var source = invocation.Arguments[0].Value.WalkDownConversions();
                while (source is IInvocationOperation { Arguments.Length: > 0 } inner && IsLinqOperator(inner.TargetMethod) && ElementPreservingOperators.Contains(inner.TargetMethod.Name))
                {
                    source = inner.Arguments[0].Value.WalkDownConversions();
                }

                return IsCompletedCollection(source, at);
            default:
                return false;
        }
    }

    private bool IsCompletedCollection(IOperation collection, SyntaxNode at) =>
        TaskSymbol(collection) is { } symbol && IsTaskCollection(collection.WalkDownConversions().Type) && IsCompleted(symbol, at);

    /// <summary>A local or parameter whose type is an array or <c>ICollection&lt;T&gt;</c> of tasks.</summary>
    public bool IsTaskCollection(ITypeSymbol? type) => ElementOf(type) is { } element && Awaitable.Of(element, _types.Lambda).IsTask;

    private ITypeSymbol? ElementOf(ITypeSymbol? type)
    {
        switch (type)
        {
            case IArrayTypeSymbol { Rank: 1 } array:
                return array.ElementType;
            case INamedTypeSymbol named:
                if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _types.ICollectionOfT))
                {
                    return named.TypeArguments[0];
                }

                foreach (var implemented in named.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, _types.ICollectionOfT))
                    {
                        return implemented.TypeArguments[0];
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private void AnalyzeWithNested(ControlFlowGraph graph, HashSet<object>? seed, int nesting)
    {
        Analyze(graph, seed);
        if (nesting > 8)
        {
            return;
        }

        foreach (var function in graph.LocalFunctions)
        {
            AnalyzeWithNested(graph.GetLocalFunctionControlFlowGraph(function), null, nesting + 1);
        }

        foreach (var block in graph.Blocks)
        {
            foreach (var operation in Operations(block))
            {
                foreach (var nested in operation.DescendantsAndSelf())
                {
                    if (nested is IFlowAnonymousFunctionOperation lambda)
                    {
                        _lambdaSeeds.TryGetValue(lambda.Symbol, out var lambdaSeed);
                        AnalyzeWithNested(graph.GetAnonymousFunctionControlFlowGraph(lambda), lambdaSeed, nesting + 1);
                    }
                }
            }
        }
    }

    private void Analyze(ControlFlowGraph graph, HashSet<object>? seed)
    {
        var blocks = graph.Blocks;
        // null = not reached yet (the top of the lattice).
        var entry = new HashSet<object>?[blocks.Length];
        entry[0] = seed is null ? NewState() : new HashSet<object>(seed, StateComparer.Instance);
        var work = new Queue<int>();
        work.Enqueue(0);
        var visits = 0;
        while (work.Count > 0 && visits++ < blocks.Length * 16)
        {
            var index = work.Dequeue();
            var state = new HashSet<object>(entry[index]!, StateComparer.Instance);
            var block = blocks[index];
            foreach (var operation in block.Operations)
            {
                Transfer(operation, state);
            }

            if (block.BranchValue is { } branchValue)
            {
                Transfer(branchValue, state);
            }

            var whenTrue = CompletedWhenTrue(block.BranchValue);
            Flow(block.ConditionalSuccessor, state, whenTrue, block.ConditionKind == ControlFlowConditionKind.WhenTrue);
            Flow(block.FallThroughSuccessor, state, whenTrue, block.ConditionKind == ControlFlowConditionKind.WhenFalse);
        }

        void Flow(ControlFlowBranch? branch, HashSet<object> state, ISymbol? completedWhenTrue, bool takenWhenTrue)
        {
            if (branch?.Destination is not { } destination)
            {
                return;
            }

            var outgoing = state;
            if (completedWhenTrue is not null && takenWhenTrue)
            {
                outgoing = new HashSet<object>(state, StateComparer.Instance) { completedWhenTrue };
            }

            var current = entry[destination.Ordinal];
            if (current is null)
            {
                entry[destination.Ordinal] = new HashSet<object>(outgoing, StateComparer.Instance);
                work.Enqueue(destination.Ordinal);
            }
            else
            {
                var before = current.Count;
                current.IntersectWith(outgoing);
                if (current.Count != before)
                {
                    work.Enqueue(destination.Ordinal);
                }
            }
        }
    }

    /// <summary>Records the state before each operation, then applies its awaits, assignments and collection changes.</summary>
    private void Transfer(IOperation statement, HashSet<object> state)
    {
        foreach (var operation in statement.DescendantsAndSelf())
        {
            if (operation is IAwaitOperation awaited)
            {
                MarkAwaited(awaited.Operation, state);
            }
        }

        foreach (var operation in statement.DescendantsAndSelf())
        {
            if (!operation.IsImplicit || operation is IPropertyReferenceOperation or IInvocationOperation)
            {
                Remember(operation.Syntax, state);
            }

            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } assignment
                    when TaskSymbol(assignment.Target) is { } reassigned && assignment.Value.WalkDownConversions() is not IAwaitOperation:
                    Forget(reassigned, state);
                    if (IsElementOfCompleted(assignment.Value, state))
                    {
                        // The variable of a foreach over a completed collection.
                        state.Add(reassigned);
                    }

                    break;
                case IFlowCaptureOperation capture:
                    state.RemoveWhere(item => item is Enumerator enumerator && enumerator.Id.Equals(capture.Id));
                    if (capture.Value.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "GetEnumerator", Instance: { } source }
                        && CompletedCollection(source, state) is { } collection)
                    {
                        state.Add(new Enumerator(capture.Id, collection));
                    }

                    break;
                case IInvocationOperation invocation when IsLinqOperator(invocation.TargetMethod) && RunsAtOnce(invocation) && CompletedSource(invocation, state):
                    SeedElementLambdas(invocation);
                    break;
                case ILocalReferenceOperation or IParameterReferenceOperation when TaskSymbol(operation) is { } used
                    && state.Contains(used) && IsTaskCollection(operation.Type) && MayChange(operation):
                    Forget(used, state);
                    break;
            }
        }
    }

    private void Remember(SyntaxNode node, HashSet<object> state)
    {
        if (_before.TryGetValue(node, out var existing))
        {
            existing.IntersectWith(state);
        }
        else
        {
            _before[node] = new HashSet<object>(state, StateComparer.Instance);
        }
    }

    private void MarkAwaited(IOperation awaited, HashSet<object> state)
    {
        var value = awaited.WalkDownConversions();
        if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            value = configured.WalkDownConversions();
        }

        if (TaskSymbol(value) is { } symbol && !IsTaskCollection(value.Type))
        {
            state.Add(symbol);
            return;
        }

        if (value is IInvocationOperation { TargetMethod: { Name: "WhenAll", IsStatic: true } whenAllMethod } whenAll
            && SymbolEqualityComparer.Default.Equals(whenAllMethod.ContainingType, _types.Lambda.Task))
        {
            foreach (var argument in whenAll.Arguments)
            {
                var elements = argument.Value.WrittenElements();
                if (elements.IsDefault)
                {
                    AddAwaitedArgument(argument.Value.WalkDownConversions(), state);
                    continue;
                }

                // Task.WhenAll(a, b): a params array, or (C# 13, .NET 9+) a params span; Task.WhenAll([a, ..more]).
                foreach (var element in elements)
                {
                    if (element.SpreadValue() is { } spread)
                    {
                        AddAwaitedArgument(spread.WalkDownConversions(), state);
                    }
                    else if (TaskSymbol(element) is { } awaitedElement)
                    {
                        state.Add(awaitedElement);
                    }
                }
            }
        }
    }

    /// <summary>A task, or a trusted collection of tasks, handed whole to <c>Task.WhenAll</c>.</summary>
    private void AddAwaitedArgument(IOperation value, HashSet<object> state)
    {
        if (TaskSymbol(value) is { } awaited && (!IsTaskCollection(value.Type) || !_untrusted.Contains(awaited)))
        {
            state.Add(awaited);
        }
    }

    /// <summary>Forgets a task or collection, and the enumerators taken from a collection.</summary>
    private static void Forget(ISymbol symbol, HashSet<object> state)
    {
        state.Remove(symbol);
        state.RemoveWhere(item => item is Enumerator enumerator && SymbolEqualityComparer.Default.Equals(enumerator.Collection, symbol));
    }

    /// <summary><c>enumerator.Current</c> of an enumerator taken from a completed collection, or <c>tasks[i]</c> of one.</summary>
    private bool IsElementOfCompleted(IOperation value, HashSet<object> state)
    {
        switch (value.WalkDownConversions())
        {
            case IPropertyReferenceOperation { Property.Name: "Current", Instance: IFlowCaptureReferenceOperation capture }:
                foreach (var item in state)
                {
                    if (item is Enumerator enumerator && enumerator.Id.Equals(capture.Id))
                    {
                        return true;
                    }
                }

                return false;
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance }:
                return CompletedCollection(instance, state) is not null;
            case IArrayElementReferenceOperation element:
                return CompletedCollection(element.ArrayReference, state) is not null;
            default:
                return false;
        }
    }

    private ISymbol? CompletedCollection(IOperation value, HashSet<object> state) =>
        TaskSymbol(value) is { } symbol && IsTaskCollection(value.WalkDownConversions().Type) && state.Contains(symbol) ? symbol : null;

    /// <summary>The operator's source is a completed collection, or element-preserving operators over one.</summary>
    private bool CompletedSource(IInvocationOperation invocation, HashSet<object> state)
    {
        for (var current = invocation; current.Arguments.Length > 0;)
        {
            var source = current.Arguments[0].Value.WalkDownConversions();
            if (CompletedCollection(source, state) is not null)
            {
                return true;
            }

            if (source is not IInvocationOperation inner || !IsLinqOperator(inner.TargetMethod) || !ElementPreservingOperators.Contains(inner.TargetMethod.Name))
            {
                return false;
            }

            current = inner;
        }

        return false;
    }

    /// <summary>
    /// The lambdas given to <paramref name="invocation"/> run before the statement ends: it, or the
    /// chain of operators it feeds, ends in one that enumerates (anything not returning a lazy sequence).
    /// </summary>
    private bool RunsAtOnce(IInvocationOperation invocation)
    {
        IOperation current = invocation;
        while (IsLazySequence(current.Type))
        {
            if (current.ParentSkippingConversions(out _) is not IArgumentOperation { Parent: IInvocationOperation next } argument
                || !IsLinqOperator(next.TargetMethod)
                || next.Arguments.IndexOf(argument) != 0)
            {
                return false;
            }

            current = next;
        }

        return true;
    }

    /// <summary>The element parameter of each lambda given to a LINQ operator over a completed collection is a completed task.</summary>
    private void SeedElementLambdas(IInvocationOperation invocation)
    {
        for (var i = 1; i < invocation.Arguments.Length; i++)
        {
            if (invocation.Arguments[i].Value.WalkDownConversions() is IDelegateCreationOperation { Target: IFlowAnonymousFunctionOperation lambda }
                && lambda.Symbol.Parameters.Length > 0)
            {
                var seed = NewState();
                seed.Add(lambda.Symbol.Parameters[0]);
                if (_lambdaSeeds.TryGetValue(lambda.Symbol, out var existing))
                {
                    existing.IntersectWith(seed);
                }
                else
                {
                    _lambdaSeeds.Add(lambda.Symbol, seed);
                }
            }
        }
    }

    private bool IsLinqOperator(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingType, _types.Enumerable);

    private static bool IsLazySequence(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Interface, Name: "IEnumerable" or "IOrderedEnumerable", TypeArguments.Length: 1 };

    /// <summary>
    /// A use of a collection that could change its elements: anything but a read of it (an element,
    /// <c>Count</c>, a reading method, a LINQ operator, <c>Task.WhenAll</c> and friends, a comparison).
    /// </summary>
    private bool MayChange(IOperation reference)
    {
        var parent = reference.ParentSkippingConversions(out var child);
        switch (parent)
        {
            case IArgumentOperation { Parent: IInvocationOperation call } argument:
                return argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out
                    || !(IsLinqOperator(call.TargetMethod) || SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, _types.Lambda.Task));
            case IInvocationOperation call when ReferenceEquals(call.Instance, child):
                return !ReadingMethods.Contains(call.TargetMethod.Name);
            case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, child):
                return IsWritten(property);
            case IArrayElementReferenceOperation element when ReferenceEquals(element.ArrayReference, child):
                return IsWritten(element);
            case IForEachLoopOperation loop when ReferenceEquals(loop.Collection, child):
            case IBinaryOperation or IIsNullOperation or IIsPatternOperation or IIsTypeOperation:
                return false;
            case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, child):
                // Reassignment: handled where the new value is known.
                return false;
            case { } when parent.SpreadValue() is not null:
                // [..tasks] copies the elements into a new collection.
                return false;
            default:
                return true;
        }
    }

    /// <summary>An element or indexer written, incremented or passed by reference.</summary>
    private static bool IsWritten(IOperation reference)
    {
        var parent = reference.ParentSkippingConversions(out var child);
        return parent switch
        {
            IAssignmentOperation assignment => ReferenceEquals(assignment.Target, child),
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
            _ => false,
        };
    }

    /// <summary>Collections a lambda or local function of the body may change: never trusted as completed.</summary>
    private void FindUntrustedCollections(IOperation root)
    {
        foreach (var operation in root.Descendants())
        {
            if (operation is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
            {
                continue;
            }

            foreach (var inner in operation.Descendants())
            {
                if (TaskSymbol(inner) is { } symbol && inner is ILocalReferenceOperation or IParameterReferenceOperation
                    && IsTaskCollection(inner.Type) && (MayChange(inner) || IsReassigned(inner)))
                {
                    _untrusted.Add(symbol);
                }
            }
        }
    }

    private static bool IsReassigned(IOperation reference) =>
        reference.ParentSkippingConversions(out var child) is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, child);

    /// <summary><c>t.IsCompleted</c>, <c>t.IsCompletedSuccessfully</c>: the task named when the branch value is true.</summary>
    private static ISymbol? CompletedWhenTrue(IOperation? branchValue) =>
        branchValue?.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully", Instance: { } instance }
            ? TaskSymbol(instance)
            : null;

    private static ISymbol? TaskSymbol(IOperation operation) => operation.WalkDownConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    private static HashSet<object> NewState() => new(StateComparer.Instance);

    private static IEnumerable<IOperation> Operations(BasicBlock block)
    {
        foreach (var operation in block.Operations)
        {
            yield return operation;
        }

        if (block.BranchValue is { } branch)
        {
            yield return branch;
        }
    }

    /// <summary>An enumerator (a flow capture of the graph) taken from a completed collection.</summary>
    private sealed class Enumerator
    {
        public Enumerator(CaptureId id, ISymbol collection)
        {
            Id = id;
            Collection = collection;
        }

        public CaptureId Id { get; }

        public ISymbol Collection { get; }

        public override bool Equals(object? obj) =>
            obj is Enumerator other && Id.Equals(other.Id) && SymbolEqualityComparer.Default.Equals(Collection, other.Collection);

        public override int GetHashCode() => Id.GetHashCode();
    }

    /// <summary>Symbols compared as symbols; everything else by its own equality.</summary>
    private sealed class StateComparer : IEqualityComparer<object>
    {
        public static readonly StateComparer Instance = new();

        public new bool Equals(object? x, object? y) =>
            x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : object.Equals(x, y);

        public int GetHashCode(object obj) => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
    }
}
