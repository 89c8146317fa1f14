using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Caching;

/// <summary>
/// One value per compilation and analyzer options, shared by every analyzer that asks. All analyzers start
/// a compilation at about the same time: the first builds the value while the others wait for it, instead
/// of each building (and keeping) its own. The IDE may pair one compilation with new options when only a
/// configuration file changed; the value is rebuilt then. A build that is cancelled stores nothing.
/// </summary>
internal sealed class CompilationCache<T>
    where T : class
{
    private readonly ConditionalWeakTable<Compilation, Slot> _slots = new();
    private readonly Func<Compilation, AnalyzerOptions, CancellationToken, T> _create;

    public CompilationCache(Func<Compilation, AnalyzerOptions, CancellationToken, T> create) => _create = create;

    public T Get(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var slot = _slots.GetValue(compilation, static _ => new Slot());
        lock (slot)
        {
            if (slot.Value is { } value && ReferenceEquals(slot.Options, options))
            {
                return value;
            }

            var created = _create(compilation, options, cancellationToken);
            CacheBuilds.Report(compilation, typeof(T));
            slot.Options = options;
            slot.Value = created;
            return created;
        }
    }

    private sealed class Slot
    {
        public AnalyzerOptions? Options;
        public T? Value;
    }
}
