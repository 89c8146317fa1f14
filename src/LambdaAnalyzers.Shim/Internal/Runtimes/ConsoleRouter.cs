using System;
using System.IO;
using System.Text;
using System.Threading;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// Standard output and error of in-process runtimes. <see cref="Console.Out"/> and <see cref="Console.Error"/> are
/// process-wide, so the shim puts a router in their place once: a write goes, line by line, to the log of the
/// environment whose runtime the writing code belongs to, found through the <see cref="ExecutionContext"/> (an
/// <see cref="AsyncLocal{T}"/> set on the runtime's thread flows into every task, timer and thread the function
/// starts). Code of no environment (the host's own) writes where the console wrote before.
/// </summary>
internal sealed class ConsoleRouter : TextWriter
{
    private static readonly AsyncLocal<EnvironmentConsole?> Current = new();
    private static readonly object InstallGate = new();
    private static bool s_installed;

    // Set while a line is being handed to an environment's log: a log that echoes to the console must reach the
    // host's console, not come back here.
    [ThreadStatic]
    private static bool t_delivering;

    private readonly TextWriter _host;
    private readonly bool _error;

    private ConsoleRouter(TextWriter host, bool error)
    {
        _host = host;
        _error = error;
    }

    /// <inheritdoc />
    public override Encoding Encoding => _host.Encoding;

    /// <summary>Puts the routers in place of the console's writers (once per process).</summary>
    public static void Install()
    {
        lock (InstallGate)
        {
            if (s_installed)
            {
                return;
            }

            Console.SetOut(new ConsoleRouter(Console.Out, error: false));
            Console.SetError(new ConsoleRouter(Console.Error, error: true));
            s_installed = true;
        }
    }

    /// <summary>
    /// From here on, in this execution context and what it starts, console output goes to <paramref name="output"/>
    /// one line at a time. Returns the routing, to flush a last unfinished line when the runtime ends.
    /// </summary>
    public static EnvironmentConsole Route(Action<string> output)
    {
        var console = new EnvironmentConsole(output);
        Current.Value = console;
        return console;
    }

    /// <inheritdoc />
    public override void Write(char value)
    {
        if (Target() is { } target)
        {
            target.Write(new ReadOnlySpan<char>(in value));
        }
        else
        {
            _host.Write(value);
        }
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(new ReadOnlySpan<char>(buffer, index, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (Target() is { } target)
        {
            target.Write(buffer);
        }
        else
        {
            _host.Write(buffer);
        }
    }

    /// <inheritdoc />
    public override void Write(string? value) => Write(value.AsSpan());

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        if (Target() is { } target)
        {
            target.Write(value.AsSpan());
            target.Write("\n");
        }
        else
        {
            _host.WriteLine(value);
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
        if (Target() is null)
        {
            _host.Flush();
        }
    }

    private LineWriter? Target()
    {
        if (t_delivering || Current.Value is not { } console)
        {
            return null;
        }

        return _error ? console.Error : console.Out;
    }

    /// <summary>One environment's standard output and error.</summary>
    internal sealed class EnvironmentConsole
    {
        public EnvironmentConsole(Action<string> output)
        {
            Out = new LineWriter(output);
            Error = new LineWriter(output);
        }

        public LineWriter Out { get; }

        public LineWriter Error { get; }

        /// <summary>Hands an unfinished last line of each stream to the log.</summary>
        public void Flush()
        {
            Out.Flush();
            Error.Flush();
        }
    }

    /// <summary>Cuts one stream into lines (<c>\n</c> or <c>\r\n</c>) for the log, as the out-of-process pipes are read.</summary>
    internal sealed class LineWriter
    {
        private readonly Action<string> _output;
        private readonly StringBuilder _line = new();

        public LineWriter(Action<string> output) => _output = output;

        public void Write(ReadOnlySpan<char> text)
        {
            lock (_line)
            {
                while (text.Length > 0)
                {
                    var end = text.IndexOf('\n');
                    if (end < 0)
                    {
                        _line.Append(text);
                        return;
                    }

                    _line.Append(text.Slice(0, end));
                    text = text.Slice(end + 1);
                    Deliver();
                }
            }
        }

        public void Flush()
        {
            lock (_line)
            {
                if (_line.Length > 0)
                {
                    Deliver();
                }
            }
        }

        private void Deliver()
        {
            if (_line.Length > 0 && _line[^1] == '\r')
            {
                _line.Length--;
            }

            var line = _line.ToString();
            _line.Clear();
            t_delivering = true;
            try
            {
                _output(line);
            }
            finally
            {
                t_delivering = false;
            }
        }
    }
}
