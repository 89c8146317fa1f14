using System;
using System.Collections.Generic;
using System.IO;

namespace LambdaAnalyzers.Shim;

/// <summary>How the shim runs the function.</summary>
public enum ShimExecutionMode
{
    /// <summary>
    /// The function's own executable (an AOT <c>bootstrap</c>, <c>dotnet Function.dll</c>, or the class-library
    /// host for <c>Assembly::Type::Method</c> handlers) in its own process group, with <c>AWS_LAMBDA_RUNTIME_API</c>.
    /// The faithful mode: timeouts kill it, freezes stop it, memory limits apply.
    /// </summary>
    OutOfProcess,

    /// <summary>
    /// The function assembly's entry point runs inside the host process, in a collectible
    /// <see cref="System.Runtime.Loader.AssemblyLoadContext"/>; a reset loads a fresh context (fresh statics).
    /// Fast, but a hung handler cannot be aborted, environment variables are process-wide, and no freeze,
    /// memory limit or <c>/tmp</c> isolation applies.
    /// </summary>
    InProcess,

    /// <summary>
    /// The shim starts nothing: a runtime started by someone else (a debugger, a test speaking raw HTTP)
    /// connects to <see cref="LambdaShim.RuntimeApiEndpoints"/>.
    /// </summary>
    External,
}

/// <summary>Options of <see cref="LambdaShim.StartAsync(LambdaShimOptions, System.Threading.CancellationToken)"/>.</summary>
public sealed class LambdaShimOptions
{
    /// <summary>
    /// Which function of the configuration to run: a template resource's logical id (or its <c>FunctionName</c>), as
    /// <c>sam local invoke &lt;LogicalId&gt;</c> takes it. Needed when the template declares several functions;
    /// <see cref="LambdaShimHost"/> runs every one of them.
    /// </summary>
    public string? Function { get; set; }

    /// <summary>
    /// Function name (default: from the configuration file, else the project's name, else the function
    /// assembly's name, else the zip's name, else <c>function</c>).
    /// </summary>
    public string? FunctionName { get; set; }

    /// <summary>
    /// The function's code: a build/publish directory, a <c>.zip</c> deployment package, or a project directory
    /// already built (its configuration files are read from here too). Not needed with <see cref="Command"/>
    /// or <see cref="ShimExecutionMode.External"/>.
    /// </summary>
    public string? CodePath { get; set; }

    /// <summary>Directory holding <c>aws-lambda-tools-defaults.json</c> / <c>template.yaml</c> (default: <see cref="CodePath"/>).</summary>
    public string? ConfigurationDirectory { get; set; }

    /// <summary>Explicit command line to start the runtime with (out-of-process), overriding what <see cref="CodePath"/> implies.</summary>
    public IList<string>? Command { get; set; }

    /// <summary>Handler string (<c>_HANDLER</c>); default from the configuration file.</summary>
    public string? Handler { get; set; }

    /// <summary>
    /// Execution mode; default <see cref="ShimExecutionMode.OutOfProcess"/>, which needs POSIX process groups
    /// (<c>setsid</c>, as on Linux): elsewhere <c>StartAsync</c> throws <see cref="PlatformNotSupportedException"/>.
    /// </summary>
    public ShimExecutionMode Mode { get; set; } = ShimExecutionMode.OutOfProcess;

    /// <summary>Function timeout (default: configuration file, else 3 s as Lambda's default).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Memory size in MB (default: configuration file, else 128).</summary>
    public int? MemorySizeMB { get; set; }

    /// <summary>Function environment variables; they override the configuration file's.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The on-demand Init limit (10 s on Lambda). Injectable so tests of the limit run fast.</summary>
    public TimeSpan InitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Maximum number of execution environments running at once.</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>Run the Init phase of the first environment during <c>StartAsync</c> (as provisioned capacity would).</summary>
    public bool InitializeOnStart { get; set; }

    /// <summary>Retries of a failed <c>Event</c> invocation (Lambda: two).</summary>
    public int EventRetryAttempts { get; set; } = 2;

    /// <summary>Delays before each event retry (Lambda: one minute, then two). The last entry repeats.</summary>
    public IList<TimeSpan> EventRetryDelays { get; set; } = new List<TimeSpan> { TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2) };

    /// <summary>Freeze (SIGSTOP) out-of-process runtimes between invokes; default on for Linux.</summary>
    public bool? Freeze { get; set; }

    /// <summary>Size of each environment's <c>/tmp</c> (<c>TMPDIR</c>) in MB; enforced by polling.</summary>
    public int EphemeralStorageMB { get; set; } = 512;

    /// <summary>How often memory (RSS) is sampled; <c>/tmp</c> is measured every tenth sample.</summary>
    public TimeSpan ResourcePollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Enforce the memory size with an RSS watchdog that kills the process group (out-of-process).</summary>
    public bool EnforceMemoryLimit { get; set; } = true;

    /// <summary>The clock used for deadlines, limits and retry delays.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where environments keep their <c>/tmp</c> directories (default: a new temp directory, deleted on dispose).</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Region reported in <c>AWS_REGION</c> and ARNs.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>
    /// Credentials the function gets as <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c> and <c>AWS_SESSION_TOKEN</c>,
    /// as Lambda gives the execution role's. None by default: the shim never invents any (an SDK call then fails).
    /// </summary>
    public AwsCredentials? Credentials { get; set; }

    /// <summary>Account id used in ARNs.</summary>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>The function version (<c>X-Amz-Executed-Version</c>, <c>AWS_LAMBDA_FUNCTION_VERSION</c>).</summary>
    public string FunctionVersion { get; set; } = "$LATEST";

    /// <summary>Start the Invoke API (<c>/2015-03-31/functions/{name}/invocations</c>) on 127.0.0.1.</summary>
    public bool EnableInvokeApi { get; set; }

    /// <summary>Port of the Invoke API (0: an ephemeral port).</summary>
    public int InvokeApiPort { get; set; }

    /// <summary>
    /// Called with (environment id, process id) each time an out-of-process runtime starts, e.g. to attach a
    /// debugger (<c>lambda-shim --debug</c> prints it). Runs on the shim's thread: keep it short.
    /// </summary>
    public Action<int, int>? RuntimeStarted { get; set; }

    /// <summary>
    /// Called each time an execution environment is created (the first during <c>StartAsync</c> when the shim
    /// initialises on start, else at the first invoke; more under concurrent invokes), with its Runtime API endpoint
    /// and variables: <c>lambda-shim --mode external</c> prints them so a runtime can be started for each.
    /// </summary>
    public Action<LambdaEnvironmentInfo>? EnvironmentCreated { get; set; }

    /// <summary>When set, every log line (function output and lifecycle lines) is echoed here.</summary>
    public TextWriter? LogOutput { get; set; }

    /// <summary>
    /// The function's layers, at most five: folders or <c>.zip</c> files, merged in this order into the environment's
    /// <c>/opt</c> view (a later layer's file replaces an earlier one's). Its <c>bin</c> is on <c>PATH</c>, its
    /// <c>lib</c> on <c>LD_LIBRARY_PATH</c>, and every file of its <c>extensions</c> folder is started as an external
    /// extension before the runtime; a <c>bootstrap</c> at its root starts a <c>provided.*</c> function whose code has
    /// none. The function and its layers may take 250 MB unzipped.
    /// </summary>
    public IList<string> Layers { get; } = new List<string>();

    /// <summary>
    /// How long disposal waits, in real time, for each environment's graceful shutdown before it ends what still runs.
    /// The shutdown's own deadlines are on <see cref="TimeProvider"/>: with a fake clock that a test stopped advancing
    /// (an assertion failed half-way), disposal would otherwise wait for ever. Internal: tests shorten it.
    /// </summary>
    internal TimeSpan DisposalBound { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A copy of these options for one function (<see cref="Function"/> set to <paramref name="function"/>).</summary>
    internal LambdaShimOptions For(string? function)
    {
        var copy = (LambdaShimOptions)MemberwiseClone();
        copy.Function = function;
        return copy;
    }
}

/// <summary>AWS credentials for the function (what Lambda passes from the execution role).</summary>
/// <param name="AccessKeyId"><c>AWS_ACCESS_KEY_ID</c>.</param>
/// <param name="SecretAccessKey"><c>AWS_SECRET_ACCESS_KEY</c>.</param>
/// <param name="SessionToken"><c>AWS_SESSION_TOKEN</c>, for temporary credentials.</param>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <inheritdoc />
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
