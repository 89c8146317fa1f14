using System;
using System.Collections.Generic;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>The platform actions of one environment, stamped with the shim's clock. Thread-safe.</summary>
internal sealed class EnvironmentTimeline
{
    private readonly List<LambdaTimelineEntry> _entries = new();

    public EnvironmentTimeline(TimeProvider clock) => Clock = clock;

    public TimeProvider Clock { get; }

    public IReadOnlyList<LambdaTimelineEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToArray();
            }
        }
    }

    public void Add(LambdaTimelineEvent kind, string party, string? detail = null)
    {
        var entry = new LambdaTimelineEntry(Clock.GetUtcNow(), kind, party, detail);
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }
}
