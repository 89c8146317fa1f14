using System;
using System.IO;
using System.IO.Pipes;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// Reads one output pipe of a runtime process record by record (lines, or the telemetry log's frames:
/// <see cref="OutputRecords"/>) into the environment's log, and can tell when it has caught up: everything the process wrote so far has been read and logged. A runtime writes its log lines,
/// then asks for its next event; once the shim sees that <c>next</c>, waiting for the pumps to catch up puts
/// every line of the invoke into that invoke's log — an event to wait for, not a pause.
/// </summary>
/// <remarks>
/// The pump runs on a thread of its own that waits with <c>poll</c> until the pipe is readable, then reads.
/// While it waits it has consumed nothing, so "waiting, and the pipe holds no data" is exact: no byte is
/// between the pipe and the log (a frame read in part is completed by the same write of the runtime).
/// </remarks>
internal sealed class OutputPump
{
    // How often a pump blocked on a pipe looks whether it was abandoned (a process that escaped the group keeps the pipe open).
    private const int AbandonCheckMs = 500;

    private readonly object _gate = new();
    private readonly PipeStream _stream;
    private readonly Action<string> _log;
    private readonly OutputRecords _records;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _waiting;
    private bool _ended;
    private volatile bool _abandoned;

    private OutputPump(PipeStream stream, OutputRecords records, Action<string> log)
    {
        _stream = stream;
        _records = records;
        _log = log;
    }

    /// <summary>Completes when the pipe is closed (every writer exited) and the last line was logged.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Reads <paramref name="stream"/> (a pipe) on a thread of its own, each record <paramref name="records"/> finds (a line unless told) to <paramref name="log"/>.</summary>
    public static OutputPump Start(Stream stream, Action<string> log, string name, OutputRecords? records = null)
    {
        var pump = new OutputPump((PipeStream)stream, records ?? new LineRecords(), log);
        new Thread(pump.Run) { IsBackground = true, Name = name }.Start();
        return pump;
    }

    /// <summary>Completes once every byte written to the pipe so far has been read and its complete lines logged.</summary>
    public async Task CaughtUpAsync()
    {
        while (true)
        {
            Task progress;
            lock (_gate)
            {
                if (_ended || (_waiting && !HasUnreadData()))
                {
                    return;
                }

                progress = _progress.Task;
            }

            await progress.ConfigureAwait(false);
        }
    }

    private bool HasUnreadData() => Posix.WaitReadable(_stream.SafePipeHandle, 0, out var hasData) && hasData;

    /// <summary>Stops reading (the process is gone; a straggler holding the pipe must not keep this thread).</summary>
    public void Abandon() => _abandoned = true;

    private void Run()
    {
        var bytes = new byte[8192];
        try
        {
            while (!_abandoned)
            {
                lock (_gate)
                {
                    _waiting = true;
                }

                Progress();
                if (!Posix.WaitReadable(_stream.SafePipeHandle, AbandonCheckMs, out _))
                {
                    continue;
                }

                lock (_gate)
                {
                    _waiting = false;
                }

                var read = _stream.Read(bytes, 0, bytes.Length);
                if (read == 0)
                {
                    break;
                }

                _records.Read(bytes.AsSpan(0, read), _log);
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
        }
        finally
        {
            _records.End(_log);
            lock (_gate)
            {
                _ended = true;
            }

            Progress();
            _completion.TrySetResult();
        }
    }

    private void Progress()
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            done = _progress;
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }
}
