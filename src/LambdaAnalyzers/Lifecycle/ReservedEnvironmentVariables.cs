using System;
using System.Collections.Generic;

namespace LambdaAnalyzers.Lifecycle;

/// <summary>
/// Environment variables Lambda reserves (lambda-platform-contract.md §6.1): the platform or the
/// managed runtime sets them and functions must not change them. <c>_X_AMZN_TRACE_ID</c> is left
/// out on purpose: a runtime client sets it per invoke.
/// </summary>
internal static class ReservedEnvironmentVariables
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "_HANDLER",
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
        "LAMBDA_RUNTIME_DIR",
    };

    /// <summary>Environment variable names are case-sensitive on Lambda's Linux.</summary>
    public static bool IsReserved(string name) => Names.Contains(name);
}
