using System;
using System.Collections.Immutable;

namespace LambdaAnalyzers.Platform;

/// <summary>
/// Environment variables Lambda reserves: a function's configuration cannot set them (the update is
/// rejected): the list of docs/platform/environment-variables.md, from the Lambda developer guide. The
/// shim compiles this file too, so the analyzers and the environments it builds agree on the list.
/// <c>TZ</c> is left out: editions of the guide list it both as reserved and as one you may set.
/// Names are case-sensitive, as on Lambda's Linux.
/// </summary>
internal static class ReservedEnvironmentVariables
{
    /// <summary>The X-Ray trace header: reserved in configuration, but a runtime client sets it per invoke.</summary>
    public const string TraceId = "_X_AMZN_TRACE_ID";

    private static readonly ImmutableHashSet<string> Names = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "_HANDLER",
        TraceId,
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API",
        "LAMBDA_TASK_ROOT",
        "LAMBDA_RUNTIME_DIR");

    public static bool IsReserved(string name) => Names.Contains(name);
}
