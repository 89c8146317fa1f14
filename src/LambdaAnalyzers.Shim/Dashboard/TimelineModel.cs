using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LambdaAnalyzers.Shim.Internal;

namespace LambdaAnalyzers.Shim.Dashboard;

/// <summary>A bar of the timeline: a phase of one environment.</summary>
/// <param name="Kind"><c>init</c>, <c>invoke</c> or <c>frozen</c>.</param>
/// <param name="Start">Milliseconds since the first event.</param>
/// <param name="End">Milliseconds since the first event.</param>
/// <param name="Status"><c>success</c>, <c>error</c>, <c>timeout</c>, or <c>running</c> while it has not ended.</param>
/// <param name="Label">What a tooltip says: the phase, its request id and the REPORT figures.</param>
/// <param name="RequestId">The invoke's request id.</param>
/// <param name="ColdStart">An invoke that waited for an Init.</param>
internal sealed record TimelineBar(string Kind, double Start, double End, string Status, string Label, string? RequestId, bool ColdStart);

/// <summary>A moment of the timeline: <c>reset</c> or <c>shutdown</c>, with its reason.</summary>
internal sealed record TimelineMark(string Kind, double Time, string Label);

/// <summary>One environment's row.</summary>
internal sealed record TimelineLane(int EnvironmentId, IReadOnlyList<TimelineBar> Bars, IReadOnlyList<TimelineMark> Marks);

/// <summary>
/// The lifecycle feed as rows of bars, one row per execution environment: what the SVG timeline draws (for the
/// dashboard and <c>lambda-shim run --timeline</c>). Phases still open at the last event end there, as <c>running</c>.
/// </summary>
internal sealed class TimelineModel
{
    private TimelineModel(IReadOnlyList<TimelineLane> lanes, double duration)
    {
        Lanes = lanes;
        Duration = duration;
    }

    public IReadOnlyList<TimelineLane> Lanes { get; }

    /// <summary>Milliseconds from the first event to the last.</summary>
    public double Duration { get; }

    public static TimelineModel Build(IEnumerable<LambdaLifecycleEvent> events)
    {
        var ordered = events.OrderBy(e => e.Sequence).ToList();
        if (ordered.Count == 0)
        {
            return new TimelineModel(Array.Empty<TimelineLane>(), 0);
        }

        var origin = ordered.Min(e => e.Time);
        double At(LambdaLifecycleEvent e) => (e.Time - origin).TotalMilliseconds;
        var end = ordered.Max(At);
        var lanes = new List<TimelineLane>();
        foreach (var environment in ordered.GroupBy(e => e.EnvironmentId).OrderBy(g => g.Key))
        {
            var bars = new List<TimelineBar>();
            var marks = new List<TimelineMark>();
            LambdaLifecycleEvent? init = null;
            LambdaLifecycleEvent? frozen = null;
            var invokes = new Dictionary<string, LambdaLifecycleEvent>(StringComparer.Ordinal);
            foreach (var e in environment)
            {
                switch (e.Kind)
                {
                    case LambdaLifecycleKind.InitStart:
                        init = e;
                        break;
                    case LambdaLifecycleKind.InitEnd when init is not null:
                        bars.Add(new TimelineBar("init", At(init), At(e), e.Detail ?? "success", $"Init ({init.Detail}): {Ms(e.DurationMs ?? At(e) - At(init))}, {e.Detail}", init.RequestId, false));
                        init = null;
                        break;
                    case LambdaLifecycleKind.InvokeStart when e.RequestId is not null:
                        invokes[e.RequestId] = e;
                        break;
                    case LambdaLifecycleKind.InvokeEnd when e.RequestId is not null && invokes.Remove(e.RequestId, out var start):
                        bars.Add(InvokeBar(At(start), At(e), e.RequestId, e.Report));
                        break;
                    case LambdaLifecycleKind.Frozen:
                        frozen = e;
                        break;
                    case LambdaLifecycleKind.Thawed when frozen is not null:
                        bars.Add(FrozenBar(At(frozen), At(e)));
                        frozen = null;
                        break;
                    case LambdaLifecycleKind.Reset:
                    case LambdaLifecycleKind.Shutdown:
                        if (frozen is not null)
                        {
                            bars.Add(FrozenBar(At(frozen), At(e)));
                            frozen = null;
                        }

                        var kind = e.Kind == LambdaLifecycleKind.Reset ? "reset" : "shutdown";
                        marks.Add(new TimelineMark(kind, At(e), $"{(kind == "reset" ? "Reset" : "Shutdown")}: {e.Detail}"));
                        break;
                }
            }

            // Phases still open when the trace ends.
            if (init is not null)
            {
                bars.Add(new TimelineBar("init", At(init), end, "running", $"Init ({init.Detail}): running", init.RequestId, false));
            }

            foreach (var (requestId, start) in invokes)
            {
                bars.Add(new TimelineBar("invoke", At(start), end, "running", $"Invoke {requestId}: running", requestId, false));
            }

            if (frozen is not null)
            {
                bars.Add(FrozenBar(At(frozen), end));
            }

            lanes.Add(new TimelineLane(environment.Key, bars.OrderBy(b => b.Start).ThenBy(b => b.Kind, StringComparer.Ordinal).ToList(), marks));
        }

        return new TimelineModel(lanes, end);
    }

    private static TimelineBar InvokeBar(double start, double end, string requestId, LambdaInvokeReport? report)
    {
        if (report is null)
        {
            return new TimelineBar("invoke", start, end, "success", $"Invoke {requestId}", requestId, false);
        }

        var figures = new List<string> { Ms(report.DurationMs), $"billed {report.BilledDurationMs.ToString(CultureInfo.InvariantCulture)} ms", $"memory {report.MemorySizeMB.ToString(CultureInfo.InvariantCulture)} MB" };
        if (report.MaxMemoryUsedMB is int used)
        {
            figures.Add($"max used {used.ToString(CultureInfo.InvariantCulture)} MB");
        }

        if (report.InitDurationMs is double initMs)
        {
            figures.Add($"cold start, init {Ms(initMs)}");
        }

        var outcome = report.ErrorType is null ? report.Status : $"{report.Status} ({report.ErrorType})";
        return new TimelineBar("invoke", start, end, report.Status, $"Invoke {requestId}: {outcome}, {string.Join(", ", figures)}", requestId, report.InitDurationMs is not null);
    }

    private static TimelineBar FrozenBar(double start, double end) => new("frozen", start, end, "success", $"Frozen: {Ms(end - start)}", null, false);

    private static string Ms(double milliseconds) => LifecycleTrace.Milliseconds(TimeSpan.FromMilliseconds(milliseconds)) + " ms";
}
