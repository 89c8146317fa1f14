using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>What each execution environment is given: its own id and /tmp, the platform's variables, credentials only when passed.</summary>
public sealed class EnvironmentTests
{
    private static JsonElement Env(InvocationResult result)
    {
        result.EnsureSuccess();
        return JsonDocument.Parse(result.Payload).RootElement;
    }

    [Fact]
    public async Task Eight_environments_created_at_once_each_get_their_own_id_and_tmp()
    {
        const int n = 8;
        await using var fn = await TestFunctionHost.StartAsync(o => o.Concurrency = n);

        // Eight overlapping invokes: seven environments are created at the same moment. Each writes a file to its /tmp,
        // holds its environment a moment so the others cannot reuse it, and lists what its /tmp holds.
        // Each from a thread of its own, released together, as requests of the Invoke API arrive.
        using var start = new Barrier(n);
        var writes = await Task.WhenAll(Enumerable.Range(0, n).Select(i => Task.Run(() =>
        {
            start.SignalAndWait();
            return fn.InvokeAsync($"{{\"op\":\"tmp\",\"write\":\"mark-{i}\"}}");
        })));
        var holds = await Task.WhenAll(Enumerable.Range(0, n).Select(i => fn.InvokeAsync($"{{\"op\":\"sleep\",\"ms\":300,\"i\":{i}}}")));

        Assert.All(writes, w => w.EnsureSuccess());
        Assert.All(holds, h => h.EnsureSuccess());
        var environments = fn.Environments;
        Assert.Equal(environments.Count, environments.Select(e => e.Id).Distinct().Count());
        Assert.Equal(environments.Count, environments.Select(e => e.TmpDirectory).Distinct().Count());
        // Isolation: no environment saw a file another one wrote.
        foreach (var write in writes)
        {
            var files = JsonDocument.Parse(write.Payload).RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()).Where(f => f!.StartsWith("mark-", StringComparison.Ordinal)).ToArray();
            var own = Directory.GetFiles(environments.Single(e => e.Id == write.EnvironmentId).TmpDirectory, "mark-*").Select(Path.GetFileName).ToArray();
            Assert.Subset(own.ToHashSet(), files.ToHashSet());
        }

        Assert.Equal(n, environments.Sum(e => Directory.GetFiles(e.TmpDirectory, "mark-*").Length));
    }

    [Fact]
    public async Task The_hosts_opt_does_not_leak_into_PATH_or_LD_LIBRARY_PATH()
    {
        await using var fn = await TestFunctionHost.StartAsync();

        var env = Env(await fn.InvokeAsync("{\"op\":\"env\"}"));

        Assert.DoesNotContain(env.GetProperty("PATH").GetString()!.Split(':'), p => p == "/opt" || p.StartsWith("/opt/", StringComparison.Ordinal));
        Assert.DoesNotContain(env.GetProperty("LD_LIBRARY_PATH").GetString()!.Split(':'), p => p == "/opt" || p.StartsWith("/opt/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credentials_reach_the_function_only_when_passed_and_a_configuration_cannot_set_them()
    {
        await using (var none = await TestFunctionHost.StartAsync(o => o.Environment["AWS_SESSION_TOKEN"] = "from-config"))
        {
            var result = await none.InvokeAsync("{\"op\":\"env\"}");
            var env = Env(result);
            Assert.False(env.TryGetProperty("AWS_ACCESS_KEY_ID", out _));
            Assert.False(env.TryGetProperty("AWS_SESSION_TOKEN", out _));
            Assert.Contains("the reserved variable AWS_SESSION_TOKEN cannot be set", none.Environments[0].Logs, StringComparison.Ordinal);
        }

        await using var passed = await TestFunctionHost.StartAsync(o =>
        {
            o.Credentials = new AwsCredentials("AKIDEXAMPLE", "secret", "token");
            o.Region = "eu-west-3";
        });
        var given = Env(await passed.InvokeAsync("{\"op\":\"env\"}"));

        Assert.Equal("AKIDEXAMPLE", given.GetProperty("AWS_ACCESS_KEY_ID").GetString());
        Assert.Equal("secret", given.GetProperty("AWS_SECRET_ACCESS_KEY").GetString());
        Assert.Equal("token", given.GetProperty("AWS_SESSION_TOKEN").GetString());
        Assert.Equal("eu-west-3", given.GetProperty("AWS_REGION").GetString());
    }
}
