using System;
using System.Runtime.CompilerServices;

namespace LambdaAnalyzers.Caching;

/// <summary>
/// One value per key object, held only as long as the key lives: the mechanism under
/// <see cref="CompilationCache{T}"/>, and on its own for inputs that outlive a compilation (a config file's
/// text, a referenced assembly). The first caller builds the value while concurrent callers wait for it; a
/// value the caller no longer accepts (the options or text it was built from changed) is rebuilt; a build
/// that throws (a cancelled analysis) stores nothing.
/// </summary>
internal sealed class WeakCache<TKey, T>
    where TKey : class
    where T : class
{
    private readonly ConditionalWeakTable<TKey, Slot> _slots = new();

    public T Get<TState>(TKey key, TState state, Func<T, TState, bool> isCurrent, Func<TKey, TState, T> create)
    {
        var slot = _slots.GetValue(key, static _ => new Slot());
        lock (slot)
        {
            if (slot.Value is { } value && isCurrent(value, state))
            {
                return value;
            }

            var created = create(key, state);
            slot.Value = created;
            return created;
        }
    }

    private sealed class Slot
    {
        public T? Value;
    }
}
