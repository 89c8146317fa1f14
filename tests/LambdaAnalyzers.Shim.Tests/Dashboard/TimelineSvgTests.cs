using System;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using LambdaAnalyzers.Shim.Dashboard;
using LambdaAnalyzers.Testing;
using LambdaAnalyzers.Tests.Infrastructure;

namespace LambdaAnalyzers.Shim.Tests.Dashboard;

/// <summary><see cref="LambdaTimelineSvg"/>: the lifecycle as an SVG picture, checked against a golden file for a fixed trace.</summary>
public sealed class TimelineSvgTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Two environments: the first has a cold start, a warm invoke, a timeout with its reset and a re-init, then a
    /// shutdown; the second a failed invoke and an invoke still running when the trace ends.
    /// </summary>
    internal static LambdaLifecycleFeed Trace()
    {
        var feed = new LambdaLifecycleFeed();
        void At(double ms, int env, LambdaLifecycleKind kind, string? requestId = null, string? detail = null, double? duration = null, LambdaInvokeReport? report = null) =>
            feed.Publish(T0.AddMilliseconds(ms), env, kind, requestId, detail, duration, report);

        At(0, 1, LambdaLifecycleKind.EnvironmentCreated);
        At(2, 1, LambdaLifecycleKind.InitStart, detail: "init");
        At(180, 1, LambdaLifecycleKind.InitEnd, detail: "success", duration: 178);
        At(181, 1, LambdaLifecycleKind.InvokeStart, "req-1");
        At(182, 1, LambdaLifecycleKind.Log, detail: "handling echo");
        At(230, 1, LambdaLifecycleKind.InvokeEnd, "req-1", "success", report: new(49.12, 50, 128, 41, 178, "success", null));
        At(231, 1, LambdaLifecycleKind.Frozen);
        At(400, 1, LambdaLifecycleKind.Thawed);
        At(400, 1, LambdaLifecycleKind.InvokeStart, "req-2");
        At(412, 1, LambdaLifecycleKind.InvokeEnd, "req-2", "success", report: new(11.5, 12, 128, 42, null, "success", null));
        At(413, 1, LambdaLifecycleKind.Frozen);
        At(500, 1, LambdaLifecycleKind.Thawed);
        At(500, 1, LambdaLifecycleKind.InvokeStart, "req-3");
        At(1500, 1, LambdaLifecycleKind.InvokeEnd, "req-3", "timeout", report: new(1000, 1000, 128, 43, null, "timeout", null));
        At(1501, 1, LambdaLifecycleKind.Reset, detail: "timeout");
        At(1600, 1, LambdaLifecycleKind.InvokeStart, "req-4");
        At(1601, 1, LambdaLifecycleKind.InitStart, "req-4", "invoke");
        At(1750, 1, LambdaLifecycleKind.InitEnd, "req-4", "success", 149);
        At(1790, 1, LambdaLifecycleKind.InvokeEnd, "req-4", "success", report: new(190, 190, 128, 40, 149, "success", null));
        At(1900, 1, LambdaLifecycleKind.Shutdown, detail: "spindown");
        At(600, 2, LambdaLifecycleKind.EnvironmentCreated);
        At(601, 2, LambdaLifecycleKind.InitStart, detail: "init");
        At(760, 2, LambdaLifecycleKind.InitEnd, detail: "success", duration: 159);
        At(761, 2, LambdaLifecycleKind.InvokeStart, "req-<5>");
        At(800, 2, LambdaLifecycleKind.InvokeEnd, "req-<5>", "error", report: new(39, 39, 128, null, 159, "error", "InvalidOperationException"));
        At(1200, 2, LambdaLifecycleKind.InvokeStart, "req-6");
        return feed;
    }

    [Fact]
    public void A_fixed_trace_renders_as_the_golden_SVG()
    {
        var svg = LambdaTimelineSvg.Render(Trace().Events, "orders");

        GoldenFile.AssertMatches(RepoPaths.Combine("tests", "LambdaAnalyzers.Shim.Tests", "Dashboard", "Golden", "timeline.svg"), svg);
    }

    [Fact]
    public void Every_phase_is_a_titled_bar_of_its_environment_and_resets_and_shutdowns_are_marks()
    {
        var svg = XDocument.Parse(LambdaTimelineSvg.Render(Trace().Events, "orders"));
        XNamespace ns = "http://www.w3.org/2000/svg";

        var lanes = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "lane").ToList();
        Assert.Equal(new[] { "1", "2" }, lanes.Select(l => (string?)l.Attribute("data-environment")));
        string[] Classes(XElement lane, string kind) => lane.Elements(ns + "rect").Select(r => (string)r.Attribute("class")!).Where(c => c.StartsWith("bar " + kind, StringComparison.Ordinal)).ToArray();
        Assert.Equal(new[] { "bar init success", "bar init success" }, Classes(lanes[0], "init"));
        Assert.Equal(new[] { "bar invoke success", "bar invoke success", "bar invoke timeout", "bar invoke success" }, Classes(lanes[0], "invoke"));
        Assert.Equal(2, Classes(lanes[0], "frozen").Length);
        Assert.Equal(new[] { "mark reset", "mark shutdown" }, lanes[0].Elements(ns + "line").Select(l => (string)l.Attribute("class")!));
        Assert.Equal(new[] { "bar invoke error", "bar invoke running" }, Classes(lanes[1], "invoke"));

        var firstInvoke = lanes[0].Elements(ns + "rect").Single(r => (string?)r.Attribute("data-request-id") == "req-1");
        Assert.Equal("Invoke req-1: success, 49.12 ms, billed 50 ms, memory 128 MB, max used 41 MB, cold start, init 178.00 ms", firstInvoke.Element(ns + "title")!.Value);
        var failed = lanes[1].Elements(ns + "rect").Single(r => (string?)r.Attribute("data-request-id") == "req-<5>");
        Assert.StartsWith("Invoke req-<5>: error (InvalidOperationException), 39.00 ms", failed.Element(ns + "title")!.Value, StringComparison.Ordinal);
        // Cold starts: the first invoke of each environment and the one that re-initialized after the reset.
        Assert.Equal(3, svg.Descendants(ns + "circle").Count(c => (string?)c.Attribute("class") == "cold"));
    }

    [Fact]
    public void No_events_render_an_empty_picture_with_its_title()
    {
        var svg = XDocument.Parse(LambdaTimelineSvg.Render(Array.Empty<LambdaLifecycleEvent>(), "idle"));

        Assert.Contains("idle: 0 execution environment(s), 0 invoke(s)", svg.Root!.Elements().First(e => e.Name.LocalName == "title").Value, StringComparison.Ordinal);
    }
}

/// <summary><c>lambda-shim run --timeline out.svg</c>.</summary>
public sealed class CliTimelineTests
{
    [Fact]
    public async Task Run_with_timeline_writes_the_environments_bars_once_the_run_ends()
    {
        var code = await Infrastructure.FunctionBuild.TestFunction;
        var dir = System.IO.Directory.CreateTempSubdirectory("shim-timeline-").FullName;
        try
        {
            var events = System.IO.Path.Combine(dir, "events");
            System.IO.Directory.CreateDirectory(events);
            await System.IO.File.WriteAllTextAsync(System.IO.Path.Combine(events, "1.json"), "{\"op\":\"echo\"}");
            await System.IO.File.WriteAllTextAsync(System.IO.Path.Combine(events, "2.json"), "{\"op\":\"throw\"}");
            var output = System.IO.Path.Combine(dir, "out.svg");

            var (exit, stdout, stderr) = await CliTests.RunToolAsync("run", code, "--handler", "TestFunction", "--function-name", "drawn", "--events", events, "--timeline", output);

            Assert.True(exit == 1, stdout + stderr);
            Assert.Contains($"lambda-shim: timeline written to {output}", stdout, StringComparison.Ordinal);
            var svg = XDocument.Load(output);
            XNamespace ns = "http://www.w3.org/2000/svg";
            var lane = Assert.Single(svg.Descendants(ns + "g"), g => (string?)g.Attribute("class") == "lane");
            var bars = lane.Elements(ns + "rect").Select(r => (string?)r.Attribute("class")).ToList();
            Assert.Equal(new[] { "bar init success", "bar invoke success", "bar invoke error" }, bars.Where(c => !c!.Contains("frozen", StringComparison.Ordinal)));
            Assert.Single(lane.Elements(ns + "line"), l => (string?)l.Attribute("class") == "mark shutdown");
            Assert.StartsWith("drawn: 1 execution environment(s), 2 invoke(s)", svg.Root!.Element(ns + "title")!.Value, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.Directory.Delete(dir, true);
        }
    }
}
