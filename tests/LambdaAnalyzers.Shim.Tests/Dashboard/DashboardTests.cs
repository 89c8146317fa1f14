using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Dashboard;
using LambdaAnalyzers.Shim.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests.Dashboard;

/// <summary><see cref="LambdaDashboard"/> over HTTP: the embedded page, the functions, the samples, invokes, the SVG timeline and the live event stream.</summary>
public sealed class DashboardTests
{
    private static async Task<(LambdaShim Shim, LambdaDashboard Dashboard, HttpClient Http)> StartAsync()
    {
        var shim = await TestFunctionHost.StartAsync(o => o.FunctionName = "echo");
        var options = new LambdaDashboardOptions();
        options.Functions["echo"] = shim;
        var dashboard = await LambdaDashboard.StartAsync(options);
        return (shim, dashboard, new HttpClient { BaseAddress = dashboard.BaseAddress });
    }

    [Fact]
    public async Task The_page_its_script_and_style_come_from_the_assembly_and_reference_nothing_outside_it()
    {
        var (shim, dashboard, http) = await StartAsync();
        await using var _ = shim;
        await using var __ = dashboard;
        using var ___ = http;

        var page = await http.GetStringAsync("/");
        Assert.Contains("<form id=\"invoke-form\">", page, StringComparison.Ordinal);
        foreach (var asset in new[] { "/dashboard.js", "/dashboard.css" })
        {
            using var response = await http.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(await response.Content.ReadAsStringAsync());
        }

        // Offline: no address of another host in the page, its script or its style.
        var everything = page + await http.GetStringAsync("/dashboard.js") + await http.GetStringAsync("/dashboard.css");
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", everything);
        Assert.DoesNotContain("https://", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Functions_and_samples_are_listed_and_an_invoke_answers_its_outcome()
    {
        var (shim, dashboard, http) = await StartAsync();
        await using var _ = shim;
        await using var __ = dashboard;
        using var ___ = http;

        var functions = JsonDocument.Parse(await http.GetStringAsync("/api/functions")).RootElement;
        var echo = Assert.Single(functions.EnumerateArray());
        Assert.Equal("echo", echo.GetProperty("name").GetString());
        Assert.Equal(shim.MemorySizeMB, echo.GetProperty("memorySizeMB").GetInt32());
        Assert.Equal(shim.Handler, echo.GetProperty("handler").GetString());

        var samples = JsonDocument.Parse(await http.GetStringAsync("/api/samples")).RootElement;
        Assert.Contains(samples.EnumerateArray(), s => s.GetProperty("name").GetString() == "sqs");
        Assert.Equal("aws:sqs", JsonDocument.Parse(await http.GetStringAsync("/api/samples/sqs")).RootElement.GetProperty("Records")[0].GetProperty("eventSource").GetString());
        using (var unknown = await http.GetAsync("/api/samples/..%2Fdashboard%2Findex.html"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using var invoked = await http.PostAsync("/api/invoke?function=echo", new StringContent("{\"op\":\"echo\",\"from\":\"dashboard\"}", Encoding.UTF8, "application/json"));
        var outcome = JsonDocument.Parse(await invoked.Content.ReadAsStringAsync()).RootElement;
        Assert.True(outcome.GetProperty("success").GetBoolean());
        Assert.Equal("{\"op\":\"echo\",\"from\":\"dashboard\"}", outcome.GetProperty("payload").GetString());
        Assert.True(outcome.GetProperty("coldStart").GetBoolean());
        Assert.Contains("handling echo", outcome.GetProperty("logs").GetString(), StringComparison.Ordinal);

        using var failed = await http.PostAsync("/api/invoke?function=echo", new StringContent("{\"op\":\"throw\"}", Encoding.UTF8, "application/json"));
        var error = JsonDocument.Parse(await failed.Content.ReadAsStringAsync()).RootElement;
        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.Equal("InvalidOperationException", error.GetProperty("errorType").GetString());

        var svg = await http.GetStringAsync("/api/timeline.svg?function=echo");
        Assert.Contains($"data-request-id=\"{outcome.GetProperty("requestId").GetString()}\"", svg, StringComparison.Ordinal);
        Assert.Contains("class=\"bar invoke error\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_hosts_plain_text_invokes_and_unknown_functions_are_refused()
    {
        var (shim, dashboard, http) = await StartAsync();
        await using var _ = shim;
        await using var __ = dashboard;
        using var ___ = http;

        // A page on another name resolving to 127.0.0.1 (DNS rebinding) is not served.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/functions");
        rebound.Headers.Host = $"attacker.example:{dashboard.BaseAddress.Port}";
        Assert.Equal(HttpStatusCode.MisdirectedRequest, (await http.SendAsync(rebound)).StatusCode);

        // A cross-site form can only send simple content types: they are not invokes.
        using var form = await http.PostAsync("/api/invoke?function=echo", new StringContent("{}", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        using var unknown = await http.PostAsync("/api/invoke?function=nope", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_event_stream_sends_the_history_then_each_new_event_with_its_report()
    {
        var (shim, dashboard, http) = await StartAsync();
        await using var _ = shim;
        await using var __ = dashboard;
        using var ___ = http;

        var first = await shim.InvokeAsync("{\"op\":\"echo\"}");
        using var response = await http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // What happened before the page connected is history: the Init and the first invoke.
        var init = await NextEventAsync(reader, e => e.GetProperty("kind").GetString() == "InitEnd");
        Assert.Equal("echo", init.GetProperty("function").GetString());
        Assert.Equal("success", init.GetProperty("detail").GetString());
        var past = await NextEventAsync(reader, e => e.GetProperty("kind").GetString() == "InvokeEnd");
        Assert.Equal(first.RequestId, past.GetProperty("requestId").GetString());
        Assert.True(past.GetProperty("report").TryGetProperty("initDurationMs", out var unusedInit));

        // Then each new event as it happens.
        var second = await shim.InvokeAsync("{\"op\":\"echo\"}");
        var end = await NextEventAsync(reader, e => e.GetProperty("kind").GetString() == "InvokeEnd");
        Assert.Equal(second.RequestId, end.GetProperty("requestId").GetString());
        Assert.Equal(second.BilledDurationMs, end.GetProperty("report").GetProperty("billedDurationMs").GetInt64());
        Assert.Equal("success", end.GetProperty("report").GetProperty("status").GetString());
        Assert.False(end.GetProperty("report").TryGetProperty("initDurationMs", out var unusedWarmInit));
    }

    private static async Task<JsonElement> NextEventAsync(StreamReader reader, Func<JsonElement, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var e = JsonDocument.Parse(line.Substring(6)).RootElement.Clone();
                if (wanted(e))
                {
                    return e;
                }
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }
}
