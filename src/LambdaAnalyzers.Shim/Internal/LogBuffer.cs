using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// The log of one execution environment: function output and platform lines, in arrival order. Lines echoed to a
/// writer (a terminal, a test's output) are written by one thread of the buffer's own, never by the thread that
/// logs: an in-process function's <c>Console.WriteLine</c> reaches <see cref="Write"/> holding <c>Console.Out</c>'s
/// lock, and writing the echo there would take the echo writer's lock (and, on Unix, the runtime takes
/// <c>Console.Out</c> for every console-stream write) under it. Any thread of the host writing to that console writer
/// itself takes the locks the other way round: a deadlock. Queued, the logging thread takes no lock of the echo's.
/// </summary>
internal sealed class LogBuffer : IDisposable
{
    private const int MaxLines = 100_000;

    /// <summary>How long <see cref="Dispose"/> and <see cref="FlushEcho"/> wait for the echo to catch up.</summary>
    private static readonly TimeSpan EchoWait = TimeSpan.FromSeconds(10);

    private readonly List<string> _lines = new();
    private readonly string _prefix;
    private readonly Action<string>? _observer;
    private readonly Echo? _echo;
    private long _dropped;

    public LogBuffer(TextWriter? echo, string prefix, Action<string>? observer = null)
    {
        _prefix = prefix;
        _observer = observer;
        _echo = echo is null ? null : new Echo(echo);
    }

    /// <summary>Position for <see cref="Since"/>: the count of lines written so far.</summary>
    public long Mark
    {
        get
        {
            lock (_lines)
            {
                return _dropped + _lines.Count;
            }
        }
    }

    public void Write(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
            if (_lines.Count > MaxLines)
            {
                _lines.RemoveRange(0, MaxLines / 10);
                _dropped += MaxLines / 10;
            }
        }

        _observer?.Invoke(line);
        _echo?.Enqueue(_prefix + line);
    }

    /// <summary>Waits (a while at most) until every line written so far is on the echo writer: an invoke's lines are there when it returns.</summary>
    public void FlushEcho() => _echo?.WaitForWritten(EchoWait);

    public string Since(long mark)
    {
        var builder = new StringBuilder();
        lock (_lines)
        {
            var start = (int)Math.Max(0, mark - _dropped);
            for (var i = start; i < _lines.Count; i++)
            {
                builder.Append(_lines[i]).Append('\n');
            }
        }

        return builder.ToString();
    }

    public string All => Since(0);

    /// <summary>Writes what is queued and stops the echo thread; a line logged later is echoed by the logging thread itself.</summary>
    public void Dispose() => _echo?.Close(EchoWait);

    /// <summary>The queue of echoed lines and the one thread that writes them.</summary>
    private sealed class Echo
    {
        private readonly TextWriter _writer;
        private readonly Queue<string> _queue = new();
        private readonly Thread _thread;
        private long _queued;
        private long _written;
        private bool _closed;

        public Echo(TextWriter writer)
        {
            _writer = writer;
            _thread = new Thread(Run) { IsBackground = true, Name = "lambda-shim log echo" };
            _thread.Start();
        }

        public void Enqueue(string text)
        {
            lock (_queue)
            {
                if (!_closed)
                {
                    _queue.Enqueue(text);
                    _queued++;
                    Monitor.PulseAll(_queue);
                    return;
                }
            }

            // After Close (a background thread of the function outliving the environment): written here, as before.
            WriteLine(text);
        }

        public void WaitForWritten(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            lock (_queue)
            {
                var target = _queued;
                while (_written < target && !_closed)
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || !Monitor.Wait(_queue, left))
                    {
                        return;
                    }
                }
            }
        }

        public void Close(TimeSpan timeout)
        {
            lock (_queue)
            {
                _closed = true;
                Monitor.PulseAll(_queue);
            }

            if (Thread.CurrentThread != _thread)
            {
                _thread.Join(timeout);
            }
        }

        private void Run()
        {
            var batch = new List<string>();
            while (true)
            {
                lock (_queue)
                {
                    while (_queue.Count == 0 && !_closed)
                    {
                        Monitor.Wait(_queue);
                    }

                    if (_queue.Count == 0)
                    {
                        return;
                    }

                    batch.AddRange(_queue);
                    _queue.Clear();
                }

                foreach (var text in batch)
                {
                    WriteLine(text);
                }

                lock (_queue)
                {
                    _written += batch.Count;
                    Monitor.PulseAll(_queue);
                }

                batch.Clear();
            }
        }

        private void WriteLine(string text)
        {
            try
            {
                lock (_writer)
                {
                    _writer.WriteLine(text);
                    _writer.Flush();
                }
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                // The echo's reader is gone (a closed pipe, a disposed test writer): the buffer keeps the line.
            }
        }
    }
}
