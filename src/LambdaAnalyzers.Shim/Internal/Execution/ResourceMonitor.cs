using System;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>Why the monitor killed a runtime.</summary>
internal enum ResourceKill
{
    None,

    /// <summary>The group's resident memory exceeded the memory size.</summary>
    Memory,

    /// <summary><c>/tmp</c> grew beyond its size.</summary>
    EphemeralStorage,
}

/// <summary>
/// Samples an environment's out-of-process runtime: the resident memory of its process group (the peak is the
/// REPORT line's <c>Max Memory Used</c>; above the memory size the group is killed) and, every tenth sample, the
/// size of the environment's <c>/tmp</c> (killed above its size). Sampling runs on the host's own clock, not the
/// injected one: it measures real processes, whatever time a test pretends it is.
/// </summary>
internal sealed class ResourceMonitor : IAsyncDisposable
{
    private const int TmpEvery = 10;
    private readonly EnvironmentSettings _settings;
    private readonly Func<IRuntimeInstance?> _runtime;
    private readonly string _tmpDirectory;
    private readonly LogBuffer _log;
    private readonly CancellationTokenSource _lifetime = new();
    private long _peakResidentBytes;
    private int _kill;
    private Task? _loop;

    private ResourceMonitor(EnvironmentSettings settings, Func<IRuntimeInstance?> runtime, string tmpDirectory, LogBuffer log)
    {
        _settings = settings;
        _runtime = runtime;
        _tmpDirectory = tmpDirectory;
        _log = log;
    }

    /// <summary>Why the current runtime was killed by a limit, if it was.</summary>
    public ResourceKill Kill => (ResourceKill)Volatile.Read(ref _kill);

    /// <summary>Peak resident memory of the current runtime's group, in MB rounded up.</summary>
    public int PeakMB => (int)Math.Ceiling(Interlocked.Read(ref _peakResidentBytes) / (1024.0 * 1024.0));

    public static ResourceMonitor Start(EnvironmentSettings settings, Func<IRuntimeInstance?> runtime, string tmpDirectory, LogBuffer log)
    {
        var monitor = new ResourceMonitor(settings, runtime, tmpDirectory, log);
        monitor._loop = Task.Run(monitor.RunAsync);
        return monitor;
    }

    /// <summary>A new runtime starts: its peak and kill reason start from nothing.</summary>
    public void BeginRuntime()
    {
        Volatile.Write(ref _kill, (int)ResourceKill.None);
        Interlocked.Exchange(ref _peakResidentBytes, 0);
    }

    /// <summary>One sample now (at the end of every invoke: a native runtime can start and answer between two polls).</summary>
    public void SampleNow()
    {
        if (_runtime() is ProcessRuntime process && !process.Exited.IsCompleted && process.ResidentBytes(fullScan: false) is long resident)
        {
            InterlockedMax(ref _peakResidentBytes, resident);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _lifetime.Cancel();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _lifetime.Dispose();
    }

    private async Task RunAsync()
    {
        var tick = 0;
        var memoryLimit = (long)_settings.Function.MemorySizeMB * 1024 * 1024;
        var tmpLimit = (long)_settings.EphemeralStorageMB * 1024 * 1024;
        while (!_lifetime.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_settings.PollInterval, _lifetime.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (_runtime() is not ProcessRuntime process || process.Exited.IsCompleted)
            {
                continue;
            }

            if (process.ResidentBytes(fullScan: tick % TmpEvery == 0) is long resident)
            {
                InterlockedMax(ref _peakResidentBytes, resident);
                if (_settings.EnforceMemoryLimit && resident > memoryLimit && TryKill(ResourceKill.Memory))
                {
                    _log.Write($"lambda-shim: memory size exceeded ({resident / (1024 * 1024)} MB resident, limit {_settings.Function.MemorySizeMB} MB); the runtime is killed.");
                    Posix.SignalGroup(process.ProcessGroup, Posix.SigKill);
                }
            }

            if (++tick % TmpEvery == 0 && Kill == ResourceKill.None && Posix.DirectorySize(_tmpDirectory) > tmpLimit && TryKill(ResourceKill.EphemeralStorage))
            {
                _log.Write($"lambda-shim: /tmp exceeded its size of {_settings.EphemeralStorageMB} MB; the runtime is killed.");
                Posix.SignalGroup(process.ProcessGroup, Posix.SigKill);
            }
        }
    }

    private bool TryKill(ResourceKill reason) => Interlocked.CompareExchange(ref _kill, (int)reason, (int)ResourceKill.None) == (int)ResourceKill.None;

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
