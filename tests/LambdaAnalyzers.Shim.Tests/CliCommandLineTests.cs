using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Cli;
using LambdaAnalyzers.Shim.Tests.Infrastructure;
using LambdaAnalyzers.Testing;

namespace LambdaAnalyzers.Shim.Tests;

/// <summary>
/// The <c>lambda-shim</c> command line on System.CommandLine: per-command help, an option of one command refused by
/// another, tab completion, and each flag reaching the library option it names.
/// </summary>
public sealed class CliCommandLineTests
{
    private static readonly string[] RunOnly = { "--event", "--events", "--timeline", "--client-context", "--cognito-identity", "--trace-id", "--tenant-id", "--qualifier" };

    private static readonly string[] ServeOnly = { "--port", "--concurrency", "--http", "--http-api", "--dashboard-port", "--event-retries", "--event-retry-delay" };

    private static readonly string[] Shared =
    {
        "--function", "--function-name", "--handler", "--timeout", "--memory", "--env", "--mode", "--debug", "--json", "--framework", "--init-timeout",
        "--tmp-size", "--no-memory-limit", "--no-freeze", "--region", "--account", "--function-version", "--profile", "--roll-forward", "--layer",
    };

    [Theory]
    [InlineData("run")]
    [InlineData("serve")]
    public async Task Help_of_a_command_lists_its_own_options_and_not_the_other_commands(string command)
    {
        var (exit, stdout, stderr) = await CliTests.RunToolAsync(command, "--help");

        Assert.True(exit == 0, stderr);
        Assert.Contains($"lambda-shim {command} <path> [options]", stdout, StringComparison.Ordinal);
        var options = stdout.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('-')).Select(l => l.Split(' ')).SelectMany(w => w).Where(w => w.StartsWith("--", StringComparison.Ordinal)).Select(w => w.TrimEnd(',')).ToHashSet();
        var own = command == "run" ? RunOnly : ServeOnly;
        var other = command == "run" ? ServeOnly : RunOnly;
        Assert.All(Shared.Concat(own), o => Assert.Contains(o, options));
        Assert.All(other, o => Assert.DoesNotContain(o, options));
    }

    [Theory]
    [InlineData("--port is an option of serve, not of run.", "run", "fn", "--port", "0")]
    [InlineData("--concurrency is an option of serve, not of run.", "run", "fn", "--concurrency", "2")]
    [InlineData("--timeline is an option of run, not of serve.", "serve", "fn", "--timeline", "t.svg")]
    [InlineData("--event is an option of run, not of serve.", "serve", "fn", "--event", "e.json")]
    [InlineData("--trace-id is an option of run, not of serve.", "serve", "fn", "--trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793")]
    public async Task An_option_of_the_other_command_is_a_usage_error_that_says_whose_it_is(string reason, params string[] arguments)
    {
        var (exit, stdout, stderr) = await CliTests.RunToolAsync(arguments);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.Contains($"lambda-shim {arguments[0]} <path> [options]", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--env expects K=V, got 'NOEQUALS'.", "run", "fn", "--env", "NOEQUALS")]
    [InlineData("--tmp-size is between 512 and 10240 MB", "run", "fn", "--tmp-size", "100")]
    [InlineData("--init-timeout is a positive number of seconds.", "serve", "fn", "--init-timeout", "0")]
    [InlineData("--client-context takes a JSON object", "run", "fn", "--client-context", "[1]")]
    [InlineData("Use --event or --events, not both.", "run", "fn", "--event", "a.json", "--events", "dir")]
    [InlineData("--roll-forward", "run", "fn", "--roll-forward", "Sideways")]
    [InlineData("--http takes an optional port from 0 to 65535, not './fn'; give the path before --http.", "serve", "--http", "./fn")]
    public async Task Bad_values_are_usage_errors(string reason, params string[] arguments)
    {
        var (exit, _, stderr) = await CliTests.RunToolAsync(arguments);

        Assert.Equal(2, exit);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lambda-shim serve fn --mode ", "external", "inproc", "process")]
    [InlineData("lambda-shim run fn --roll-forward Ma", "Major", "LatestMajor")]
    [InlineData("lambda-shim serve fn --http-api url", "url", "url-stream")]
    [InlineData("lambda-shim run fn --ti", "--timeline", "--timeout")]
    [InlineData("lambda-shim serve fn --con", "--concurrency")]
    [InlineData("lambda-shim ev", "events")]
    [InlineData("lambda-shim events sqs-b", "sqs-batch-response")]
    public async Task The_suggest_directive_completes_commands_options_and_values(string line, params string[] expected)
    {
        var (exit, stdout, stderr) = await CliTests.RunToolAsync($"[suggest:{line.Length}]", line);

        Assert.True(exit == 0, stderr);
        Assert.Equal(expected, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_bash_completion_script_completes_through_the_tool()
    {
        // The script as `eval "$(lambda-shim completion bash)"` installs it, with lambda-shim the tool under test.
        var (exit, script, stderr) = await CliTests.RunToolAsync("completion", "bash");
        Assert.True(exit == 0, stderr);
        var dll = Path.Combine(AppContext.BaseDirectory, "lambda-shim.dll");
        var test = $$"""
            lambda-shim() { '{{DotNet.HostPath}}' '{{dll}}' "$@"; }
            {{script}}
            COMP_LINE='lambda-shim serve fn --mode in'
            COMP_POINT=${#COMP_LINE}
            COMP_WORDS=(lambda-shim serve fn --mode in)
            COMP_CWORD=4
            _lambda_shim_complete
            printf '%s\n' "${COMPREPLY[@]}"
            complete -p lambda-shim
            """;
        var info = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(info)!;
        await bash.StandardInput.WriteAsync(test);
        bash.StandardInput.Close();
        var output = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(new[] { "inproc", "complete -o default -F _lambda_shim_complete lambda-shim" }, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Every_shared_flag_sets_the_library_option_it_names()
    {
        var code = Directory.CreateTempSubdirectory("shim-flags-").FullName;
        var layer = Directory.CreateTempSubdirectory("shim-layer-").FullName;
        try
        {
            var run = new RunCommand();
            var parse = run.Command.Parse(new[]
            {
                code, "--function", "Orders", "--function-name", "orders-fn", "--handler", "Fn::Handler", "--timeout", "7.5", "--memory", "256",
                "--env", "A=1", "--env", "B=x=y", "--mode", "inproc", "--init-timeout", "4", "--tmp-size", "1024", "--no-memory-limit", "--no-freeze",
                "--region", "eu-west-3", "--account", "111122223333", "--function-version", "12", "--roll-forward", "Major", "--layer", layer,
            });
            Assert.Empty(parse.Errors);

            var options = (await run.OptionsAsync(parse, TextWriter.Null))!;

            Assert.Equal(code, options.CodePath);
            Assert.Equal("Orders", options.Function);
            Assert.Equal("orders-fn", options.FunctionName);
            Assert.Equal("Fn::Handler", options.Handler);
            Assert.Equal(TimeSpan.FromSeconds(7.5), options.Timeout);
            Assert.Equal(256, options.MemorySizeMB);
            Assert.Equal(ShimExecutionMode.InProcess, options.Mode);
            Assert.Equal(TimeSpan.FromSeconds(4), options.InitTimeout);
            Assert.Equal(1024, options.EphemeralStorageMB);
            Assert.False(options.EnforceMemoryLimit);
            Assert.False(options.Freeze);
            Assert.Equal("eu-west-3", options.Region);
            Assert.Equal("111122223333", options.AccountId);
            Assert.Equal("12", options.FunctionVersion);
            Assert.Equal(new[] { layer }, options.Layers);
            Assert.Equal(
                new[] { ("A", "1"), ("B", "x=y"), ("DOTNET_ROLL_FORWARD", "Major") },
                options.Environment.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        }
        finally
        {
            Directory.Delete(code, true);
            Directory.Delete(layer, true);
        }
    }

    [Fact]
    public async Task Without_the_flags_the_library_defaults_stay()
    {
        var code = Directory.CreateTempSubdirectory("shim-flags-").FullName;
        try
        {
            var run = new RunCommand();
            var options = (await run.OptionsAsync(run.Command.Parse(new[] { code }), TextWriter.Null))!;
            var defaults = new LambdaShimOptions();

            Assert.Equal(defaults.InitTimeout, options.InitTimeout);
            Assert.Equal(defaults.EphemeralStorageMB, options.EphemeralStorageMB);
            Assert.True(options.EnforceMemoryLimit);
            Assert.Null(options.Freeze);
            Assert.Equal(defaults.AccountId, options.AccountId);
            Assert.Equal(defaults.FunctionVersion, options.FunctionVersion);
            Assert.Equal(ShimExecutionMode.OutOfProcess, options.Mode);
            Assert.Empty(options.Layers);
            Assert.DoesNotContain("DOTNET_ROLL_FORWARD", options.Environment.Keys);
        }
        finally
        {
            Directory.Delete(code, true);
        }
    }

    [Fact]
    public async Task Serve_flags_set_the_Invoke_API_concurrency_and_event_retries()
    {
        var code = Directory.CreateTempSubdirectory("shim-flags-").FullName;
        try
        {
            var serve = new ServeCommand();
            var parse = serve.Command.Parse(new[] { code, "--port", "9123", "--concurrency", "3", "--event-retries", "1", "--event-retry-delay", "0.5", "--event-retry-delay", "2" });
            Assert.Empty(parse.Errors);

            var (options, _) = await serve.OptionsAsync(parse, TextWriter.Null);

            Assert.True(options!.EnableInvokeApi);
            Assert.Equal(9123, options.InvokeApiPort);
            Assert.Equal(3, options.Concurrency);
            Assert.Equal(1, options.EventRetryAttempts);
            Assert.Equal(new[] { TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2) }, options.EventRetryDelays);
        }
        finally
        {
            Directory.Delete(code, true);
        }
    }

    [Theory]
    [InlineData(3000, "fn", "--http")]
    [InlineData(3000, "fn", "--http", "--port", "0")]
    [InlineData(0, "fn", "--http", "0")]
    [InlineData(8080, "--http", "8080", "fn")]
    public void Http_takes_an_optional_port_and_leaves_the_path_alone(int port, params string[] arguments)
    {
        var parse = new ServeCommand().Command.Parse(arguments);

        Assert.Empty(parse.Errors);
        Assert.Equal("fn", parse.GetValue<string>("path"));
        Assert.Equal(port, parse.GetValue<int?>("--http"));
    }

    [Fact]
    public void Run_flags_set_the_caller_data_of_every_invoke()
    {
        var run = new RunCommand();
        var parse = run.Command.Parse(new[]
        {
            "fn", "--client-context", "{\"custom\":{\"k\":\"v\"}}", "--cognito-identity", "{\"cognitoIdentityId\":\"id-1\"}",
            "--trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", "--tenant-id", "tenant-7", "--qualifier", "live",
        });
        Assert.Empty(parse.Errors);

        var invoke = run.InvokeOptions(parse);

        Assert.Equal("{\"custom\":{\"k\":\"v\"}}", invoke.ClientContextJson);
        Assert.Equal("{\"cognitoIdentityId\":\"id-1\"}", invoke.CognitoIdentityJson);
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", invoke.TraceId);
        Assert.Equal("tenant-7", invoke.TenantId);
        Assert.Equal("live", invoke.Qualifier);
    }

    [Fact]
    public async Task Run_reads_the_event_from_stdin_and_delivers_the_caller_data_to_the_function()
    {
        var code = await FunctionBuild.TestFunction;
        using var process = Process.Start(CliTests.Tool(
            "run", code, "--handler", "TestFunction", "--event", "-", "--json", "--client-context", "{\"custom\":{\"k\":\"v\"}}",
            "--cognito-identity", "{\"cognitoIdentityId\":\"id-1\"}", "--trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
            "--qualifier", "live", "--region", "eu-west-3", "--account", "111122223333"))!;
        await process.StandardInput.WriteAsync("{\"op\":\"context\"}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(process.ExitCode == 0, await stdout + await stderr);
        var line = JsonDocument.Parse((await stdout).Trim()).RootElement;
        Assert.Equal("(stdin)", line.GetProperty("event").GetString());
        var context = JsonDocument.Parse(line.GetProperty("payload").GetString()!).RootElement;
        Assert.Equal("{\"custom\":{\"k\":\"v\"}}", context.GetProperty("clientContext").GetString());
        Assert.Equal("{\"cognitoIdentityId\":\"id-1\"}", context.GetProperty("cognito").GetString());
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", context.GetProperty("traceId").GetString());
        Assert.Equal("arn:aws:lambda:eu-west-3:111122223333:function:TestFunction:live", context.GetProperty("arn").GetString());
    }
}
