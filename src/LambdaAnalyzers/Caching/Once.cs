using System;
using System.Threading;

namespace LambdaAnalyzers.Caching;

/// <summary>
/// A value built once by the first caller while concurrent callers wait for it. Unlike <see cref="Lazy{T}"/>,
/// a build that throws (a cancelled analysis) stores nothing, so the next caller builds it again.
/// </summary>
internal sealed class Once<T>
{
    private Built? _built;

    public T Get(Func<T> create) => Get(create, static create => create());

    /// <summary>
    /// The value, built from <paramref name="state"/> by the first caller. With a <c>static</c> lambda, asking for a
    /// value already built allocates nothing (a capturing lambda is a new closure on every call, hot paths ask often).
    /// </summary>
    public T Get<TState>(TState state, Func<TState, T> create)
    {
        if (Volatile.Read(ref _built) is { } built)
        {
            return built.Value;
        }

        lock (this)
        {
            if (_built is null)
            {
                Volatile.Write(ref _built, new Built(create(state)));
            }

            return _built!.Value;
        }
    }

    private sealed class Built
    {
        public Built(T value) => Value = value;

        public T Value { get; }
    }
}
