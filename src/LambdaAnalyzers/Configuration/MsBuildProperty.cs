using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LambdaAnalyzers.Configuration;

/// <summary>
/// The one reader of compiler-visible MSBuild properties: the package's build props list them as
/// <c>CompilerVisibleProperty</c> items and the compiler hands them to analyzers and generators as
/// <c>build_property.&lt;name&gt;</c> global analyzer-config options.
/// </summary>
internal static class MsBuildProperty
{
    private const string Prefix = "build_property.";

    /// <summary>The property's value, trimmed; null when it is absent or empty.</summary>
    public static string? Read(AnalyzerConfigOptions globalOptions, string name) =>
        globalOptions.TryGetValue(Prefix + name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;

    /// <inheritdoc cref="Read(AnalyzerConfigOptions, string)"/>
    public static string? Read(AnalyzerConfigOptionsProvider options, string name) => Read(options.GlobalOptions, name);

    /// <summary>The property is set to <c>true</c> (any case).</summary>
    public static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The property is set to <c>false</c> (any case): an opt-out, where absent means on.</summary>
    public static bool IsFalse(string? value) => string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
}
