using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LambdaAnalyzers.Platform;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The environment variables a runtime starts with: the platform's defaults, the function's own variables
/// (reserved names refused), then the reserved variables the platform sets. Nothing of the host's leaks in.
/// </summary>
internal static class RuntimeVariables
{
    /// <param name="function">The function.</param>
    /// <param name="runtimeApi">The environment's <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    /// <param name="tmpDirectory">The environment's <c>/tmp</c> (also the task root when the function has no code folder).</param>
    /// <param name="logStream">The environment's log stream name.</param>
    /// <param name="log">Where a refused variable is reported.</param>
    /// <param name="optDirectory">The environment's <c>/opt</c> view (its layers), if it has one: its <c>bin</c> and <c>lib</c> take the places of <c>/opt/bin</c> and <c>/opt/lib</c>; without layers neither is on a path.</param>
    public static Dictionary<string, string> Build(FunctionSpec function, string runtimeApi, string tmpDirectory, string logStream, Action<string> log, string? optDirectory = null)
    {
        var taskRoot = function.CodeDirectory ?? tmpDirectory;
        var opt = optDirectory;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Lambda's PATH and LD_LIBRARY_PATH name /opt/bin and /opt/lib, where layers go: here the environment's own
            // /opt view when it has layers, never the host's /opt (nor the host PATH's /opt entries).
            ["PATH"] = "/usr/local/bin:/usr/bin/:/bin" + (opt is null ? string.Empty : $":{opt}/bin") + (System.Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } path ? ":" + WithoutOpt(path) : string.Empty),
            ["LANG"] = "en_US.UTF-8",
            ["TZ"] = ":UTC",
            ["LD_LIBRARY_PATH"] = $"/lib64:/usr/lib64:{taskRoot}:{taskRoot}/lib" + (opt is null ? string.Empty : $":{opt}/lib"),
            ["AWS_XRAY_CONTEXT_MISSING"] = "LOG_ERROR",
        };
        foreach (var pair in function.Environment)
        {
            if (ReservedEnvironmentVariables.IsReserved(pair.Key))
            {
                log($"lambda-shim: the reserved variable {pair.Key} cannot be set by the function configuration; ignored.");
                continue;
            }

            variables[pair.Key] = pair.Value;
        }

        if (function.Credentials is { } credentials)
        {
            variables["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId;
            variables["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey;
            if (credentials.SessionToken is { Length: > 0 } token)
            {
                variables["AWS_SESSION_TOKEN"] = token;
            }
        }

        variables["_HANDLER"] = function.Handler;
        variables["AWS_REGION"] = function.Region;
        variables["AWS_DEFAULT_REGION"] = function.Region;
        variables["AWS_LAMBDA_FUNCTION_NAME"] = function.Name;
        variables["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.MemorySizeMB.ToString(CultureInfo.InvariantCulture);
        variables["AWS_LAMBDA_FUNCTION_VERSION"] = function.Version;
        variables["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
        variables["AWS_LAMBDA_LOG_GROUP_NAME"] = $"/aws/lambda/{function.Name}";
        variables["AWS_LAMBDA_LOG_STREAM_NAME"] = logStream;
        variables["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        variables["LAMBDA_TASK_ROOT"] = taskRoot;
        variables["LAMBDA_RUNTIME_DIR"] = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        variables["TMPDIR"] = tmpDirectory;
        if (function.Mode == ShimExecutionMode.InProcess)
        {
            // In-process, variables are process-wide: leave the host's PATH, TMPDIR, locale and time zone alone.
            foreach (var hostWide in new[] { "PATH", "LANG", "TZ", "LD_LIBRARY_PATH", "TMPDIR" })
            {
                variables.Remove(hostWide);
            }
        }

        if (function.Mode == ShimExecutionMode.OutOfProcess)
        {
            var muxer = FunctionResolver.DotnetMuxer();
            if (Path.IsPathRooted(muxer) && !variables.ContainsKey("DOTNET_ROOT"))
            {
                variables["DOTNET_ROOT"] = FunctionResolver.DotnetRoot(muxer);
            }

            if (!variables.ContainsKey("DOTNET_GCHeapHardLimit"))
            {
                // Hexadecimal without prefix: the form CoreCLR and Native AOT both read. 75 % of the memory size,
                // the share .NET itself takes under a container memory limit.
                var limit = (long)function.MemorySizeMB * 1024 * 1024 * 3 / 4;
                variables["DOTNET_GCHeapHardLimit"] = limit.ToString("X", CultureInfo.InvariantCulture);
            }
        }

        return variables;
    }

    /// <summary>A search path without the host's <c>/opt</c> entries.</summary>
    private static string WithoutOpt(string path) =>
        string.Join(':', path.Split(':').Where(entry => entry != "/opt" && !entry.StartsWith("/opt/", StringComparison.Ordinal)));
}
