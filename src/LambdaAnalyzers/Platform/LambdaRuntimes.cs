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

    /// <summary>
    /// Why Lambda refuses <paramref name="runtime"/> when a .NET function names it (docs/platform/runtimes.md), or null
    /// when it does not, or when the identifier is not one this package knows to judge (another language, a .NET release
    /// after the ones it knows): <see cref="RuntimeRefusal.Retired"/> for the .NET Core runtimes no function can be
    /// created or updated on any more, the other kinds for .NET identifiers Lambda never had.
    /// </summary>
    public static RuntimeRefusal? Refusal(string runtime)
    {
        var lower = runtime.Trim().ToLowerInvariant();
        if (lower is "dotnetcore1.0" or "dotnetcore2.0" or "dotnetcore2.1" or "dotnetcore3.1")
        {
            return RuntimeRefusal.Retired;
        }

        if (lower.StartsWith("netcoreapp", StringComparison.Ordinal)
            || (lower.StartsWith("net", StringComparison.Ordinal) && lower.Length > 3 && char.IsDigit(lower[3])))
        {
            // A target framework written where the runtime goes (net8.0, netcoreapp3.1).
            return RuntimeRefusal.TargetFramework;
        }

        if (lower.StartsWith("dotnetcore", StringComparison.Ordinal))
        {
            // dotnetcore2.2, dotnetcore3.0.
            return RuntimeRefusal.NotAnIdentifier;
        }

        if (!lower.StartsWith("dotnet", StringComparison.Ordinal))
        {
            return null;
        }

        var version = lower.Substring("dotnet".Length);
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            // dotnet8.0, dotnet-8: the identifiers are dotnet6, dotnet8, dotnet10.
            return RuntimeRefusal.NotAnIdentifier;
        }

        // Lambda has managed runtimes for the long-term-support releases only (6, 8, 10: the even ones); an odd release
        // (5, 7, 9, 11) runs in a container image or on provided.al2023. An even one after 10 may be a runtime this
        // package does not know yet.
        return major % 2 == 1 ? RuntimeRefusal.NoManagedRuntime
            : major < 6 ? RuntimeRefusal.NotAnIdentifier
            : null;
    }

    /// <summary>
    /// What a refusal means for the user, worded to follow <c>Runtime '…' </c>: the analyzers' LAM0304 message and the
    /// shim's refusal to run or package such a function say the same.
    /// </summary>
    public static string Explain(string runtime, RuntimeRefusal refusal) => refusal switch
    {
        RuntimeRefusal.Retired =>
            "is retired: Lambda no longer creates or updates functions on it; move the project to .NET 10 and the function to dotnet10",
        RuntimeRefusal.TargetFramework =>
            "is a target framework, not a Lambda runtime; the .NET runtimes are dotnet8 and dotnet10",
        RuntimeRefusal.NoManagedRuntime when TryParseManagedRuntime(runtime, out var version) =>
            $"is not a Lambda runtime: Lambda has managed runtimes for the long-term-support .NET releases only (dotnet8, dotnet10); run .NET {version.Major} as a container image, or self-contained or Native AOT on provided.al2023",
        _ => "is not a Lambda runtime identifier; the .NET runtimes are dotnet8 and dotnet10",
    };

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

/// <summary>Why Lambda refuses a runtime identifier (<see cref="LambdaRuntimes.Refusal"/>).</summary>
internal enum RuntimeRefusal
{
    /// <summary>A runtime Lambda had and retired: functions can no longer be created or updated on it.</summary>
    Retired,

    /// <summary>A .NET release without long-term support (<c>dotnet9</c>): Lambda never had a managed runtime for it.</summary>
    NoManagedRuntime,

    /// <summary>A target framework moniker where the runtime goes (<c>net8.0</c>).</summary>
    TargetFramework,

    /// <summary>Any other .NET identifier Lambda never had (<c>dotnet8.0</c>, <c>dotnetcore3.0</c>).</summary>
    NotAnIdentifier,
}
