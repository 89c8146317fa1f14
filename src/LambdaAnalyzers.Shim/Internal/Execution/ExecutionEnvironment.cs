using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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

    /// <summary>The error the on-demand Init ended with (<c>init/error</c>, an exit), when it failed that way.</summary>
    private RuntimeOutcome? _initError;

    private ExecutionEnvironment(int id, EnvironmentSettings settings)
    {
        Id = id;
        _settings = settings;
        Timeline = new EnvironmentTimeline(settings.Clock);
        // This environment's own /opt, built before anything can start: its layers merged in order.
        OptDirectory = settings.Layers.Count == 0 ? null : LayerView.Mount(settings.Layers, Path.Combine(settings.WorkingDirectory, $"env-{id}", "opt"));
        ExternalExtensions = Internal.ExternalExtensions.Find(OptDirectory);
        var function = settings.Function;
        var extensionSettings = new ExtensionSettings
        {
            FunctionName = function.Name,
            FunctionVersion = function.Version,
            Handler = function.Handler,
            AccountId = function.AccountId,
            ExternalNames = ExternalExtensions.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal)!,
            Timeline = Timeline,
            Clock = settings.Clock,
        };
        _slot = new RuntimeSlot(function.Mode, () => new RuntimeApiSession(new ExtensionRegistry(extensionSettings)), settings.Clock, Timeline);
        TmpDirectory = Path.Combine(settings.WorkingDirectory, $"env-{id}", "tmp");
        Directory.CreateDirectory(TmpDirectory);
        Log = new LogBuffer(
            settings.LogOutput, settings.LogOutput is null ? string.Empty : $"[env {id}] ",
            line => settings.Feed.Publish(settings.Clock.GetUtcNow(), id, LambdaLifecycleKind.Log, detail: line));
        _trace = new LifecycleTrace(Log, settings.Feed, id, settings.Clock);
        LogStream = $"{DateTime.UtcNow:yyyy/MM/dd}/[{settings.Function.Version}]{Guid.NewGuid():N}";
    }

    public int Id { get; }

    public LogBuffer Log { get; }

    /// <summary>This environment's <c>/opt</c> view (its layers merged in order), or null without layers.</summary>
    public string? OptDirectory { get; }

    /// <summary>The external extensions: the files of this environment's <c>/opt/extensions</c>, in name order.</summary>
    public IReadOnlyList<string> ExternalExtensions { get; }

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

    /// <summary>The variables a runtime of this environment starts with.</summary>
    public IReadOnlyDictionary<string, string> RuntimeVariables() =>
        Internal.RuntimeVariables.Build(Function, RuntimeApiEndpoint, TmpDirectory, LogStream, _ => { }, OptDirectory);

    /// <summary>The platform actions of this environment (launches, SIGTERM, SHUTDOWN, SIGKILL, exits), on the shim's clock.</summary>
    public EnvironmentTimeline Timeline { get; }

    private FunctionSpec Function => _settings.Function;

    private TimeProvider Clock => _settings.Clock;

    public static async Task<ExecutionEnvironment> CreateAsync(int id, EnvironmentSettings settings, CancellationToken cancellationToken)
    {
        var environment = new ExecutionEnvironment(id, settings);
        environment._trace.EnvironmentCreated();
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
        _initError = attempt.Ok || attempt.TimedOut ? null : attempt.Error;
    }

    /// <summary>Runs one invocation to exactly one outcome.</summary>
    public async Task<InvocationResult> InvokeAsync(PendingInvocation invocation)
    {
        var logMark = Log.Mark;
        var traceMark = _trace.Mark;
        await InitializeAsync().ConfigureAwait(false);

        // The on-demand Init that ran before this invoke, if it is this invoke's cold start (the REPORT line's
        // Init Duration); an init inside the invoke is counted in the invoke's own duration.
        TimeSpan? initBeforeInvoke = _unreportedInit;
        _unreportedInit = null;
        var initDuration = initBeforeInvoke;
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
            initBeforeInvoke = null;
            _slot.Ready = attempt.Ok;
            if (!attempt.Ok)
            {
                invocation.TryComplete(attempt.TimedOut ? TimedOutInit(invocation) : attempt.Error!);
                // The failed generation and its telemetry subscribers are gone already.
                var failed = await invocation.Outcome.ConfigureAwait(false);
                return Finish(invocation, failed, Report(invocation, failed, start, initBeforeInvoke, telemetry: null), initDuration, logMark, traceMark);
            }
        }

        InvokeReport? report = null;
        var telemetry = _slot.Session.Extensions.Telemetry;
        PlatformEvents.Start(telemetry, invocation, Function.Version);
        var outcome = await _invoke.RunAsync(invocation, ended => report ??= Report(invocation, ended, start, initBeforeInvoke, telemetry)).ConfigureAwait(false);
        return Finish(invocation, outcome, report ?? Report(invocation, outcome, start, initBeforeInvoke, telemetry), initDuration, logMark, traceMark);
    }

    /// <summary>
    /// A suppressed init that ran out of time. A runtime started by hand (external mode) that reported
    /// <c>init/error</c> has usually exited, and the shim cannot start it again for the retry: when the first Init
    /// ended in an error, the caller gets that error, as Lambda answers when its own second attempt fails alike.
    /// </summary>
    private RuntimeOutcome TimedOutInit(PendingInvocation invocation) =>
        Function.Mode == ShimExecutionMode.External && _initError is { } held ? held : PlatformOutcomes.TimedOut(invocation.RequestId, Function.Timeout);

    /// <summary>
    /// Shutdown (reason <c>spindown</c>): without extensions the runtime is SIGKILLed at once; with extensions it gets
    /// SIGTERM and the external extensions their SHUTDOWN event within the budget (<see cref="ShutdownSequence"/>).
    /// </summary>
    public async Task ShutdownAsync()
    {
        if (_invoke is not null)
        {
            await _invoke.WaitForResetAsync().ConfigureAwait(false);
        }

        if (_slot.Runtime is not null)
        {
            _trace.Shutdown("spindown");
        }

        await _slot.ResetAsync("spindown").ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // The graceful shutdown's deadlines are on the injected clock. A fake clock a test stopped advancing (it failed
        // half-way) would keep it waiting for ever: after a bound in real time, what still runs is killed instead.
        if (!await ShutdownAsync().WithinAsync(_settings.DisposalBound, TimeProvider.System).ConfigureAwait(false))
        {
            _trace.Reset("disposed (the shutdown did not end within " + _settings.DisposalBound.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s of real time; its deadlines are on the injected clock)");
            await _slot.KillNowAsync().WithinAsync(_settings.DisposalBound, TimeProvider.System).ConfigureAwait(false);
        }

        Log.Dispose();
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
            await _slot.ResetAsync("failure").ConfigureAwait(false);
        }
        else if (_slot.Ready && _slot.Session.Extensions.Failed is { IsCompleted: true } failed)
        {
            // An extension crashed while the environment was idle: the environment is reset and this invoke re-initialises it.
            _trace.Reset($"failure ({failed.Result.ErrorType}: {failed.Result.Message})");
            await _slot.ResetAsync("failure").ConfigureAwait(false);
        }
    }

    /// <summary>The invoke's END and REPORT lines and its <c>platform.report</c> (to <paramref name="telemetry"/>, the invoke's generation's).</summary>
    private InvokeReport Report(PendingInvocation invocation, RuntimeOutcome outcome, long start, TimeSpan? initBeforeInvoke, TelemetryBus? telemetry)
    {
        var duration = Clock.GetElapsedTime(start);
        var billed = Billing.BilledMilliseconds(initBeforeInvoke, duration, Function.Timeout);
        _monitor!.SampleNow();
        int? maxMemory = Function.Mode == ShimExecutionMode.OutOfProcess ? _monitor.PeakMB : null;
        _trace.End(invocation.RequestId);
        var report = new InvokeReport(
            invocation.RequestId, duration, billed, Function.MemorySizeMB, maxMemory, initBeforeInvoke,
            TimedOut: outcome.PlatformReason == "timeout", ErrorType: outcome.IsError ? outcome.ErrorType ?? "Runtime.Unknown" : null);
        _trace.Report(report);
        if (telemetry is not null)
        {
            PlatformEvents.Report(telemetry, invocation, outcome, report);
        }

        return report;
    }

    /// <summary>The caller's result; <paramref name="initDuration"/> is this invoke's Init (before it, or inside it), when it had one.</summary>
    private InvocationResult Finish(PendingInvocation invocation, RuntimeOutcome outcome, InvokeReport report, TimeSpan? initDuration, long logMark, int traceMark)
    {
        var error = outcome.IsError ? FunctionError.Parse(outcome.Body, outcome.ErrorType) : null;
        // The invoke's lines are on the echo writer (a terminal, a test's output) when the caller gets its result.
        Log.FlushEcho();
        return new InvocationResult(
            invocation.RequestId, outcome.Body, outcome.ContentType, error, outcome.Streamed, Log.Since(logMark), _trace.Since(traceMark),
            initDuration, report.Duration, report.BilledDurationMs, report.MaxMemoryUsedMB, Id, initDuration is not null)
        {
            StreamedBeforeError = outcome.StreamedBeforeError,
        };
    }
}
