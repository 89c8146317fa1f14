using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Cli;
using LambdaAnalyzers.Shim.Internal;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// A framework-dependent net8.0 function on a machine without .NET 8 (this project's machines have only .NET 10):
/// <c>lambda-shim run</c> names the missing runtime and <c>--roll-forward Major</c> runs it on .NET 10. Each test builds
/// its own copy of the project, so each sees the build's diagnostics, which are printed once.
/// </summary>
public sealed class CliRollForwardTests
{
    private static readonly string SharedFrameworks = Path.Combine(FunctionResolver.DotnetRoot(FunctionResolver.DotnetMuxer()), "shared");

    [Fact]
    public async Task Run_of_a_net8_function_without_NET_8_names_the_missing_runtime_and_offers_roll_forward()
    {
        Assert.False(
            Directory.Exists(Path.Combine(SharedFrameworks, "Microsoft.NETCore.App")) && Directory.GetDirectories(Path.Combine(SharedFrameworks, "Microsoft.NETCore.App"), "8.*").Length > 0,
            "This test needs a machine without the .NET 8 runtime.");

        var (exit, output) = await RunProjectAsync();

        Assert.Equal(1, exit);
        Assert.Matches(
            @"lambda-shim: RollFn\.runtimeconfig\.json needs the \.NET runtime Microsoft\.NETCore\.App 8\.0\.0 \(net8\.0\), which this machine does not have \(Microsoft\.NETCore\.App installed: [0-9., ]+\); install it, or run the function on a newer one with --roll-forward Major",
            output);
        Assert.DoesNotContain("INIT_START", output, StringComparison.Ordinal);
        AssertDiagnosticsOnce(output);
    }

    [Fact]
    public async Task Roll_forward_Major_runs_the_net8_function_on_this_machines_newer_runtime()
    {
        var (exit, output) = await RunProjectAsync("--roll-forward", "Major");

        Assert.True(exit == 0, output);
        Assert.Contains("response {\"ROLLED\":\"MAJOR\",\"RUNTIME\":\"" + Environment.Version.Major + "\"}", output, StringComparison.Ordinal);
        AssertDiagnosticsOnce(output);
    }

    [Theory]
    [InlineData("8.0.0", null, null, "10.0.3")]
    [InlineData("8.0.0", null, "LatestPatch", "10.0.3")]
    [InlineData("8.0.0", null, "Minor", "10.0.3")]
    [InlineData("10.0.4", null, "Disable", "10.0.3")]
    [InlineData("10.1.0", null, null, "10.0.3")]
    [InlineData("8.0.0", "Minor", "Major", "10.0.3")] // the runtimeconfig's own policy wins
    public void Unresolvable_references_are_reported(string version, string? filePolicy, string? policy, string installed)
    {
        var (code, shared) = Layout(version, filePolicy, installed);
        try
        {
            Assert.NotNull(RuntimeFrameworks.Missing(code, policy, shared));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(code)!, true);
        }
    }

    [Theory]
    [InlineData("8.0.0", null, "Major", "10.0.3")]
    [InlineData("8.0.0", null, "LatestMajor", "10.0.3")]
    [InlineData("10.0.0", null, null, "10.0.3")]
    [InlineData("10.0.0", null, "LatestPatch", "10.0.3")]
    [InlineData("10.0.3", null, "Disable", "10.0.3")]
    [InlineData("8.0.0", "Major", null, "10.0.3")]
    [InlineData("10.0.0", null, null, "10.1.0-rc.1.25451.107")]
    public void Resolvable_references_are_not(string version, string? filePolicy, string? policy, string installed)
    {
        var (code, shared) = Layout(version, filePolicy, installed);
        try
        {
            Assert.Null(RuntimeFrameworks.Missing(code, policy, shared));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(code)!, true);
        }
    }

    [Fact]
    public void A_self_contained_app_needs_nothing_installed()
    {
        var root = Directory.CreateTempSubdirectory("shim-fx-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "Fn.runtimeconfig.json"), """{"runtimeOptions":{"tfm":"net8.0","includedFrameworks":[{"name":"Microsoft.NETCore.App","version":"8.0.0"}]}}""");

            Assert.Null(RuntimeFrameworks.Missing(root, null, Path.Combine(root, "shared")));
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    private static (string Code, string Shared) Layout(string version, string? filePolicy, string installed)
    {
        var root = Directory.CreateTempSubdirectory("shim-fx-").FullName;
        var code = Directory.CreateDirectory(Path.Combine(root, "code")).FullName;
        var shared = Path.Combine(root, "shared");
        Directory.CreateDirectory(Path.Combine(shared, "Microsoft.NETCore.App", installed));
        var rollForward = filePolicy is null ? string.Empty : $",\"rollForward\":\"{filePolicy}\"";
        File.WriteAllText(
            Path.Combine(code, "Fn.runtimeconfig.json"),
            "{\"runtimeOptions\":{\"tfm\":\"net8.0\",\"framework\":{\"name\":\"Microsoft.NETCore.App\",\"version\":\"" + version + "\"}" + rollForward + "}}");
        return (code, shared);
    }

    private static void AssertDiagnosticsOnce(string output) =>
        Assert.Single(Regex.Matches(output, @"Program\.cs\(\d+,\d+\): warning CS0168"));

    /// <summary>Writes a fresh net8.0 function project (with one compiler warning) and runs <c>lambda-shim run</c> on it.</summary>
    private static async Task<(int Exit, string Output)> RunProjectAsync(params string[] flags)
    {
        var dir = Directory.CreateTempSubdirectory("shim-net8-").FullName;
        try
        {
            await RawRuntimeProject.WriteAsync(
                dir, "RollFn", "<TargetFramework>net8.0</TargetFramework>", "RUNTIME", "Environment.Version.Major", "{\"function-handler\":\"RollFn\",\"function-timeout\":15}");
            var eventFile = Path.Combine(dir, "event.json");
            await File.WriteAllTextAsync(eventFile, "{\"rolled\":\"major\"}");

            var info = RawRuntimeProject.Tool(new[] { "run", dir, "--event", eventFile }.Concat(flags).ToArray());
            info.Environment.Remove("DOTNET_ROLL_FORWARD");
            using var process = Process.Start(info)!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
