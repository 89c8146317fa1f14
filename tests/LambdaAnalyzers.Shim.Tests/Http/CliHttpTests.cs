using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using LambdaAnalyzers.Testing;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests.Http;

/// <summary><c>lambda-shim serve --http</c>: the function over plain HTTP, its routes from the template or from <c>--http-api</c>.</summary>
public sealed class CliHttpTests
{
    [Fact]
    public async Task Http_api_flag_serves_the_function_behind_a_catch_all_HTTP_API_route()
    {
        var code = await FunctionBuild.TestFunction;
        await using var served = await ServedTool.StartAsync("serve", code, "--handler", "TestFunction", "--function-name", "echo", "--http-api", "http2", "--http", "0");

        var api = served.Listener("HTTP API");
        Assert.Contains("  $default (HttpApiV2, catch-all)", served.Lines);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(api, "any/path?x=1&x=2"));

        // The test function echoes its event; an HTTP API 2.0 answer without statusCode is a 200 JSON body.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("2.0", echoed.GetProperty("version").GetString());
        Assert.Equal("$default", echoed.GetProperty("routeKey").GetString());
        Assert.Equal("/any/path", echoed.GetProperty("rawPath").GetString());
        Assert.Equal("1,2", echoed.GetProperty("queryStringParameters").GetProperty("x").GetString());
    }

    [Fact]
    public async Task Http_reads_the_routes_of_the_functions_template_events_and_its_function_url()
    {
        var code = await FunctionBuild.TestFunction;
        var dir = Directory.CreateTempSubdirectory("shim-http-template-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(code))
            {
                File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
            }

            await File.WriteAllTextAsync(Path.Combine(dir, "template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Items:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: TestFunction
                      Events:
                        GetItem:
                          Type: HttpApi
                          Properties:
                            Path: /items/{id}
                            Method: get
                      FunctionUrlConfig:
                        AuthType: NONE
                """);
            await using var served = await ServedTool.StartAsync("serve", dir, "--http", "0");

            Assert.Contains("  GET /items/{id} (HttpApiV2, template.yaml: Items.Events.GetItem)", served.Lines);
            using var http = new HttpClient();
            using var item = await http.GetAsync(new Uri(served.Listener("HTTP API"), "items/42"));
            var echoed = JsonDocument.Parse(await item.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("GET /items/{id}", echoed.GetProperty("routeKey").GetString());
            Assert.Equal("42", echoed.GetProperty("pathParameters").GetProperty("id").GetString());

            using var missing = await http.PostAsync(new Uri(served.Listener("HTTP API"), "items/42"), new StringContent("{}"));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

            // The function URL listens on a port of its own and takes every path.
            using var viaUrl = await http.GetAsync(new Uri(served.Listener("Function URL"), "anything"));
            var urlEvent = JsonDocument.Parse(await viaUrl.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("/anything", urlEvent.GetProperty("rawPath").GetString());
            Assert.Equal("$default", urlEvent.GetProperty("routeKey").GetString());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Http_without_any_route_fails_with_exit_1_and_says_how_to_give_one()
    {
        var code = await FunctionBuild.TestFunction;
        var (exit, _, stderr) = await CliTests.RunToolAsync("serve", code, "--handler", "TestFunction", "--http", "0");

        Assert.Equal(1, exit);
        Assert.Contains("--http: no route for", stderr, StringComparison.Ordinal);
        Assert.Contains("--http-api KIND", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "x", "--http")]
    [InlineData("serve", "x", "--http-api", "graphql")]
    public async Task Http_options_outside_serve_or_with_an_unknown_kind_exit_2(params string[] arguments)
    {
        var (exit, _, stderr) = await CliTests.RunToolAsync(arguments);

        Assert.Equal(2, exit);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal);
    }
}

/// <summary>A running <c>lambda-shim serve</c>: its ready lines read up to the route list, stopped with SIGTERM.</summary>
internal sealed class ServedTool : IAsyncDisposable
{
    private readonly Process _process;

    private ServedTool(Process process, List<string> lines)
    {
        _process = process;
        Lines = lines;
    }

    /// <summary>What the tool printed before it was ready.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Starts the tool and reads stdout up to its last ready line (the dashboard's).</summary>
    public static async Task<ServedTool> StartAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(DotNet.HostPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lambda-shim.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        var stderr = new List<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.Add(e.Data ?? string.Empty);
            }
        };
        process.BeginErrorReadLine();
        var lines = new List<string>();
        try
        {
            // The dashboard's line is the last one serve prints when ready.
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120));
                if (line is null)
                {
                    await process.WaitForExitAsync();
                    lock (stderr)
                    {
                        throw new InvalidOperationException($"lambda-shim exited {process.ExitCode}: {string.Join("\n", stderr)}");
                    }
                }

                lines.Add(line);
                if (line.StartsWith("Dashboard listening on ", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }

        return new ServedTool(process, lines);
    }

    /// <summary>The base address of the listener printed as <c>{name} listening on URL</c>.</summary>
    public Uri Listener(string name)
    {
        foreach (var line in Lines)
        {
            var match = Regex.Match(line, $@"^{Regex.Escape(name)} listening on (http://127\.0\.0\.1:\d+)/?$");
            if (match.Success)
            {
                return new Uri(match.Groups[1].Value + "/");
            }
        }

        throw new InvalidOperationException($"No '{name} listening on' line in:\n{string.Join("\n", Lines)}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                using (var kill = Process.Start("kill", new[] { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!)
                {
                    await kill.WaitForExitAsync();
                }

                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
