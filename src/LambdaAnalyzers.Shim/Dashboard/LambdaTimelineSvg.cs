using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace LambdaAnalyzers.Shim.Dashboard;

/// <summary>
/// The lifecycle of a shim's execution environments as an SVG picture (<c>lambda-shim run --timeline out.svg</c>, and
/// the dashboard's timeline): one row per environment; Init, invokes and frozen periods as bars over time, resets
/// and shutdowns as marks, cold starts flagged, each bar titled with its REPORT figures. Deterministic: the same
/// events give the same text.
/// </summary>
public static class LambdaTimelineSvg
{
    private const int LabelWidth = 80;
    private const int PlotWidth = 880;
    private const int LaneHeight = 40;
    private const int BarHeight = 22;
    private const int Top = 34;
    private const int LegendHeight = 40;

    /// <summary>Renders <paramref name="events"/> (one shim's <see cref="LambdaShim.Lifecycle"/>) as a standalone SVG document.</summary>
    /// <param name="events">The events, in any order (they are sorted by <see cref="LambdaLifecycleEvent.Sequence"/>).</param>
    /// <param name="title">The picture's title (e.g. the function's name).</param>
    public static string Render(IEnumerable<LambdaLifecycleEvent> events, string title)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(title);
        var model = TimelineModel.Build(events);
        var width = LabelWidth + PlotWidth + 20;
        var height = Top + Math.Max(1, model.Lanes.Count) * LaneHeight + 30 + LegendHeight;
        var scale = PlotWidth / Math.Max(model.Duration, 1);
        var svg = new StringBuilder();
        var invokes = model.Lanes.Sum(l => l.Bars.Count(b => b.Kind == "invoke"));
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lambda-timeline\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"timeline-title\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"timeline-title\">{Text(title)}: {model.Lanes.Count} execution environment(s), {invokes} invoke(s) over {Number(model.Duration)} ms</title>\n");
        svg.Append("""
            <style>
            .bar.init{fill:#6a3d9a}.bar.init.error,.bar.init.timeout{fill:#8e1b1b}
            .bar.invoke{fill:#1f5f99}.bar.invoke.error{fill:#b3261e}.bar.invoke.timeout{fill:#8a4b00}.bar.running{fill-opacity:.55}
            .bar.frozen{fill:#767676}.mark.reset{stroke:#8a4b00}.mark.shutdown{stroke:#1b1b1b}.mark{stroke-width:3}
            .cold{fill:#0b6e4f}.axis{stroke:#595959}.tick{fill:#1b1b1b}.lane-label{fill:#1b1b1b;font-weight:600}.grid{stroke:#e0e0e0}
            </style>

            """);
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth}\" y=\"20\" class=\"tick\" font-size=\"14\" font-weight=\"600\">{Text(title)}</text>\n");

        var axisY = Top + Math.Max(1, model.Lanes.Count) * LaneHeight + 4;
        var step = TickStep(model.Duration);
        for (var t = 0.0; t <= model.Duration + step / 1000; t += step)
        {
            var x = LabelWidth + t * scale;
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Number(x)}\" y1=\"{Top}\" x2=\"{Number(x)}\" y2=\"{axisY}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Number(x)}\" y=\"{axisY + 16}\" text-anchor=\"middle\">{Number(t)} ms</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{LabelWidth}\" y1=\"{axisY}\" x2=\"{LabelWidth + PlotWidth}\" y2=\"{axisY}\"/>\n");
        for (var i = 0; i < model.Lanes.Count; i++)
        {
            var lane = model.Lanes[i];
            var y = Top + i * LaneHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"lane\" data-environment=\"{lane.EnvironmentId}\">\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"lane-label\" x=\"8\" y=\"{y + LaneHeight / 2 + 4}\">env {lane.EnvironmentId}</text>\n");
            foreach (var bar in lane.Bars)
            {
                var x = LabelWidth + bar.Start * scale;
                var w = Math.Max(2, (bar.End - bar.Start) * scale);
                var h = bar.Kind == "frozen" ? 6 : BarHeight;
                var barY = y + (LaneHeight - h) / 2.0;
                var request = bar.RequestId is null ? string.Empty : $" data-request-id=\"{Text(bar.RequestId)}\"";
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar {bar.Kind} {bar.Status}\"{request} x=\"{Number(x)}\" y=\"{Number(barY)}\" width=\"{Number(w)}\" height=\"{h}\"><title>{Text(bar.Label)}</title></rect>\n");
                if (bar.ColdStart)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"cold\" cx=\"{Number(x)}\" cy=\"{Number(barY - 4)}\" r=\"4\"><title>cold start</title></circle>\n");
                }
            }

            foreach (var mark in lane.Marks)
            {
                var x = LabelWidth + mark.Time * scale;
                svg.Append(CultureInfo.InvariantCulture, $"<line class=\"mark {mark.Kind}\" x1=\"{Number(x)}\" y1=\"{y + 4}\" x2=\"{Number(x)}\" y2=\"{y + LaneHeight - 4}\"><title>{Text(mark.Label)}</title></line>\n");
            }

            svg.Append("</g>\n");
        }

        var legendY = axisY + 34;
        var legend = new (string Css, string Text)[]
        {
            ("bar init", "Init"), ("bar invoke success", "invoke"), ("bar invoke error", "error"), ("bar invoke timeout", "timeout"),
            ("bar frozen", "frozen"), ("cold", "cold start"), ("mark reset", "reset"), ("mark shutdown", "shutdown"),
        };
        var legendX = LabelWidth;
        foreach (var (css, text) in legend)
        {
            svg.Append(css.StartsWith("mark", StringComparison.Ordinal)
                ? string.Create(CultureInfo.InvariantCulture, $"<line class=\"{css}\" x1=\"{legendX + 6}\" y1=\"{legendY - 10}\" x2=\"{legendX + 6}\" y2=\"{legendY + 2}\"/>")
                : string.Create(CultureInfo.InvariantCulture, $"<rect class=\"{css}\" x=\"{legendX}\" y=\"{legendY - 10}\" width=\"12\" height=\"12\"/>"));
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{legendX + 16}\" y=\"{legendY}\">{text}</text>\n");
            legendX += 24 + text.Length * 7;
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>A round step (1, 2 or 5 × 10ⁿ ms) giving at most ten ticks.</summary>
    private static double TickStep(double duration)
    {
        var step = 1.0;
        while (duration / step > 10)
        {
            step *= step.ToString(CultureInfo.InvariantCulture).StartsWith('2') ? 2.5 : 2;
        }

        return step;
    }

    private static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Text(string value) => WebUtility.HtmlEncode(value);
}
