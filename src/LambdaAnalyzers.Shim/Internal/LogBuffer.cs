using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>The log of one execution environment: function output and platform lines, in arrival order.</summary>
internal sealed class LogBuffer
{
    private const int MaxLines = 100_000;
    private readonly List<string> _lines = new();
    private readonly TextWriter? _echo;
    private readonly string _prefix;
    private readonly Action<string>? _observer;
    private long _dropped;

    public LogBuffer(TextWriter? echo, string prefix, Action<string>? observer = null)
    {
        _echo = echo;
        _prefix = prefix;
        _observer = observer;
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
        if (_echo is not null)
        {
            // Console.Out's lock first: on Unix every write to a console stream (stderr too) takes it inside the
            // runtime, and an in-process function's Console.WriteLine reaches this method holding it (ConsoleRouter).
            // Taking the echo writer's lock first let a function's stderr line, echoed here, wait for Console.Out
            // while its stdout line, holding Console.Out, waited for the echo writer: a deadlock, seen in serve.
            lock (Console.Out)
            {
                lock (_echo)
                {
                    _echo.WriteLine(_prefix + line);
                    _echo.Flush();
                }
            }
        }
    }

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
}
