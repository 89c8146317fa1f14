using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>How one Init attempt ended.</summary>
internal sealed record InitAttempt(bool Ok, bool TimedOut, RuntimeOutcome? Error, TimeSpan Duration);

/// <summary>
/// The Init phase of an environment: start the external extensions and wait for their registration, then start a
/// runtime and wait until it and every registered extension have called <c>next</c> (Init is done), or for its
/// <c>init/error</c>, its exit, an extension's failure, or the limit. Used for the on-demand Init (limit: the Init
/// timeout, phase <c>init</c>) and for the suppressed init inside an invoke (limit: what is left of the function
/// timeout, phase <c>invoke</c>). A failed attempt leaves an <c>INIT_REPORT</c> line and a reset environment.
/// </summary>
internal sealed class InitPhase
{
    // In-process runtimes read process-wide variables (AWS_LAMBDA_RUNTIME_API, …) during their Init:
    // one Init at a time, so another environment cannot overwrite them underneath.
    private static readonly SemaphoreSlim InProcessInitGate = new(1, 1);

    private readonly ExecutionEnvironment _environment;
    private readonly EnvironmentSettings _settings;
    private readonly RuntimeSlot _slot;
    private readonly ResourceMonitor _monitor;
    private readonly LifecycleTrace _trace;

    public InitPhase(ExecutionEnvironment environment, EnvironmentSettings settings, RuntimeSlot slot, ResourceMonitor monitor, LifecycleTrace trace)
    {
        _environment = environment;
        _settings = settings;
        _slot = slot;
        _monitor = monitor;
        _trace = trace;
    }

    private FunctionSpec Function => _settings.Function;

    private TimeProvider Clock => _settings.Clock;

    /// <param name="limit">How long Init may take.</param>
    /// <param name="phase"><c>init</c> (on-demand Init) or <c>invoke</c> (suppressed init, re-init after a reset).</param>
    /// <param name="requestId">The invoke a suppressed init runs in.</param>
    public async Task<InitAttempt> RunAsync(TimeSpan limit, string phase, string? requestId = null)
    {
        var session = _slot.OpenSession();
        _monitor.BeginRuntime();
        _trace.InitStart(Function.Region, phase, requestId);

        var inProcess = Function.Mode == ShimExecutionMode.InProcess;
        if (inProcess)
        {
            await InProcessInitGate.WaitAsync().ConfigureAwait(false);
        }

        try
        {
            return await RunCoreAsync(session, limit, phase, requestId).ConfigureAwait(false);
        }
        finally
        {
            if (inProcess)
            {
                InProcessInitGate.Release();
            }
        }
    }

    private async Task<InitAttempt> RunCoreAsync(RuntimeApiSession session, TimeSpan limit, string phase, string? requestId)
    {
        var start = Clock.GetTimestamp();
        var extensions = session.Extensions;
        PlatformEvents.InitStart(extensions.Telemetry, Function, phase);
        using var timer = new CancellationTokenSource();
        var timeout = limit > TimeSpan.Zero ? Task.Delay(limit, Clock, timer.Token) : Task.CompletedTask;
        var variables = RuntimeVariables.Build(
            Function, _environment.RuntimeApiEndpoint, _environment.TmpDirectory, _environment.LogStream, _environment.Log.Write, _environment.OptDirectory);

        // Extension init comes first: every external extension is started and has registered before the runtime starts.
        if (Function.Mode != ShimExecutionMode.External && _environment.ExternalExtensions.Count > 0)
        {
            ExternalExtensions.Launch(
                extensions, _environment.ExternalExtensions, ExternalExtensions.Variables(variables), _environment.OptDirectory!,
                name => line => Output(extensions, TelemetryTypes.Extension, line), _environment.Sentinel, _environment.Timeline, Clock);
            await Task.WhenAny(extensions.ExternalsRegistered, extensions.Failed, timeout).ConfigureAwait(false);
            if (extensions.Failed.IsCompleted || !extensions.ExternalsRegistered.IsCompleted)
            {
                return await FailAsync(null, extensions, phase, requestId, limit, start).ConfigureAwait(false);
            }
        }

        IRuntimeInstance runtime;
        try
        {
            runtime = Launch(variables, line => Output(extensions, TelemetryTypes.Function, line));
        }
        catch (Exception exception) when (exception is Win32Exception or IOException or InvalidOperationException or BadImageFormatException)
        {
            var failed = PlatformOutcomes.InvalidEntrypoint(exception);
            if (extensions.HasAny)
            {
                return await FailAsync(null, extensions, phase, requestId, limit, start, failed).ConfigureAwait(false);
            }

            _trace.InitDone(Clock.GetElapsedTime(start), "error", requestId);
            _trace.InitReport(phase, Clock.GetElapsedTime(start), "error", failed.ErrorType);
            return new InitAttempt(false, false, failed, Clock.GetElapsedTime(start));
        }

        _slot.Attach(runtime);
        if (runtime is ProcessRuntime started)
        {
            _settings.RuntimeStarted?.Invoke(_environment.Id, started.ProcessId);
        }

        if (_settings.Freeze && runtime is ProcessRuntime)
        {
            // Frozen only when the runtime and every extension wait in next with nothing to do.
            var freeze = new EnvironmentFreeze(runtime, extensions, _trace);
            session.OnIdle = freeze.RuntimeIdle;
            session.OnDispatch = freeze.Dispatch;
            extensions.OnAllIdle = freeze.ExtensionsIdle;
        }

        // Init is done when the runtime and every registered extension have called next.
        var ready = ReadyAsync(session, extensions);
        await Task.WhenAny(ready, session.InitError, runtime.Exited, extensions.Failed, timeout).ConfigureAwait(false);
        timer.Cancel();
        var duration = Clock.GetElapsedTime(start);
        if (ready.IsCompleted && !extensions.Failed.IsCompleted)
        {
            EndInit(extensions, phase, duration, "success", null, requestId);
            return new InitAttempt(true, false, null, duration);
        }

        return await FailAsync(runtime, extensions, phase, requestId, limit, start).ConfigureAwait(false);
    }

    private static async Task ReadyAsync(RuntimeApiSession session, ExtensionRegistry extensions)
    {
        await session.InitDone.ConfigureAwait(false);
        await extensions.WhenAllIdle().ConfigureAwait(false);
    }

    /// <summary>A failed Init attempt: its error, in the order Lambda checks them, its report, and a reset.</summary>
    private async Task<InitAttempt> FailAsync(
        IRuntimeInstance? runtime, ExtensionRegistry extensions, string phase, string? requestId, TimeSpan limit, long start, RuntimeOutcome? launchError = null)
    {
        var duration = Clock.GetElapsedTime(start);
        var session = _slot.Session;
        RuntimeOutcome error;
        var timedOut = false;
        string status;
        if (launchError is not null)
        {
            error = launchError;
            status = "error";
        }
        else if (session.InitError.IsCompleted)
        {
            error = session.InitError.Result;
            status = "error";
        }
        else if (runtime is not null && runtime.Exited.IsCompleted)
        {
            if (runtime is ProcessRuntime process)
            {
                await process.DrainAsync(InvokePhase.ExitDrainGrace).ConfigureAwait(false);
            }

            error = PlatformOutcomes.Exited(requestId, runtime, _monitor.Kill);
            status = "error";
        }
        else if (extensions.Failed.IsCompleted)
        {
            error = PlatformOutcomes.ExtensionFailed(requestId, extensions.Failed.Result);
            status = "error";
        }
        else
        {
            timedOut = true;
            error = PlatformOutcomes.InitTimedOut(limit);
            status = "timeout";
        }

        var errorType = status == "timeout" ? null : error.ErrorType;
        EndInit(extensions, phase, duration, status, errorType, requestId);
        _trace.InitReport(phase, duration, status, errorType);
        await _slot.ResetAsync(timedOut ? "timeout" : "failure").ConfigureAwait(false);
        return new InitAttempt(false, timedOut, error, duration);
    }

    /// <summary>The end of an Init attempt as telemetry and the log tell it; subscriptions close here.</summary>
    private void EndInit(ExtensionRegistry extensions, string phase, TimeSpan duration, string status, string? errorType, string? requestId)
    {
        _trace.InitDone(duration, status, requestId);
        var telemetry = extensions.Telemetry;
        var registered = extensions.Snapshot;
        PlatformEvents.InitRuntimeDone(telemetry, phase, status, errorType);
        PlatformEvents.Extensions(telemetry, registered);
        foreach (var extension in registered)
        {
            _trace.ExtensionState(extension);
        }

        PlatformEvents.InitReport(telemetry, phase, duration, status, errorType);
        telemetry.EndInit();
        _environment.Timeline.Add(LambdaTimelineEvent.InitDone, LambdaTimelineEntry.Runtime, status);
    }

    /// <summary>A line of the runtime's or an extension's output: into the log, and to telemetry subscribers.</summary>
    private void Output(ExtensionRegistry extensions, TelemetryTypes stream, string line)
    {
        _environment.Log.Write(line);
        extensions.Telemetry.Line(stream, line);
    }

    /// <summary>The command line with its program inside this environment's <c>/opt</c> when it names one (a layer's bootstrap).</summary>
    private string[] CommandInView()
    {
        var command = Function.Command!.ToArray();
        command[0] = LayerView.InView(command[0], _environment.OptDirectory);
        return command;
    }

    private IRuntimeInstance Launch(Dictionary<string, string> variables, Action<string> output)
    {
        if (Function.Mode == ShimExecutionMode.OutOfProcess)
        {
            // Recorded before the start, so the timeline never shows an internal extension's registration before it.
            _environment.Timeline.Add(LambdaTimelineEvent.Launched, LambdaTimelineEntry.Runtime);
        }

        return Function.Mode switch
        {
            ShimExecutionMode.OutOfProcess => ProcessRuntime.Start(CommandInView(), Function.CodeDirectory ?? _environment.TmpDirectory, variables, output, Clock, _environment.Sentinel, offerTelemetryLog: true),
            ShimExecutionMode.InProcess => InProcessRuntime.Start(Function.EntryAssembly!, Function.DependencyAssembly, Function.EntryArguments, variables, output, Clock),
            _ => new ExternalRuntime(),
        };
    }
}
