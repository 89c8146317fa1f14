using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Internal;

namespace LambdaAnalyzers.Shim;

/// <summary>
/// A local Lambda service for one function: execution environments with the Runtime API, the lifecycle
/// (Init, Invoke, Shutdown, timeouts, resets, freeze) and optionally the Invoke API.
/// <code>await using var fn = await LambdaShim.StartAsync(new LambdaShimOptions { CodePath = dir });
/// var result = await fn.InvokeAsync("{\"name\":\"x\"}");</code>
/// </summary>
public sealed class LambdaShim : IAsyncDisposable
{
    /// <summary>Largest synchronous Invoke request body (6 MiB).</summary>
    public const int MaxSyncRequestBytes = 6_291_456;

    /// <summary>Largest asynchronous (Event) Invoke request body (1 MB).</summary>
    public const int MaxEventRequestBytes = 1_048_576;

    /// <summary>Largest buffered response a runtime may post (6 MiB + 100).</summary>
    public const int MaxResponseBytes = RuntimeApiServer.MaxResponseBytes;

    private readonly LambdaShimOptions _options;
    private readonly EnvironmentSettings _settings;
    private readonly bool _ownsWorkingDirectory;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<ExecutionEnvironment> _idle = new();
    private readonly List<ExecutionEnvironment> _all = new();
    private readonly List<EventInvocation> _events = new();
    private readonly List<Task> _eventWorkers = new();
    private readonly CancellationTokenSource _stopping = new();
    private InvokeApiServer? _invokeApi;
    private int _disposed;
    private int _lastEnvironmentId = -1;

    private LambdaShim(LambdaShimOptions options, EnvironmentSettings settings, bool ownsWorkingDirectory)
    {
        _options = options;
        _settings = settings;
        _ownsWorkingDirectory = ownsWorkingDirectory;
        _slots = new SemaphoreSlim(Math.Max(1, options.Concurrency));
    }

    /// <summary>The function's name.</summary>
    public string FunctionName => _settings.Function.Name;

    /// <summary>The template's logical id of the function, when a template declares it.</summary>
    public string? LogicalId => _settings.Function.LogicalId;

    /// <summary>The function's unqualified ARN.</summary>
    public string FunctionArn => _settings.Function.Arn;

    /// <summary>The handler string (<c>_HANDLER</c>).</summary>
    public string Handler => _settings.Function.Handler;

    /// <summary>The function timeout.</summary>
    public TimeSpan Timeout => _settings.Function.Timeout;

    /// <summary>The memory size in MB.</summary>
    public int MemorySizeMB => _settings.Function.MemorySizeMB;

    /// <summary>The version invocations report.</summary>
    public string FunctionVersion => _settings.Function.Version;

    /// <summary>The execution mode.</summary>
    public ShimExecutionMode Mode => _settings.Function.Mode;

    /// <summary>The command line out-of-process runtimes start with.</summary>
    public IReadOnlyList<string>? Command => _settings.Function.Command;

    /// <summary>Every lifecycle event of the shim's environments as it happens: Init, invokes with their reports, freezes, resets, shutdowns, log lines.</summary>
    public LambdaLifecycleFeed Lifecycle => _settings.Feed;

    /// <summary>The clock deadlines, limits, retry delays and grace periods are measured on.</summary>
    internal TimeProvider Clock => _settings.Clock;

    /// <summary>The Invoke API's base address (<c>http://127.0.0.1:PORT</c>), when enabled.</summary>
    public Uri? InvokeApiEndpoint => _invokeApi is null ? null : new Uri($"http://{_invokeApi.HostAndPort}");

    /// <summary>The <c>AWS_LAMBDA_RUNTIME_API</c> value of each environment created so far (the first exists from the start).</summary>
    public IReadOnlyList<string> RuntimeApiEndpoints
    {
        get
        {
            lock (_all)
            {
                return _all.Select(e => e.RuntimeApiEndpoint).ToArray();
            }
        }
    }

    /// <summary>The execution environments created so far, with their logs and lifecycle traces.</summary>
    public IReadOnlyList<LambdaEnvironmentInfo> Environments
    {
        get
        {
            lock (_all)
            {
                return _all.Select(e => new LambdaEnvironmentInfo(e)).ToArray();
            }
        }
    }

    /// <summary>Every Event invocation queued so far.</summary>
    public IReadOnlyList<EventInvocation> EventInvocations
    {
        get
        {
            lock (_events)
            {
                return _events.ToArray();
            }
        }
    }

    /// <summary>Starts the shim: resolves the function, starts the first environment's Runtime API and, if asked, the Invoke API.</summary>
    public static async Task<LambdaShim> StartAsync(LambdaShimOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (UnsupportedReason(options.Mode, Posix.ProcessGroupsAvailable, System.Runtime.InteropServices.RuntimeInformation.OSDescription) is { } unsupported)
        {
            throw new PlatformNotSupportedException(unsupported);
        }

        var owns = options.WorkingDirectory is null;
        var workingDirectory = options.WorkingDirectory ?? Path.Combine(Path.GetTempPath(), "lambda-shim-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(workingDirectory);
        FunctionSpec function;
        IReadOnlyList<string> layers;
        try
        {
            function = FunctionResolver.Resolve(options, workingDirectory);
            layers = LayerView.Check(options.Layers.ToArray(), function.Name, function.CodeDirectory);
        }
        catch when (owns)
        {
            Directory.Delete(workingDirectory, recursive: true);
            throw;
        }

        var settings = new EnvironmentSettings
        {
            Function = function,
            InitTimeout = options.InitTimeout,
            Freeze = (options.Freeze ?? OperatingSystem.IsLinux()) && function.Mode == ShimExecutionMode.OutOfProcess && Posix.IsSupported,
            EphemeralStorageMB = options.EphemeralStorageMB,
            PollInterval = options.ResourcePollInterval,
            EnforceMemoryLimit = options.EnforceMemoryLimit,
            Clock = options.TimeProvider,
            WorkingDirectory = workingDirectory,
            LogOutput = options.LogOutput,
            RuntimeStarted = options.RuntimeStarted,
            Layers = layers,
            DisposalBound = options.DisposalBound,
        };
        foreach (var note in function.ConfigurationNotes)
        {
            options.LogOutput?.WriteLine($"lambda-shim: {note}");
        }

        var shim = new LambdaShim(options, settings, owns);
        try
        {
            var first = await shim.CreateEnvironmentAsync(cancellationToken).ConfigureAwait(false);
            lock (shim._all)
            {
                shim._idle.Push(first);
            }

            if (options.InitializeOnStart)
            {
                await first.InitializeAsync().ConfigureAwait(false);
            }

            if (options.EnableInvokeApi)
            {
                shim._invokeApi = await InvokeApiServer.StartAsync(new[] { shim }, options.InvokeApiPort, settings.Clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await shim.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return shim;
    }

    /// <summary>Invokes synchronously (RequestResponse) with a raw JSON payload (empty is delivered as <c>{}</c>).</summary>
    /// <exception cref="LambdaServiceException">The payload is not JSON or exceeds 6,291,456 bytes.</exception>
    public Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> payload, InvokeOptions? options = null, CancellationToken cancellationToken = default) =>
        InvokeCoreAsync(ValidatePayload(payload, MaxSyncRequestBytes, "RequestResponse"), NewRequestId(), options, cancellationToken);

    /// <summary>Invokes synchronously with JSON text.</summary>
    public Task<InvocationResult> InvokeAsync(string json, InvokeOptions? options = null, CancellationToken cancellationToken = default) =>
        InvokeAsync(Encoding.UTF8.GetBytes(json ?? string.Empty), options, cancellationToken);

    /// <summary>Invokes synchronously with the payload read from a stream.</summary>
    public async Task<InvocationResult> InvokeAsync(Stream payload, InvokeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var buffer = new MemoryStream();
        await payload.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return await InvokeAsync(buffer.ToArray(), options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serializes <paramref name="input"/> (System.Text.Json, web defaults unless given), invokes, and deserializes the response.</summary>
    public async Task<InvocationResult<TOut>> InvokeAsync<TIn, TOut>(TIn input, JsonSerializerOptions? json = null, InvokeOptions? options = null, CancellationToken cancellationToken = default)
    {
        json ??= new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var result = await InvokeAsync(JsonSerializer.SerializeToUtf8Bytes(input, json), options, cancellationToken).ConfigureAwait(false);
        var response = result.IsSuccess && result.Payload.Length > 0 ? JsonSerializer.Deserialize<TOut>(result.Payload, json) : default;
        return new InvocationResult<TOut>(result, response);
    }

    /// <summary>Queues an asynchronous (Event) invocation; failed attempts are retried (<see cref="LambdaShimOptions.EventRetryAttempts"/>).</summary>
    /// <exception cref="LambdaServiceException">The payload is not JSON or exceeds 1 MB.</exception>
    public EventInvocation InvokeEvent(ReadOnlyMemory<byte> payload)
    {
        var body = ValidatePayload(payload, MaxEventRequestBytes, "Event");
        var invocation = new EventInvocation(NewRequestId(), body);
        lock (_events)
        {
            _events.Add(invocation);
            _eventWorkers.Add(Task.Run(() => RunEventAsync(invocation)));
        }

        return invocation;
    }

    /// <summary>Queues an Event invocation with JSON text.</summary>
    public EventInvocation InvokeEvent(string json) => InvokeEvent(Encoding.UTF8.GetBytes(json ?? string.Empty));

    /// <summary>
    /// Shuts every environment down (reason <c>spindown</c>): SIGKILL at once without extensions, else SIGTERM and the
    /// SHUTDOWN events within the budget; later invokes start fresh environments.
    /// </summary>
    public async Task ShutdownAsync()
    {
        ExecutionEnvironment[] environments;
        lock (_all)
        {
            environments = _all.ToArray();
        }

        foreach (var environment in environments)
        {
            await environment.ShutdownAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops everything: event workers, environments (their process groups are killed), servers; deletes the working directory it created.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        if (_invokeApi is not null)
        {
            await _invokeApi.DisposeAsync().ConfigureAwait(false);
        }

        ExecutionEnvironment[] environments;
        lock (_all)
        {
            environments = _all.ToArray();
        }

        foreach (var environment in environments)
        {
            await environment.DisposeAsync().ConfigureAwait(false);
        }

        Task[] workers;
        lock (_events)
        {
            workers = _eventWorkers.ToArray();
        }

        // Bounded on the shim's clock, and in real time as well: a fake clock may never get there.
        await Task.WhenAll(workers).WithinAsync(TimeSpan.FromSeconds(5), _settings.Clock).WithinAsync(_settings.DisposalBound, TimeProvider.System).ConfigureAwait(false);
        if (_ownsWorkingDirectory)
        {
            try
            {
                Directory.Delete(_settings.WorkingDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        _stopping.Dispose();
    }

    /// <summary>
    /// Why <paramref name="mode"/> cannot run here, or null. Out-of-process mode needs POSIX process groups
    /// (<c>setsid</c>): without them freeze, group signals and the no-orphans guarantee cannot hold.
    /// </summary>
    internal static string? UnsupportedReason(ShimExecutionMode mode, bool processGroups, string platform) =>
        mode == ShimExecutionMode.OutOfProcess && !processGroups
            ? $"Out-of-process mode is not supported on this platform ({platform}): it needs POSIX process groups (a 'setsid' program, as on Linux) " +
              "to freeze runtimes, signal them and kill them when the host exits. Use ShimExecutionMode.InProcess (lambda-shim --mode inproc) here."
            : null;

    internal static string NewRequestId() => Guid.NewGuid().ToString();

    /// <summary>Whether the Invoke API's <paramref name="name"/> is this function: its name, or its logical id.</summary>
    internal bool Answers(string name) => name == FunctionName || (LogicalId is { } logicalId && name == logicalId);

    internal static string NewTraceId(TimeProvider clock)
    {
        var epoch = clock.GetUtcNow().ToUnixTimeSeconds();
        return $"Root=1-{epoch.ToString("x8", CultureInfo.InvariantCulture)}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant()};Parent={Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()};Sampled=0";
    }

    /// <summary>The Invoke API's payload rules: at most <paramref name="limit"/> bytes, JSON, empty becomes <c>{}</c>.</summary>
    internal static byte[] ValidatePayload(ReadOnlyMemory<byte> payload, int limit, string invocationType)
    {
        if (payload.Length > limit)
        {
            throw TooLarge(payload.Length, limit, invocationType);
        }

        if (IsBlank(payload.Span))
        {
            return "{}"u8.ToArray();
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
        }
        catch (JsonException exception)
        {
            throw new LambdaServiceException(400, "InvalidRequestContentException", $"Could not parse request body into json: {exception.Message}");
        }

        return payload.ToArray();
    }

    internal static LambdaServiceException TooLarge(long length, int limit, string invocationType) =>
        invocationType == "Event"
            ? new LambdaServiceException(413, "RequestEntityTooLargeException", $"{length} byte payload is too large for the Event invocation type (limit {limit} bytes)")
            : new LambdaServiceException(413, "RequestEntityTooLargeException", $"Request must be smaller than {limit} bytes for the InvokeFunction operation");

    internal async Task<InvocationResult> InvokeCoreAsync(byte[] payload, string requestId, InvokeOptions? options, CancellationToken cancellationToken, IResponseStreamSink? streamSink = null)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var arn = options?.Qualifier is { Length: > 0 } qualifier ? $"{FunctionArn}:{qualifier}" : FunctionArn;
        var invocation = new PendingInvocation(
            requestId, payload, arn, options?.TraceId ?? NewTraceId(_settings.Clock), options?.ClientContextJson, options?.CognitoIdentityJson, options?.TenantId)
        {
            StreamSink = streamSink ?? (options?.ResponseStream == true ? CollectedStream.Instance : null),
        };
        var environment = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await environment.InvokeAsync(invocation).ConfigureAwait(false);
        }
        finally
        {
            Release(environment);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> payload)
    {
        foreach (var b in payload)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private async Task RunEventAsync(EventInvocation invocation)
    {
        var retries = Math.Max(0, _options.EventRetryAttempts);
        InvocationResult? last = null;
        for (var attempt = 0; attempt <= retries; attempt++)
        {
            if (attempt > 0)
            {
                var delays = _options.EventRetryDelays;
                var delay = delays.Count == 0 ? TimeSpan.Zero : delays[Math.Min(attempt - 1, delays.Count - 1)];
                try
                {
                    if (delay > TimeSpan.Zero)
                    {
                        await Task.Delay(delay, _settings.Clock, _stopping.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            try
            {
                last = await InvokeCoreAsync(invocation.Payload, invocation.Id, null, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }

            invocation.AddAttempt(last);
            if (last.IsSuccess)
            {
                break;
            }
        }

        invocation.Complete(last!);
    }

    private async Task<ExecutionEnvironment> AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_all)
            {
                if (_idle.Count > 0)
                {
                    return _idle.Pop();
                }
            }

            return await CreateEnvironmentAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    private void Release(ExecutionEnvironment environment)
    {
        lock (_all)
        {
            _idle.Push(environment);
        }

        _slots.Release();
    }

    private async Task<ExecutionEnvironment> CreateEnvironmentAsync(CancellationToken cancellationToken)
    {
        // Taken before the await: environments created at the same time never share an id (their /tmp and log prefix).
        var id = Interlocked.Increment(ref _lastEnvironmentId);
        var environment = await ExecutionEnvironment.CreateAsync(id, _settings, cancellationToken).ConfigureAwait(false);
        lock (_all)
        {
            _all.Add(environment);
        }

        _options.EnvironmentCreated?.Invoke(new LambdaEnvironmentInfo(environment));
        return environment;
    }
}

/// <summary>A view of one execution environment.</summary>
public sealed class LambdaEnvironmentInfo
{
    private readonly ExecutionEnvironment _environment;

    internal LambdaEnvironmentInfo(ExecutionEnvironment environment) => _environment = environment;

    /// <summary>The environment's id (0, 1, …).</summary>
    public int Id => _environment.Id;

    /// <summary><c>AWS_LAMBDA_RUNTIME_API</c> of this environment (<c>127.0.0.1:PORT</c>).</summary>
    public string RuntimeApiEndpoint => _environment.RuntimeApiEndpoint;

    /// <summary>The process id of the environment's current out-of-process runtime (it leads its own process group), or null.</summary>
    public int? RuntimeProcessId => _environment.RuntimeProcessId;

    /// <summary>This environment's <c>/tmp</c> (the runtime's <c>TMPDIR</c>).</summary>
    public string TmpDirectory => _environment.TmpDirectory;

    /// <summary>The whole log so far.</summary>
    public string Logs => _environment.Log.All;

    /// <summary>
    /// The variables a runtime of this environment starts with (<c>AWS_LAMBDA_RUNTIME_API</c>, <c>_HANDLER</c>, the
    /// function's name, memory, version, log group and stream, region, and the function's own): what a runtime
    /// started by hand (<see cref="ShimExecutionMode.External"/>) must be given, since runtime clients read them at start.
    /// </summary>
    public IReadOnlyDictionary<string, string> RuntimeVariables => _environment.RuntimeVariables();

    /// <summary>The lifecycle lines so far (<c>INIT_START</c>, <c>EXTENSION</c>, <c>START</c>, <c>END</c>, <c>REPORT</c>, <c>RESET</c>, <c>SHUTDOWN</c>).</summary>
    public IReadOnlyList<string> Trace => _environment.Trace;

    /// <summary>
    /// The platform actions so far, stamped on the shim's <see cref="LambdaShimOptions.TimeProvider"/>: processes
    /// launched and exited, extensions registered, invokes handed out, SIGTERM, SHUTDOWN events and SIGKILL.
    /// </summary>
    public IReadOnlyList<LambdaTimelineEntry> Timeline => _environment.Timeline.Entries;
}

/// <summary>An Invoke API error (what the service answers with a non-2xx status).</summary>
public sealed class LambdaServiceException : Exception
{
    internal LambdaServiceException(int statusCode, string errorCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>HTTP status (400, 404, 413, …).</summary>
    public int StatusCode { get; }

    /// <summary>The error code (<c>x-amzn-ErrorType</c>), e.g. <c>InvalidRequestContentException</c>.</summary>
    public string ErrorCode { get; }
}
