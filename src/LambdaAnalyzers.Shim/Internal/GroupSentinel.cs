using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// Kills an environment's process groups (its runtime's, and each external extension's) when the host dies,
/// however it dies (SIGKILL included, where no <c>ProcessExit</c> handler runs). One per execution environment:
/// a tiny <c>sh</c> in its <b>own</b> session and process group (so a freeze of the function's groups never stops
/// it), whose stdin is a pipe from the host. The host tells it which groups to watch (<c>watch PGID</c>), that a
/// group is gone (<c>unwatch PGID</c>) or all are (<c>clear</c>) and, on dispose, to leave (<c>exit</c>). When the
/// host dies the kernel closes the pipe's write end, <c>read</c> sees end-of-file and the sentinel SIGKILLs every
/// watched group.
/// </summary>
/// <remarks>
/// Only the host holds the write end: .NET creates the redirected pipes of <see cref="Process"/> with
/// <c>O_CLOEXEC</c> on the parent's side, so function processes (and other sentinels) started later do not
/// inherit it (if they did, end-of-file would never come). The tests prove it end to end.
/// </remarks>
internal sealed class GroupSentinel : IAsyncDisposable
{
    // $1 is a label only (it makes the sentinel findable in /proc/<pid>/cmdline).
    private const string Script = """
        trap '' HUP INT TERM QUIT PIPE
        pgs=
        while IFS=' ' read -r verb arg; do
          case "$verb" in
            watch) pgs="$pgs $arg" ;;
            unwatch) kept=; for pg in $pgs; do [ "$pg" = "$arg" ] || kept="$kept $pg"; done; pgs=$kept ;;
            clear) pgs= ;;
            exit) exit 0 ;;
          esac
        done
        for pg in $pgs; do kill -s KILL -- "-$pg" 2>/dev/null; done
        exit 0
        """;

    private readonly object _gate = new();
    private readonly Process _process;
    private bool _broken;
    private bool _disposed;

    private readonly TimeProvider _clock;

    private GroupSentinel(Process process, TimeProvider clock)
    {
        _process = process;
        _clock = clock;
    }

    /// <summary>The sentinel's pid (its own session and process group).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts a sentinel, or returns null where process groups are not available.</summary>
    public static GroupSentinel? TryStart(string label, TimeProvider clock)
    {
        if (!Posix.ProcessGroupsAvailable || !File.Exists("/bin/sh"))
        {
            return null;
        }

        var info = new ProcessStartInfo(Posix.SetsidPath)
        {
            RedirectStandardInput = true,
            // Not the host's stdout/stderr: a sentinel must not keep a reader of the host's output waiting.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("/bin/sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add("lambda-shim-sentinel");
        info.ArgumentList.Add(label);
        Process process;
        lock (Posix.ProcessStartGate)
        {
            process = Process.Start(info)!;
        }

        process.StandardInput.AutoFlush = true;
        return new GroupSentinel(process, clock);
    }

    /// <summary>From now on, host death kills <paramref name="pgid"/> (with the other watched groups).</summary>
    public void Watch(int pgid) => Send("watch " + pgid.ToString(CultureInfo.InvariantCulture));

    /// <summary>The group is gone (killed and reaped by the host): forget it.</summary>
    public void Unwatch(int pgid) => Send("unwatch " + pgid.ToString(CultureInfo.InvariantCulture));

    /// <summary>Every watched group is gone: forget them all.</summary>
    public void Clear() => Send("clear");

    /// <summary>Dismisses the sentinel (after the host has killed the group itself) and waits briefly for it to go.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        Send("exit", force: true);
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }

        if (!await _process.WaitForExitAsync().WithinAsync(TimeSpan.FromSeconds(2), _clock).ConfigureAwait(false))
        {
            try
            {
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
            }
        }

        _process.Dispose();
    }

    private void Send(string line, bool force = false)
    {
        lock (_gate)
        {
            if (_broken || (_disposed && !force))
            {
                return;
            }

            try
            {
                _process.StandardInput.WriteLine(line);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                // The sentinel is gone (someone killed it): nothing more it can do; the host's own kills still apply.
                _broken = true;
            }
        }
    }
}
