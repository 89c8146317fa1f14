using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LambdaAnalyzers.Shim.Internal;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary>
/// Whether this machine has the shared frameworks a framework-dependent function asks for in its
/// <c>*.runtimeconfig.json</c>, with the .NET host's roll-forward rules. Without the check, a net8.0 function on a machine
/// with only .NET 10 fails its Init with the host's message in the function's log; with it, <c>lambda-shim</c> says which
/// runtime is missing and that <c>--roll-forward</c> runs the function on a newer one.
/// </summary>
/// <remarks>
/// The rules (.NET's "framework-dependent apps roll forward" documentation): <c>rollForward</c> of the framework reference
/// or of <c>runtimeOptions</c> wins over <c>DOTNET_ROLL_FORWARD</c>; the default is <c>Minor</c>. <c>LatestPatch</c> keeps
/// major and minor, <c>Minor</c>/<c>LatestMinor</c> keep the major, <c>Major</c>/<c>LatestMajor</c> take any later version,
/// <c>Disable</c> only the version asked for. Self-contained apps (<c>includedFrameworks</c>) need nothing installed.
/// </remarks>
internal static class RuntimeFrameworks
{
    /// <summary>
    /// The reason the function in <paramref name="codeDirectory"/> cannot start here (null: it can, or it is not a
    /// framework-dependent .NET app), given the roll-forward policy the function process gets (<c>DOTNET_ROLL_FORWARD</c>).
    /// </summary>
    public static string? Missing(string codeDirectory, string? rollForward) =>
        Missing(codeDirectory, rollForward, Path.Combine(FunctionResolver.DotnetRoot(FunctionResolver.DotnetMuxer()), "shared"));

    internal static string? Missing(string codeDirectory, string? rollForward, string sharedFrameworks)
    {
        foreach (var file in Directory.GetFiles(codeDirectory, "*.runtimeconfig.json").Order(StringComparer.Ordinal))
        {
            JsonElement runtimeOptions;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (!document.RootElement.TryGetProperty("runtimeOptions", out var found))
                {
                    continue;
                }

                runtimeOptions = found.Clone();
            }
            catch (JsonException)
            {
                continue; // Not ours to judge: the host reports a malformed file itself.
            }

            var appPolicy = String(runtimeOptions, "rollForward");
            foreach (var framework in References(runtimeOptions))
            {
                var name = String(framework, "name");
                var version = String(framework, "version");
                if (name is null || version is null || !TryParse(version, out var requested))
                {
                    continue;
                }

                var policy = String(framework, "rollForward") ?? appPolicy ?? rollForward ?? "Minor";
                var installed = Installed(Path.Combine(sharedFrameworks, name));
                if (installed.Any(candidate => Accepts(policy, requested, candidate)))
                {
                    continue;
                }

                var tfm = String(runtimeOptions, "tfm") is { } moniker ? $" ({moniker})" : string.Empty;
                var has = installed.Count == 0 ? "none" : string.Join(", ", installed.Select(v => v.ToString()));
                var offer = (String(framework, "rollForward") ?? appPolicy) is { } fixedPolicy
                    ? $"; its runtimeconfig.json fixes the roll-forward policy to {fixedPolicy}, so install it"
                    : rollForward is null
                        ? "; install it, or run the function on a newer one with --roll-forward Major (DOTNET_ROLL_FORWARD for the function process)"
                        : $" that roll-forward policy {rollForward} accepts; install it, or try --roll-forward Major";
                return $"{Path.GetFileName(file)} needs the .NET runtime {name} {version}{tfm}, which this machine does not have ({name} installed: {has}){offer}.";
            }
        }

        return null;
    }

    private static IEnumerable<JsonElement> References(JsonElement runtimeOptions)
    {
        if (runtimeOptions.TryGetProperty("framework", out var one) && one.ValueKind == JsonValueKind.Object)
        {
            yield return one;
        }

        if (runtimeOptions.TryGetProperty("frameworks", out var several) && several.ValueKind == JsonValueKind.Array)
        {
            foreach (var framework in several.EnumerateArray())
            {
                yield return framework;
            }
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<Version> Installed(string frameworkDirectory) =>
        Directory.Exists(frameworkDirectory)
            ? Directory.GetDirectories(frameworkDirectory)
                .Select(d => TryParse(Path.GetFileName(d), out var v) ? v : null)
                .OfType<Version>()
                .Order()
                .ToList()
            : new List<Version>();

    /// <summary>A framework version without its pre-release or build suffix (<c>10.0.0-rc.2</c> is 10.0.0).</summary>
    private static bool TryParse(string text, out Version version)
    {
        var plain = text.Split('-', '+')[0];
        if (Version.TryParse(plain, out var parsed))
        {
            version = new Version(parsed.Major, parsed.Minor, Math.Max(parsed.Build, 0));
            return true;
        }

        version = new Version();
        return false;
    }

    private static bool Accepts(string policy, Version requested, Version candidate) => policy.ToUpperInvariant() switch
    {
        "DISABLE" => candidate == requested,
        "LATESTPATCH" => candidate.Major == requested.Major && candidate.Minor == requested.Minor && candidate >= requested,
        "MAJOR" or "LATESTMAJOR" => candidate >= requested,
        _ => candidate.Major == requested.Major && candidate >= requested, // Minor, LatestMinor, and the default
    };
}
