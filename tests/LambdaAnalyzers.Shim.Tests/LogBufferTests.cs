using System;
using System.IO;
using System.Threading;
using LambdaAnalyzers.Shim.Internal;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// The environment's log echoes lines from a thread of its own: a thread that logs (an in-process function's
/// Console.WriteLine, holding Console.Out's lock) never waits for the echo writer, which a host thread may hold
/// while it waits for Console.Out — the lock-order deadlock of host and function both writing to the console.
/// </summary>
public sealed class LogBufferTests
{
    [Fact]
    public void A_line_is_logged_while_another_thread_holds_the_echo_writer()
    {
        var echo = new StringWriter();
        using var log = new LogBuffer(echo, "[env 1] ");
        using var held = new ManualResetEventSlim();
        using var written = new ManualResetEventSlim();
        var writtenWhileHeld = false;
        var holder = new Thread(() =>
        {
            lock (echo)
            {
                held.Set();
                // Released early once Write has returned; before the fix Write waited here for the full 10 s.
                writtenWhileHeld = written.Wait(TimeSpan.FromSeconds(10));
            }
        });
        holder.Start();
        held.Wait();

        log.Write("from the function");
        written.Set();
        holder.Join();

        Assert.True(writtenWhileHeld, "Write waited for the echo writer's lock.");
        log.FlushEcho();
        Assert.Equal("[env 1] from the function" + Environment.NewLine, echo.ToString());
        Assert.Equal("from the function\n", log.All);
    }

    [Fact]
    public void Flushed_lines_are_on_the_echo_writer_in_order_and_lines_after_dispose_still_reach_it()
    {
        var echo = new StringWriter();
        var log = new LogBuffer(echo, "> ");
        for (var i = 0; i < 100; i++)
        {
            log.Write("line " + i);
        }

        log.FlushEcho();
        var lines = echo.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(100, lines.Length);
        Assert.Equal("> line 0", lines[0]);
        Assert.Equal("> line 99", lines[99]);

        log.Dispose();
        log.Write("late");
        Assert.EndsWith("> late" + Environment.NewLine, echo.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_echo_writer_lines_are_only_kept()
    {
        using var log = new LogBuffer(null, string.Empty);
        var mark = log.Mark;
        log.Write("kept");
        log.FlushEcho();
        Assert.Equal("kept\n", log.Since(mark));
    }
}
