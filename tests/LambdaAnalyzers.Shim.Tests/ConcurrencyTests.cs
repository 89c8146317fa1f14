using System;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>Several execution environments at once.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task N_parallel_invokes_run_on_N_environments_and_each_ends_exactly_once()
    {
        const int n = 3;
        await using var fn = await TestFunctionHost.StartAsync(o => o.Concurrency = n);

        var results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => fn.InvokeAsync($"{{\"op\":\"sleep\",\"ms\":1500,\"i\":{i}}}")));

        Assert.All(results, r => r.EnsureSuccess());
        Assert.Equal(n, results.Select(r => r.RequestId).Distinct().Count());
        Assert.Equal(n, results.Select(r => r.EnvironmentId).Distinct().Count());
        Assert.Equal(n, fn.Environments.Count);
        Assert.Equal(n, fn.Environments.Select(e => e.RuntimeApiEndpoint).Distinct().Count());
        Assert.Equal(n, fn.Environments.Select(e => e.TmpDirectory).Distinct().Count());
        // Each environment's trace holds exactly its own invoke.
        foreach (var environment in fn.Environments)
        {
            Assert.Single(environment.Trace, l => l.StartsWith("REPORT", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task More_invokes_than_environments_queue_and_reuse_warm_environments()
    {
        await using var fn = await TestFunctionHost.StartAsync(o => o.Concurrency = 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => fn.InvokeAsync($"{{\"op\":\"echo\",\"i\":{i}}}")));

        Assert.All(results, r => r.EnsureSuccess());
        Assert.Equal(6, results.Select(r => r.RequestId).Distinct().Count());
        Assert.InRange(fn.Environments.Count, 1, 2);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"{{\"op\":\"echo\",\"i\":{i}}}"), results.Select(r => r.PayloadText));
    }
}
