using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// An out-of-process runtime: started through <c>setsid</c> so it leads its own session and process group;
/// every signal goes to the whole group; the group is tracked so host exit kills it (<c>ProcessExit</c>),
/// and watched by the environment's <see cref="GroupSentinel"/> so even a SIGKILLed host takes it along.
/// </summary>
internal sealed class ProcessRuntime : IRuntimeInstance
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly OutputPump _stdout;
    private readonly OutputPump _stderr;
    private readonly OutputPump? _telemetryLog;
    private readonly Stream? _telemetryLogStream;
    private readonly TimeProvider _clock;
    private readonly int _pgid;
    private volatile bool _frozen;
    private volatile bool _killed;
    private volatile bool _reaped;
    private int[] _members = Array.Empty<int>();
    private GroupSentinel? _sentinel;

    private ProcessRuntime(Process process, int pgid, Action<string> log, TimeProvider clock, Stream? telemetryLog)
    {
        _process = process;
        _pgid = pgid;
        _clock = clock;
        _stdout = OutputPump.Start(process.StandardOutput.BaseStream, log, $"lambda-shim stdout {process.Id}");
        _stderr = OutputPump.Start(process.StandardError.BaseStream, log, $"lambda-shim stderr {process.Id}");
        _telemetryLogStream = telemetryLog;
        _telemetryLog = telemetryLog is null ? null : OutputPump.Start(telemetryLog, log, $"lambda-shim telemetry log {process.Id}", new TelemetryFrames());
    }

    public Task<int> Exited => _exited.Task;

    /// <summary>
    /// Standard output and error closed (every writer gone), and the telemetry log read as far as it was written. That
    /// pipe's end is not waited for: a process another part of the host started at the moment this one was could have
    /// inherited its write end too, and it never writes there.
    /// </summary>
    private Task OutputClosed => Task.WhenAll(_stdout.Completion, _stderr.Completion, _telemetryLog?.CaughtUpAsync() ?? Task.CompletedTask);

    public int ProcessGroup => _pgid;

    public int ProcessId => _process.Id;

    /// <summary>Asks the operating system now whether the process is gone, and if so completes <see cref="Exited"/> at once.</summary>
    public void ObserveExit()
    {
        if (!_exited.Task.IsCompleted && _process.HasExited)
        {
            OnExited();
        }
    }

    /// <summary>
    /// Starts <paramref name="command"/>. With <paramref name="offerTelemetryLog"/> the process is handed a telemetry log
    /// descriptor (<c>_LAMBDA_TELEMETRY_LOG_FD</c>), as Lambda hands its runtime one: every frame written there is one
    /// log record, however many lines it holds (extensions get none).
    /// </summary>
    /// <exception cref="Win32Exception">The program is missing or lacks its execute permission (checked here: through <c>setsid</c> the failed exec would only be an exit code).</exception>
    public static ProcessRuntime Start(IReadOnlyList<string> command, string workingDirectory, IReadOnlyDictionary<string, string> environment, Action<string> log, TimeProvider clock, GroupSentinel? sentinel = null, bool offerTelemetryLog = false)
    {
        EnsureExecutable(command[0]);
        var useSetsid = Posix.ProcessGroupsAvailable;
        var info = new ProcessStartInfo(useSetsid ? Posix.SetsidPath : command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        for (var i = useSetsid ? 0 : 1; i < command.Count; i++)
        {
            info.ArgumentList.Add(command[i]);
        }

        // A Lambda environment starts from the platform's variables only, not from the host's.
        info.Environment.Clear();
        foreach (var pair in environment)
        {
            info.Environment[pair.Key] = pair.Value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        Stream? telemetryLog = null;
        if (offerTelemetryLog)
        {
            telemetryLog = Posix.StartInheriting(descriptor =>
            {
                if (descriptor is { } number)
                {
                    info.Environment[LambdaAnalyzers.Runtime.TelemetryLogFormat.Variable] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                process.Start();
            })?.Reader;
        }
        else
        {
            lock (Posix.ProcessStartGate)
            {
                process.Start();
            }
        }

        // setsid execs in place (the child of Process.Start is never a group leader), so pid == pgid.
        var pgid = useSetsid ? process.Id : 0;
        if (pgid > 0)
        {
            Posix.Track(pgid);
            // Host death (even SIGKILL, where ProcessExit never runs) now kills the group too.
            sentinel?.Watch(pgid);
        }

        var runtime = new ProcessRuntime(process, pgid, log, clock, telemetryLog) { _sentinel = sentinel };
        process.Exited += (_, _) => runtime.OnExited();
        if (process.HasExited)
        {
            runtime.OnExited();
        }

        return runtime;
    }

    /// <summary>What Lambda answers when it cannot exec the program, in its words (<c>fork/exec PATH: permission denied</c>).</summary>
    private static void EnsureExecutable(string program)
    {
        if (!Path.IsPathRooted(program) || OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(program))
        {
            throw new Win32Exception(2, $"fork/exec {program}: no such file or directory");
        }

        if ((File.GetUnixFileMode(program) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            throw new Win32Exception(13, $"fork/exec {program}: permission denied");
        }
    }

    public string DescribeExit(int code) =>
        code > 128 && code < 160 && (_killed || code == 137 || code == 134 || code == 139)
            ? code switch
            {
                137 => "signal: killed",
                134 => "signal: aborted",
                139 => "signal: segmentation fault",
                143 => "signal: terminated",
                _ => $"signal: {code - 128}",
            }
            : $"exit status {code}";

    public void Freeze()
    {
        if (_pgid > 0 && !_exited.Task.IsCompleted && Posix.SignalGroup(_pgid, Posix.SigStop))
        {
            _frozen = true;
        }
    }

    public void Thaw()
    {
        if (_pgid > 0 && _frozen)
        {
            Posix.SignalGroup(_pgid, Posix.SigCont);
            _frozen = false;
        }
    }

    /// <summary>SIGTERM after SIGCONT (a stopped process cannot handle it otherwise).</summary>
    public void Terminate()
    {
        if (_pgid > 0)
        {
            Posix.SignalGroup(_pgid, Posix.SigCont);
            Posix.SignalGroup(_pgid, Posix.SigTerm);
        }
    }

    public async Task KillAsync()
    {
        if (_reaped)
        {
            return;
        }

        _killed = true;
        if (_pgid > 0)
        {
            Posix.SignalGroup(_pgid, Posix.SigKill);
        }
        else
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }

        await _exited.Task.WithinAsync(TimeSpan.FromSeconds(10), _clock).ConfigureAwait(false);
        // Stragglers that left the group's leader behind (its children) go too.
        if (_pgid > 0)
        {
            Posix.SignalGroup(_pgid, Posix.SigKill);
            Posix.Untrack(_pgid);
            _sentinel?.Unwatch(_pgid);
            _sentinel = null;
        }

        // The group is gone, so the pipes close as soon as their last lines are read: a process's last words (an
        // extension's summary at SHUTDOWN) can take more than half a second to reach the log on a loaded machine,
        // as a CI run showed. Only a process that escaped the group and holds a pipe makes this wait the whole bound.
        await OutputClosed.WithinAsync(TimeSpan.FromSeconds(5), _clock).ConfigureAwait(false);
        _stdout.Abandon();
        _stderr.Abandon();
        _telemetryLog?.Abandon();
        _reaped = _exited.Task.IsCompleted;
    }

    public long? ResidentBytes() => ResidentBytes(fullScan: true);

    /// <summary>RSS of the group: a full /proc scan finds its members, in between only known members are read.</summary>
    public long? ResidentBytes(bool fullScan)
    {
        if (_pgid <= 0)
        {
            return null;
        }

        if (fullScan || _members.Length == 0)
        {
            var (total, members) = Posix.GroupResidentBytes(_pgid);
            _members = members;
            return total;
        }

        return Posix.ResidentBytes(_members);
    }

    /// <summary>After an exit: waits (at most <paramref name="limit"/>) for the output pipes to be read to their end.</summary>
    public Task DrainAsync(TimeSpan limit) => OutputClosed.WithinAsync(limit, _clock);

    /// <summary>Completes once everything the process has written so far is in the log.</summary>
    public Task OutputCaughtUpAsync() => Task.WhenAll(_stdout.CaughtUpAsync(), _stderr.CaughtUpAsync(), _telemetryLog?.CaughtUpAsync() ?? Task.CompletedTask);

    public async ValueTask DisposeAsync()
    {
        // Whatever state it is in (running, frozen, exited with children left), its group goes.
        await KillAsync().ConfigureAwait(false);

        _process.Dispose();
        _telemetryLogStream?.Dispose();
    }

    private void OnExited()
    {
        int code;
        try
        {
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            code = -1;
        }

        _exited.TrySetResult(code);
    }
}
