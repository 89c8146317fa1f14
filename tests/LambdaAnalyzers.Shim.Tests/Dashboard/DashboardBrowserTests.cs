using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using LambdaAnalyzers.Shim.Dashboard;
using LambdaAnalyzers.Shim.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LambdaAnalyzers.Shim.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser: the system's Chromium (the Debian <c>chromium</c> package), driven headless by
/// Playwright with <c>ExecutablePath</c> set, so nothing is downloaded. Without Chromium the test fails and says how to
/// install it; it is never skipped.
/// </summary>
public sealed class DashboardBrowserTests
{
    /// <summary>Where the Debian package installs Chromium.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly ITestOutputHelper _output;

    public DashboardBrowserTests(ITestOutputHelper output) => _output = output;

    /// <summary>Where the screenshot is kept (beside the test assembly; CI can collect it).</summary>
    public static string ScreenshotPath => Path.Combine(AppContext.BaseDirectory, "browser-artifacts", "dashboard.png");

    [Fact]
    public async Task Invoking_from_the_form_shows_the_response_and_a_new_bar_on_the_timeline()
    {
        Assert.True(
            File.Exists(ChromiumPath),
            $"Chromium is not installed at {ChromiumPath}: the dashboard's browser test needs it. Install the Debian package (`apt-get install -y chromium`); `.ci/run` does so when it is missing.");

        await using var shim = await TestFunctionHost.StartAsync(o => o.FunctionName = "echo");
        var options = new LambdaDashboardOptions();
        options.Functions["echo"] = shim;
        await using var dashboard = await LambdaDashboard.StartAsync(options);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 1400 } });
        await page.GotoAsync(dashboard.BaseAddress.ToString());
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync(new Regex("^Live"));
        await Assertions.Expect(page.Locator("#functions tbody tr")).ToHaveCountAsync(1);
        var invokeBars = page.Locator("#timeline g.lane rect.bar.invoke");
        await Assertions.Expect(invokeBars).ToHaveCountAsync(0);

        // Keyboard only: type the event, tab to the Invoke button, press Enter.
        await page.Locator("#payload").FillAsync("{\"op\":\"echo\",\"from\":\"browser\"}");
        await page.Locator("#payload").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#invoke")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        var result = page.Locator("#result");
        await Assertions.Expect(result).ToContainTextAsync("Success");
        await Assertions.Expect(result).ToContainTextAsync("\"from\": \"browser\"");
        var requestId = Regex.Match(await result.InnerTextAsync(), "request ([0-9a-f-]{36})").Groups[1].Value;
        Assert.NotEmpty(requestId);

        // The live feed redraws the timeline: a bar for that invoke (a cold start), and a row with its REPORT figures.
        await Assertions.Expect(invokeBars).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"#timeline g.lane rect.bar.invoke.success[data-request-id='{requestId}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#timeline g.lane circle.cold")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"#invoke-{requestId}")).ToContainTextAsync("success");

        // A sample event, and an error: a second bar, marked as an error.
        await page.Locator("#sample").SelectOptionAsync("sample:sqs");
        await Assertions.Expect(page.Locator("#payload")).ToHaveValueAsync(new Regex("aws:sqs"));
        await page.Locator("#payload").FillAsync("{\"op\":\"throw\"}");
        await page.Locator("#invoke").ClickAsync();
        await Assertions.Expect(result).ToContainTextAsync("Error InvalidOperationException");
        await Assertions.Expect(invokeBars).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#timeline g.lane rect.bar.invoke.error")).ToHaveCountAsync(1);

        // Each invoke's log, from its row.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Show the log of {requestId}" }).ClickAsync();
        await Assertions.Expect(page.Locator("#log")).ToContainTextAsync("handling echo");

        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath, FullPage = true });
        var timeline = Path.Combine(Path.GetDirectoryName(ScreenshotPath)!, "timeline.png");
        await page.Locator("section:has(#timeline)").ScreenshotAsync(new LocatorScreenshotOptions { Path = timeline });
        _output.WriteLine($"Screenshots: {ScreenshotPath}, {timeline}");
        Assert.True(new FileInfo(ScreenshotPath).Length > 0);
        Assert.True(new FileInfo(timeline).Length > 0);
    }
}
