using System;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>Class-library functions (<c>Assembly::Type::Method</c>) through the shim's reflection-based host.</summary>
public sealed class ClassLibraryHostTests
{
    private static async Task<LambdaShim> StartAsync(string method) => await LambdaShim.StartAsync(new LambdaShimOptions
    {
        CodePath = await FunctionBuild.ClassLibFunction,
        FunctionName = "classlib",
        Handler = $"ClassLibFunction::ClassLibFunction.Functions::{method}",
        Timeout = TimeSpan.FromSeconds(20),
        MemorySizeMB = 512,
    });

    [Fact]
    public async Task Poco_handler_with_context_is_deserialized_called_and_serialized()
    {
        await using var fn = await StartAsync("Greet");

        var result = await fn.InvokeAsync("{\"name\":\"Ada\"}", new InvokeOptions { ClientContextJson = "{\"custom\":{\"k\":\"v\"}}" });

        result.EnsureSuccess();
        var json = JsonDocument.Parse(result.Payload).RootElement;
        // DefaultLambdaJsonSerializer keeps .NET names (PascalCase).
        Assert.Equal("Hello Ada", json.GetProperty("Message").GetString());
        Assert.Equal(result.RequestId, json.GetProperty("RequestId").GetString());
        Assert.Equal("classlib", json.GetProperty("FunctionName").GetString());
        Assert.Equal(512, json.GetProperty("MemoryLimitInMB").GetInt32());
        Assert.True(json.GetProperty("HasTimeLeft").GetBoolean());
        Assert.Equal("v", json.GetProperty("ClientCustom").GetString());
        Assert.Contains("greeting Ada", result.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_async_handler_returning_Task_of_T()
    {
        await using var fn = await StartAsync("Upper");

        var result = await fn.InvokeAsync("\"shout\"");

        Assert.Equal("\"SHOUT\"", result.PayloadText);
    }

    [Fact]
    public async Task Stream_in_stream_out_needs_no_serializer_and_passes_bytes_through()
    {
        await using var fn = await StartAsync("Raw");

        var result = await fn.InvokeAsync("[1, 2,  3]");

        Assert.Equal("[1, 2,  3]", result.PayloadText);
    }

    [Fact]
    public async Task Handler_exception_is_reported_with_its_short_type_name()
    {
        await using var fn = await StartAsync("Fail");

        var result = await fn.InvokeAsync("{}");

        Assert.Equal("InvalidOperationException", result.Error!.ErrorType);
        Assert.Equal("InvalidOperationException", result.Error.ReportedErrorType);
        Assert.Equal("class library failure", result.Error.ErrorMessage);
    }

    [Fact]
    public async Task The_handler_type_is_constructed_once_per_environment()
    {
        await using var fn = await StartAsync("Constructed");

        var first = await fn.InvokeAsync("{}");
        var second = await fn.InvokeAsync("{}");

        Assert.Equal("1", first.PayloadText);
        Assert.Equal("1", second.PayloadText);
    }

    [Fact]
    public async Task Overloaded_method_name_is_an_init_error_but_the_full_signature_works()
    {
        await using var ambiguous = await StartAsync("Overloaded");
        await using var exact = await StartAsync("System.String Overloaded(Int32)");

        var failed = await ambiguous.InvokeAsync("\"x\"");
        var ok = await exact.InvokeAsync("42");

        Assert.Equal("LambdaValidationException", failed.Error!.ErrorType);
        Assert.Contains("overloaded", failed.Error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(failed.LifecycleTrace, l => l.Contains("Phase: init\tStatus: error\tError Type: Runtime.Unknown", StringComparison.Ordinal) || l.Contains("Phase: init\tStatus: error", StringComparison.Ordinal));
        Assert.Equal("\"42\"", ok.PayloadText);
    }

    [Fact]
    public async Task Malformed_handler_string_is_an_init_error()
    {
        await using var fn = await StartAsync("Greet::Extra");

        var result = await fn.InvokeAsync("{}");

        Assert.Equal("LambdaValidationException", result.Error!.ErrorType);
        Assert.StartsWith("Invalid lambda function handler", result.Error.ErrorMessage, StringComparison.Ordinal);
    }
}
