using System;
using System.Globalization;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>The errors the platform raises itself, in the words Lambda uses for them.</summary>
internal static class PlatformOutcomes
{
    /// <summary>The runtime process ended on its own (or was killed by a resource limit).</summary>
    public static RuntimeOutcome Exited(string? requestId, IRuntimeInstance runtime, ResourceKill kill)
    {
        var code = runtime.Exited.Result;
        var prefix = requestId is null ? string.Empty : $"RequestId: {requestId} ";
        if (kill == ResourceKill.Memory)
        {
            return RuntimeOutcome.Platform("Runtime.OutOfMemory", $"{prefix}Error: Runtime exited with error: signal: killed", "failure");
        }

        var message = code == 0 ? "Runtime exited without providing a reason" : $"Runtime exited with error: {runtime.DescribeExit(code)}";
        return RuntimeOutcome.Platform("Runtime.ExitError", $"{prefix}Error: {message}", "failure");
    }

    /// <summary>An extension crashed, reported <c>init/error</c> or <c>exit/error</c>, or could not be started.</summary>
    public static RuntimeOutcome ExtensionFailed(string? requestId, ExtensionFailure failure) =>
        RuntimeOutcome.Platform(failure.ErrorType, $"{(requestId is null ? string.Empty : $"RequestId: {requestId} ")}Error: {failure.Message}", "failure");

    /// <summary>The invoke outlived the function timeout.</summary>
    public static RuntimeOutcome TimedOut(string requestId, TimeSpan timeout) =>
        RuntimeOutcome.Platform("Sandbox.Timedout", $"RequestId: {requestId} Error: Task timed out after {Seconds(timeout)} seconds", "timeout");

    /// <summary>Init outlived its limit.</summary>
    public static RuntimeOutcome InitTimedOut(TimeSpan limit) =>
        RuntimeOutcome.Platform("Sandbox.Timedout", $"Init timed out after {Seconds(limit)} seconds", "timeout");

    /// <summary>The runtime could not even be started (no such file, not executable, not an assembly).</summary>
    public static RuntimeOutcome InvalidEntrypoint(Exception exception) =>
        RuntimeOutcome.Platform("Runtime.InvalidEntrypoint", $"Error: {exception.Message}", "failure");

    /// <summary>Seconds with two decimals, as Lambda writes them in timeout messages.</summary>
    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
}
