using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Caching;

/// <summary>
/// One value per compilation (and analyzer options, when the value reads them), shared by every analyzer
/// that asks. All analyzers start a compilation at about the same time: the first builds the value while
/// the others wait for it, instead of each building (and keeping) its own. The IDE may pair one
/// compilation with new options when only a configuration file changed; the value is rebuilt then. A
/// build that is cancelled stores nothing.
/// </summary>
internal sealed class CompilationCache<T>
    where T : class
{
    private readonly WeakCache<Compilation, Entry> _entries = new();
    private readonly Func<Compilation, AnalyzerOptions?, CancellationToken, T> _create;

    /// <summary>A value built from the compilation and its analyzer options.</summary>
    public CompilationCache(Func<Compilation, AnalyzerOptions, CancellationToken, T> create) => _create = (compilation, options, cancellationToken) => create(compilation, options!, cancellationToken);

    /// <summary>A value built from the compilation alone (<see cref="Get(Compilation)"/>).</summary>
    public CompilationCache(Func<Compilation, T> create) => _create = (compilation, _, _) => create(compilation);

    public T Get(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) => GetOrBuild(compilation, options, cancellationToken);

    /// <summary>The value of a cache built from the compilation alone.</summary>
    public T Get(Compilation compilation) => GetOrBuild(compilation, null, CancellationToken.None);

    private T GetOrBuild(Compilation compilation, AnalyzerOptions? options, CancellationToken cancellationToken) =>
        _entries.Get(
            compilation,
            (Cache: this, Options: options, CancellationToken: cancellationToken),
            static (entry, state) => ReferenceEquals(entry.Options, state.Options),
            static (compilation, state) =>
            {
                var value = state.Cache._create(compilation, state.Options, state.CancellationToken);
                CacheBuilds.Report(compilation, typeof(T));
                return new Entry(state.Options, value);
            }).Value;

    private sealed class Entry
    {
        public Entry(AnalyzerOptions? options, T value)
        {
            Options = options;
            Value = value;
        }

        public AnalyzerOptions? Options { get; }

        public T Value { get; }
    }
}
