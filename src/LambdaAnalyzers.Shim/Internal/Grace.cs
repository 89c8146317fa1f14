using System;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// Bounded waits on the injected clock. Every grace period of the shim (output draining, a runtime's way back
/// to <c>next</c>, a killed process being reaped, a server stopping) is measured with the environment's
/// <see cref="TimeProvider"/>, so a test that drives a fake clock decides when each one runs out.
/// </summary>
internal static class Grace
{
    /// <summary>Waits for <paramref name="task"/>, at most <paramref name="limit"/>; true when it completed (in any state).</summary>
    public static async Task<bool> WithinAsync(this Task task, TimeSpan limit, TimeProvider clock)
    {
        try
        {
            await task.WaitAsync(limit, clock).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception) when (task.IsCompleted)
        {
            return true;
        }
    }
}
