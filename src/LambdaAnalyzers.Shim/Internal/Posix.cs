using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>Signals to process groups (P/Invoke <c>kill(-pgid, sig)</c>) and the registry that kills every group at host exit.</summary>
internal static partial class Posix
{
    private static readonly object Gate = new();
    private static readonly HashSet<int> LiveGroups = new();
    private static bool _hooked;

    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>The <c>setsid</c> program that starts a runtime as the leader of its own session and process group.</summary>
    public static string SetsidPath { get; } = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "/bin/setsid";

    /// <summary>Runtimes can get their own process group here (a POSIX system with <c>setsid</c>).</summary>
    public static bool ProcessGroupsAvailable => IsSupported && File.Exists(SetsidPath);

    public static int SigKill => 9;

    public static int SigTerm => 15;

    public static int SigStop => OperatingSystem.IsLinux() ? 19 : 17;

    public static int SigCont => OperatingSystem.IsLinux() ? 18 : 19;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int sig);

    [LibraryImport("libc", EntryPoint = "getpgid", SetLastError = true)]
    private static partial int GetPgidNative(int pid);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int PollNative(ref PollFd fd, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "pipe", SetLastError = true)]
    private static partial int PipeNative(Span<int> fds);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int FcntlNative(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseNative(int fd);

    /// <summary>
    /// The shim starts its child processes (runtimes, extensions, sentinels, the packaging build) holding this lock
    /// (<see cref="StartInheriting"/>): a descriptor made inheritable for one of them is then never inherited by another
    /// one it starts at the same moment. Processes other code of the host starts may still inherit it.
    /// </summary>
    public static object ProcessStartGate { get; } = new();

    public static bool SignalGroup(int pgid, int signal) => pgid > 1 && KillNative(-pgid, signal) == 0;

    /// <summary>
    /// A pipe whose write end the next process <paramref name="start"/> starts inherits, under the number returned:
    /// the read end (closed on exec) for the shim, the write end closed in the shim once the child has it. Null where
    /// it cannot be made (not a POSIX system, out of descriptors); the process is then started without it.
    /// </summary>
    public static (System.IO.Pipes.AnonymousPipeClientStream Reader, int ChildDescriptor)? StartInheriting(Action<int?> start)
    {
        lock (ProcessStartGate)
        {
            Span<int> fds = stackalloc int[2];
            if (!IsSupported || PipeNative(fds) != 0)
            {
                start(null);
                return null;
            }

            // F_SETFD = 2, FD_CLOEXEC = 1: the shim's end stays here; the child's end crosses exec.
            FcntlNative(fds[0], 2, 1);
            var reader = new Microsoft.Win32.SafeHandles.SafePipeHandle((IntPtr)fds[0], ownsHandle: true);
            try
            {
                start(fds[1]);
            }
            catch
            {
                reader.Dispose();
                throw;
            }
            finally
            {
                CloseNative(fds[1]);
            }

            return (new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, reader), fds[1]);
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> (0: just asks) until <paramref name="handle"/> can be read without
    /// blocking: data is there, or the writers are gone (end of file). Nothing is consumed. False on timeout.
    /// </summary>
    public static bool WaitReadable(SafeHandle handle, int timeoutMs, out bool hasData)
    {
        hasData = false;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = new PollFd { Fd = (int)handle.DangerousGetHandle(), Events = PollIn };
            var ready = PollNative(ref fd, 1, timeoutMs);
            if (ready <= 0)
            {
                // 0: timed out; -1: interrupted (EINTR) or a closed descriptor: the caller asks again or gives up.
                return ready < 0 && Marshal.GetLastPInvokeError() != 4;
            }

            hasData = (fd.Revents & PollIn) != 0;
            return true;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    public static int GetProcessGroup(int pid) => GetPgidNative(pid);

    /// <summary>Records a live group so that host exit kills it, whatever state it is in.</summary>
    public static void Track(int pgid)
    {
        lock (Gate)
        {
            LiveGroups.Add(pgid);
            if (!_hooked)
            {
                _hooked = true;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAllTracked();
                AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAllTracked();
            }
        }
    }

    public static void Untrack(int pgid)
    {
        lock (Gate)
        {
            LiveGroups.Remove(pgid);
        }
    }

    public static void KillAllTracked()
    {
        int[] groups;
        lock (Gate)
        {
            groups = new int[LiveGroups.Count];
            LiveGroups.CopyTo(groups);
            LiveGroups.Clear();
        }

        foreach (var group in groups)
        {
            SignalGroup(group, SigKill);
        }
    }

    /// <summary>Sum of the resident set sizes of the group's processes, in bytes (Linux /proc); null when unknown.</summary>
    public static (long? Total, int[] Members) GroupResidentBytes(int pgid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, Array.Empty<int>());
        }

        long total = 0;
        var found = false;
        var members = new List<int>();
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                var name = Path.GetFileName(dir);
                if (name.Length == 0 || !char.IsDigit(name[0]))
                {
                    continue;
                }

                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    // Fields after the parenthesised command: state ppid pgrp ...
                    var close = stat.LastIndexOf(')');
                    var fields = stat.Substring(close + 2).Split(' ');
                    if (fields.Length < 3 || fields[2] != pgid.ToString(CultureInfo.InvariantCulture))
                    {
                        continue;
                    }

                    var statm = File.ReadAllText(Path.Combine(dir, "statm")).Split(' ');
                    total += long.Parse(statm[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
                    members.Add(int.Parse(name, CultureInfo.InvariantCulture));
                    found = true;
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
                catch (FormatException)
                {
                }
            }
        }
        catch (IOException)
        {
            return (null, Array.Empty<int>());
        }

        return (found ? total : null, members.ToArray());
    }

    /// <summary>Sum of the resident set sizes of known processes (those still alive).</summary>
    public static long? ResidentBytes(int[] pids)
    {
        long total = 0;
        var found = false;
        foreach (var pid in pids)
        {
            try
            {
                var statm = File.ReadAllText($"/proc/{pid}/statm").Split(' ');
                total += long.Parse(statm[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
                found = true;
            }
            catch (IOException)
            {
            }
            catch (FormatException)
            {
            }
        }

        return found ? total : null;
    }

    public static long DirectorySize(string path)
    {
        long total = 0;
        try
        {
            foreach (var file in new DirectoryInfo(path).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                try
                {
                    total += file.Length;
                }
                catch (IOException)
                {
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return total;
    }

    private const short PollIn = 0x1;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
