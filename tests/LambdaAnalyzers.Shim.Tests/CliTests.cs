using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using LambdaAnalyzers.Testing;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>The <c>lambda-shim</c> tool.</summary>
public sealed class CliTests
{
    internal static ProcessStartInfo Tool(params string[] arguments)
    {
        var info = new ProcessStartInfo(DotNet.HostPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lambda-shim.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    internal static Task<(int ExitCode, string Stdout, string Stderr)> RunToolAsync(params string[] arguments) =>
        RunAsync(Tool(arguments), TimeSpan.FromSeconds(90));

    /// <summary>Runs a process to its end (killed, with its children, after <paramref name="limit"/>) and returns its exit code and output.</summary>
    internal static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo info, TimeSpan limit)
    {
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Run_prints_the_lifecycle_lines_and_exits_0_when_every_invoke_succeeded()
    {
        var code = await FunctionBuild.TestFunction;
        var eventFile = Path.Combine(Path.GetTempPath(), $"shim-event-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(eventFile, "{\"op\":\"echo\",\"cli\":true}");
        try
        {
            var (exit, stdout, stderr) = await RunToolAsync("run", code, "--handler", "TestFunction", "--event", eventFile, "--timeout", "20", "--memory", "256", "--env", "MY_VAR=1");

            Assert.True(exit == 0, stdout + stderr);
            Assert.Contains("INIT_START Runtime Version:", stdout, StringComparison.Ordinal);
            Assert.Matches(@"START RequestId: [0-9a-f-]{36} Version: \$LATEST", stdout);
            Assert.Matches(@"END RequestId: [0-9a-f-]{36}", stdout);
            Assert.Matches(@"REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB", stdout);
            Assert.Contains("response {\"op\":\"echo\",\"cli\":true}", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(eventFile);
        }
    }

    [Fact]
    public async Task Run_with_an_events_folder_and_json_output_exits_1_when_an_invoke_failed()
    {
        var code = await FunctionBuild.TestFunction;
        var folder = Directory.CreateTempSubdirectory("shim-events-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "1-ok.json"), "{\"op\":\"echo\"}");
        await File.WriteAllTextAsync(Path.Combine(folder, "2-fails.json"), "{\"op\":\"throw\"}");
        try
        {
            var (exit, stdout, stderr) = await RunToolAsync("run", code, "--handler", "TestFunction", "--events", folder, "--json");

            Assert.Equal(1, exit);
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            Assert.Equal(2, lines.Length);
            Assert.True(lines[0].GetProperty("success").GetBoolean());
            Assert.False(lines[1].GetProperty("success").GetBoolean());
            Assert.Equal("InvalidOperationException", lines[1].GetProperty("errorType").GetString());
            Assert.Contains(lines[0].GetProperty("trace").EnumerateArray(), l => l.GetString()!.StartsWith("REPORT", StringComparison.Ordinal));
            Assert.Contains("handling echo", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task Serve_prints_one_ready_line_answers_the_Invoke_API_and_stops_on_SIGTERM_with_exit_0()
    {
        var code = await FunctionBuild.TestFunction;
        using var process = Process.Start(Tool("serve", code, "--handler", "TestFunction", "--function-name", "served", "--concurrency", "2"))!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var match = Regex.Match(line ?? string.Empty, @"^Invoke API listening on (http://127\.0\.0\.1:\d+)$");
            Assert.True(match.Success, line + await Task.WhenAny(stderr, Task.Delay(100)));

            using var http = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) };
            using var response = await http.PostAsync("/2015-03-31/functions/served/invocations", new StringContent("{\"op\":\"echo\",\"served\":1}", Encoding.UTF8));
            Assert.Equal("{\"op\":\"echo\",\"served\":1}", await response.Content.ReadAsStringAsync());
            using var envResponse = await http.PostAsync("/2015-03-31/functions/served/invocations", new StringContent("{\"op\":\"env\"}", Encoding.UTF8));
            var tmp = JsonDocument.Parse(await envResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("TMPDIR").GetString()!;
            // The function process is alive (and frozen) until the tool stops.
            Assert.NotEmpty(TestFunctionHost.ProcessesWithEnvironment(tmp));

            using (var kill = Process.Start("kill", new[] { "-TERM", process.Id.ToString() })!)
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
            Assert.Empty(TestFunctionHost.ProcessesWithEnvironment(tmp));
            // The dashboard's line ends what serve prints.
            Assert.Matches(@"^Dashboard listening on http://127\.0\.0\.1:\d+/\n$", await process.StandardOutput.ReadToEndAsync());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Serve_of_a_template_with_three_functions_answers_each_by_logical_id_or_name()
    {
        // The function's code with a SAM template of three functions beside it, as `sam local start-lambda` serves them.
        var code = await FunctionBuild.TestFunction;
        var dir = Directory.CreateTempSubdirectory("shim-three-").FullName;
        foreach (var file in Directory.GetFiles(code))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        await File.WriteAllTextAsync(Path.Combine(dir, "template.yaml"), """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Orders:
                Type: AWS::Serverless::Function
                Properties: { Handler: TestFunction, MemorySize: 512, Environment: { Variables: { WHO: orders } } }
              Payments:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: TestFunction
                  FunctionName: payments-fn
                  Environment: { Variables: { WHO: payments } }
              Refunds:
                Type: AWS::Serverless::Function
                Properties: { Handler: TestFunction, Environment: { Variables: { WHO: refunds } } }
            """);
        using var process = Process.Start(Tool("serve", dir))!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var match = Regex.Match(line ?? string.Empty, @"^Invoke API listening on (http://127\.0\.0\.1:\d+)$");
            Assert.True(match.Success, line + await Task.WhenAny(stderr, Task.Delay(100)));

            using var http = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) };
            var seen = new List<(string, string?, string?)>();
            foreach (var name in new[] { "Orders", "payments-fn", "Payments", "Refunds" })
            {
                using var response = await http.PostAsync($"/2015-03-31/functions/{name}/invocations", new StringContent("{\"op\":\"env\"}", Encoding.UTF8));
                var env = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                seen.Add((name, env.GetProperty("WHO").GetString(), env.GetProperty("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").GetString()));
            }

            Assert.Equal(new (string, string?, string?)[] { ("Orders", "orders", "512"), ("payments-fn", "payments", "128"), ("Payments", "payments", "128"), ("Refunds", "refunds", "128") }, seen);

            // The same through the AWS CLI, as a user would call it, when this machine has one.
            if (AwsCli.Find() is { } aws)
            {
                foreach (var (name, who) in new[] { ("Orders", "orders"), ("payments-fn", "payments"), ("Refunds", "refunds") })
                {
                    var (answer, payload) = await AwsCli.InvokeAsync(aws, http.BaseAddress!, name, "{\"op\":\"env\"}");
                    using (answer)
                    {
                        Assert.Equal(200, answer.RootElement.GetProperty("StatusCode").GetInt32());
                        Assert.Equal(who, JsonDocument.Parse(payload).RootElement.GetProperty("WHO").GetString());
                    }
                }
            }
            else
            {
                Console.WriteLine("SKIPPED (AWS CLI part): no AWS CLI found (PATH, ~/.pyenv/shims).");
            }

            using (var kill = Process.Start("kill", new[] { "-TERM", process.Id.ToString() })!)
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("lambda-shim: serving Orders, Payments, Refunds", await stderr, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Bad_arguments_print_usage_and_exit_2()
    {
        var (exit, _, stderr) = await RunToolAsync("run");

        Assert.Equal(2, exit);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal);
    }
}

/// <summary><c>lambda-shim run</c> on a project directory: build first, print diagnostics, then run.</summary>
public sealed class CliProjectTests
{
    [Fact]
    public async Task Run_on_a_multi_target_project_builds_the_newest_framework_prints_its_warnings_and_uses_its_configuration_file()
    {
        var dir = Directory.CreateTempSubdirectory("shim-project-").FullName;
        try
        {
            // Built into one folder, the net8.0 app host (which this machine cannot start) used to win.
            await RawRuntimeProject.WriteAsync(
                dir, "RawFn", "<TargetFrameworks>net10.0;net8.0</TargetFrameworks>", "GREETING", "Environment.GetEnvironmentVariable(\"GREETING\")",
                "{\"function-handler\":\"RawFn\",\"function-timeout\":15,\"function-memory-size\":192,\"environment-variables\":\"GREETING=hi\"}");
            var eventFile = Path.Combine(dir, "event.json");
            await File.WriteAllTextAsync(eventFile, "{\"name\":\"ada\"}");

            var info = RawRuntimeProject.Tool("run", dir, "--event", eventFile);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));

            var output = await stdout;
            Assert.True(process.ExitCode == 0, output + await stderr);
            Assert.Contains("targets net10.0;net8.0; building net10.0", output, StringComparison.Ordinal);
            Assert.Contains("warning CS0168", output, StringComparison.Ordinal);
            Assert.Contains("Memory Size: 192 MB", output, StringComparison.Ordinal);
            Assert.Contains("response {\"NAME\":\"ADA\",\"GREETING\":\"hi\"}", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

/// <summary><c>lambda-shim run --debug</c>: no runtime is started; the test plays the runtime over raw HTTP.</summary>
public sealed class CliDebugTests
{
    [Fact]
    public async Task Debug_starts_the_runtime_prints_its_pid_and_suspends_the_timeout()
    {
        var code = await FunctionBuild.TestFunction;
        var eventFile = Path.Combine(Path.GetTempPath(), $"shim-debug-{Guid.NewGuid():N}.json");
        // Longer than Lambda's default 3 s timeout, which applies here (no --timeout, no configuration file).
        await File.WriteAllTextAsync(eventFile, "{\"op\":\"sleep\",\"ms\":4000}");
        try
        {
            var (exit, stdout, stderr) = await CliTests.RunToolAsync("run", code, "--handler", "TestFunction", "--debug", "--event", eventFile);

            Assert.True(exit == 0, stdout + stderr);
            Assert.Matches(@"lambda-shim: --debug: environment 0 runtime pid \d+; attach a debugger to it \(timeouts are suspended\)\.", stderr);
            Assert.Contains("response {\"slept\":\"yes\"}", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("Sandbox.Timedout", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(eventFile);
        }
    }

    [Fact]
    public async Task Serve_in_external_mode_with_concurrency_2_prints_each_environment_when_it_is_created_and_in_json()
    {
        var dir = Directory.CreateTempSubdirectory("shim-external-").FullName;
        using var process = Process.Start(CliTests.Tool("serve", dir, "--mode", "external", "--handler", "ByHand", "--function-name", "by-hand", "--concurrency", "2", "--json"))!;
        try
        {
            // Environment 0 at start: its hint on stderr, its JSON line on stdout before the ready line.
            var first = JsonDocument.Parse((await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)))!).RootElement;
            Assert.Equal(0, first.GetProperty("environment").GetInt32());
            Assert.Equal("by-hand", first.GetProperty("variables").GetProperty("AWS_LAMBDA_FUNCTION_NAME").GetString());
            Assert.Equal("ByHand", first.GetProperty("variables").GetProperty("_HANDLER").GetString());
            var ready = Regex.Match((await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)))!, @"^Invoke API listening on (http://127\.0\.0\.1:\d+)$");
            Assert.True(ready.Success);

            // Two invokes at once: the second needs environment 1, printed when it is created.
            using var http = new HttpClient { BaseAddress = new Uri(ready.Groups[1].Value) };
            var one = http.PostAsync("/2015-03-31/functions/by-hand/invocations", new StringContent("{\"n\":1}"));
            var two = http.PostAsync("/2015-03-31/functions/by-hand/invocations", new StringContent("{\"n\":2}"));
            // serve's last ready line (the dashboard's) may come before or after environment 1's JSON line.
            var line = (await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)))!;
            if (!line.StartsWith('{'))
            {
                Assert.StartsWith("Dashboard listening on http://127.0.0.1:", line, StringComparison.Ordinal);
                line = (await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)))!;
            }

            var second = JsonDocument.Parse(line).RootElement;
            Assert.Equal(1, second.GetProperty("environment").GetInt32());
            Assert.NotEqual(first.GetProperty("runtimeApi").GetString(), second.GetProperty("runtimeApi").GetString());

            // One runtime per printed endpoint answers one invoke each.
            foreach (var endpoint in new[] { first.GetProperty("runtimeApi").GetString()!, second.GetProperty("runtimeApi").GetString()! })
            {
                var next = await RawHttp.GetAsync(endpoint, "/2018-06-01/runtime/invocation/next").WaitAsync(TimeSpan.FromSeconds(30));
                await RawHttp.PostAsync(endpoint, $"/2018-06-01/runtime/invocation/{next.Header("Lambda-Runtime-Aws-Request-Id")}/response", next.Text);
                _ = RawHttp.GetAsync(endpoint, "/2018-06-01/runtime/invocation/next");
            }

            Assert.Equal(new[] { "{\"n\":1}", "{\"n\":2}" }, (await Task.WhenAll((await one).Content.ReadAsStringAsync(), (await two).Content.ReadAsStringAsync())).Order(StringComparer.Ordinal));
            using (var kill = Process.Start("kill", new[] { "-TERM", process.Id.ToString() })!)
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var hints = await process.StandardError.ReadToEndAsync();
            Assert.Contains("lambda-shim: environment 0 has no runtime", hints, StringComparison.Ordinal);
            Assert.Contains("lambda-shim: environment 1 has no runtime", hints, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Mode_external_prints_the_runtime_endpoint_and_waits_for_a_runtime_started_by_hand()
    {
        var dir = Directory.CreateTempSubdirectory("shim-debug-").FullName;
        var eventFile = Path.Combine(dir, "event.json");
        await File.WriteAllTextAsync(eventFile, "{\"debug\":true}");
        var info = new ProcessStartInfo(DotNet.HostPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "lambda-shim.dll"), "run", dir, "--mode", "external", "--handler", "Debugged", "--event", eventFile })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            var hint = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var endpoint = Regex.Match(hint ?? string.Empty, @"AWS_LAMBDA_RUNTIME_API=(127\.0\.0\.1:\d+) _HANDLER=Debugged").Groups[1].Value;
            Assert.NotEmpty(endpoint);

            var next = await RawHttp.GetAsync(endpoint, "/2018-06-01/runtime/invocation/next");
            Assert.Equal("{\"debug\":true}", next.Text);
            var posted = await RawHttp.PostAsync(endpoint, $"/2018-06-01/runtime/invocation/{next.Header("Lambda-Runtime-Aws-Request-Id")}/response", "\"answered by hand\"");
            Assert.Equal(202, posted.Status);

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("response \"answered by hand\"", await stdout, StringComparison.Ordinal);
            // Every variable a runtime client reads at start is printed, ready to paste into a shell.
            var exports = await process.StandardError.ReadToEndAsync();
            foreach (var name in new[] { "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_REGION" })
            {
                Assert.Matches($@"(?m)^  export {name}='[^']+'$", exports);
            }

            Assert.Contains($"  export AWS_LAMBDA_RUNTIME_API='{endpoint}'", exports, StringComparison.Ordinal);
            Assert.Contains("  export AWS_LAMBDA_FUNCTION_VERSION='$LATEST'", exports, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(dir, true);
        }
    }
}
