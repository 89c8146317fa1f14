using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Shim.Tests.Infrastructure;

/// <summary>Builds the test functions under Functions/ once per test run, into this test run's artifacts folder.</summary>
internal static class FunctionBuild
{
    private static readonly Lazy<Task<string>> LazyTestFunction = new(() => BuildAsync("TestFunction"));
    private static readonly Lazy<Task<string>> LazyClassLibFunction = new(() => BuildAsync("ClassLibFunction"));

    /// <summary>Output folder of Functions/TestFunction (an executable-assembly function using LambdaRuntime.RunAsync).</summary>
    public static Task<string> TestFunction => LazyTestFunction.Value;

    /// <summary>Output folder of Functions/ClassLibFunction (a class-library function).</summary>
    public static Task<string> ClassLibFunction => LazyClassLibFunction.Value;

    public static async Task<string> BuildAsync(string name, params string[] extraArguments)
    {
        var project = RepoPaths.Combine("tests", "LambdaAnalyzers.Shim.Tests", "Functions", name, name + ".csproj");
        var artifacts = Path.Combine(AppContext.BaseDirectory, "functions-artifacts");
        var info = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in new[]
        {
            "build", project, "-c", "Release", "--artifacts-path", artifacts, "-nodeReuse:false", "-p:UseSharedCompilation=false",
            $"-p:LambdaRuntimeDll={Path.Combine(AppContext.BaseDirectory, "LambdaAnalyzers.Runtime.dll")}",
            $"-p:StandInDir={AppContext.BaseDirectory}", "-v:q", "-nologo",
        })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in extraArguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables must not leak into a nested build.
        foreach (var key in new System.Collections.Generic.List<string>(info.Environment.Keys))
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building {name} failed:\n{await stdout}\n{await stderr}");
        }

        return Path.Combine(artifacts, "bin", name, "release");
    }

    public static string DotnetPath()
    {
        var root = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (root is { Length: > 0 } && File.Exists(root))
        {
            return root;
        }

        return Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
    }
}
