using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// External extensions: the files of the environment's <c>/opt/extensions</c>, each started as its own process
/// (its own process group, watched by the environment's sentinel) before the runtime, with the environment
/// extensions see (docs/platform/extensions-api.md, "External extensions" and "Environment").
/// </summary>
internal static class ExternalExtensions
{
    // Runtime-only variables extensions never see; every '_'-prefixed variable is hidden too.
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "AWS_EXECUTION_ENV", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
        "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_XRAY_CONTEXT_MISSING", "AWS_XRAY_DAEMON_ADDRESS",
    };

    /// <summary>The regular files directly in <c>&lt;opt&gt;/extensions</c>, in name order (sub-folders are not extensions).</summary>
    public static IReadOnlyList<string> Find(string? optDirectory)
    {
        var folder = optDirectory is null ? null : Path.Combine(optDirectory, "extensions");
        if (folder is null || !Directory.Exists(folder))
        {
            return Array.Empty<string>();
        }

        return Directory.GetFiles(folder).OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToArray();
    }

    /// <summary>The environment of an external extension: the runtime's, minus the runtime-only variables.</summary>
    public static Dictionary<string, string> Variables(IReadOnlyDictionary<string, string> runtimeVariables)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in runtimeVariables)
        {
            if (!pair.Key.StartsWith('_') && !Hidden.Contains(pair.Key))
            {
                variables[pair.Key] = pair.Value;
            }
        }

        return variables;
    }

    /// <summary>
    /// Starts every file of <paramref name="paths"/> (its name is the extension's name) and records it in
    /// <paramref name="registry"/>, which then waits for its registration. A file that cannot be started, or one
    /// beyond the limit of ten extensions, fails the Init with <c>Extension.LaunchError</c>.
    /// </summary>
    public static void Launch(
        ExtensionRegistry registry, IReadOnlyList<string> paths, IReadOnlyDictionary<string, string> variables, string workingDirectory,
        Func<string, Action<string>> output, GroupSentinel? sentinel, EnvironmentTimeline timeline, TimeProvider clock)
    {
        for (var i = 0; i < paths.Count; i++)
        {
            var name = Path.GetFileName(paths[i]);
            if (i >= ExtensionRegistry.MaxExtensions)
            {
                registry.Fail(new ExtensionFailure("Extension.LaunchError", $"TooManyExtensions: {name} is beyond the limit of {ExtensionRegistry.MaxExtensions} extensions"));
                return;
            }

            var extension = registry.AddLaunched(name);
            ProcessRuntime process;
            try
            {
                // Recorded before the start, so the timeline never shows a registration before its launch.
                timeline.Add(LambdaTimelineEvent.Launched, name);
                process = ProcessRuntime.Start(new[] { paths[i] }, workingDirectory, variables, output(name), clock, sentinel);
            }
            catch (Exception exception) when (exception is Win32Exception or IOException or UnauthorizedAccessException)
            {
                registry.Fail(new ExtensionFailure("Extension.LaunchError", $"{name}: {exception.Message}"));
                registry.ProcessExited(extension, exception.Message);
                return;
            }

            extension.Process = process;
            _ = ObserveExitAsync(process, extension, name, timeline, registry);
        }
    }

    private static async System.Threading.Tasks.Task ObserveExitAsync(ProcessRuntime process, Extension extension, string name, EnvironmentTimeline timeline, ExtensionRegistry registry)
    {
        var how = Describe(process, await process.Exited.ConfigureAwait(false));
        timeline.Add(LambdaTimelineEvent.Exited, name, how);

        // What it wrote last (a summary at SHUTDOWN, just before exiting) reaches the log before its end is noted, so a
        // shutdown that waits for the extensions returns with their last lines: reaped on its own, it is never killed,
        // and the kill's wait for the pipes does not run (TelemetryBufferSampleTests failed on this twice).
        await process.DrainAsync(InvokePhase.ExitDrainGrace).ConfigureAwait(false);
        registry.ProcessExited(extension, how);
    }

    /// <summary>How an extension process ended, in the platform's words (<c>exit code 0</c>, <c>exit status 1</c>, <c>signal: killed</c>).</summary>
    public static string Describe(IRuntimeInstance process, int code) => code == 0 ? "exit code 0" : process.DescribeExit(code);
}
