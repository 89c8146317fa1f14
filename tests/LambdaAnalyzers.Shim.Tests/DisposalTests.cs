using System;
using System.Linq;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// Disposal never waits for ever. The shutdown's deadlines are on the injected clock; a test that drives a fake clock and
/// fails half-way leaves it standing, and its <c>await using</c> then disposes the shim: after a bound in real time
/// (<c>LambdaShimOptions.DisposalBound</c>) what still runs is killed, so the test reports its failure instead of
/// hanging the whole run (as one did in CI).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DisposalTests : IDisposable
{
    private readonly TestLayers _layers = new();

    public void Dispose() => _layers.Dispose();

    [Fact]
    public async Task Disposal_kills_what_still_runs_when_the_fake_clock_never_reaches_the_shutdown_deadlines()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        var layer = await _layers.WithTestExtensionsAsync("stuck");
        var fn = await TestFunctionHost.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.DisposalBound = TimeSpan.FromSeconds(2);
            o.Layers.Add(layer);
            // Ignores SHUTDOWN: only the end of the shutdown budget (on the fake clock) would kill it.
            o.Environment["EXT_MODE_STUCK"] = "linger";
        });
        (await fn.InvokeAsync("{\"op\":\"echo\"}")).EnsureSuccess();
        var environment = fn.Environments[0];
        // An invoke that hangs: its timeout is on the fake clock too, which this test never moves.
        _ = fn.InvokeAsync("{\"op\":\"hang\"}");
        for (var waited = 0; !environment.Logs.Contains("handling hang", StringComparison.Ordinal); waited += 20)
        {
            Assert.True(waited < 60_000, "the runtime never started the hanging invoke");
            await Task.Delay(20);
        }

        // A hang here is the defect; the bound only turns it into a failure.
        await fn.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        var left = TestFunctionHost.ProcessesWithEnvironment(environment.TmpDirectory);
        Assert.True(left.Count == 0, "still running: " + string.Join(", ", left.Select(pid => System.IO.File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '))));
        Assert.Contains("RESET Reason: disposed (the shutdown did not end within 2 s of real time", environment.Logs, StringComparison.Ordinal);
    }
}
