using System;

namespace LambdaAnalyzers.Caching;

/// <summary>
/// A value built once by the first caller while concurrent callers wait for it. Unlike <see cref="Lazy{T}"/>,
/// a build that throws (a cancelled analysis) stores nothing, so the next caller builds it again.
/// </summary>
internal sealed class Once<T>
    where T : class
{
    private T? _value;

    public T Get(Func<T> create)
    {
        if (System.Threading.Volatile.Read(ref _value) is { } value)
        {
            return value;
        }

        lock (this)
        {
            return _value ??= create();
        }
    }
}
