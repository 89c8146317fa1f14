using System.Collections.Generic;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// Must-analysis on a control-flow graph: which task locals and parameters have completed at a
/// point on every path leading to it — awaited (<c>await t</c>, <c>await Task.WhenAll(t, …)</c>,
/// <c>Task.WaitAll</c> excluded on purpose) or checked (<c>if (t.IsCompleted…)</c>) — and not
/// reassigned since. LAM0204 uses it to leave <c>t.Result</c> alone after <c>await Task.WhenAll(t, u)</c>.
/// </summary>
internal sealed class AwaitedTasks
{
    private readonly Dictionary<SyntaxNode, HashSet<ISymbol>> _before = new();

    private AwaitedTasks()
    {
    }

    /// <summary>Completed tasks before each operation of <paramref name="root"/> (a method body or initializer), nested lambdas and local functions included.</summary>
    public static AwaitedTasks? For(IOperation root)
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

        var result = new AwaitedTasks();
        result.AnalyzeWithNested(graph, 0);
        return result;
    }

    /// <summary>The local or parameter <paramref name="task"/> names has completed on every path to <paramref name="at"/>.</summary>
    public bool IsCompleted(ISymbol task, SyntaxNode at) => _before.TryGetValue(at, out var set) && set.Contains(task);

    private void AnalyzeWithNested(ControlFlowGraph graph, int nesting)
    {
        Analyze(graph);
        if (nesting > 8)
        {
            return;
        }

        foreach (var function in graph.LocalFunctions)
        {
            AnalyzeWithNested(graph.GetLocalFunctionControlFlowGraph(function), nesting + 1);
        }

        foreach (var block in graph.Blocks)
        {
            foreach (var operation in Operations(block))
            {
                foreach (var nested in operation.DescendantsAndSelf())
                {
                    if (nested is IFlowAnonymousFunctionOperation lambda)
                    {
                        AnalyzeWithNested(graph.GetAnonymousFunctionControlFlowGraph(lambda), nesting + 1);
                    }
                }
            }
        }
    }

    private void Analyze(ControlFlowGraph graph)
    {
        var blocks = graph.Blocks;
        // null = not reached yet (the top of the lattice).
        var entry = new HashSet<ISymbol>?[blocks.Length];
        entry[0] = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var work = new Queue<int>();
        work.Enqueue(0);
        var visits = 0;
        while (work.Count > 0 && visits++ < blocks.Length * 16)
        {
            var index = work.Dequeue();
            var state = new HashSet<ISymbol>(entry[index]!, SymbolEqualityComparer.Default);
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

        void Flow(ControlFlowBranch? branch, HashSet<ISymbol> state, ISymbol? completedWhenTrue, bool takenWhenTrue)
        {
            if (branch?.Destination is not { } destination)
            {
                return;
            }

            var outgoing = state;
            if (completedWhenTrue is not null && takenWhenTrue)
            {
                outgoing = new HashSet<ISymbol>(state, SymbolEqualityComparer.Default) { completedWhenTrue };
            }

            var current = entry[destination.Ordinal];
            if (current is null)
            {
                entry[destination.Ordinal] = new HashSet<ISymbol>(outgoing, SymbolEqualityComparer.Default);
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

    /// <summary>Records the state before each operation, then applies its awaits and assignments.</summary>
    private void Transfer(IOperation statement, HashSet<ISymbol> state)
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

            if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } assignment
                && TaskSymbol(assignment.Target) is { } reassigned
                && assignment.Value.WalkDownConversions() is not IAwaitOperation)
            {
                state.Remove(reassigned);
            }
        }
    }

    private void Remember(SyntaxNode node, HashSet<ISymbol> state)
    {
        if (_before.TryGetValue(node, out var existing))
        {
            existing.IntersectWith(state);
        }
        else
        {
            _before[node] = new HashSet<ISymbol>(state, SymbolEqualityComparer.Default);
        }
    }

    private static void MarkAwaited(IOperation awaited, HashSet<ISymbol> state)
    {
        var value = awaited.WalkDownConversions();
        if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            value = configured.WalkDownConversions();
        }

        if (TaskSymbol(value) is { } symbol)
        {
            state.Add(symbol);
            return;
        }

        if (value is IInvocationOperation { TargetMethod: { Name: "WhenAll", IsStatic: true } } whenAll)
        {
            foreach (var argument in whenAll.Arguments)
            {
                var argumentValue = argument.Value.WalkDownConversions();
                if (argumentValue is IArrayCreationOperation { Initializer: { } elements })
                {
                    foreach (var element in elements.ElementValues)
                    {
                        if (TaskSymbol(element) is { } awaitedElement)
                        {
                            state.Add(awaitedElement);
                        }
                    }
                }
                else if (TaskSymbol(argumentValue) is { } awaitedArgument)
                {
                    state.Add(awaitedArgument);
                }
            }
        }
    }

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
}
