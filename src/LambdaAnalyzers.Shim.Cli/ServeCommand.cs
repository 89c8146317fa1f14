using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Dashboard;
using LambdaAnalyzers.Shim.Http;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary>
/// <c>lambda-shim serve &lt;path&gt;</c>: the Invoke API on 127.0.0.1 for every function of the template (or
/// <c>--function</c>), the dashboard, and optionally the HTTP front end; Ctrl+C or SIGTERM stops it with exit code 0.
/// </summary>
internal sealed class ServeCommand
{
    /// <summary>The port SAM's <c>start-api</c> also listens on.</summary>
    private const int DefaultHttpPort = 3000;

    private static readonly Dictionary<string, (HttpEventFormat Format, bool Streaming)> HttpApiKinds = new(StringComparer.Ordinal)
    {
        ["rest"] = (HttpEventFormat.RestApi, false),
        ["http1"] = (HttpEventFormat.HttpApiV1, false),
        ["http2"] = (HttpEventFormat.HttpApiV2, false),
        ["alb"] = (HttpEventFormat.Alb, false),
        ["alb-multi"] = (HttpEventFormat.AlbMultiValueHeaders, false),
        ["url"] = (HttpEventFormat.FunctionUrl, false),
        ["url-stream"] = (HttpEventFormat.FunctionUrl, true),
    };

    private readonly FunctionOptions _function;

    private readonly Option<int> _port = new("--port") { Description = "The Invoke API's port (0, the default: any free port).", HelpName = "N" };

    private readonly Option<int> _concurrency = new("--concurrency")
    {
        Description = "The most execution environments running at once (default 1).",
        HelpName = "N",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<int?> _http = new("--http")
    {
        Description = "Also serves the function over plain HTTP on 127.0.0.1:PORT (3000 unless given; 0 picks one), as API Gateway, a load balancer or a function URL would: routes come from the template's Api/HttpApi events and FunctionUrlConfig (a function URL gets a port of its own).",
        HelpName = "PORT",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = HttpPort,
    };

    private readonly Option<string?> _httpApi = new("--http-api") { Description = "Instead of the template's routes, one catch-all route of that kind (implies --http)." };

    private readonly Option<int> _dashboardPort = new("--dashboard-port") { Description = "The dashboard's port (0, the default: any free port).", HelpName = "N" };

    private readonly Option<int?> _eventRetries = new("--event-retries") { Description = "Retries of a failed asynchronous (Event) invoke (Lambda: 2).", HelpName = "N" };

    private readonly Option<double[]> _eventRetryDelays = new("--event-retry-delay")
    {
        Description = "Seconds before each retry of a failed Event invoke; repeat for each retry, the last repeats (Lambda: 60, then 120).",
        HelpName = "SECONDS",
    };

    public ServeCommand()
    {
        var command = new Command(
            "serve",
            "Starts the Invoke API on 127.0.0.1 for every function of the template (or --function) and the dashboard (functions, live timeline, invoke form); its last line when ready is \"Dashboard listening on URL\". Ctrl+C or SIGTERM stops it.");
        Command = command;
        _function = new FunctionOptions(command);
        _httpApi.AcceptOnlyFromAmong(HttpApiKinds.Keys.ToArray());
        NotNegative(_port);
        NotNegative(_dashboardPort);
        _concurrency.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--concurrency is at least 1.");
            }
        });
        _eventRetries.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError("--event-retries is 0 or more.");
            }
        });
        foreach (var option in new Option[] { _port, _concurrency, _http, _httpApi, _dashboardPort, _eventRetries, _eventRetryDelays })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, _) => Actions.GuardAsync(() => ServeAsync(parse)));
    }

    /// <summary>The command, its options and action.</summary>
    public Command Command { get; }

    /// <summary>The library options of this command line: the shared ones and the Invoke API's, concurrency and event retries.</summary>
    public async Task<(LambdaShimOptions? Options, FunctionOptions.Parsed Function)> OptionsAsync(ParseResult parse, TextWriter log)
    {
        var function = _function.Read(parse);
        var options = await function.ToOptionsAsync(log).ConfigureAwait(false);
        if (options is null)
        {
            return (null, function);
        }

        options.EnableInvokeApi = true;
        options.InvokeApiPort = parse.GetValue(_port);
        options.Concurrency = parse.GetValue(_concurrency);
        if (parse.GetValue(_eventRetries) is int retries)
        {
            options.EventRetryAttempts = retries;
        }

        if (parse.GetValue(_eventRetryDelays) is { Length: > 0 } delays)
        {
            options.EventRetryDelays = delays.Select(TimeSpan.FromSeconds).ToList();
        }

        return (options, function);
    }

    /// <summary>
    /// <c>--http</c> alone is port 3000. An option cannot hand a token back to the command's arguments, so a value that
    /// is not a port (<c>serve --http ./fn</c>) is an error that says to put the path first.
    /// </summary>
    private static int? HttpPort(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return DefaultHttpPort;
        }

        if (int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
        {
            return port;
        }

        result.AddError($"--http takes an optional port from 0 to 65535, not '{result.Tokens[0].Value}'; give the path before --http.");
        return null;
    }

    private static void NotNegative(Option<int> option) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError($"{option.Name} is a port from 0 to 65535.");
            }
        });

    private async Task<int> ServeAsync(ParseResult parse)
    {
        var (options, function) = await OptionsAsync(parse, Console.Error).ConfigureAwait(false);
        if (options is null)
        {
            return 1;
        }

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

            var httpApi = parse.GetValue(_httpApi);
            var http = parse.GetResult(_http) is not null || httpApi is not null;
            await using var frontEnd = http
                ? await StartFrontEndAsync(parse.GetValue(_http) ?? DefaultHttpPort, httpApi is null ? null : HttpApiKinds[httpApi], function.ConfigurationDirectory, host.Functions).ConfigureAwait(false)
                : null;
            var dashboardOptions = new LambdaDashboardOptions { Port = parse.GetValue(_dashboardPort) };
            foreach (var served in host.Functions)
            {
                dashboardOptions.Functions[served.FunctionName] = served;
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
    private static async Task<HttpFrontEnd> StartFrontEndAsync(
        int port, (HttpEventFormat Format, bool Streaming)? kind, string? configurationDirectory, IReadOnlyList<LambdaShim> functions)
    {
        var routes = new List<HttpRoute>();
        if (kind is { } catchAll)
        {
            if (functions.Count != 1)
            {
                throw new InvalidOperationException($"--http-api gives one function a catch-all route; choose it with --function ({string.Join(", ", functions.Select(f => f.LogicalId ?? f.FunctionName))}).");
            }

            routes.AddRange(SamHttpRoutes.CatchAll(functions[0].FunctionName, catchAll.Format, catchAll.Streaming));
        }
        else
        {
            foreach (var function in functions)
            {
                if (configurationDirectory is not null)
                {
                    routes.AddRange(SamHttpRoutes.FromConfigurationDirectory(configurationDirectory, function.FunctionName));
                }
            }

            if (routes.Count == 0)
            {
                throw new InvalidOperationException(
                    $"--http: no route for {string.Join(", ", functions.Select(f => f.FunctionName))}: no SAM template beside it declares an Api/HttpApi event or a FunctionUrlConfig for it; give one with --http-api KIND.");
            }
        }

        var options = new HttpFrontEndOptions { Port = port };
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
}
