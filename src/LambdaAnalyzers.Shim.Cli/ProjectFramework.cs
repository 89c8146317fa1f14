using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary>
/// Which target framework <c>lambda-shim run</c> builds. Building every framework of a multi-target project into one
/// output folder lets the last one win (its app host, its dependencies), so the shim builds exactly one: the one the
/// user names with <c>--framework</c>, else the newest <c>netX.Y</c> this machine's .NET can run.
/// </summary>
internal static class ProjectFramework
{
    /// <summary>The project's <c>TargetFrameworks</c> (or its single <c>TargetFramework</c>), as MSBuild evaluates them.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(string project)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "msbuild", project, "-getProperty:TargetFrameworks", "-getProperty:TargetFramework", "-nologo", "-nodeReuse:false" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var json = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0 || json.Trim().Length == 0)
        {
            return Array.Empty<string>();
        }

        using var document = System.Text.Json.JsonDocument.Parse(json);
        var properties = document.RootElement.GetProperty("Properties");
        var several = properties.GetProperty("TargetFrameworks").GetString();
        var one = properties.GetProperty("TargetFramework").GetString();
        return Split(string.IsNullOrWhiteSpace(several) ? one : several);
    }

    /// <summary>The frameworks of a <c>TargetFrameworks</c> value, in order, without blanks.</summary>
    public static IReadOnlyList<string> Split(string? frameworks) =>
        (frameworks ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The framework to build among <paramref name="frameworks"/>: null for a project with one (nothing to choose), else
    /// the newest <c>netX.Y</c> (X at least 5) whose major version is at most <paramref name="runtimeMajor"/>, else the
    /// first.
    /// </summary>
    public static string? Choose(IReadOnlyList<string> frameworks, int runtimeMajor)
    {
        if (frameworks.Count <= 1)
        {
            return null;
        }

        return frameworks
            .Select(f => (Framework: f, Version: NetVersion(f)))
            .Where(f => f.Version is { } v && v.Major <= runtimeMajor)
            .OrderByDescending(f => f.Version)
            .Select(f => f.Framework)
            .FirstOrDefault() ?? frameworks[0];
    }

    /// <summary>The version of a <c>netX.Y</c> moniker (with an optional platform suffix), null for any other.</summary>
    private static Version? NetVersion(string framework)
    {
        var moniker = framework.Split('-')[0];
        return moniker.StartsWith("net", StringComparison.OrdinalIgnoreCase)
            && moniker.Contains('.', StringComparison.Ordinal)
            && Version.TryParse(moniker.Substring(3), out var version)
            && version.Major >= 5
            ? version
            : null;
    }
}
