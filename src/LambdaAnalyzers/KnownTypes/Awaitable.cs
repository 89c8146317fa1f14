using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.KnownTypes;

/// <summary>Which task type a value is, as far as awaiting it goes.</summary>
internal enum AwaitKind
{
    /// <summary>Not a task: <c>void</c> or an ordinary value.</summary>
    None,

    /// <summary><c>Task</c>, <c>Task&lt;T&gt;</c> or a subclass of either.</summary>
    Task,

    /// <summary><c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    ValueTask,
}

/// <summary>
/// The one definition of the task types of the codebase: what a type is to <c>await</c> (a <see cref="AwaitKind"/>) and
/// what awaiting it yields. The handler shape (what a handler returns), the lifecycle rules (blocking on a task,
/// collections of tasks) and the code fixes all read it.
/// </summary>
internal readonly struct Awaitable
{
    private Awaitable(AwaitKind kind, ITypeSymbol? result, bool isExactlyNonGeneric)
    {
        Kind = kind;
        Result = result;
        IsExactlyNonGeneric = isExactlyNonGeneric;
    }

    public AwaitKind Kind { get; }

    /// <summary>The <c>T</c> of <c>Task&lt;T&gt;</c> (found on a subclass too) or <c>ValueTask&lt;T&gt;</c>; null when awaiting yields nothing.</summary>
    public ITypeSymbol? Result { get; }

    /// <summary>Exactly <c>Task</c> or <c>ValueTask</c>, not a subclass and not generic: awaiting it yields no value.</summary>
    public bool IsExactlyNonGeneric { get; }

    /// <summary>A task of any kind (<c>Task</c>, <c>Task&lt;T&gt;</c>, a subclass, <c>ValueTask</c>, <c>ValueTask&lt;T&gt;</c>).</summary>
    public bool IsTask => Kind != AwaitKind.None;

    public static Awaitable Of(ITypeSymbol? type, LambdaTypes types)
    {
        if (type is not INamedTypeSymbol named)
        {
            return default;
        }

        if (TypeChecks.Is(named, types.Task))
        {
            return new Awaitable(AwaitKind.Task, null, isExactlyNonGeneric: true);
        }

        if (TypeChecks.Is(named, types.ValueTask))
        {
            return new Awaitable(AwaitKind.ValueTask, null, isExactlyNonGeneric: true);
        }

        if (TypeChecks.IsGeneric(named, types.ValueTaskOfT))
        {
            return new Awaitable(AwaitKind.ValueTask, named.TypeArguments[0], isExactlyNonGeneric: false);
        }

        for (var current = named; current is not null; current = current.BaseType)
        {
            if (TypeChecks.IsGeneric(current, types.TaskOfT))
            {
                return new Awaitable(AwaitKind.Task, current.TypeArguments[0], isExactlyNonGeneric: false);
            }
        }

        return TypeChecks.InheritsFrom(named, types.Task) ? new Awaitable(AwaitKind.Task, null, isExactlyNonGeneric: false) : default;
    }
}
