using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Dashboard;

namespace LambdaAnalyzers.Shim.Cli;

/// <summary>
/// <c>lambda-shim run &lt;path&gt;</c>: builds a project first (printing its diagnostics), runs Init, one invoke per
/// event, then Shutdown; exits 0 only when every invoke succeeded.
/// </summary>
internal sealed class RunCommand
{
    private readonly FunctionOptions _function;

    private readonly Option<string?> _event = new("--event")
    {
        Description = "The event: a JSON file, or - to read it from standard input (default: {}).",
        HelpName = "FILE|-",
    };

    private readonly Option<string?> _events = new("--events") { Description = "A folder of events: one invoke per *.json file, in name order.", HelpName = "DIR" };

    private readonly Option<string?> _timeline = new("--timeline") { Description = "Writes the lifecycle of every execution environment as an SVG picture once run ends.", HelpName = "FILE.svg" };

    private readonly Option<string?> _clientContext = new("--client-context") { Description = "Client context JSON each invoke carries (context.ClientContext), as a mobile SDK sends it.", HelpName = "JSON" };

    private readonly Option<string?> _cognitoIdentity = new("--cognito-identity") { Description = "Cognito identity JSON each invoke carries (context.Identity).", HelpName = "JSON" };

    private readonly Option<string?> _traceId = new("--trace-id") { Description = "The X-Ray trace header of each invoke (_X_AMZN_TRACE_ID); generated when not given.", HelpName = "HEADER" };

    private readonly Option<string?> _tenantId = new("--tenant-id") { Description = "The tenant id of each invoke (Lambda-Runtime-Aws-Tenant-Id).", HelpName = "ID" };

    private readonly Option<string?> _qualifier = new("--qualifier") { Description = "The version or alias the invokes name (the invoked function ARN ends with it).", HelpName = "QUALIFIER" };

    public RunCommand()
    {
        var command = new Command("run", "Builds a project first (printing its diagnostics), runs Init, each event, then Shutdown; exits 0 only when every invoke succeeded.");
        Command = command;
        _function = new FunctionOptions(command);
        foreach (var option in new[] { _event, _events, _timeline, _clientContext, _cognitoIdentity, _traceId, _tenantId, _qualifier })
        {
            command.Options.Add(option);
        }

        JsonObject(_clientContext);
        JsonObject(_cognitoIdentity);
        command.Validators.Add(result =>
        {
            if (result.GetResult(_event) is not null && result.GetResult(_events) is not null)
            {
                result.AddError("Use --event or --events, not both.");
            }
        });
        command.SetAction((parse, _) => Actions.GuardAsync(() => RunAsync(parse)));
    }

    /// <summary>The command, its options and action.</summary>
    public Command Command { get; }

    /// <summary>The caller data every invoke of this command line carries.</summary>
    public InvokeOptions InvokeOptions(ParseResult parse) => new()
    {
        ClientContextJson = parse.GetValue(_clientContext),
        CognitoIdentityJson = parse.GetValue(_cognitoIdentity),
        TraceId = parse.GetValue(_traceId),
        TenantId = parse.GetValue(_tenantId),
        Qualifier = parse.GetValue(_qualifier),
    };

    /// <summary>The library options of this command line (see <see cref="FunctionOptions.Parsed.ToOptionsAsync"/>).</summary>
    public Task<LambdaShimOptions?> OptionsAsync(ParseResult parse, TextWriter log) => _function.Read(parse).ToOptionsAsync(log);

    private static void JsonObject(Option<string?> option) =>
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            try
            {
                using var document = JsonDocument.Parse(text ?? string.Empty);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    result.AddError($"{option.Name} takes a JSON object.");
                }
            }
            catch (JsonException exception)
            {
                result.AddError($"{option.Name} takes a JSON object: {exception.Message}");
            }
        });

    private async Task<int> RunAsync(ParseResult parse)
    {
        var function = _function.Read(parse);
        var json = function.Json;
        var payloads = Events(parse);
        var options = await function.ToOptionsAsync(json ? Console.Error : Console.Out).ConfigureAwait(false);
        if (options is null)
        {
            return 1;
        }

        var external = function.External;
        options.InitializeOnStart = !external;
        var invoke = InvokeOptions(parse);
        await using var shim = await LambdaShim.StartAsync(options).ConfigureAwait(false);
        if (function.Debug && !external && !Console.IsInputRedirected)
        {
            Console.Error.WriteLine("lambda-shim: --debug: attach your debugger, then press Enter to send the first event.");
            Console.ReadLine();
        }

        var allSucceeded = true;
        foreach (var (name, body) in payloads)
        {
            InvocationResult result;
            try
            {
                result = await shim.InvokeAsync(body, invoke).ConfigureAwait(false);
            }
            catch (LambdaServiceException exception)
            {
                allSucceeded = false;
                Report(json, name, null, $"{exception.ErrorCode}: {exception.Message}");
                continue;
            }

            allSucceeded &= result.IsSuccess;
            Report(json, name, result, null);
        }

        await shim.ShutdownAsync().ConfigureAwait(false);
        if (parse.GetValue(_timeline) is { } timeline)
        {
            var file = Path.GetFullPath(timeline);
            await File.WriteAllTextAsync(file, LambdaTimelineSvg.Render(shim.Lifecycle.Events, shim.FunctionName)).ConfigureAwait(false);
            (json ? Console.Error : Console.Out).WriteLine($"lambda-shim: timeline written to {file}");
        }

        return allSucceeded ? 0 : 1;
    }

    /// <summary>The events to send, by name: the --event file (or standard input), the --events folder's files, else one empty event.</summary>
    private List<(string Name, byte[] Body)> Events(ParseResult parse)
    {
        if (parse.GetValue(_event) is { } file)
        {
            if (file == "-")
            {
                using var input = Console.OpenStandardInput();
                using var buffer = new MemoryStream();
                input.CopyTo(buffer);
                return new List<(string, byte[])> { ("(stdin)", buffer.ToArray()) };
            }

            var path = Path.GetFullPath(file);
            return new List<(string, byte[])> { (path, File.ReadAllBytes(path)) };
        }

        if (parse.GetValue(_events) is { } folder)
        {
            return Directory.GetFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal).Select(f => (f, File.ReadAllBytes(f))).ToList();
        }

        return new List<(string, byte[])> { ("(empty event)", "{}"u8.ToArray()) };
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
}
