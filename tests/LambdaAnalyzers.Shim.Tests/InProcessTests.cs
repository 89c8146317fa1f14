using System;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>In-process mode: the function's entry point in a collectible load context; a reset means fresh statics.</summary>
public sealed class InProcessTests
{
    private static int Statics(InvocationResult result) => JsonDocument.Parse(result.Payload).RootElement.GetProperty("statics").GetInt32();

    [Fact]
    public async Task Runs_the_function_in_process_and_a_reset_loads_a_fresh_context()
    {
        await using var fn = await TestFunctionHost.StartAsync(o => o.Mode = ShimExecutionMode.InProcess);

        var first = await fn.InvokeAsync("{\"op\":\"statics\"}");
        var second = await fn.InvokeAsync("{\"op\":\"statics\"}");
        await fn.ShutdownAsync();
        var afterReset = await fn.InvokeAsync("{\"op\":\"statics\"}");

        Assert.Equal(1, Statics(first));
        Assert.True(first.ColdStart);
        Assert.Equal(2, Statics(second));
        Assert.False(second.ColdStart);
        Assert.Equal(1, Statics(afterReset));
        Assert.True(afterReset.ColdStart);
        Assert.Null(first.MaxMemoryUsedMB);
    }

    [Fact]
    public async Task Handler_errors_are_reported_in_process_too()
    {
        await using var fn = await TestFunctionHost.StartAsync(o => o.Mode = ShimExecutionMode.InProcess);

        var result = await fn.InvokeAsync("{\"op\":\"throw\"}");

        Assert.Equal("InvalidOperationException", result.Error!.ErrorType);
        (await fn.InvokeAsync("{\"op\":\"echo\"}")).EnsureSuccess();
    }
}

/// <summary>Class-library functions in process: the host's entry point in the function's collectible context.</summary>
public sealed class InProcessClassLibraryTests
{
    [Fact]
    public async Task Class_library_handler_runs_in_process()
    {
        await using var fn = await LambdaShim.StartAsync(new LambdaShimOptions
        {
            CodePath = await FunctionBuild.ClassLibFunction,
            FunctionName = "classlib-inproc",
            Handler = "ClassLibFunction::ClassLibFunction.Functions::Greet",
            Mode = ShimExecutionMode.InProcess,
            Timeout = TimeSpan.FromSeconds(20),
        });

        var result = await fn.InvokeAsync("{\"Name\":\"Grace\"}");

        result.EnsureSuccess();
        Assert.Equal("Hello Grace", JsonDocument.Parse(result.Payload).RootElement.GetProperty("Message").GetString());
    }
}
