using System;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>Class-library functions (<c>Assembly::Type::Method</c>) through the shim's reflection-based host.</summary>
public sealed class ClassLibraryHostTests
{
    private static async Task<LambdaShim> StartAsync(string method, params (string Name, string Value)[] environment)
    {
        var options = new LambdaShimOptions
        {
            CodePath = await FunctionBuild.ClassLibFunction,
            FunctionName = "classlib",
            Handler = $"ClassLibFunction::ClassLibFunction.Functions::{method}",
            Timeout = TimeSpan.FromSeconds(20),
            MemorySizeMB = 512,
        };
        foreach (var (name, value) in environment)
        {
            options.Environment[name] = value;
        }

        return await LambdaShim.StartAsync(options);
    }

    /// <summary>The log lines of one invoke written with the managed runtime's text prefix, without it: "level\tmessage".</summary>
    private static string[] TextLines(InvocationResult result)
    {
        var prefix = new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t" + Regex.Escape(result.RequestId) + @"\t");
        return result.Logs.Split('\n').Where(l => prefix.IsMatch(l)).Select(l => prefix.Replace(l, string.Empty)).ToArray();
    }

    [Fact]
    public async Task Logger_message_templates_are_formatted_with_the_managed_runtime_text_prefix_and_debug_is_hidden()
    {
        await using var fn = await StartAsync("LogTemplates");

        var result = await fn.InvokeAsync("{}");

        // Before: LogInformation("order {Id} …", 42, …) threw FormatException and lines had no prefix.
        result.EnsureSuccess();
        Assert.Equal(
            new[] { "info\torder 42 for ada", "warn\tmissing 1 {Two}", "fail\tas given {NotFilled}", "fail\tfailed 7", "crit\t{@Order} x", "info\tline {Kept}" },
            TextLines(result));
        Assert.Contains("fail\tfailed 7\nSystem.InvalidOperationException: bad", result.Logs, StringComparison.Ordinal);
        Assert.DoesNotContain("debug", result.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logger_honours_AWS_LAMBDA_LOG_FORMAT_JSON_and_AWS_LAMBDA_LOG_LEVEL()
    {
        await using var fn = await StartAsync("LogTemplates", ("AWS_LAMBDA_LOG_FORMAT", "JSON"), ("AWS_LAMBDA_LOG_LEVEL", "DEBUG"));

        var result = await fn.InvokeAsync("{}");

        result.EnsureSuccess();
        var lines = result.Logs.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.All(lines, l => Assert.Equal(result.RequestId, l.GetProperty("requestId").GetString()));
        var order = lines.Single(l => l.GetProperty("message").GetString() == "order 42 for ada");
        Assert.Equal("Information", order.GetProperty("level").GetString());
        Assert.Equal(42, order.GetProperty("Id").GetInt32());
        Assert.Equal("ada", order.GetProperty("Customer").GetString());
        var debug = lines.Single(l => l.GetProperty("level").GetString() == "Debug");
        Assert.Equal(1, debug.GetProperty("Hidden").GetInt32());
        var failed = lines.Single(l => l.GetProperty("message").GetString() == "failed 7");
        Assert.Equal("System.InvalidOperationException", failed.GetProperty("errorType").GetString());
        var critical = lines.Single(l => l.GetProperty("level").GetString() == "Critical");
        Assert.Equal(2, critical.GetProperty("Order").GetProperty("espresso").GetInt32());
    }

    [Theory]
    [InlineData("FailDeep")]
    [InlineData("FailAsync")]
    public async Task Error_stack_traces_end_with_the_function_frames_without_the_host_or_reflection(string method)
    {
        await using var fn = await StartAsync(method);

        var result = await fn.InvokeAsync("{}");

        Assert.Equal("deep failure", result.Error!.ErrorMessage);
        Assert.StartsWith("at ClassLibFunction.Functions.Deeper()", result.Error.StackTrace[0], StringComparison.Ordinal);
        Assert.StartsWith($"at ClassLibFunction.Functions.{method}()", result.Error.StackTrace[^1], StringComparison.Ordinal);
        // The logged exception too.
        Assert.Contains("deep failure", result.Logs, StringComparison.Ordinal);
        Assert.False(
            new[] { "at LambdaAnalyzers.", "at System.Reflection.", "at System.RuntimeMethodHandle" }.Any(host => result.Logs.Contains(host, StringComparison.Ordinal)),
            result.Logs);
    }

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
