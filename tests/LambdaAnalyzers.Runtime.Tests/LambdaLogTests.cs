using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Runtime.Tests;

/// <summary>
/// <see cref="LambdaLog"/>'s lines as the managed .NET runtime writes them: message templates, the text prefix, JSON
/// lines with the template's properties, the level filter, and stack traces without the runtime's own frames.
/// </summary>
public sealed class LambdaLogTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 4, 5, 6, 7, 89, TimeSpan.Zero);
    private static readonly LambdaInvocation Invocation = new("req-1", null, "arn", "Root=1-abc", null, null, string.Empty, ReadOnlyMemory<byte>.Empty);

    private static string Text(string template, params object?[]? arguments) =>
        LambdaLog.Format(LogFormat.Text, LogLevels.Information, null, template, arguments, Time, Invocation);

    private static JsonElement Json(string template, params object?[]? arguments) =>
        JsonDocument.Parse(LambdaLog.Format(LogFormat.Json, LogLevels.Information, null, template, arguments, Time, Invocation)).RootElement;

    [Fact]
    public void Text_lines_carry_timestamp_request_id_and_level_label()
    {
        Assert.Equal("2026-03-04T05:06:07.089Z\treq-1\tinfo\thello", Text("hello"));
        Assert.Equal(
            new[] { "trce", "dbug", "info", "warn", "fail", "crit" },
            Enumerable.Range(0, 6).Select(level => LambdaLog.Format(LogFormat.Text, level, null, "m", null, Time, Invocation).Split('\t')[2]));
        // Outside an invoke the request id is empty; Unformatted is the message alone.
        Assert.Equal("2026-03-04T05:06:07.089Z\t\tinfo\tinit", LambdaLog.Format(LogFormat.Text, LogLevels.Information, null, "init", null, Time, null));
        Assert.Equal("order 7", LambdaLog.Format(LogFormat.Unformatted, LogLevels.Information, null, "order {Id}", [7], Time, Invocation));
    }

    [Fact]
    public void Named_placeholders_are_filled_in_order_and_never_throw()
    {
        Assert.EndsWith("\torder 42 for ada", Text("order {Id} for {Customer}", 42, "ada"), StringComparison.Ordinal);
        // A placeholder without an argument stays as written; extra arguments are ignored.
        Assert.EndsWith("\tmissing 1 {Two}", Text("missing {One} {Two}", 1), StringComparison.Ordinal);
        Assert.EndsWith("\tone 1", Text("one {One}", 1, 2, 3), StringComparison.Ordinal);
        // No arguments: the message as given, braces and all (string.Format would throw on these).
        Assert.EndsWith("\t{Id} {0} {", Text("{Id} {0} {"), StringComparison.Ordinal);
        Assert.EndsWith("\tunclosed {Id", Text("unclosed {Id", 1), StringComparison.Ordinal);
        Assert.EndsWith("\t{{escaped}} 5", Text("{{escaped}} {N}", 5), StringComparison.Ordinal);
        Assert.EndsWith("\tnull {Value} list {Items}", Text("null {Value} list {Items}", null, new List<int> { 1 }), StringComparison.Ordinal);
    }

    [Fact]
    public void Numbered_placeholders_are_positional_and_formats_apply()
    {
        Assert.EndsWith("\tb a b", Text("{1} {0} {1}", "a", "b"), StringComparison.Ordinal);
        // Not 0…n-1: named, so filled in order.
        Assert.EndsWith("\ta b", Text("{1} {2}", "a", "b"), StringComparison.Ordinal);
        Assert.EndsWith("\ttotal 3.50", Text("total {Total:0.00}", 3.5m), StringComparison.Ordinal);
        Assert.EndsWith("\tat 2026-03-04T05:06:07.089Z", Text("at {When}", Time), StringComparison.Ordinal);
        Assert.EndsWith("\tbytes 0102FF", Text("bytes {B}", new byte[] { 1, 2, 255 }), StringComparison.Ordinal);
        Assert.EndsWith("... (20 bytes)", Text("bytes {B}", new byte[20]), StringComparison.Ordinal);
        // A format the value does not understand: its plain text, not a FormatException.
        Assert.EndsWith("\tbad 7", Text("bad {N:{}", 7), StringComparison.Ordinal);
    }

    [Fact]
    public void JSON_lines_carry_the_template_properties_typed_and_structured_with_at()
    {
        var line = Json("order {Id} for {Customer} {@Order} {Tags} {Missing}", 42, "ada", new Order(7, "espresso"), new[] { "a", "b" });

        Assert.Equal("Information", line.GetProperty("level").GetString());
        Assert.Equal("req-1", line.GetProperty("requestId").GetString());
        Assert.Equal("Root=1-abc", line.GetProperty("traceId").GetString());
        Assert.Equal("2026-03-04T05:06:07.089Z", line.GetProperty("timestamp").GetString());
        Assert.Equal("order 42 for ada LambdaAnalyzers.Runtime.Tests.LambdaLogTests+Order {Tags} {Missing}", line.GetProperty("message").GetString());
        Assert.Equal(42, line.GetProperty("Id").GetInt32());
        Assert.Equal("ada", line.GetProperty("Customer").GetString());
        Assert.Equal(7, line.GetProperty("Order").GetProperty("Number").GetInt32());
        Assert.Equal("espresso", line.GetProperty("Order").GetProperty("Item").GetString());
        Assert.Equal(new[] { "a", "b" }, line.GetProperty("Tags").EnumerateArray().Select(e => e.GetString()));
        Assert.False(line.TryGetProperty("Missing", out _));
    }

    [Fact]
    public void An_exception_follows_the_message_in_text_and_becomes_error_fields_in_JSON()
    {
        var exception = Thrown();

        var text = LambdaLog.Format(LogFormat.Text, LogLevels.Error, exception, "failed {Id}", [7], Time, Invocation);
        var json = JsonDocument.Parse(LambdaLog.Format(LogFormat.Json, LogLevels.Error, exception, "failed {Id}", [7], Time, Invocation)).RootElement;

        Assert.StartsWith("2026-03-04T05:06:07.089Z\treq-1\tfail\tfailed 7\nSystem.InvalidOperationException: bad", text, StringComparison.Ordinal);
        Assert.Equal("System.InvalidOperationException", json.GetProperty("errorType").GetString());
        Assert.Equal("bad", json.GetProperty("errorMessage").GetString());
        Assert.Contains(json.GetProperty("stackTrace").EnumerateArray(), l => l.GetString()!.Contains(nameof(Thrown), StringComparison.Ordinal));
    }

    [Fact]
    public void Lines_below_the_level_are_dropped_in_text_format_too()
    {
        var output = new StringWriter();
        Environment.SetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL", null);
        LambdaLog.Configure();

        LambdaLog.Write(LogLevels.Debug, "hidden by default", output);
        LambdaLog.Write(LogLevels.Information, "shown", output);

        var line = Assert.Single(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t[^\t]*\tinfo\tshown$", line);
    }

    [Fact]
    public async Task A_console_line_is_one_log_line_at_the_writers_level_and_a_write_without_line_end_passes_through()
    {
        Environment.SetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL", null);
        LambdaLog.Configure();
        var output = new StringWriter();
        var stdout = new ConsoleLogWriter(output, LogLevels.Information);
        var stderr = new ConsoleLogWriter(output, LogLevels.Error);

        stdout.WriteLine("order {Id} {0}");
        stdout.Write("partial ");
        stdout.WriteLine(42);
        stdout.WriteLine("{0}-{1}", 1, 2);
        await stdout.WriteLineAsync("async");
        stdout.WriteLine();
        stderr.WriteLine(new ReadOnlySpan<char>("broken".ToCharArray()));

        var lines = output.ToString().Split(Environment.NewLine);
        // The text is never a template: braces stay. A Write is not a line of its own and comes first, unchanged.
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t[^\t]*\tinfo\torder \{Id\} \{0\}$", lines[0]);
        Assert.Matches(@"^partial \d{4}-[^\t]*\t[^\t]*\tinfo\t42$", lines[1]);
        Assert.EndsWith("\tinfo\t1-2", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("\tinfo\tasync", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("\tinfo\t", lines[4], StringComparison.Ordinal);
        Assert.EndsWith("\tfail\tbroken", lines[5], StringComparison.Ordinal);
        Assert.Equal(string.Empty, lines[6]);
    }

    [Fact]
    public void Console_lines_below_the_minimum_level_are_dropped_and_JSON_makes_them_objects()
    {
        var output = new StringWriter();
        try
        {
            Environment.SetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL", "WARN");
            Environment.SetEnvironmentVariable("AWS_LAMBDA_LOG_FORMAT", "JSON");
            LambdaLog.Configure();
            new ConsoleLogWriter(output, LogLevels.Information).WriteLine("dropped at WARN");
            new ConsoleLogWriter(output, LogLevels.Error).WriteLine("kept {Id}");
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL", null);
            Environment.SetEnvironmentVariable("AWS_LAMBDA_LOG_FORMAT", null);
            LambdaLog.Configure();
        }

        var line = JsonDocument.Parse(Assert.Single(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal("Error", line.GetProperty("level").GetString());
        Assert.Equal("kept {Id}", line.GetProperty("message").GetString());
        Assert.False(line.TryGetProperty("Id", out _));
    }

    [Fact]
    public void The_runtime_frames_at_the_bottom_of_a_trace_are_cut_the_function_frames_stay()
    {
        var trace = string.Join('\n',
            "   at Shop.Orders.Place(Order order) in Orders.cs:line 12",
            "   at System.Reflection.MethodBaseInvoker.InvokeWithOneArg(Object obj, BindingFlags invokeAttr)",
            "   at Shop.Orders.Handle(Order order) in Orders.cs:line 5",
            "   at System.RuntimeMethodHandle.InvokeMethod(Object target, Void** arguments, Signature sig, Boolean isConstructor)",
            "   at System.Reflection.MethodBaseInvoker.InvokeDirectByRefWithFewArgs(Object obj, Span`1 copyOfArgs, BindingFlags invokeAttr)",
            "--- End of stack trace from previous location ---",
            $"   at {typeof(LambdaRuntime).FullName}.CallAsync(LambdaInvocationHandler handler)");

        Assert.Equal(
            new[] { "at Shop.Orders.Place(Order order) in Orders.cs:line 12", "at System.Reflection.MethodBaseInvoker.InvokeWithOneArg(Object obj, BindingFlags invokeAttr)", "at Shop.Orders.Handle(Order order) in Orders.cs:line 5" },
            PlatformFrames.Lines(trace));
        // Nothing but runtime frames (the runtime's own failure): kept whole.
        Assert.Equal(2, PlatformFrames.Lines($"   at {typeof(LambdaRuntime).FullName}.A()\n   at {typeof(LambdaRuntime).FullName}.B()").Count);
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("bad");
        }
        catch (InvalidOperationException exception)
        {
            return exception;
        }
    }

    private sealed record Order(int Number, string Item)
    {
        public override string ToString() => typeof(Order).FullName!;
    }
}
