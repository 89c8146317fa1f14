using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>Functions/TestFunction published with Native AOT once per test run: the native executable Lambda's provided.al2023 runtime starts.</summary>
public sealed class AotTestFunction : IAsyncLifetime
{
    /// <summary>The native executable.</summary>
    public string Executable { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Executable = Path.Combine(await FunctionBuild.PublishAotAsync("TestFunction"), "TestFunction");

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>The out-of-process mode with a Native AOT executable instead of <c>dotnet Function.dll</c>.</summary>
public sealed class AotBootstrapTests : IClassFixture<AotTestFunction>
{
    private readonly AotTestFunction _function;

    public AotBootstrapTests(AotTestFunction function) => _function = function;

    private Task<LambdaShim> StartAsync(int memorySizeMB = 256) => LambdaShim.StartAsync(new LambdaShimOptions
    {
        FunctionName = "aot-function",
        Command = new[] { _function.Executable },
        Handler = "bootstrap",
        Timeout = TimeSpan.FromSeconds(20),
        MemorySizeMB = memorySizeMB,
    });

    [Fact]
    public void The_published_function_is_a_native_executable_not_an_assembly()
    {
        var header = new byte[4];
        using (var file = File.OpenRead(_function.Executable))
        {
            file.ReadExactly(header);
        }

        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, header);
        Assert.False(File.Exists(Path.ChangeExtension(_function.Executable, ".dll")));
    }

    [Fact]
    public async Task Invokes_run_through_the_full_lifecycle_with_an_init_duration_and_memory_report()
    {
        await using var fn = await StartAsync();

        var cold = await fn.InvokeAsync("{\"op\":\"echo\",\"n\":1}");
        var warm = await fn.InvokeAsync("{\"op\":\"echo\",\"n\":2}");

        cold.EnsureSuccess();
        warm.EnsureSuccess();
        Assert.True(cold.ColdStart);
        Assert.NotNull(cold.InitDuration);
        Assert.False(warm.ColdStart);
        Assert.Contains(cold.LifecycleTrace, l => l.StartsWith("INIT_START", StringComparison.Ordinal));
        Assert.Contains(warm.LifecycleTrace, l => l.StartsWith($"REPORT RequestId: {warm.RequestId}", StringComparison.Ordinal));
        Assert.InRange(warm.MaxMemoryUsedMB!.Value, 1, 256);
    }

    [Fact]
    public async Task The_native_runtime_applies_the_GC_heap_hard_limit_the_shim_derives_from_the_memory_size()
    {
        await using var fn = await StartAsync(memorySizeMB: 256);

        var result = await fn.InvokeAsync("{\"op\":\"gclimit\"}");

        result.EnsureSuccess();
        // 75 % of 256 MB, the limit the shim passes as DOTNET_GCHeapHardLimit=C000000.
        Assert.Equal(0xC000000, JsonDocument.Parse(result.PayloadText).RootElement.GetProperty("totalAvailableMemoryBytes").GetInt64());
    }

    [Fact]
    public async Task Memory_exhaustion_kills_the_native_runtime_and_is_reported_as_Runtime_OutOfMemory()
    {
        await using var fn = await StartAsync(memorySizeMB: 128);

        var result = await fn.InvokeAsync("{\"op\":\"alloc\",\"mb\":400}");

        Assert.Equal("Runtime.OutOfMemory", result.Error!.ErrorType);
        Assert.Equal($"RequestId: {result.RequestId} Error: Runtime exited with error: signal: killed", result.Error.ErrorMessage);
        Assert.True(result.MaxMemoryUsedMB >= 128);
        var next = await fn.InvokeAsync("{\"op\":\"echo\"}");
        next.EnsureSuccess();
        Assert.True(next.ColdStart);
    }

    [Fact]
    public async Task A_crash_mid_invoke_ends_the_invoke_with_one_outcome_and_the_next_invoke_reinitializes()
    {
        await using var fn = await StartAsync();

        var crashed = await fn.InvokeAsync("{\"op\":\"crash\"}");
        var next = await fn.InvokeAsync("{\"op\":\"echo\"}");

        // Environment.FailFast aborts a native process too: SIGABRT, reported as Lambda reports it.
        Assert.Equal("Runtime.ExitError", crashed.Error!.ErrorType);
        Assert.Equal($"RequestId: {crashed.RequestId} Error: Runtime exited with error: signal: aborted", crashed.Error.ErrorMessage);
        Assert.Contains("crashing on purpose", crashed.Logs, StringComparison.Ordinal);
        next.EnsureSuccess();
        Assert.True(next.ColdStart);
    }
}
