using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim;
using LambdaAnalyzers.Shim.Dashboard;
using LambdaAnalyzers.Shim.Http;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary><c>lambda-shim run|serve &lt;project-dir|publish-dir|zip&gt; [options]</c>.</summary>
internal static class Program
{
    private const string Usage = """
        Usage:
          lambda-shim run <project-dir|publish-dir|zip> [--handler H] [--event file.json | --events dir]
                          [--timeout S] [--memory MB] [--env K=V]... [--mode process|inproc|external] [--debug] [--json]
                          [--timeline out.svg] [--framework TFM] [--function ID]
          lambda-shim serve <project-dir|publish-dir|zip> [--function ID] [--function-name NAME] [--port N] [--concurrency N]
                          [--handler H] [--timeout S] [--memory MB] [--env K=V]... [--mode process|inproc|external] [--debug]
                          [--http [PORT]] [--http-api rest|http1|http2|alb|alb-multi|url|url-stream] [--dashboard-port N]

        run    builds a project first (printing its diagnostics), runs Init, each event, then Shutdown;
               exits 0 only when every invoke succeeded.
        serve  starts the Invoke API on 127.0.0.1 and the dashboard (a web page: functions, live timeline, invoke form);
               its last line when ready is "Dashboard listening on URL"; Ctrl+C or SIGTERM stops it.
        --function  the function of a template that declares several, by logical id or FunctionName (as
                 `sam local invoke ID`); `serve` without it serves every function, each under its id and name.
        --framework  the target framework to build a project that has several (default: the newest this machine runs).
        --timeline  writes the lifecycle of every execution environment as an SVG picture once run ends.
        --http   also serves the function over plain HTTP on 127.0.0.1:PORT (3000 unless given; 0 picks one), as API
                 Gateway, a load balancer or a function URL would: routes come from the template's Api/HttpApi events
                 and FunctionUrlConfig (a function URL gets a port of its own); one line per listener is printed.
        --http-api  instead of the template's routes, one catch-all route of that kind (implies --http).
        --debug  suspends timeouts (no Init limit; a one-hour timeout unless --timeout) and freezing, and
                 prints each runtime's pid so a debugger can attach; `run` waits for Enter first on a terminal.
        --mode external  starts no runtime: start your function yourself (e.g. from the IDE) with the printed
                 AWS_LAMBDA_RUNTIME_API and variables, one runtime per environment (each is printed as it is
                 created; with --json also as a JSON line on stdout). Init then waits up to an hour and the
                 timeout is an hour unless --timeout is given.
        """ + EventsCommand.Usage + PackageCommand.Usage;

    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "events")
        {
            return EventsCommand.Run(args.Skip(1).ToArray(), Console.Out, Console.Error);
        }

        if (args.Length > 0 && args[0] == "package")
        {
            return await PackageCommand.RunAsync(args.Skip(1).ToArray(), Console.Out, Console.Error).ConfigureAwait(false);
        }

        Arguments parsed;
        try
        {
            parsed = Arguments.Parse(args);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (parsed.Command is "help" or "--help" or "-h")
        {
            Console.WriteLine(Usage);
            return 0;
        }

        try
        {
            return parsed.Command switch
            {
                "run" => await RunAsync(parsed).ConfigureAwait(false),
                "serve" => await ServeAsync(parsed).ConfigureAwait(false),
                _ => Fail($"Unknown command '{parsed.Command}'."),
            };
        }
        catch (Exception exception) when (exception is InvalidOperationException or FileNotFoundException or DirectoryNotFoundException or LambdaServiceException or PlatformNotSupportedException)
        {
            Console.Error.WriteLine($"lambda-shim: {exception.Message}");
            return 1;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return 2;
    }

    private static async Task<int> RunAsync(Arguments arguments)
    {
        var events = arguments.EventFiles();
        var options = await arguments.ToOptionsAsync(arguments.Json ? Console.Error : Console.Out).ConfigureAwait(false);
        if (options is null)
        {
            return 1;
        }

        options.InitializeOnStart = !arguments.External;
        await using var shim = await LambdaShim.StartAsync(options).ConfigureAwait(false);
        if (arguments.Debug && !arguments.External && !Console.IsInputRedirected)
        {
            Console.Error.WriteLine("lambda-shim: --debug: attach your debugger, then press Enter to send the first event.");
            Console.ReadLine();
        }

        var allSucceeded = true;
        var payloads = events.Count == 0 ? new List<(string Name, byte[] Body)> { ("(empty event)", "{}"u8.ToArray()) } : events.Select(f => (f, File.ReadAllBytes(f))).ToList();
        foreach (var (name, body) in payloads)
        {
            InvocationResult result;
            try
            {
                result = await shim.InvokeAsync(body).ConfigureAwait(false);
            }
            catch (LambdaServiceException exception)
            {
                allSucceeded = false;
                Report(arguments.Json, name, null, $"{exception.ErrorCode}: {exception.Message}");
                continue;
            }

            allSucceeded &= result.IsSuccess;
            Report(arguments.Json, name, result, null);
        }

        await shim.ShutdownAsync().ConfigureAwait(false);
        if (arguments.Timeline is { } timeline)
        {
            await File.WriteAllTextAsync(timeline, LambdaTimelineSvg.Render(shim.Lifecycle.Events, shim.FunctionName)).ConfigureAwait(false);
            (arguments.Json ? Console.Error : Console.Out).WriteLine($"lambda-shim: timeline written to {timeline}");
        }

        return allSucceeded ? 0 : 1;
    }

    private static void Report(bool json, string name, InvocationResult? result, string? serviceError)
    {
        if (json)
        {
            using var stream = Console.OpenStandardOutput();
            using var writer = new Utf8JsonWriter(stream);
            writer.WriteStartObject();
            writer.WriteString("event", name);
            InvocationResultJson.WriteProperties(writer, result, serviceError);
            if (result is not null)
            {
                writer.WriteStartArray("trace");
                foreach (var line in result.LifecycleTrace)
                {
                    writer.WriteStringValue(line);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.Flush();
            stream.Write("\n"u8);
            return;
        }

        // The log (with START/END/REPORT) was echoed as it happened; add the outcome.
        if (result is null)
        {
            Console.WriteLine($"{name}: {serviceError}");
        }
        else if (result.IsSuccess)
        {
            Console.WriteLine($"{name}: response {result.PayloadText}");
        }
        else
        {
            Console.WriteLine($"{name}: error {result.PayloadText}");
        }
    }

    private static async Task<int> ServeAsync(Arguments arguments)
    {
        var options = await arguments.ToOptionsAsync(Console.Error).ConfigureAwait(false);
        if (options is null)
        {
            return 1;
        }

        options.EnableInvokeApi = true;
        options.InvokeApiPort = arguments.Port;
        options.Concurrency = arguments.Concurrency;
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        // Every function of the template (or only --function), each with its own configuration and environments,
        // by logical id or name on one Invoke API, as `sam local start-lambda` serves them.
        await using (var host = await LambdaShimHost.StartAsync(options).ConfigureAwait(false))
        {
            Console.Out.WriteLine($"Invoke API listening on {host.InvokeApiEndpoint!.ToString().TrimEnd('/')}");
            if (host.Functions.Count > 1)
            {
                Console.Error.WriteLine($"lambda-shim: serving {string.Join(", ", host.Functions.Select(f => f.LogicalId ?? f.FunctionName))}");
            }

            await using var frontEnd = arguments.Http ? await StartFrontEndAsync(arguments, host.Functions).ConfigureAwait(false) : null;
            var dashboardOptions = new LambdaDashboardOptions { Port = arguments.DashboardPort };
            foreach (var function in host.Functions)
            {
                dashboardOptions.Functions[function.FunctionName] = function;
            }

            foreach (var endpoint in frontEnd?.Endpoints ?? Array.Empty<HttpEndpoint>())
            {
                dashboardOptions.HttpEndpoints.Add(endpoint);
            }

            await using var dashboard = await LambdaDashboard.StartAsync(dashboardOptions).ConfigureAwait(false);
            Console.Out.WriteLine($"Dashboard listening on {dashboard.BaseAddress}");
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return 0;
    }

    /// <summary>The HTTP front end over the served functions: the <c>--http-api</c> route (one function), else the template's.</summary>
    private static async Task<HttpFrontEnd> StartFrontEndAsync(Arguments arguments, IReadOnlyList<LambdaShim> functions)
    {
        var routes = new List<HttpRoute>();
        if (arguments.HttpApi is { } kind)
        {
            if (functions.Count != 1)
            {
                throw new InvalidOperationException($"--http-api gives one function a catch-all route; choose it with --function ({string.Join(", ", functions.Select(f => f.LogicalId ?? f.FunctionName))}).");
            }

            routes.AddRange(SamHttpRoutes.CatchAll(functions[0].FunctionName, kind.Format, kind.Streaming));
        }
        else
        {
            foreach (var function in functions)
            {
                if (arguments.ConfigurationDirectory is { } directory)
                {
                    routes.AddRange(SamHttpRoutes.FromConfigurationDirectory(directory, function.FunctionName));
                }
            }

            if (routes.Count == 0)
            {
                throw new InvalidOperationException(
                    $"--http: no route for {string.Join(", ", functions.Select(f => f.FunctionName))}: no SAM template beside it declares an Api/HttpApi event or a FunctionUrlConfig for it; give one with --http-api KIND.");
            }
        }

        var options = new HttpFrontEndOptions { Port = arguments.HttpPort };
        foreach (var function in functions)
        {
            options.Functions[function.FunctionName] = function;
        }

        foreach (var route in routes)
        {
            options.Routes.Add(route);
        }

        var frontEnd = await HttpFrontEnd.StartAsync(options).ConfigureAwait(false);
        foreach (var endpoint in frontEnd.Endpoints)
        {
            var name = endpoint.Name == "api" ? "HTTP API" : "Function URL";
            Console.Out.WriteLine($"{name} listening on {endpoint.BaseAddress.ToString().TrimEnd('/')}");
            foreach (var route in endpoint.Routes)
            {
                Console.Out.WriteLine($"  {route.RouteKey} ({route.Format}{(route.ResponseStreaming ? ", streamed" : string.Empty)}{(route.Source is null ? string.Empty : ", " + route.Source)})");
            }
        }

        return frontEnd;
    }

    /// <summary>Builds a project directory (printing the build's diagnostics) and returns its output folder.</summary>
    internal static async Task<string?> BuildProjectAsync(string projectDirectory, string? framework, TextWriter output)
    {
        var project = Directory.GetFiles(projectDirectory, "*.csproj").Single();
        if (framework is null)
        {
            var frameworks = await ProjectFramework.ReadAsync(project).ConfigureAwait(false);
            framework = ProjectFramework.Choose(frameworks, System.Environment.Version.Major);
            if (framework is not null)
            {
                output.WriteLine($"lambda-shim: {Path.GetFileName(project)} targets {string.Join(";", frameworks)}; building {framework}, the newest this machine runs (--framework to choose)");
            }
        }

        // Inside the project's own bin folder (one per framework), so rebuilds are incremental and nothing is left elsewhere.
        var outDir = Path.Combine(projectDirectory, "bin", "lambda-shim", framework ?? "default");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = projectDirectory,
        };
        var arguments = new List<string> { "build", project, "-c", "Release", "-o", outDir, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-nologo", "-clp:NoSummary" };
        if (framework is not null)
        {
            arguments.AddRange(new[] { "-f", framework });
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        output.WriteLine($"lambda-shim: building {project}");
        using var process = Process.Start(info)!;
        var pump = Task.WhenAll(Pump(process.StandardOutput, output), Pump(process.StandardError, output));
        await process.WaitForExitAsync().ConfigureAwait(false);
        await pump.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            output.WriteLine($"lambda-shim: the build failed (exit code {process.ExitCode}).");
            return null;
        }

        return outDir;

        static async Task Pump(StreamReader reader, TextWriter output)
        {
            string? line;
            while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) is not null)
            {
                // Diagnostics only: warnings and errors, as the build reports them.
                if (line.Contains(": warning ", StringComparison.Ordinal) || line.Contains(": error ", StringComparison.Ordinal))
                {
                    output.WriteLine(line.Trim());
                }
            }
        }
    }

    private sealed class Arguments
    {
        public string Command { get; private set; } = "help";

        public string? Path { get; private set; }

        public string? Handler { get; private set; }

        public string? Event { get; private set; }

        public string? Events { get; private set; }

        public double? TimeoutSeconds { get; private set; }

        public int? MemoryMB { get; private set; }

        public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

        public string Mode { get; private set; } = "process";

        public bool Debug { get; private set; }

        public bool External => Mode == "external";

        public bool Json { get; private set; }

        public string? FunctionName { get; private set; }

        /// <summary>The template function to run or serve, by logical id or name (<c>--function</c>).</summary>
        public string? Function { get; private set; }

        public int Port { get; private set; }

        public int Concurrency { get; private set; } = 1;

        /// <summary>The port SAM's <c>start-api</c> also listens on.</summary>
        public const int DefaultHttpPort = 3000;

        public bool Http { get; private set; }

        public string? Timeline { get; private set; }

        /// <summary>The target framework to build a multi-target project for (<c>--framework</c>).</summary>
        public string? Framework { get; private set; }

        public int DashboardPort { get; private set; }

        public int HttpPort { get; private set; } = DefaultHttpPort;

        public (HttpEventFormat Format, bool Streaming)? HttpApi { get; private set; }

        /// <summary>Where the configuration file is read: the project directory, or the code folder.</summary>
        public string? ConfigurationDirectory { get; private set; }

        public static Arguments Parse(string[] args)
        {
            var parsed = new Arguments();
            if (args.Length == 0)
            {
                return parsed;
            }

            parsed.Command = args[0];
            for (var i = 1; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--handler": parsed.Handler = Value(); break;
                    case "--event": parsed.Event = Value(); break;
                    case "--events": parsed.Events = Value(); break;
                    case "--timeout": parsed.TimeoutSeconds = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--memory": parsed.MemoryMB = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--mode": parsed.Mode = Value(); break;
                    case "--debug": parsed.Debug = true; break;
                    case "--json": parsed.Json = true; break;
                    case "--function-name": parsed.FunctionName = Value(); break;
                    case "--function": parsed.Function = Value(); break;
                    case "--port": parsed.Port = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--concurrency": parsed.Concurrency = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--dashboard-port": parsed.DashboardPort = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--timeline": parsed.Timeline = System.IO.Path.GetFullPath(Value()); break;
                    case "--framework" or "-f": parsed.Framework = Value(); break;
                    case "--http":
                        parsed.Http = true;
                        if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var httpPort))
                        {
                            parsed.HttpPort = httpPort;
                            i++;
                        }

                        break;
                    case "--http-api":
                        parsed.Http = true;
                        parsed.HttpApi = Value() switch
                        {
                            "rest" => (HttpEventFormat.RestApi, false),
                            "http1" => (HttpEventFormat.HttpApiV1, false),
                            "http2" => (HttpEventFormat.HttpApiV2, false),
                            "alb" => (HttpEventFormat.Alb, false),
                            "alb-multi" => (HttpEventFormat.AlbMultiValueHeaders, false),
                            "url" => (HttpEventFormat.FunctionUrl, false),
                            "url-stream" => (HttpEventFormat.FunctionUrl, true),
                            var other => throw new ArgumentException($"--http-api is rest, http1, http2, alb, alb-multi, url or url-stream, not '{other}'."),
                        };
                        break;
                    case "--env":
                    {
                        var pair = Value();
                        var equals = pair.IndexOf('=');
                        if (equals <= 0)
                        {
                            throw new ArgumentException($"--env expects K=V, got '{pair}'.");
                        }

                        parsed.Environment[pair.Substring(0, equals)] = pair.Substring(equals + 1);
                        break;
                    }

                    default:
                        if (args[i].StartsWith("--", StringComparison.Ordinal) || parsed.Path is not null)
                        {
                            throw new ArgumentException($"Unexpected argument '{args[i]}'.");
                        }

                        parsed.Path = args[i];
                        break;
                }
            }

            if (parsed.Command is "run" or "serve" && parsed.Path is null)
            {
                throw new ArgumentException("Give the function's project directory, publish directory or zip.");
            }

            if (parsed.Mode is not ("process" or "inproc" or "external"))
            {
                throw new ArgumentException("--mode is process, inproc or external.");
            }

            if (parsed.Http && parsed.Command != "serve")
            {
                throw new ArgumentException("--http and --http-api belong to serve.");
            }

            if (parsed.Timeline is not null && parsed.Command != "run")
            {
                throw new ArgumentException("--timeline belongs to run (serve shows the timeline on its dashboard).");
            }

            if (parsed.Event is not null && parsed.Events is not null)
            {
                throw new ArgumentException("Use --event or --events, not both.");
            }

            return parsed;
        }

        public List<string> EventFiles()
        {
            if (Event is not null)
            {
                return new List<string> { System.IO.Path.GetFullPath(Event) };
            }

            if (Events is not null)
            {
                return Directory.GetFiles(Events, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
            }

            return new List<string>();
        }

        public async Task<LambdaShimOptions?> ToOptionsAsync(TextWriter log)
        {
            var path = System.IO.Path.GetFullPath(Path!);
            string codePath = path;
            string? configurationDirectory = null;
            if (Directory.Exists(path) && Directory.GetFiles(path, "*.csproj").Length == 1 && !External)
            {
                var built = await BuildProjectAsync(path, Framework, log).ConfigureAwait(false);
                if (built is null)
                {
                    return null;
                }

                codePath = built;
                configurationDirectory = path;
            }
            else if (Directory.Exists(path) && Directory.GetFiles(path, "*.csproj").Length == 1)
            {
                configurationDirectory = path;
            }

            ConfigurationDirectory = configurationDirectory ?? (Directory.Exists(codePath) ? codePath : null);
            var options = new LambdaShimOptions
            {
                CodePath = External ? (configurationDirectory is null ? codePath : null) : codePath,
                ConfigurationDirectory = configurationDirectory,
                FunctionName = FunctionName,
                Function = Function,
                Handler = Handler,
                Timeout = TimeoutSeconds is double seconds ? TimeSpan.FromSeconds(seconds) : null,
                MemorySizeMB = MemoryMB,
                Mode = External ? ShimExecutionMode.External : Mode == "inproc" ? ShimExecutionMode.InProcess : ShimExecutionMode.OutOfProcess,
                LogOutput = log,
            };
            foreach (var pair in Environment)
            {
                options.Environment[pair.Key] = pair.Value;
            }

            if (Debug || External)
            {
                // Someone may be stepping through the function (or starting it by hand): no 10 s Init limit,
                // a generous function timeout unless one was asked for, and no freeze (a debugger does not
                // expect its debuggee to be SIGSTOPped between invokes).
                options.InitTimeout = TimeSpan.FromHours(1);
                options.Timeout ??= TimeSpan.FromHours(1);
                options.Freeze = false;
            }

            if (External)
            {
                // Every environment, as it is created: with --concurrency N a second one appears when invokes overlap.
                options.EnvironmentCreated = environment => ExternalHint.Print(environment, Json);
            }

            if (Debug && !External)
            {
                options.RuntimeStarted = (environment, pid) =>
                    Console.Error.WriteLine($"lambda-shim: --debug: environment {environment} runtime pid {pid}; attach a debugger to it (timeouts are suspended).");
            }

            return options;
        }
    }
}
