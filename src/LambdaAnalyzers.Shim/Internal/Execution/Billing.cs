using System;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The billed duration of one invoke, by the rule docs/platform/lifecycle.md ("Billed duration") describes, in this one
/// place: the Init phase that ran before the invoke (a cold start's own Init) plus the invoke's duration, the invoke
/// counted at most up to the function timeout, rounded up once to a whole millisecond. An Init run inside the invoke
/// (a suppressed init after a failed Init, a re-init after a reset) is part of the invoke's duration already: it is
/// not added a second time.
/// </summary>
internal static class Billing
{
    public static long BilledMilliseconds(TimeSpan? initBeforeInvoke, TimeSpan invokeDuration, TimeSpan timeout)
    {
        var invoke = invokeDuration < timeout ? invokeDuration : timeout;
        return (long)Math.Ceiling(((initBeforeInvoke ?? TimeSpan.Zero) + invoke).TotalMilliseconds);
    }
}
