using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary>
/// The options <c>run</c> and <c>serve</c> share: which function, its configuration, how it runs, where its credentials
/// come from. Each command gets its own instances (so each command's help lists them), and <see cref="ToOptionsAsync"/>
/// turns a parse into <see cref="LambdaShimOptions"/>, building a project directory first.
/// </summary>
internal sealed class FunctionOptions
{
    private static readonly string[] Modes = { "process", "inproc", "external" };

    /// <summary>The values <c>DOTNET_ROLL_FORWARD</c> takes.</summary>
    private static readonly string[] RollForwardPolicies = { "LatestPatch", "Minor", "LatestMinor", "Major", "LatestMajor", "Disable" };

    private readonly Argument<string> _path = new("path")
    {
        Description = "The function: a project directory (built first), a build or publish directory, or a deployment .zip.",
    };

    private readonly Option<string?> _function = new("--function")
    {
        Description = "The function of a template that declares several, by logical id or FunctionName (as `sam local invoke ID`).",
        HelpName = "ID",
    };

    private readonly Option<string?> _functionName = new("--function-name") { Description = "The function's name (default: from the configuration, else the project's or assembly's name).", HelpName = "NAME" };

    private readonly Option<string?> _handler = new("--handler") { Description = "The handler string (_HANDLER); default from the configuration file.", HelpName = "HANDLER" };

    private readonly Option<double?> _timeout = new("--timeout") { Description = "The function timeout in seconds (default: the configuration's, else 3).", HelpName = "SECONDS" };

    private readonly Option<int?> _memory = new("--memory") { Description = "The memory size in MB (default: the configuration's, else 128).", HelpName = "MB" };

    private readonly Option<string[]> _env = new("--env")
    {
        Description = "A function environment variable; repeat for several. Overrides the configuration's.",
        HelpName = "K=V",
    };

    private readonly Option<string> _mode = new("--mode")
    {
        Description = "process: the function's own process (faithful); inproc: inside lambda-shim (fast, no freeze or limits); external: start your function yourself (e.g. from the IDE) with the printed AWS_LAMBDA_RUNTIME_API and variables, one runtime per environment.",
        DefaultValueFactory = _ => "process",
    };

    private readonly Option<bool> _debug = new("--debug")
    {
        Description = "Suspends timeouts (no Init limit; a one-hour timeout unless --timeout) and freezing, and prints each runtime's pid so a debugger can attach.",
    };

    private readonly Option<bool> _json = new("--json") { Description = "Machine-readable lines on stdout (run: one JSON line per event; --mode external: one per environment); the log goes to stderr." };

    private readonly Option<string?> _framework = new("--framework", "-f")
    {
        Description = "The target framework to build a project that has several (default: the newest this machine runs).",
        HelpName = "TFM",
    };

    private readonly Option<double?> _initTimeout = new("--init-timeout") { Description = "The Init phase limit in seconds (Lambda: 10).", HelpName = "SECONDS" };

    private readonly Option<int?> _tmpSize = new("--tmp-size") { Description = "The size of each environment's /tmp in MB (Lambda: 512 to 10240; default 512).", HelpName = "MB" };

    private readonly Option<bool> _noMemoryLimit = new("--no-memory-limit") { Description = "Do not kill a runtime that uses more than its memory size (out-of-process)." };

    private readonly Option<bool> _noFreeze = new("--no-freeze") { Description = "Do not freeze (SIGSTOP) the runtime between invokes." };

    private readonly Option<string?> _region = new("--region")
    {
        Description = "The region (AWS_REGION, ARNs); default: AWS_REGION or AWS_DEFAULT_REGION of this shell, else the --profile's, else us-east-1.",
        HelpName = "REGION",
    };

    private readonly Option<string?> _account = new("--account") { Description = "The account id in ARNs (default 123456789012).", HelpName = "ID" };

    private readonly Option<string?> _functionVersion = new("--function-version") { Description = "The function version (AWS_LAMBDA_FUNCTION_VERSION, X-Amz-Executed-Version; default $LATEST).", HelpName = "VERSION" };

    private readonly Option<string?> _profile = new("--profile")
    {
        Description = "Give the function this profile's credentials (and region) from the shared credentials and config files, as `sam local` does. Without it, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN of this shell pass through when set.",
        HelpName = "NAME",
    };

    private readonly Option<string?> _rollForward = new("--roll-forward")
    {
        Description = "Run a framework-dependent function on a newer .NET than it targets (DOTNET_ROLL_FORWARD for the function process): LatestPatch, Minor, LatestMinor, Major, LatestMajor or Disable; e.g. Major for a net8.0 function on a machine with only .NET 10.",
        HelpName = "POLICY",
    };

    private readonly Option<string[]> _layers = new("--layer")
    {
        Description = "A layer (folder or .zip) mounted in the environment's /opt; repeat for several (at most 5, in order).",
        HelpName = "PATH",
    };

    public FunctionOptions(Command command)
    {
        _mode.AcceptOnlyFromAmong(Modes);
        _rollForward.AcceptOnlyFromAmong(RollForwardPolicies);
        _env.Validators.Add(result =>
        {
            foreach (var pair in result.Tokens.Select(t => t.Value).Where(v => v.IndexOf('=', StringComparison.Ordinal) <= 0))
            {
                result.AddError($"--env expects K=V, got '{pair}'.");
            }
        });
        Positive(_timeout);
        Positive(_initTimeout);
        Positive(_memory);
        _tmpSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 512 or > 10240)
            {
                result.AddError("--tmp-size is between 512 and 10240 MB, as Lambda's ephemeral storage.");
            }
        });

        command.Arguments.Add(_path);
        foreach (var option in new Option[]
                 {
                     _function, _functionName, _handler, _timeout, _memory, _env, _mode, _debug, _json, _framework, _initTimeout, _tmpSize,
                     _noMemoryLimit, _noFreeze, _region, _account, _functionVersion, _profile, _rollForward, _layers,
                 })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings of one parse, for the command's action.</summary>
    public Parsed Read(ParseResult result) => new(this, result);

    private static void Positive(Option<double?> option) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is <= 0)
            {
                result.AddError($"{option.Name} is a positive number of seconds.");
            }
        });

    private static void Positive(Option<int?> option) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
            {
                result.AddError($"{option.Name} is a positive number.");
            }
        });

    /// <summary>The shared options' values of one command line.</summary>
    internal sealed class Parsed
    {
        private readonly FunctionOptions _options;
        private readonly ParseResult _result;

        public Parsed(FunctionOptions options, ParseResult result)
        {
            _options = options;
            _result = result;
        }

        public bool Json => _result.GetValue(_options._json);

        public bool Debug => _result.GetValue(_options._debug);

        public bool External => _result.GetValue(_options._mode) == "external";

        /// <summary>Where the configuration file is read: the project directory, or the code folder (set by <see cref="ToOptionsAsync"/>).</summary>
        public string? ConfigurationDirectory { get; private set; }

        /// <summary>
        /// The library options for this command line: a project directory is built first (its diagnostics written to
        /// <paramref name="log"/>); null when the build failed or the function cannot start (the reason is on <paramref name="log"/>).
        /// </summary>
        public async Task<LambdaShimOptions?> ToOptionsAsync(TextWriter log)
        {
            var path = Path.GetFullPath(_result.GetRequiredValue(_options._path));
            var external = External;
            var debug = Debug;
            string codePath = path;
            string? configurationDirectory = null;
            var isProject = Directory.Exists(path) && Directory.GetFiles(path, "*.csproj").Length == 1;
            if (isProject && !external)
            {
                var built = await ProjectBuild.BuildAsync(path, _result.GetValue(_options._framework), log).ConfigureAwait(false);
                if (built is null)
                {
                    return null;
                }

                codePath = built;
                configurationDirectory = path;
            }
            else if (isProject)
            {
                configurationDirectory = path;
            }

            ConfigurationDirectory = configurationDirectory ?? (Directory.Exists(codePath) ? codePath : null);
            var mode = _result.GetValue(_options._mode);
            var options = new LambdaShimOptions
            {
                CodePath = external ? (configurationDirectory is null ? codePath : null) : codePath,
                ConfigurationDirectory = configurationDirectory,
                FunctionName = _result.GetValue(_options._functionName),
                Function = _result.GetValue(_options._function),
                Handler = _result.GetValue(_options._handler),
                Timeout = _result.GetValue(_options._timeout) is double seconds ? TimeSpan.FromSeconds(seconds) : null,
                MemorySizeMB = _result.GetValue(_options._memory),
                Mode = external ? ShimExecutionMode.External : mode == "inproc" ? ShimExecutionMode.InProcess : ShimExecutionMode.OutOfProcess,
                LogOutput = log,
                EnforceMemoryLimit = !_result.GetValue(_options._noMemoryLimit),
            };
            foreach (var pair in _result.GetValue(_options._env) ?? Array.Empty<string>())
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                options.Environment[pair.Substring(0, equals)] = pair.Substring(equals + 1);
            }

            foreach (var layer in _result.GetValue(_options._layers) ?? Array.Empty<string>())
            {
                options.Layers.Add(Path.GetFullPath(layer));
            }

            if (_result.GetValue(_options._initTimeout) is double initSeconds)
            {
                options.InitTimeout = TimeSpan.FromSeconds(initSeconds);
            }

            if (_result.GetValue(_options._tmpSize) is int tmp)
            {
                options.EphemeralStorageMB = tmp;
            }

            if (_result.GetValue(_options._noFreeze))
            {
                options.Freeze = false;
            }

            if (_result.GetValue(_options._account) is { } account)
            {
                options.AccountId = account;
            }

            if (_result.GetValue(_options._functionVersion) is { } version)
            {
                options.FunctionVersion = version;
            }

            var aws = AwsCallerCredentials.Resolve(_result.GetValue(_options._profile), System.Environment.GetEnvironmentVariable);
            options.Credentials = aws.Credentials;
            if ((_result.GetValue(_options._region) ?? aws.Region) is { } region)
            {
                options.Region = region;
            }

            var rollForward = _result.GetValue(_options._rollForward);
            if (rollForward is not null)
            {
                options.Environment["DOTNET_ROLL_FORWARD"] = rollForward;
            }

            if (!external && Directory.Exists(codePath)
                && RuntimeFrameworks.Missing(codePath, options.Environment.TryGetValue("DOTNET_ROLL_FORWARD", out var policy) ? policy : null) is { } missing)
            {
                log.WriteLine($"lambda-shim: {missing}");
                return null;
            }

            if (debug || external)
            {
                // Someone may be stepping through the function (or starting it by hand): no 10 s Init limit unless one
                // was asked for, a generous function timeout unless one was asked for, and no freeze (a debugger does
                // not expect its debuggee to be SIGSTOPped between invokes).
                if (_result.GetResult(_options._initTimeout) is null)
                {
                    options.InitTimeout = TimeSpan.FromHours(1);
                }

                options.Timeout ??= TimeSpan.FromHours(1);
                options.Freeze = false;
            }

            var json = Json;
            if (external)
            {
                // Every environment, as it is created: with --concurrency N a second one appears when invokes overlap.
                options.EnvironmentCreated = environment => ExternalHint.Print(environment, json);
            }

            if (debug && !external)
            {
                options.RuntimeStarted = (environment, pid) =>
                    Console.Error.WriteLine($"lambda-shim: --debug: environment {environment} runtime pid {pid}; attach a debugger to it (timeouts are suspended).");
            }

            return options;
        }
    }
}
