using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>Settings every environment of one shim shares.</summary>
internal sealed class EnvironmentSettings
{
    public required FunctionSpec Function { get; init; }

    public required TimeSpan InitTimeout { get; init; }

    public required bool Freeze { get; init; }

    public required int EphemeralStorageMB { get; init; }

    public required TimeSpan PollInterval { get; init; }

    public required bool EnforceMemoryLimit { get; init; }

    public required TimeProvider Clock { get; init; }

    public required string WorkingDirectory { get; init; }

    public TextWriter? LogOutput { get; init; }

    public Action<int, int>? RuntimeStarted { get; init; }
}

/// <summary>
/// One execution environment: its Runtime API server (one port for its whole life), the current runtime
/// and its session, its <c>/tmp</c>, log and lifecycle trace. Runs one invocation at a time.
/// </summary>
internal sealed class ExecutionEnvironment : IAsyncDisposable
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    };

    private static readonly SemaphoreSlim InProcessInitGate = new(1, 1);
    private readonly EnvironmentSettings _settings;
    private readonly List<string> _trace = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly string _logStream;
    private RuntimeApiServer? _server;
    private volatile RuntimeApiSession _session = new();

    // The current session has served no runtime start yet: the next start uses it, so a runtime that
    // connected before the shim "started" it (External mode: started by hand, it may call next before
    // the first invoke, or between a reset and the next invoke) is the one that runtime start waits for.
    private bool _sessionFresh = true;
    private IRuntimeInstance? _runtime;
    private bool _started;
    private bool _ready;
    private TimeSpan? _unreportedInit;
    private long _peakResidentBytes;
    private volatile string? _killReason;
    private Task? _monitor;
    private GroupSentinel? _sentinel;
    private (RuntimeApiSession Session, DateTimeOffset Deadline)? _settling;

    private ExecutionEnvironment(int id, EnvironmentSettings settings)
    {
        Id = id;
        _settings = settings;
        TmpDirectory = Path.Combine(settings.WorkingDirectory, $"env-{id}", "tmp");
        Directory.CreateDirectory(TmpDirectory);
        Log = new LogBuffer(settings.LogOutput, settings.LogOutput is null ? string.Empty : $"[env {id}] ");
        _logStream = $"{DateTime.UtcNow:yyyy/MM/dd}/[{settings.Function.Version}]{Guid.NewGuid():N}";
    }

    public int Id { get; }

    public LogBuffer Log { get; }

    /// <summary>This environment's <c>/tmp</c> (<c>TMPDIR</c>); kept across resets.</summary>
    public string TmpDirectory { get; }

    /// <summary>The current out-of-process runtime's process id (its process group id too), if one is running.</summary>
    public int? RuntimeProcessId => _runtime is ProcessRuntime { Exited.IsCompleted: false } process ? process.ProcessId : null;

    /// <summary><c>AWS_LAMBDA_RUNTIME_API</c> of this environment.</summary>
    public string RuntimeApiEndpoint => _server!.Endpoint;

    public IReadOnlyList<string> Trace
    {
        get
        {
            lock (_trace)
            {
                return _trace.ToArray();
            }
        }
    }

    private FunctionSpec Function => _settings.Function;

    private TimeProvider Clock => _settings.Clock;

    public static async Task<ExecutionEnvironment> CreateAsync(int id, EnvironmentSettings settings, CancellationToken cancellationToken)
    {
        var environment = new ExecutionEnvironment(id, settings);
        environment._server = await RuntimeApiServer.StartAsync(() => environment._session, settings.Clock, cancellationToken).ConfigureAwait(false);
        if (settings.Function.Mode == ShimExecutionMode.OutOfProcess)
        {
            // Started before any runtime, so a runtime's group is watched from the moment it exists.
            environment._sentinel = GroupSentinel.TryStart(environment.TmpDirectory);
        }

        environment._monitor = Task.Run(environment.MonitorAsync);
        return environment;
    }

    /// <summary>The on-demand Init phase (own limit); a failure leaves the environment to a suppressed init at the first invoke.</summary>
    public async Task InitializeAsync()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        var attempt = await StartRuntimeAsync(_settings.InitTimeout, "init").ConfigureAwait(false);
        _ready = attempt.Ok;
        _unreportedInit = attempt.Duration;
    }

    /// <summary>Runs one invocation to exactly one outcome.</summary>
    public async Task<InvocationResult> InvokeAsync(PendingInvocation invocation)
    {
        var logMark = Log.Mark;
        var traceMark = TraceCount();
        await InitializeAsync().ConfigureAwait(false);

        TimeSpan? initDuration = _unreportedInit;
        _unreportedInit = null;
        var cold = initDuration is not null;
        await SettleAsync().ConfigureAwait(false);
        if (_ready && _runtime is ProcessRuntime { Exited.IsCompleted: false } idle && idle.HasExitedNow)
        {
            // Gone already, but not reported yet: let the exit arrive rather than hand this invoke to a dead runtime.
            await Task.WhenAny(idle.Exited, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        }

        if (_ready && _runtime is not null && _runtime.Exited.IsCompleted)
        {
            // The runtime died while idle: the environment is reset and this invoke re-initialises it.
            AddTrace($"RESET Reason: failure (runtime exited: {_runtime.DescribeExit(_runtime.Exited.Result)})");
            await ResetAsync().ConfigureAwait(false);
        }

        var start = Clock.GetTimestamp();
        invocation.Deadline = Clock.GetUtcNow() + Function.Timeout;
        AddTrace($"START RequestId: {invocation.RequestId} Version: {Function.Version}");

        RuntimeOutcome outcome;
        if (!_ready)
        {
            // Suppressed init (after a failed Init) or the re-init after a reset: inside the invoke, under its timeout.
            var attempt = await StartRuntimeAsync(invocation.Deadline - Clock.GetUtcNow(), "invoke", invocation.RequestId).ConfigureAwait(false);
            initDuration = attempt.Duration;
            cold = true;
            _ready = attempt.Ok;
            if (!attempt.Ok)
            {
                outcome = attempt.TimedOut ? TimedOut(invocation) : attempt.Error!;
                invocation.TryComplete(outcome);
                return Finish(invocation, await invocation.Outcome.ConfigureAwait(false), start, initDuration, cold, logMark, traceMark);
            }
        }

        var runtime = _runtime!;
        var session = _session;
        using (var timer = new CancellationTokenSource())
        {
            var remaining = invocation.Deadline - Clock.GetUtcNow();
            var timeout = remaining > TimeSpan.Zero ? Task.Delay(remaining, Clock, timer.Token) : Task.CompletedTask;
            session.Enqueue(invocation);
            await Task.WhenAny(invocation.Outcome, runtime.Exited, timeout).ConfigureAwait(false);
            timer.Cancel();
        }

        if (!invocation.Outcome.IsCompleted)
        {
            if (runtime.Exited.IsCompleted)
            {
                if (runtime is ProcessRuntime process)
                {
                    await process.DrainAsync(TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
                }

                invocation.TryComplete(Exited(invocation.RequestId, runtime));
            }
            else
            {
                invocation.TryComplete(TimedOut(invocation));
            }
        }

        outcome = await invocation.Outcome.ConfigureAwait(false);
        if (outcome.PlatformReason is { } reason)
        {
            if (reason == "timeout")
            {
                Log.Write($"{Clock.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {invocation.RequestId} Task timed out after {Function.Timeout.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} seconds");
            }

            AddTrace($"RESET Reason: {reason}");
            await ResetAsync().ConfigureAwait(false);
        }
        else
        {
            // The invoke phase ends when the runtime is back in next; give its last output (a pipe away) a moment to arrive.
            // The caller has its answer; the environment takes no other invoke before that point (SettleAsync).
            _settling = (session, invocation.Deadline);
            await Task.WhenAny(session.WhenIdle(), runtime.Exited, Task.Delay(TimeSpan.FromMilliseconds(250))).ConfigureAwait(false);
            if (runtime is ProcessRuntime)
            {
                await Task.Delay(1).ConfigureAwait(false);
            }
        }

        return Finish(invocation, outcome, start, initDuration, cold, logMark, traceMark);
    }

    /// <summary>
    /// The previous invoke's phase ends only when its runtime is back in <c>next</c>: an environment whose
    /// runtime answered but has not asked for more takes no new event. Waits for that (or for the runtime's
    /// exit, which the caller then handles as a reset); a runtime still away at that invoke's deadline is
    /// reset, as Lambda does when the invoke phase outlives the timeout.
    /// </summary>
    private async Task SettleAsync()
    {
        if (_settling is not { } previous)
        {
            return;
        }

        _settling = null;
        if (!_ready || _runtime is not { } runtime || !ReferenceEquals(previous.Session, _session))
        {
            return;
        }

        var idle = previous.Session.WhenIdle();
        if (idle.IsCompleted || runtime.Exited.IsCompleted)
        {
            return;
        }

        using var timer = new CancellationTokenSource();
        var remaining = previous.Deadline - Clock.GetUtcNow();
        var deadline = remaining > TimeSpan.Zero ? Task.Delay(remaining, Clock, timer.Token) : Task.CompletedTask;
        await Task.WhenAny(idle, runtime.Exited, deadline).ConfigureAwait(false);
        timer.Cancel();
        if (!idle.IsCompleted && !runtime.Exited.IsCompleted)
        {
            AddTrace("RESET Reason: timeout (the runtime did not return to next before the deadline of its last invoke)");
            await ResetAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Shutdown: no extensions, so the runtime is SIGKILLed at once (no SIGTERM).</summary>
    public async Task ShutdownAsync()
    {
        if (_runtime is not null)
        {
            AddTrace("SHUTDOWN Reason: spindown");
        }

        await ResetAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync().ConfigureAwait(false);
        // The group is gone (killed and reaped above): the sentinel can leave.
        _sentinel?.Dispose();
        _lifetime.Cancel();
        if (_monitor is not null)
        {
            await _monitor.ConfigureAwait(false);
        }

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _lifetime.Dispose();
    }

    private InvocationResult Finish(PendingInvocation invocation, RuntimeOutcome outcome, long start, TimeSpan? initDuration, bool cold, long logMark, int traceMark)
    {
        var duration = Clock.GetElapsedTime(start);
        var billed = (long)Math.Ceiling(duration.TotalMilliseconds) + (initDuration is { } init ? (long)Math.Ceiling(init.TotalMilliseconds) : 0);
        // One sample at the end of every invoke: a native runtime can start and answer between two polls.
        if (_runtime is ProcessRuntime process && !process.Exited.IsCompleted && process.ResidentBytes(fullScan: false) is long resident)
        {
            InterlockedMax(ref _peakResidentBytes, resident);
        }

        int? maxMemory = Function.Mode == ShimExecutionMode.OutOfProcess ? (int)Math.Ceiling(Interlocked.Read(ref _peakResidentBytes) / (1024.0 * 1024.0)) : null;
        AddTrace($"END RequestId: {invocation.RequestId}");
        var report = $"REPORT RequestId: {invocation.RequestId}\tDuration: {Ms(duration)} ms\tBilled Duration: {billed} ms\tMemory Size: {Function.MemorySizeMB} MB\tMax Memory Used: {maxMemory ?? 0} MB";
        if (initDuration is { } initTime)
        {
            report += $"\tInit Duration: {Ms(initTime)} ms";
        }

        if (outcome.PlatformReason == "timeout")
        {
            report += "\tStatus: timeout";
        }
        else if (outcome.IsError)
        {
            report += $"\tStatus: error\tError Type: {outcome.ErrorType ?? "Runtime.Unknown"}";
        }

        AddTrace(report);
        var error = outcome.IsError ? FunctionError.Parse(outcome.Body, outcome.ErrorType) : null;
        return new InvocationResult(
            invocation.RequestId, outcome.Body, outcome.ContentType, error, outcome.Streamed, Log.Since(logMark), TraceSince(traceMark),
            cold ? initDuration : null, duration, billed, maxMemory, Id, cold);
    }

    private async Task<InitAttempt> StartRuntimeAsync(TimeSpan limit, string phase, string? requestId = null)
    {
        var session = _sessionFresh ? _session : new RuntimeApiSession();
        _sessionFresh = false;
        _session = session;
        _killReason = null;
        Interlocked.Exchange(ref _peakResidentBytes, 0);
        if (phase == "init")
        {
            AddTrace($"INIT_START Runtime Version: lambda-shim:{typeof(ExecutionEnvironment).Assembly.GetName().Version}\tRuntime Version ARN: arn:aws:lambda:{Function.Region}::runtime:lambda-shim");
        }

        // In-process runtimes read process-wide variables (AWS_LAMBDA_RUNTIME_API, …) during their Init:
        // one Init at a time, so another environment cannot overwrite them underneath.
        var inProcess = Function.Mode == ShimExecutionMode.InProcess;
        if (inProcess)
        {
            await InProcessInitGate.WaitAsync().ConfigureAwait(false);
        }

        try
        {
            return await StartRuntimeCoreAsync(session, limit, phase, requestId).ConfigureAwait(false);
        }
        finally
        {
            if (inProcess)
            {
                InProcessInitGate.Release();
            }
        }
    }

    private async Task<InitAttempt> StartRuntimeCoreAsync(RuntimeApiSession session, TimeSpan limit, string phase, string? requestId)
    {
        var start = Clock.GetTimestamp();
        IRuntimeInstance runtime;
        try
        {
            runtime = Function.Mode switch
            {
                ShimExecutionMode.OutOfProcess => ProcessRuntime.Start(Function.Command!, Function.CodeDirectory ?? TmpDirectory, BuildEnvironment(), Log.Write, _sentinel),
                ShimExecutionMode.InProcess => InProcessRuntime.Start(Function.EntryAssembly!, Function.DependencyAssembly, Function.EntryArguments, BuildEnvironment(), Log.Write),
                _ => new ExternalRuntime(),
            };
        }
        catch (Exception exception) when (exception is Win32Exception or IOException or InvalidOperationException or BadImageFormatException)
        {
            var failed = RuntimeOutcome.Platform("Runtime.InvalidEntrypoint", $"Error: {exception.Message}", "failure");
            InitReport(phase, Clock.GetElapsedTime(start), "error", failed.ErrorType);
            return new InitAttempt(false, false, failed, Clock.GetElapsedTime(start));
        }

        _runtime = runtime;
        if (runtime is ProcessRuntime started)
        {
            _settings.RuntimeStarted?.Invoke(Id, started.ProcessId);
        }

        if (_settings.Freeze && runtime is ProcessRuntime)
        {
            session.OnIdle = runtime.Freeze;
            session.OnDispatch = runtime.Thaw;
        }

        using var timer = new CancellationTokenSource();
        var timeout = limit > TimeSpan.Zero ? Task.Delay(limit, Clock, timer.Token) : Task.CompletedTask;
        await Task.WhenAny(session.InitDone, session.InitError, runtime.Exited, timeout).ConfigureAwait(false);
        timer.Cancel();
        var duration = Clock.GetElapsedTime(start);
        if (session.InitDone.IsCompleted)
        {
            return new InitAttempt(true, false, null, duration);
        }

        RuntimeOutcome error;
        var timedOut = false;
        string status;
        if (session.InitError.IsCompleted)
        {
            error = session.InitError.Result;
            status = "error";
        }
        else if (runtime.Exited.IsCompleted)
        {
            if (runtime is ProcessRuntime process)
            {
                await process.DrainAsync(TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
            }

            error = Exited(requestId, runtime);
            status = "error";
        }
        else
        {
            timedOut = true;
            error = RuntimeOutcome.Platform("Sandbox.Timedout", $"Init timed out after {limit.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} seconds", "timeout");
            status = "timeout";
        }

        InitReport(phase, duration, status, status == "timeout" ? null : error.ErrorType);
        await ResetAsync().ConfigureAwait(false);
        return new InitAttempt(false, timedOut, error, duration);
    }

    private void InitReport(string phase, TimeSpan duration, string status, string? errorType) =>
        AddTrace($"INIT_REPORT Init Duration: {Ms(duration)} ms\tPhase: {phase}\tStatus: {status}" + (errorType is null ? string.Empty : $"\tError Type: {errorType}"));

    /// <summary>Kills the runtime (SIGKILL to its group), closes its session; <c>/tmp</c> stays.</summary>
    private async Task ResetAsync()
    {
        _ready = false;
        var runtime = _runtime;
        _runtime = null;
        _session.Close();
        if (runtime is not null)
        {
            await runtime.KillAsync().ConfigureAwait(false);
            await runtime.DisposeAsync().ConfigureAwait(false);
        }

        if (Function.Mode == ShimExecutionMode.External)
        {
            // A runtime started by hand is restarted by hand, maybe before the next invoke: it gets the session
            // that invoke's runtime start will wait on. (Shim-started runtimes get theirs at start: a killed
            // process, or an in-process loop still winding down, must never reach the next one.)
            _session = new RuntimeApiSession();
            _sessionFresh = true;
        }
    }

    private RuntimeOutcome Exited(string? requestId, IRuntimeInstance runtime)
    {
        var code = runtime.Exited.Result;
        var prefix = requestId is null ? string.Empty : $"RequestId: {requestId} ";
        if (_killReason == "memory")
        {
            return RuntimeOutcome.Platform("Runtime.OutOfMemory", $"{prefix}Error: Runtime exited with error: signal: killed", "failure");
        }

        var message = code == 0 ? "Runtime exited without providing a reason" : $"Runtime exited with error: {runtime.DescribeExit(code)}";
        return RuntimeOutcome.Platform("Runtime.ExitError", $"{prefix}Error: {message}", "failure");
    }

    private RuntimeOutcome TimedOut(PendingInvocation invocation) =>
        RuntimeOutcome.Platform(
            "Sandbox.Timedout",
            $"RequestId: {invocation.RequestId} Error: Task timed out after {Function.Timeout.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} seconds",
            "timeout");

    private Dictionary<string, string> BuildEnvironment()
    {
        var function = Function;
        var taskRoot = function.CodeDirectory ?? TmpDirectory;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/bin:/usr/bin/:/bin:/opt/bin" + (System.Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } path ? ":" + path : string.Empty),
            ["LANG"] = "en_US.UTF-8",
            ["TZ"] = ":UTC",
            ["LD_LIBRARY_PATH"] = $"/lib64:/usr/lib64:{taskRoot}:{taskRoot}/lib:/opt/lib",
            ["AWS_XRAY_CONTEXT_MISSING"] = "LOG_ERROR",
        };
        foreach (var pair in function.Environment)
        {
            if (Reserved.Contains(pair.Key))
            {
                Log.Write($"lambda-shim: the reserved variable {pair.Key} cannot be set by the function configuration; ignored.");
                continue;
            }

            variables[pair.Key] = pair.Value;
        }

        variables["_HANDLER"] = function.Handler;
        variables["AWS_REGION"] = function.Region;
        variables["AWS_DEFAULT_REGION"] = function.Region;
        variables["AWS_LAMBDA_FUNCTION_NAME"] = function.Name;
        variables["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.MemorySizeMB.ToString(CultureInfo.InvariantCulture);
        variables["AWS_LAMBDA_FUNCTION_VERSION"] = function.Version;
        variables["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
        variables["AWS_LAMBDA_LOG_GROUP_NAME"] = $"/aws/lambda/{function.Name}";
        variables["AWS_LAMBDA_LOG_STREAM_NAME"] = _logStream;
        variables["AWS_LAMBDA_RUNTIME_API"] = RuntimeApiEndpoint;
        variables["LAMBDA_TASK_ROOT"] = taskRoot;
        variables["LAMBDA_RUNTIME_DIR"] = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        variables["TMPDIR"] = TmpDirectory;
        if (function.Mode == ShimExecutionMode.InProcess)
        {
            // In-process, variables are process-wide: leave the host's PATH, TMPDIR, locale and time zone alone.
            foreach (var hostWide in new[] { "PATH", "LANG", "TZ", "LD_LIBRARY_PATH", "TMPDIR" })
            {
                variables.Remove(hostWide);
            }
        }

        if (function.Mode == ShimExecutionMode.OutOfProcess)
        {
            var muxer = FunctionResolver.DotnetMuxer();
            if (Path.IsPathRooted(muxer) && !variables.ContainsKey("DOTNET_ROOT"))
            {
                variables["DOTNET_ROOT"] = Path.GetDirectoryName(muxer)!;
            }

            if (!variables.ContainsKey("DOTNET_GCHeapHardLimit"))
            {
                // Hexadecimal without prefix: the form CoreCLR and Native AOT both read. 75 % of the memory size,
                // the share .NET itself takes under a container memory limit.
                var limit = (long)function.MemorySizeMB * 1024 * 1024 * 3 / 4;
                variables["DOTNET_GCHeapHardLimit"] = limit.ToString("X", CultureInfo.InvariantCulture);
            }
        }

        return variables;
    }

    private async Task MonitorAsync()
    {
        var tick = 0;
        var memoryLimit = (long)Function.MemorySizeMB * 1024 * 1024;
        var tmpLimit = (long)_settings.EphemeralStorageMB * 1024 * 1024;
        while (!_lifetime.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_settings.PollInterval, _lifetime.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (_runtime is not ProcessRuntime process || process.Exited.IsCompleted)
            {
                continue;
            }

            if (process.ResidentBytes(fullScan: tick % 10 == 0) is long resident)
            {
                InterlockedMax(ref _peakResidentBytes, resident);
                if (_settings.EnforceMemoryLimit && resident > memoryLimit && _killReason is null)
                {
                    _killReason = "memory";
                    Log.Write($"lambda-shim: memory size exceeded ({resident / (1024 * 1024)} MB resident, limit {Function.MemorySizeMB} MB); the runtime is killed.");
                    Posix.SignalGroup(process.ProcessGroup, Posix.SigKill);
                }
            }

            if (++tick % 10 == 0 && _killReason is null && Posix.DirectorySize(TmpDirectory) > tmpLimit)
            {
                _killReason = "tmp";
                Log.Write($"lambda-shim: /tmp exceeded its size of {_settings.EphemeralStorageMB} MB; the runtime is killed.");
                Posix.SignalGroup(process.ProcessGroup, Posix.SigKill);
            }
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static string Ms(TimeSpan duration) => duration.TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture);

    private int TraceCount()
    {
        lock (_trace)
        {
            return _trace.Count;
        }
    }

    private IReadOnlyList<string> TraceSince(int mark)
    {
        lock (_trace)
        {
            return _trace.GetRange(mark, _trace.Count - mark).ToArray();
        }
    }

    private void AddTrace(string line)
    {
        lock (_trace)
        {
            _trace.Add(line);
        }

        Log.Write(line);
    }

    private sealed record InitAttempt(bool Ok, bool TimedOut, RuntimeOutcome? Error, TimeSpan Duration);
}
