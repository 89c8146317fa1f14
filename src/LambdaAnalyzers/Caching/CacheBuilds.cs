using System;
using Microsoft.CodeAnalysis;

namespace LambdaAnalyzers.Caching;

/// <summary>
/// A test hook: raised each time a <see cref="CompilationCache{T}"/> builds its value, with the
/// compilation and the value's type, so tests can count model builds instead of timing them. Nothing
/// subscribes outside tests.
/// </summary>
internal static class CacheBuilds
{
    public static event Action<Compilation, Type>? Built;

    internal static void Report(Compilation compilation, Type type) => Built?.Invoke(compilation, type);
}
