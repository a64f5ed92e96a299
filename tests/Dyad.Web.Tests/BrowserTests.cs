using Microsoft.Playwright;

namespace Dyad.Web.Tests;

/// <summary>
/// End to end in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright; no
/// browser download). Skipped with a reason when Chromium is not installed
/// (.ci/setup.d/chromium.sh installs it).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class BrowserTests(WebFixture web)
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static void RequireChromium() =>
        Skip.IfNot(File.Exists(ChromiumPath), $"{ChromiumPath} is not installed (apt-get install -y chromium, or run .ci/setup.d/chromium.sh)");

    private sealed class Browser : IAsyncDisposable
    {
        private readonly string _profile = Path.Combine(Path.GetTempPath(), "dyad-chromium-" + Guid.NewGuid().ToString("N"));

        public IPlaywright Playwright { get; private set; } = null!;

        public IBrowserContext Context { get; private set; } = null!;

        public static async Task<Browser> Launch()
        {
            var b = new Browser();
            Directory.CreateDirectory(b._profile);
            b.Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            b.Context = await b.Playwright.Chromium.LaunchPersistentContextAsync(b._profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
                ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
                Timeout = 60_000,
            });
            return b;
        }

        public async ValueTask DisposeAsync()
        {
            await Context.CloseAsync();
            Playwright.Dispose();
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dyad.slnx")))
            {
                var path = Path.Combine(dir.FullName, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                return path;
            }
        }

        return Path.Combine(Path.GetTempPath(), Path.GetFileName(relative));
    }

    [SkippableFact]
    public async Task Pair_history_shows_bars_and_the_article_highlights_a_quote_with_its_speaker()
    {
        RequireChromium();
        await using var browser = await Browser.Launch();
        var page = await browser.Context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(new Uri(web.BaseAddress, "/#/pair?a=RUS&b=CHN&by=month").ToString());
        await page.WaitForSelectorAsync("svg.chart rect.bar");
        var bars = await page.Locator("svg.chart rect.bar.coop").CountAsync();
        var conflicts = await page.Locator("svg.chart rect.bar.conflict").CountAsync();
        Assert.True(bars >= 7, $"{bars} cooperation bars");
        Assert.True(conflicts >= 2, $"{conflicts} conflict bars");

        // Click a period: its events are listed.
        await page.Locator("svg.chart g.period[data-period='2024-11']").ClickAsync();
        await page.WaitForSelectorAsync("#period-events table.events tbody tr");
        Assert.Equal(3, await page.Locator("#period-events table.events tbody tr").CountAsync());
        Assert.Contains("ACCUSE", await page.Locator("#period-events").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryFile("docs/screenshot.png"), FullPage = true });

        // The article view: the quote is highlighted and names its speaker; the speaker is marked too.
        await page.GotoAsync(new Uri(web.BaseAddress, "/#/doc/" + web.MonthlyIds[0]).ToString());
        var quote = page.Locator("#article-text .m.quote").First;
        await quote.WaitForAsync();
        Assert.Equal("Lavrov", await quote.GetAttributeAsync("data-speaker"));
        Assert.Contains("speaker: Lavrov", await quote.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        Assert.Contains("Our partnership has never been stronger", await quote.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Lavrov", await page.Locator("#article-text .m.speaker").First.InnerTextAsync());
        var trigger = await page.Locator("#article-text .m.trigger").First.GetAttributeAsync("title") ?? "";
        Assert.Contains("CONSULT", trigger, StringComparison.Ordinal);
        Assert.Contains("CAMEO 040", trigger, StringComparison.Ordinal);
        Assert.Contains("RUSGOV", await page.Locator("#article-text a.m.entity[title*='Lavrov']").First.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        Assert.Contains("39.9075", await page.Locator("main .m.place").First.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        Assert.Contains("2024-09-16", await page.Locator("#article-text .m.time").First.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryFile("docs/screenshot-article.png"), FullPage = true });

        // The map draws the bundled country shapes and the event places.
        await page.GotoAsync(new Uri(web.BaseAddress, "/#/map").ToString());
        await page.WaitForSelectorAsync("svg.map circle.place");
        Assert.True(await page.Locator("svg.map path.country").CountAsync() > 150);

        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task Hostile_stored_article_runs_no_script()
    {
        RequireChromium();
        await using var browser = await Browser.Launch();
        var page = await browser.Context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, d) =>
        {
            dialogs.Add(d.Message);
            await d.DismissAsync();
        };

        async Task Visit(string route, string ready)
        {
            await page.GotoAsync(new Uri(web.BaseAddress, "/#/" + route).ToString());
            try
            {
                await page.WaitForSelectorAsync(ready, new PageWaitForSelectorOptions { Timeout = 15_000 });
            }
            catch (TimeoutException)
            {
                Assert.Fail($"#/{route}: '{ready}' never appeared; the page shows: {await page.Locator("main").InnerTextAsync()}");
            }

            await page.WaitForTimeoutAsync(300); // let any injected handler (onerror, onload) fire
            Assert.Equal("untouched", await page.EvaluateAsync<string>("() => window.__pwned === undefined ? 'untouched' : String(window.__pwned)"));
            Assert.Equal(0, await page.Locator("main script, main img, main iframe, main object, main a[href^='javascript:']").CountAsync());
        }

        await Visit("doc/" + web.HostileId, "#article-text .m.quote");
        var text = await page.Locator("#article-text").InnerTextAsync();
        Assert.Contains(Corpus.HostileScript, text, StringComparison.Ordinal); // shown as text
        Assert.Contains(Corpus.HostileSpeaker, await page.Locator("#article-text .m.quote").First.GetAttributeAsync("data-speaker") ?? "", StringComparison.Ordinal);
        Assert.Contains("<img", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);

        await Visit("quotes?speaker=svg", ".speaker-group");
        await Visit("search?q=Officials", "ol.docs li");
        await Visit("entity/" + Uri.EscapeDataString(Corpus.HostileSpeaker), "main h1");
        await Visit("pair?a=RUS&b=CHN", "svg.chart rect.bar");
        await Visit("map", "svg.map circle.place");

        Assert.Empty(dialogs);
    }
}
