using System;
using System.Linq;
using Amazon.Lambda.Core;
using Xunit;

namespace Amazon.Lambda.StandIns.Tests.Core;

public class DefaultInterfaceMemberTests
{
    [Fact]
    public void Context_with_only_the_original_members_gets_empty_tenant_and_trace_ids()
    {
        ILambdaContext context = new MinimalContext();

        Assert.Equal(string.Empty, context.TenantId);
        Assert.Equal(string.Empty, context.TraceId);
    }

    [Fact]
    public void Context_with_only_the_original_members_has_no_serializer()
    {
        ILambdaContext context = new MinimalContext();

        Assert.Null(context.Serializer);
    }

    [Fact]
    public void Logger_with_only_log_and_log_line_receives_levelled_messages()
    {
        var logger = new LineLogger();
        ILambdaLogger lambdaLogger = logger;

        lambdaLogger.LogTrace("t");
        lambdaLogger.LogDebug("d");
        lambdaLogger.LogInformation("i");
        lambdaLogger.LogWarning("w");
        lambdaLogger.LogError("e");
        lambdaLogger.LogCritical("c");
        lambdaLogger.Log(LogLevel.Information, "level enum");
        lambdaLogger.Log("Warning", "level string");

        Assert.Equal(new[] { "t", "d", "i", "w", "e", "c", "level enum", "level string" }, logger.Lines);
    }

    [Fact]
    public void Logger_with_only_log_and_log_line_receives_structured_messages_and_exceptions()
    {
        var logger = new LineLogger();
        ILambdaLogger lambdaLogger = logger;

        lambdaLogger.LogInformation("order {OrderId}", 42);
        lambdaLogger.LogError(new InvalidOperationException("boom"), "failed {OrderId}", 42);

        Assert.Equal("order {OrderId}", logger.Lines[0]);
        Assert.Equal("failed {OrderId}", logger.Lines[1]);
        Assert.Contains("InvalidOperationException: boom", logger.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Added_members_are_default_interface_members_and_the_originals_stay_abstract()
    {
        var contextGetters = typeof(ILambdaContext).GetProperties().ToDictionary(p => p.Name, p => p.GetMethod!.IsAbstract);
        var loggerMethods = typeof(ILambdaLogger).GetMethods();

        Assert.Equal(11, contextGetters.Count(p => p.Value));
        Assert.False(contextGetters[nameof(ILambdaContext.TenantId)]);
        Assert.False(contextGetters[nameof(ILambdaContext.TraceId)]);
        Assert.False(contextGetters[nameof(ILambdaContext.Serializer)]);
        Assert.Equal(
            new[] { "Log(System.String)", "LogLine(System.String)" },
            loggerMethods.Where(m => m.IsAbstract).Select(m => $"{m.Name}({m.GetParameters()[0].ParameterType})").OrderBy(s => s, StringComparer.Ordinal));
        Assert.All(loggerMethods.Where(m => m.GetParameters().Length > 1 || m.Name is not ("Log" or "LogLine")), m => Assert.False(m.IsAbstract, m.ToString()));
    }
}
