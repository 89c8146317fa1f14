using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// An in-process runtime: the function assembly's entry point, loaded into a collectible
/// <see cref="AssemblyLoadContext"/> and run on its own thread. Its console output goes to its environment's log
/// (<see cref="ConsoleRouter"/>), as an out-of-process runtime's pipes do. A reset closes its Runtime API session
/// (its loop's next <c>next</c> fails, so <c>Main</c> returns) and unloads the context.
/// </summary>
internal sealed class InProcessRuntime : IRuntimeInstance
{
    private static readonly object EnvironmentGate = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FunctionLoadContext _context;

    private readonly TimeProvider _clock;
    private Task? _killed;

    private InProcessRuntime(FunctionLoadContext context, TimeProvider clock)
    {
        _context = context;
        _clock = clock;
    }

    public Task<int> Exited => _exited.Task;

    public static InProcessRuntime Start(string assemblyPath, string? dependencyAssembly, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, Action<string> output, TimeProvider clock)
    {
        ConsoleRouter.Install();
        var context = new FunctionLoadContext(dependencyAssembly ?? assemblyPath);
        var runtime = new InProcessRuntime(context, clock);
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
        var entry = assembly.EntryPoint ?? throw new InvalidOperationException($"{assemblyPath} has no entry point; in-process mode runs executable functions.");
        var started = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            // Everything this runtime runs, on this thread or any it starts, writes to its environment's log.
            var console = ConsoleRouter.Route(output);
            int code;
            try
            {
                try
                {
                    lock (EnvironmentGate)
                    {
                        // Environment variables are process-wide: set them for this runtime before its Main reads them.
                        foreach (var pair in environment)
                        {
                            Environment.SetEnvironmentVariable(pair.Key, pair.Value);
                        }
                    }
                }
                finally
                {
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
                output(inner.ToString());
                code = 1;
            }

            console.Flush();
            runtime._exited.TrySetResult(code);
        })
        {
            IsBackground = true,
            Name = "lambda-shim in-process runtime",
        };
        thread.Start();
        started.Wait();
        return runtime;
    }

    public string DescribeExit(int code) => $"exit status {code}";

    public void Freeze()
    {
    }

    public void Thaw()
    {
    }

    public Task KillAsync() => _killed ??= UnloadAsync();

    public long? ResidentBytes() => null;

    public async ValueTask DisposeAsync() => await KillAsync().ConfigureAwait(false);

    private async Task UnloadAsync()
    {
        // The session is closed by the environment, so the loop's next call fails and Main returns.
        await _exited.Task.WithinAsync(TimeSpan.FromSeconds(2), _clock).ConfigureAwait(false);
        _context.Unload();
    }

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
