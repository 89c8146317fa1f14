using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>One started runtime (a process, an in-process entry point, or nothing for external runtimes).</summary>
internal interface IRuntimeInstance : IAsyncDisposable
{
    /// <summary>Completes with the exit code when the runtime ends (never for external runtimes).</summary>
    Task<int> Exited { get; }

    /// <summary>How the runtime ended, in Lambda's words (<c>exit status 1</c>, <c>signal: killed</c>).</summary>
    string DescribeExit(int code);

    void Freeze();

    void Thaw();

    /// <summary>Kills the runtime at once (SIGKILL to its process group) and waits for it to be gone.</summary>
    Task KillAsync();

    /// <summary>Resident memory of the runtime's process group, when measurable.</summary>
    long? ResidentBytes();
}

/// <summary>A runtime the shim does not start (debugger, a test speaking raw HTTP).</summary>
internal sealed class ExternalRuntime : IRuntimeInstance
{
    private readonly TaskCompletionSource<int> _never = new();

    public Task<int> Exited => _never.Task;

    public string DescribeExit(int code) => $"exit status {code}";

    public void Freeze()
    {
    }

    public void Thaw()
    {
    }

    public Task KillAsync() => Task.CompletedTask;

    public long? ResidentBytes() => null;

    public ValueTask DisposeAsync() => default;
}

/// <summary>
/// An out-of-process runtime: started through <c>setsid</c> so it leads its own session and process group;
/// every signal goes to the whole group; the group is tracked so host exit kills it (<c>ProcessExit</c>),
/// and watched by the environment's <see cref="GroupSentinel"/> so even a SIGKILLed host takes it along.
/// </summary>
internal sealed class ProcessRuntime : IRuntimeInstance
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _stdout;
    private readonly Task _stderr;
    private readonly int _pgid;
    private volatile bool _frozen;
    private volatile bool _killed;
    private volatile bool _reaped;
    private int[] _members = Array.Empty<int>();
    private GroupSentinel? _sentinel;

    private ProcessRuntime(Process process, int pgid, Action<string> log)
    {
        _process = process;
        _pgid = pgid;
        _stdout = PumpAsync(process.StandardOutput, log);
        _stderr = PumpAsync(process.StandardError, log);
    }

    public Task<int> Exited => _exited.Task;

    public int ProcessGroup => _pgid;

    public int ProcessId => _process.Id;

    /// <summary>Asks the OS now (<see cref="Exited"/> completes a moment after the exit is reaped).</summary>
    public bool HasExitedNow => _process.HasExited;

    public static ProcessRuntime Start(IReadOnlyList<string> command, string workingDirectory, IReadOnlyDictionary<string, string> environment, Action<string> log, GroupSentinel? sentinel = null)
    {
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
        process.Start();
        // setsid execs in place (the child of Process.Start is never a group leader), so pid == pgid.
        var pgid = useSetsid ? process.Id : 0;
        if (pgid > 0)
        {
            Posix.Track(pgid);
            // Host death (even SIGKILL, where ProcessExit never runs) now kills the group too.
            sentinel?.Watch(pgid);
        }

        var runtime = new ProcessRuntime(process, pgid, log) { _sentinel = sentinel };
        process.Exited += (_, _) => runtime.OnExited();
        if (process.HasExited)
        {
            runtime.OnExited();
        }

        return runtime;
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

        await Task.WhenAny(_exited.Task, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        // Stragglers that left the group's leader behind (its children) go too.
        if (_pgid > 0)
        {
            Posix.SignalGroup(_pgid, Posix.SigKill);
            Posix.Untrack(_pgid);
            _sentinel?.Clear();
            _sentinel = null;
        }

        await Task.WhenAny(Task.WhenAll(_stdout, _stderr), Task.Delay(500)).ConfigureAwait(false);
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

    /// <summary>Waits briefly for output already written to be read.</summary>
    public Task DrainAsync(TimeSpan limit) => Task.WhenAny(Task.WhenAll(_stdout, _stderr), Task.Delay(limit));

    public async ValueTask DisposeAsync()
    {
        // Whatever state it is in (running, frozen, exited with children left), its group goes.
        await KillAsync().ConfigureAwait(false);

        _process.Dispose();
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

    private static async Task PumpAsync(StreamReader reader, Action<string> log)
    {
        try
        {
            string? line;
            while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) is not null)
            {
                log(line);
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}

/// <summary>
/// An in-process runtime: the function assembly's entry point, loaded into a collectible
/// <see cref="AssemblyLoadContext"/> and run on its own thread. A reset closes its Runtime API session
/// (its loop's next <c>next</c> fails, so <c>Main</c> returns) and unloads the context.
/// </summary>
internal sealed class InProcessRuntime : IRuntimeInstance
{
    private static readonly object EnvironmentGate = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FunctionLoadContext _context;

    private InProcessRuntime(FunctionLoadContext context) => _context = context;

    public Task<int> Exited => _exited.Task;

    public static InProcessRuntime Start(string assemblyPath, string? dependencyAssembly, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, Action<string> log)
    {
        var context = new FunctionLoadContext(dependencyAssembly ?? assemblyPath);
        var runtime = new InProcessRuntime(context);
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
        var entry = assembly.EntryPoint ?? throw new InvalidOperationException($"{assemblyPath} has no entry point; in-process mode runs executable functions.");
        var started = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            int code;
            try
            {
                lock (EnvironmentGate)
                {
                    // Environment variables are process-wide: set them for this runtime before its Main reads them.
                    foreach (var pair in environment)
                    {
                        Environment.SetEnvironmentVariable(pair.Key, pair.Value);
                    }

                    started.Set();
                }

                var args = entry.GetParameters().Length == 0 ? null : new object?[] { new List<string>(arguments).ToArray() };
                var result = entry.Invoke(null, args);
                if (result is Task task)
                {
                    task.GetAwaiter().GetResult();
                    result = task.GetType().GetProperty("Result")?.GetValue(task);
                }

                code = result is int exit ? exit : 0;
            }
            catch (Exception exception)
            {
                var inner = exception is TargetInvocationException { InnerException: { } e } ? e : exception;
                log(inner.ToString());
                code = 1;
            }

            runtime._exited.TrySetResult(code);
        })
        {
            IsBackground = true,
            Name = "lambda-shim in-process runtime",
        };
        thread.Start();
        started.Wait(TimeSpan.FromSeconds(5));
        return runtime;
    }

    public string DescribeExit(int code) => $"exit status {code}";

    public void Freeze()
    {
    }

    public void Thaw()
    {
    }

    public async Task KillAsync()
    {
        // The session is closed by the environment, so the loop's next call fails and Main returns.
        await Task.WhenAny(_exited.Task, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        _context.Unload();
    }

    public long? ResidentBytes() => null;

    public async ValueTask DisposeAsync() => await KillAsync().ConfigureAwait(false);

    private sealed class FunctionLoadContext : AssemblyLoadContext
    {
        private readonly AssemblyDependencyResolver _resolver;

        public FunctionLoadContext(string mainAssembly)
            : base($"lambda-shim:{Path.GetFileNameWithoutExtension(mainAssembly)}", isCollectible: true) =>
            _resolver = new AssemblyDependencyResolver(Path.GetFullPath(mainAssembly));

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = _resolver.ResolveAssemblyToPath(assemblyName);
            return path is null ? null : LoadFromAssemblyPath(path);
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
            return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
        }
    }
}
