using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Testing;

/// <summary>
/// Runs the dotnet CLI as a nested process: no build server or node reuse (nothing may outlive the
/// test and hold CI's output open), no inherited MSBuild variables from the test host, a time limit.
/// </summary>
internal static class DotNet
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(5);

    /// <summary>The dotnet host running the tests (so nested commands use the same SDK), else <c>dotnet</c> from PATH.</summary>
    public static string HostPath
    {
        get
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (host is { Length: > 0 } && File.Exists(host))
            {
                return host;
            }

            return Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        }
    }

    public static Task<CommandResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunAsync(workingDirectory, environment, DefaultLimit, arguments);

    public static async Task<CommandResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo(HostPath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("-nodeReuse:false");
        start.ArgumentList.Add("-p:UseSharedCompilation=false");
        foreach (var name in new List<string>(start.Environment.Keys))
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new StringBuilder();
        var stdout = Pump(process.StandardOutput, output);
        var stderr = Pump(process.StandardError, output);
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(limit)) != exited)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {limit}.\n{output}");
        }

        await Task.WhenAll(stdout, stderr);
        return new CommandResult(process.ExitCode, output.ToString(), string.Join(' ', arguments));
    }

    private static async Task Pump(StreamReader reader, StringBuilder sink)
    {
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            lock (sink)
            {
                sink.AppendLine(line);
            }
        }
    }
}

public sealed record CommandResult(int ExitCode, string Output, string Command)
{
    public CommandResult EnsureSuccess() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"`dotnet {Command}` exited with {ExitCode}:\n{Output}");
}
