using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using LambdaAnalyzers.Testing;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// "Every group is killed when the host exits — no stopped orphans, ever": even when the host is SIGKILLed
/// (no ProcessExit handler runs), the environment's sentinel kills the function's process group.
/// </summary>
public sealed class ProcessGroupTests
{
    [Fact]
    public async Task SIGKILL_of_the_host_kills_every_frozen_function_group_within_seconds()
    {
        var code = await FunctionBuild.TestFunction;
        var info = new ProcessStartInfo(DotNet.HostPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "lambda-shim.dll"), "serve", code, "--handler", "TestFunction", "--function-name", "orphans", "--concurrency", "2" })
        {
            info.ArgumentList.Add(argument);
        }

        using var host = Process.Start(info)!;
        var stderr = host.StandardError.ReadToEndAsync();
        var groups = new List<int>();
        string? workingDirectory = null;
        try
        {
            var line = await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var match = Regex.Match(line ?? string.Empty, @"^Invoke API listening on (http://127\.0\.0\.1:\d+)$");
            Assert.True(match.Success, line + await Task.WhenAny(stderr, Task.Delay(100)));

            // Two overlapping invokes: two environments, two function groups, two sentinels.
            using var http = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) };
            var invokes = Enumerable.Range(0, 2).Select(i => http.PostAsync("/2015-03-31/functions/orphans/invocations", new StringContent($"{{\"op\":\"sleep\",\"ms\":1500,\"i\":{i}}}", Encoding.UTF8)));
            foreach (var response in await Task.WhenAll(invokes))
            {
                Assert.Equal("{\"slept\":\"yes\"}", await response.Content.ReadAsStringAsync());
                response.Dispose();
            }

            var children = ProcStat.ChildrenOf(host.Id);
            var functions = children.Where(c => c.CommandLine.Contains("TestFunction", StringComparison.Ordinal)).ToList();
            var sentinels = children.Where(c => c.CommandLine.Contains("lambda-shim-sentinel", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, functions.Count);
            Assert.Equal(2, sentinels.Count);
            groups.AddRange(functions.Select(f => f.ProcessGroup));
            // The killed host cannot delete its working directory (…/lambda-shim-XXXX/env-N/tmp): the test does.
            workingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(ProcStat.Variable(functions[0].Pid, "TMPDIR")));
            foreach (var function in functions)
            {
                // Each function leads its own session and group...
                Assert.Equal(function.Pid, function.ProcessGroup);
                Assert.Equal(function.Pid, function.Session);
                // ...and is frozen between invokes (state T), the worst case for an orphan.
                Assert.True(await Eventually(() => ProcStat.Read(function.Pid)?.State == 'T'), $"function {function.Pid} not frozen");
            }

            foreach (var sentinel in sentinels)
            {
                // A sentinel is in a session of its own: a freeze of a function group cannot stop it.
                Assert.Equal(sentinel.Pid, sentinel.Session);
                Assert.DoesNotContain(sentinel.ProcessGroup, groups);
                Assert.NotEqual('T', sentinel.State);
            }

            host.Kill(); // SIGKILL to the host alone: no ProcessExit, no dispose.
            await host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.True(
                await Eventually(() => groups.All(g => ProcStat.MembersOf(g).Count == 0), TimeSpan.FromSeconds(5)),
                "function groups survived the host: " + string.Join(", ", groups.SelectMany(ProcStat.MembersOf)));
            Assert.True(await Eventually(() => sentinels.All(s => ProcStat.Read(s.Pid) is null)), "a sentinel outlived its work");
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }

            if (workingDirectory is not null && Path.GetFileName(workingDirectory).StartsWith("lambda-shim-", StringComparison.Ordinal))
            {
                try
                {
                    Directory.Delete(workingDirectory, recursive: true);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                }
            }

            foreach (var group in groups)
            {
                foreach (var pid in ProcStat.MembersOf(group))
                {
                    try
                    {
                        Process.GetProcessById(pid).Kill();
                    }
                    catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
                    {
                    }
                }
            }
        }
    }

    [Fact]
    public async Task Dispose_dismisses_the_sentinel_and_a_reset_keeps_the_same_one_watching_the_new_group()
    {
        string tmp;
        List<ProcStat> sentinels;
        await using (var fn = await TestFunctionHost.StartAsync())
        {
            tmp = fn.Environments[0].TmpDirectory;
            // Until setsid has run, the sentinel's process (already named so) is still in the test's session. The list
            // the condition saw is the one checked: in a CI run a second read a moment later came back empty (the
            // process was still changing under /proc), which failed the test without saying anything about the shim.
            sentinels = new List<ProcStat>();
            Assert.True(await Eventually(() => (sentinels = SentinelsFor(tmp)) is [var leader] && leader.Pid == leader.Session), "the sentinel never led its own session");
            var sentinel = Assert.Single(sentinels);
            Assert.Equal(sentinel.Pid, sentinel.Session);

            (await fn.InvokeAsync("{\"op\":\"echo\"}")).EnsureSuccess();
            var first = Assert.Single(TestFunctionHost.ProcessesWithEnvironment(tmp));
            // A crash resets the environment: the next invoke starts a new runtime (a new group).
            Assert.Equal("Runtime.ExitError", (await fn.InvokeAsync("{\"op\":\"exit\",\"code\":3}")).Error!.ErrorType);
            (await fn.InvokeAsync("{\"op\":\"echo\"}")).EnsureSuccess();
            var second = Assert.Single(TestFunctionHost.ProcessesWithEnvironment(tmp));

            Assert.NotEqual(first, second);
            Assert.Equal(sentinel.Pid, Assert.Single(SentinelsFor(tmp)).Pid);
        }

        Assert.Empty(TestFunctionHost.ProcessesWithEnvironment(tmp));
        Assert.True(await Eventually(() => SentinelsFor(tmp).Count == 0), "the sentinel outlived the shim");
    }

    [Fact]
    public async Task Terminate_sends_SIGCONT_before_SIGTERM_so_a_frozen_runtime_handles_it()
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" };
        var runtime = Internal.ProcessRuntime.Start(
            new[] { "/bin/sh", "-c", "trap 'echo got-term; exit 7' TERM; echo ready; while :; do sleep 0.05; done" }, Path.GetTempPath(), environment, lines.Enqueue, TimeProvider.System);
        await using (runtime)
        {
            Assert.True(await Eventually(() => lines.Contains("ready")));
            runtime.Freeze();
            // Stopped, or the stop still pending: a process in uninterruptible sleep (state D, a loaded disk) takes the
            // SIGSTOP when it leaves that sleep; either way a SIGTERM alone would wait behind it.
            Assert.True(
                await Eventually(() => ProcStat.Read(runtime.ProcessGroup)?.State == 'T' || ProcStat.StopPending(runtime.ProcessGroup)),
                $"not frozen: state {ProcStat.Read(runtime.ProcessGroup)?.State.ToString() ?? "gone"}, exited {runtime.Exited.IsCompleted}, output [{string.Join(" | ", lines)}]");

            // A stopped process keeps a SIGTERM pending forever; SIGCONT first lets its handler run.
            runtime.Terminate();

            Assert.Equal(7, await runtime.Exited.WaitAsync(TimeSpan.FromSeconds(10)));
            await runtime.DrainAsync(TimeSpan.FromSeconds(2));
            Assert.Contains("got-term", lines);
        }
    }

    [Fact]
    public async Task Shutdown_without_extensions_is_SIGKILL_at_once_never_SIGTERM()
    {
        await using var fn = await TestFunctionHost.StartAsync(o => o.Freeze = false);
        var tmp = fn.Environments[0].TmpDirectory;
        var mark = Path.Combine(tmp, "sigterm-seen");

        // Control: the function does notice a SIGTERM (its handler leaves a mark in /tmp).
        var pid = Pid(await fn.InvokeAsync("{\"op\":\"trapterm\"}"));
        using (var kill = Process.Start("kill", new[] { "-TERM", pid.ToString(CultureInfo.InvariantCulture) })!)
        {
            await kill.WaitForExitAsync();
        }

        Assert.True(await Eventually(() => File.Exists(mark)), "the SIGTERM handler did not run");
        // (LambdaRuntime also stops its loop on SIGTERM and exits: let it be gone before the next invoke.)
        // Gone means reaped (by the shim, its parent): its environment leaves /proc as it starts exiting, and its
        // main thread can be a zombie while other threads still run, but a reaped process has finished exiting.
        Assert.True(await Eventually(() => !Directory.Exists($"/proc/{pid}")), "the runtime did not exit after SIGTERM");
        File.Delete(mark);

        // A fresh runtime (the last one exited), the same handler, then Shutdown.
        var second = Pid(await fn.InvokeAsync("{\"op\":\"trapterm\"}"));
        Assert.NotEqual(pid, second);
        var stopwatch = Stopwatch.StartNew();
        await fn.ShutdownAsync();
        stopwatch.Stop();

        Assert.Empty(TestFunctionHost.ProcessesWithEnvironment(tmp));
        await Task.Delay(500);
        Assert.False(File.Exists(mark), "Shutdown sent a SIGTERM");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"Shutdown took {stopwatch.Elapsed}");
        Assert.Equal("SHUTDOWN Reason: spindown", fn.Environments[0].Trace[^1]);

        static int Pid(InvocationResult result)
        {
            result.EnsureSuccess();
            return System.Text.Json.JsonDocument.Parse(result.Payload).RootElement.GetProperty("pid").GetInt32();
        }
    }

    private static List<ProcStat> SentinelsFor(string tmp) =>
        ProcStat.ChildrenOf(Environment.ProcessId)
            .Where(p => p.CommandLine.Contains("lambda-shim-sentinel", StringComparison.Ordinal) && p.CommandLine.Contains(tmp, StringComparison.Ordinal))
            .ToList();

    private static async Task<bool> Eventually(Func<bool> condition, TimeSpan? limit = null)
    {
        var stopwatch = Stopwatch.StartNew();
        // Generous: it only waits as long as needed, and CI machines run other test assemblies alongside.
        while (stopwatch.Elapsed < (limit ?? TimeSpan.FromSeconds(15)))
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }

    /// <summary>The fields of <c>/proc/PID/stat</c> these tests need (zombies count as gone).</summary>
    private sealed record ProcStat(int Pid, char State, int ParentPid, int ProcessGroup, int Session, string CommandLine)
    {
        public static ProcStat? Read(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
                if (fields[0] is "Z" or "X")
                {
                    return null;
                }

                var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
                return new ProcStat(
                    pid, fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture),
                    int.Parse(fields[3], CultureInfo.InvariantCulture), commandLine);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                return null;
            }
        }

        /// <summary>Whether a SIGSTOP is pending for the process (its pending-signal masks in /proc/PID/status).</summary>
        public static bool StopPending(int pid)
        {
            try
            {
                const ulong stop = 1UL << (19 - 1);
                return File.ReadAllLines($"/proc/{pid}/status")
                    .Where(l => l.StartsWith("SigPnd:", StringComparison.Ordinal) || l.StartsWith("ShdPnd:", StringComparison.Ordinal))
                    .Any(l => (ulong.Parse(l.Substring(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & stop) != 0);
            }
            catch (IOException)
            {
                return false;
            }
        }

        public static string? Variable(int pid, string name)
        {
            try
            {
                var prefix = name + "=";
                return Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/environ")).Split('\0')
                    .FirstOrDefault(v => v.StartsWith(prefix, StringComparison.Ordinal))?.Substring(prefix.Length);
            }
            catch (IOException)
            {
                return null;
            }
        }

        public static IEnumerable<ProcStat> All()
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), out var pid) && Read(pid) is { } stat)
                {
                    yield return stat;
                }
            }
        }

        public static List<ProcStat> ChildrenOf(int parent) => All().Where(p => p.ParentPid == parent).ToList();

        public static List<int> MembersOf(int group) => All().Where(p => p.ProcessGroup == group).Select(p => p.Pid).ToList();
    }
}
