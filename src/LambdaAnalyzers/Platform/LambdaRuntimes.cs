using System;
using System.Globalization;

namespace LambdaAnalyzers.Platform;

/// <summary>
/// Lambda runtime identifiers and the .NET versions they run. An OS-only runtime (<c>provided</c>,
/// <c>provided.al2</c>, <c>provided.al2023</c>) starts the file <c>bootstrap</c> from the package and
/// passes the handler string on as <c>_HANDLER</c>, reading nothing in it; a managed runtime
/// (<c>dotnet8</c>, <c>dotnet10</c>) starts its own bootstrap, which reads the handler string
/// (docs/platform/handlers.md, "What each runtime does with the handler string").
/// </summary>
internal static class LambdaRuntimes
{
    /// <summary>An OS-only runtime: <c>provided</c>, <c>provided.al2</c>, <c>provided.al2023</c>.</summary>
    public static bool IsOsOnly(string? runtime) => runtime is not null && runtime.Trim().StartsWith("provided", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>dotnet8</c> → 8.x (any minor), <c>dotnetcore3.1</c> → 3.1.</summary>
    public static bool TryParseManagedRuntime(string runtime, out Version version)
    {
        version = new Version(0, 0);
        var lower = runtime.ToLowerInvariant();
        if (lower.StartsWith("dotnetcore", StringComparison.Ordinal))
        {
            return Version.TryParse(lower.Substring("dotnetcore".Length), out version!) && version.Build < 0;
        }

        if (lower.StartsWith("dotnet", StringComparison.Ordinal)
            && int.TryParse(lower.Substring("dotnet".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            version = new Version(major, int.MaxValue);
            return true;
        }

        return false;
    }

    /// <summary><c>net10.0</c>, <c>net8.0-windows</c>, <c>netcoreapp3.1</c>; <c>netstandard</c> and .NET Framework TFMs are not versions a runtime refuses.</summary>
    public static bool TryParseFramework(string tfm, out Version version)
    {
        version = new Version(0, 0);
        var lower = tfm.ToLowerInvariant();
        var dash = lower.IndexOf('-');
        if (dash >= 0)
        {
            lower = lower.Substring(0, dash);
        }

        if (lower.StartsWith("netcoreapp", StringComparison.Ordinal))
        {
            return Version.TryParse(lower.Substring("netcoreapp".Length), out version!);
        }

        if (lower.StartsWith("net", StringComparison.Ordinal) && lower.Contains(".")
            && Version.TryParse(lower.Substring(3), out var parsed) && parsed.Major >= 5)
        {
            version = parsed;
            return true;
        }

        return false;
    }
}
