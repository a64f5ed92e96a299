using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dyad.Web.Tests;

/// <summary>
/// Measures the page's first view against a running `dyad serve` (not a unit test: runs only when
/// DYAD_WEB_URL is set, e.g. http://127.0.0.1:5080 over the load-test store). Prints the time from
/// navigation to the pair chart's bars being drawn, cold (new browser) and warm, and the article view.
/// </summary>
public sealed class FirstView(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Time_to_first_usable_view()
    {
        var url = Environment.GetEnvironmentVariable("DYAD_WEB_URL");
        Skip.If(string.IsNullOrWhiteSpace(url), "set DYAD_WEB_URL to a running dyad serve to measure the first view");
        Skip.IfNot(File.Exists(BrowserTests.ChromiumPath), "no /usr/bin/chromium");
        var profile = Path.Combine(Path.GetTempPath(), "dyad-chromium-" + Guid.NewGuid().ToString("N"));
        using var playwright = await Playwright.CreateAsync();
        await using var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = BrowserTests.ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        var page = await context.NewPageAsync();
        for (var run = 1; run <= 3; run++)
        {
            await page.GotoAsync("about:blank");
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(url!.TrimEnd('/') + "/#/pair?a=RUS&b=CHN&by=month");
            await page.WaitForSelectorAsync("svg.chart rect.bar");
            var chart = clock.Elapsed.TotalMilliseconds;
            await page.WaitForSelectorAsync(".pairs li");
            output.WriteLine($"run {run}: pair chart drawn {chart:0} ms after navigation; busiest pairs list {clock.Elapsed.TotalMilliseconds:0} ms");
        }

        var id = await page.EvaluateAsync<string>("async () => (await (await fetch('/api/documents?limit=1')).json()).items[0].id");
        var c2 = Stopwatch.StartNew();
        await page.GotoAsync(url!.TrimEnd('/') + "/#/doc/" + id);
        await page.WaitForSelectorAsync("#article-text .m.trigger");
        output.WriteLine($"article view drawn {c2.Elapsed.TotalMilliseconds:0} ms after navigation");
        var c3 = Stopwatch.StartNew();
        await page.GotoAsync(url!.TrimEnd('/') + "/#/map");
        await page.WaitForSelectorAsync("svg.map circle.place");
        output.WriteLine($"map drawn {c3.Elapsed.TotalMilliseconds:0} ms after navigation");
    }
}
