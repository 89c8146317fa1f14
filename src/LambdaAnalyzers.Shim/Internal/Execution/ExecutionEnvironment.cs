using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>
/// One execution environment: its Runtime API server (one port for its whole life), its current runtime
/// and session (<see cref="RuntimeSlot"/>), its <c>/tmp</c>, log and lifecycle trace, and its resource
/// monitor. Runs one invocation at a time through the <see cref="InitPhase"/> and the <see cref="InvokePhase"/>.
/// </summary>
internal sealed class ExecutionEnvironment : IAsyncDisposable
{
    private readonly EnvironmentSettings _settings;
    private readonly RuntimeSlot _slot;
    private readonly LifecycleTrace _trace;
    private RuntimeApiServer? _server;
    private ResourceMonitor? _monitor;
    private InitPhase? _init;
    private InvokePhase? _invoke;
    private bool _started;
    private TimeSpan? _unreportedInit;

    private ExecutionEnvironment(int id, EnvironmentSettings settings)
    {
        Id = id;
        _settings = settings;
        _slot = new RuntimeSlot(settings.Function.Mode);
        TmpDirectory = Path.Combine(settings.WorkingDirectory, $"env-{id}", "tmp");
        Directory.CreateDirectory(TmpDirectory);
        Log = new LogBuffer(settings.LogOutput, settings.LogOutput is null ? string.Empty : $"[env {id}] ");
        _trace = new LifecycleTrace(Log);
        LogStream = $"{DateTime.UtcNow:yyyy/MM/dd}/[{settings.Function.Version}]{Guid.NewGuid():N}";
    }

    public int Id { get; }

    public LogBuffer Log { get; }

    /// <summary>This environment's <c>/tmp</c> (<c>TMPDIR</c>); kept across resets.</summary>
    public string TmpDirectory { get; }

    /// <summary><c>AWS_LAMBDA_LOG_STREAM_NAME</c> of this environment.</summary>
    public string LogStream { get; }

    /// <summary>The current out-of-process runtime's process id (its process group id too), if one is running.</summary>
    public int? RuntimeProcessId => _slot.LiveProcess?.ProcessId;

    /// <summary><c>AWS_LAMBDA_RUNTIME_API</c> of this environment.</summary>
    public string RuntimeApiEndpoint => _server!.Endpoint;

    /// <summary>Kills this environment's runtime group if the host dies (out-of-process mode with process groups).</summary>
    public GroupSentinel? Sentinel { get; private set; }

    public IReadOnlyList<string> Trace => _trace.Lines;

    private FunctionSpec Function => _settings.Function;

    private TimeProvider Clock => _settings.Clock;

    public static async Task<ExecutionEnvironment> CreateAsync(int id, EnvironmentSettings settings, CancellationToken cancellationToken)
    {
        var environment = new ExecutionEnvironment(id, settings);
        var slot = environment._slot;
        environment._server = await RuntimeApiServer.StartAsync(() => slot.Session, settings.Clock, cancellationToken).ConfigureAwait(false);
        if (settings.Function.Mode == ShimExecutionMode.OutOfProcess)
        {
            // Started before any runtime, so a runtime's group is watched from the moment it exists.
            environment.Sentinel = GroupSentinel.TryStart(environment.TmpDirectory, settings.Clock);
        }

        var monitor = ResourceMonitor.Start(settings, () => slot.Runtime, environment.TmpDirectory, environment.Log);
        environment._monitor = monitor;
        environment._init = new InitPhase(environment, settings, slot, monitor, environment._trace);
        environment._invoke = new InvokePhase(settings, slot, monitor, environment._trace, environment.Log);
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
        var attempt = await _init!.RunAsync(_settings.InitTimeout, "init").ConfigureAwait(false);
        _slot.Ready = attempt.Ok;
        _unreportedInit = attempt.Duration;
    }

    /// <summary>Runs one invocation to exactly one outcome.</summary>
    public async Task<InvocationResult> InvokeAsync(PendingInvocation invocation)
    {
        var logMark = Log.Mark;
        var traceMark = _trace.Mark;
        await InitializeAsync().ConfigureAwait(false);

        TimeSpan? initDuration = _unreportedInit;
        _unreportedInit = null;
        var cold = initDuration is not null;
        await _invoke!.SettleAsync().ConfigureAwait(false);
        await ResetIfGoneWhileIdleAsync().ConfigureAwait(false);

        var start = Clock.GetTimestamp();
        invocation.Deadline = Clock.GetUtcNow() + Function.Timeout;
        _trace.Start(invocation.RequestId, Function.Version);

        if (!_slot.Ready)
        {
            // Suppressed init (after a failed Init) or the re-init after a reset: inside the invoke, under its timeout.
            var attempt = await _init!.RunAsync(invocation.Deadline - Clock.GetUtcNow(), "invoke", invocation.RequestId).ConfigureAwait(false);
            initDuration = attempt.Duration;
            cold = true;
            _slot.Ready = attempt.Ok;
            if (!attempt.Ok)
            {
                invocation.TryComplete(attempt.TimedOut ? PlatformOutcomes.TimedOut(invocation.RequestId, Function.Timeout) : attempt.Error!);
                return Finish(invocation, await invocation.Outcome.ConfigureAwait(false), start, initDuration, cold, logMark, traceMark);
            }
        }

        var outcome = await _invoke.RunAsync(invocation).ConfigureAwait(false);
        return Finish(invocation, outcome, start, initDuration, cold, logMark, traceMark);
    }

    /// <summary>Shutdown: no extensions, so the runtime is SIGKILLed at once (no SIGTERM).</summary>
    public async Task ShutdownAsync()
    {
        if (_slot.Runtime is not null)
        {
            _trace.Shutdown("spindown");
        }

        await _slot.ResetAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync().ConfigureAwait(false);
        // The group is gone (killed and reaped above): the sentinel can leave.
        if (Sentinel is not null)
        {
            await Sentinel.DisposeAsync().ConfigureAwait(false);
        }

        if (_monitor is not null)
        {
            await _monitor.DisposeAsync().ConfigureAwait(false);
        }

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A runtime that died while idle: the environment is reset, and this invoke re-initialises it.</summary>
    private async Task ResetIfGoneWhileIdleAsync()
    {
        // A process that is gone but whose exit is not reported yet is gone too: never hand this invoke to it.
        (_slot.Runtime as ProcessRuntime)?.ObserveExit();
        if (_slot.Ready && _slot.Runtime is { } runtime && runtime.Exited.IsCompleted)
        {
            _trace.Reset($"failure (runtime exited: {runtime.DescribeExit(runtime.Exited.Result)})");
            await _slot.ResetAsync().ConfigureAwait(false);
        }
    }

    private InvocationResult Finish(PendingInvocation invocation, RuntimeOutcome outcome, long start, TimeSpan? initDuration, bool cold, long logMark, int traceMark)
    {
        var duration = Clock.GetElapsedTime(start);
        var billed = (long)Math.Ceiling(duration.TotalMilliseconds) + (initDuration is { } init ? (long)Math.Ceiling(init.TotalMilliseconds) : 0);
        _monitor!.SampleNow();
        int? maxMemory = Function.Mode == ShimExecutionMode.OutOfProcess ? _monitor.PeakMB : null;
        _trace.End(invocation.RequestId);
        _trace.Report(new InvokeReport(
            invocation.RequestId, duration, billed, Function.MemorySizeMB, maxMemory, initDuration,
            TimedOut: outcome.PlatformReason == "timeout", ErrorType: outcome.IsError ? outcome.ErrorType ?? "Runtime.Unknown" : null));
        var error = outcome.IsError ? FunctionError.Parse(outcome.Body, outcome.ErrorType) : null;
        return new InvocationResult(
            invocation.RequestId, outcome.Body, outcome.ContentType, error, outcome.Streamed, Log.Since(logMark), _trace.Since(traceMark),
            cold ? initDuration : null, duration, billed, maxMemory, Id, cold);
    }
}
