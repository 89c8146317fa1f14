using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Internal;

/// <summary>How one Init attempt ended.</summary>
internal sealed record InitAttempt(bool Ok, bool TimedOut, RuntimeOutcome? Error, TimeSpan Duration);

/// <summary>
/// The Init phase of an environment: start a runtime and wait for its first <c>next</c> (its Init is done),
/// its <c>init/error</c>, its exit, or the limit. Used for the on-demand Init (limit: the Init timeout,
/// phase <c>init</c>) and for the suppressed init inside an invoke (limit: what is left of the function
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
        if (phase == "init")
        {
            _trace.InitStart(Function.Region);
        }

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
        IRuntimeInstance runtime;
        try
        {
            runtime = Launch();
        }
        catch (Exception exception) when (exception is Win32Exception or IOException or InvalidOperationException or BadImageFormatException)
        {
            var failed = PlatformOutcomes.InvalidEntrypoint(exception);
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
                await process.DrainAsync(InvokePhase.ExitDrainGrace).ConfigureAwait(false);
            }

            error = PlatformOutcomes.Exited(requestId, runtime, _monitor.Kill);
            status = "error";
        }
        else
        {
            timedOut = true;
            error = PlatformOutcomes.InitTimedOut(limit);
            status = "timeout";
        }

        _trace.InitReport(phase, duration, status, status == "timeout" ? null : error.ErrorType);
        await _slot.ResetAsync().ConfigureAwait(false);
        return new InitAttempt(false, timedOut, error, duration);
    }

    private IRuntimeInstance Launch()
    {
        return Function.Mode switch
        {
            ShimExecutionMode.OutOfProcess => ProcessRuntime.Start(Function.Command!, Function.CodeDirectory ?? _environment.TmpDirectory, Variables(), _environment.Log.Write, Clock, _environment.Sentinel),
            ShimExecutionMode.InProcess => InProcessRuntime.Start(Function.EntryAssembly!, Function.DependencyAssembly, Function.EntryArguments, Variables(), _environment.Log.Write, Clock),
            _ => new ExternalRuntime(),
        };

        Dictionary<string, string> Variables() =>
            RuntimeVariables.Build(Function, _environment.RuntimeApiEndpoint, _environment.TmpDirectory, _environment.LogStream, _environment.Log.Write);
    }
}
