using System;
using System.Collections.Generic;
using System.Globalization;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The platform lines of one environment (<c>INIT_START</c>, <c>EXTENSION</c>, <c>INIT_REPORT</c>, <c>START</c>, <c>END</c>,
/// <c>REPORT</c>, and the shim's own <c>RESET</c> and <c>SHUTDOWN</c>), in Lambda's format. Each line is
/// kept for the trace and written to the environment's log, where it sits among the function's output.
/// One method per platform event, so every event has one place where it is announced.
/// </summary>
internal sealed class LifecycleTrace
{
    private readonly List<string> _lines = new();
    private readonly LogBuffer _log;

    public LifecycleTrace(LogBuffer log) => _log = log;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <summary>Position for <see cref="Since"/>.</summary>
    public int Mark
    {
        get
        {
            lock (_lines)
            {
                return _lines.Count;
            }
        }
    }

    public IReadOnlyList<string> Since(int mark)
    {
        lock (_lines)
        {
            return _lines.GetRange(mark, _lines.Count - mark).ToArray();
        }
    }

    public void InitStart(string region) =>
        Add($"INIT_START Runtime Version: lambda-shim:{typeof(LifecycleTrace).Assembly.GetName().Version}\tRuntime Version ARN: arn:aws:lambda:{region}::runtime:lambda-shim");

    /// <summary>A failed Init attempt (<paramref name="phase"/> <c>init</c>, or <c>invoke</c> for the suppressed init).</summary>
    public void InitReport(string phase, TimeSpan duration, string status, string? errorType) =>
        Add($"INIT_REPORT Init Duration: {Milliseconds(duration)} ms\tPhase: {phase}\tStatus: {status}" + (errorType is null ? string.Empty : $"\tError Type: {errorType}"));

    /// <summary>An extension's state at the end of Init, as Lambda logs it.</summary>
    public void ExtensionState(Extension extension) =>
        Add($"EXTENSION\tName: {extension.Name}\tState: {(extension.State is Internal.ExtensionState.Ready or Internal.ExtensionState.Running ? "Ready" : Internal.Extension.StateName(extension.State))}\tEvents: [{string.Join(",", extension.EventNames)}]");

    public void Start(string requestId, string version) => Add($"START RequestId: {requestId} Version: {version}");

    public void End(string requestId) => Add($"END RequestId: {requestId}");

    public void Report(InvokeReport report)
    {
        var line = $"REPORT RequestId: {report.RequestId}\tDuration: {Milliseconds(report.Duration)} ms\tBilled Duration: {report.BilledDurationMs} ms\tMemory Size: {report.MemorySizeMB} MB\tMax Memory Used: {report.MaxMemoryUsedMB ?? 0} MB";
        if (report.InitDuration is { } init)
        {
            line += $"\tInit Duration: {Milliseconds(init)} ms";
        }

        if (report.TimedOut)
        {
            line += "\tStatus: timeout";
        }
        else if (report.ErrorType is { } errorType)
        {
            line += $"\tStatus: error\tError Type: {errorType}";
        }

        Add(line);
    }

    /// <summary>The environment was reset (its runtime killed); <paramref name="reason"/> is <c>timeout</c>, <c>failure</c>, … with details.</summary>
    public void Reset(string reason) => Add($"RESET Reason: {reason}");

    public void Shutdown(string reason) => Add($"SHUTDOWN Reason: {reason}");

    /// <summary>Milliseconds with two decimals, as Lambda prints durations.</summary>
    public static string Milliseconds(TimeSpan duration) => duration.TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture);

    private void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }

        _log.Write(line);
    }
}

/// <summary>The figures of one invoke's <c>REPORT</c> line.</summary>
internal sealed record InvokeReport(
    string RequestId, TimeSpan Duration, long BilledDurationMs, int MemorySizeMB, int? MaxMemoryUsedMB, TimeSpan? InitDuration, bool TimedOut, string? ErrorType);
