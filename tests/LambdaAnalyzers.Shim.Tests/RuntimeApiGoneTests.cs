using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// A runtime whose Runtime API goes away (the environment is being torn down) ends quietly: one log line and a non-zero
/// exit, never an unhandled exception or an abort (SIGABRT). Functions/TestFunction runs <c>LambdaRuntime.RunAsync</c>
/// as a bootstrap does, against an endpoint that refuses connections or resets the one waiting on <c>next</c>.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RuntimeApiGoneTests
{
    private static async Task<(int ExitCode, string[] Stderr, string Stdout)> RunFunctionAsync(string endpoint)
    {
        var info = new ProcessStartInfo(DotNet.HostPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(await FunctionBuild.TestFunction, "TestFunction.dll"));
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = endpoint;
        var (exitCode, stdout, stderr) = await CliTests.RunAsync(info, TimeSpan.FromSeconds(60));
        return (exitCode, stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), stdout);
    }

    private static void AssertOneLineAndExit1((int ExitCode, string[] Stderr, string Stdout) run, string endpoint)
    {
        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}; stderr:\n{string.Join('\n', run.Stderr)}");
        var line = Assert.Single(run.Stderr);
        Assert.Contains($"The Runtime API at {endpoint} is gone", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Stdout + line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_on_next_logs_one_line_and_exits_1()
    {
        // A port nothing listens on any more.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();

        AssertOneLineAndExit1(await RunFunctionAsync(endpoint), endpoint);
    }

    [Fact]
    public async Task A_connection_reset_while_waiting_on_next_logs_one_line_and_exits_1()
    {
        // A Runtime API that takes the runtime's next request, then goes away under it (RST, as a killed server's socket).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        var requests = new List<string>();
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var buffer = new byte[4096];
            var read = await client.GetStream().ReadAsync(buffer);
            requests.Add(Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0]);
            listener.Stop();
            client.Client.LingerState = new LingerOption(true, 0);
            client.Close();
        });

        var run = await RunFunctionAsync(endpoint);
        await server;

        Assert.Equal(new[] { "GET /2018-06-01/runtime/invocation/next HTTP/1.1" }, requests);
        AssertOneLineAndExit1(run, endpoint);
    }
}
