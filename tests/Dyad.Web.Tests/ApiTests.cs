using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Dyad.Web.Tests;

/// <summary>The HTTP API against a real Kestrel on loopback: paging, filters, 400/404/401/413, headers.</summary>
[Collection(WebCollection.Name)]
public sealed class ApiTests(WebFixture web)
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> Get(string path)
    {
        using var response = await web.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<JsonElement> Ok(string path)
    {
        var (status, body) = await Get(path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {status} {body}");
        return body;
    }

    private static string[] Strings(JsonElement items, string property) =>
        [.. items.EnumerateArray().Select(i => i.GetProperty(property).GetString()!)];

    [Fact]
    public async Task Stats_count_the_fixture()
    {
        var body = await Ok("/api/stats");
        Assert.True(body.GetProperty("counts").GetProperty("documents").GetInt32() >= web.DocumentCount); // the posting test may add one
        Assert.StartsWith("sqlite ", body.GetProperty("store").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documents_page_through_every_article_once()
    {
        var total = (await Ok("/api/stats")).GetProperty("counts").GetProperty("documents").GetInt32();
        var seen = new List<string>();
        int? offset = 0;
        var pages = 0;
        while (offset is { } o)
        {
            var page = await Ok($"/api/documents?limit=3&offset={o}");
            Assert.Equal(3, page.GetProperty("limit").GetInt32());
            Assert.Equal(o, page.GetProperty("offset").GetInt32());
            seen.AddRange(Strings(page.GetProperty("items"), "id"));
            offset = page.GetProperty("next_offset").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next_offset").GetInt32();
            pages++;
        }

        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal((total + 2) / 3, pages);

        // Newest first.
        var first = await Ok("/api/documents?limit=1");
        Assert.Equal(web.MonthlyIds[^1], first.GetProperty("items")[0].GetProperty("id").GetString()); // 2025-03-16
    }

    [Fact]
    public async Task Search_finds_words_across_articles()
    {
        var page = await Ok("/api/documents?q=pipeline");
        Assert.Contains(web.GasDealId, Strings(page.GetProperty("items"), "document_id"));
        var paged = await Ok("/api/documents?q=Lavrov&limit=2&offset=2");
        Assert.Equal(2, paged.GetProperty("items").GetArrayLength());
        Assert.Equal(4, paged.GetProperty("next_offset").GetInt32());
    }

    [Fact]
    public async Task Document_comes_with_all_its_spans()
    {
        var doc = await Ok("/api/documents/" + web.MonthlyIds[0]);
        var text = doc.GetProperty("text").GetString()!;
        var quote = doc.GetProperty("quotes")[0];
        Assert.Equal("Lavrov", quote.GetProperty("speaker").GetProperty("name").GetString());
        Assert.Equal(quote.GetProperty("text").GetString(), text[quote.GetProperty("start").GetInt32()..quote.GetProperty("end").GetInt32()]);
        Assert.Equal(4, doc.GetProperty("entities").GetArrayLength());
        Assert.Equal("Beijing", doc.GetProperty("places")[0].GetProperty("name").GetString());
        Assert.Equal(39.9075, doc.GetProperty("places")[0].GetProperty("lat").GetDouble(), 4);
        Assert.Equal("2024-09-16", doc.GetProperty("times")[0].GetProperty("value").GetString());
        var ev = doc.GetProperty("events")[0];
        Assert.Equal("CONSULT", ev.GetProperty("type").GetString());
        Assert.Equal("040", ev.GetProperty("cameo").GetString());
        Assert.Equal("met", ev.GetProperty("trigger").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Events_filter_by_actor_type_quad_dates_place_and_pair()
    {
        var rus = await Ok("/api/events?actor=RUS&limit=500");
        Assert.True(rus.GetProperty("items").GetArrayLength() >= 16);

        var accuse = await Ok("/api/events?type=accuse");
        Assert.Equal(2, accuse.GetProperty("items").GetArrayLength());
        Assert.All(accuse.GetProperty("items").EnumerateArray(), e => Assert.Equal(3, e.GetProperty("quad_class").GetInt32()));

        var quad3 = await Ok("/api/events?quad=3");
        Assert.Equal(2, quad3.GetProperty("items").GetArrayLength());

        var october = await Ok("/api/events?from=2024-10-01&to=2024-10-31");
        Assert.Equal(2, october.GetProperty("items").GetArrayLength());
        Assert.All(october.GetProperty("items").EnumerateArray(), e => Assert.StartsWith("2024-10", e.GetProperty("date").GetString(), StringComparison.Ordinal));

        var kazan = await Ok("/api/events?place=Kazan");
        Assert.Single(kazan.GetProperty("items").EnumerateArray());

        var source = await Ok("/api/events?source=CHN&target=RUS");
        Assert.Equal(2, source.GetProperty("items").GetArrayLength());

        var country = await Ok("/api/events?country=CHN&limit=500");
        Assert.Equal(rus.GetProperty("items").GetArrayLength(), country.GetProperty("items").GetArrayLength());

        // A pair in either direction, paged.
        var pair = await Ok("/api/events?a=RUS&b=CHN&limit=5");
        Assert.Equal(5, pair.GetProperty("items").GetArrayLength());
        Assert.Equal(5, pair.GetProperty("next_offset").GetInt32());
        var rest = await Ok("/api/events?a=CHN&b=RUS&limit=500&offset=5");
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next_offset").ValueKind);
        var total = 5 + rest.GetProperty("items").GetArrayLength();
        Assert.Equal(7 * 2 + 2 + 1 + 1, total); // meetings, agreements, two quarrels, Kazan deal, the hostile article's meeting with China

        // With a filter the pair goes through the general query: the same events.
        var quarrels = await Ok("/api/events?a=RUS&b=CHN&type=ACCUSE");
        Assert.Equal(2, quarrels.GetProperty("items").GetArrayLength());
        var november = await Ok("/api/events?a=RUS&b=CHN&from=2024-11-01&to=2024-11-30");
        Assert.Equal(3, november.GetProperty("items").GetArrayLength());
        var fast = Strings(pair.GetProperty("items"), "date");
        Assert.Equal(fast.OrderByDescending(d => d, StringComparer.Ordinal), fast);
    }

    [Fact]
    public async Task Event_mentions_and_their_404()
    {
        var ev = (await Ok("/api/events?place=Kazan")).GetProperty("items")[0];
        var mentions = await Ok($"/api/events/{ev.GetProperty("id").GetInt64()}/mentions");
        Assert.Equal(web.GasDealId, mentions[0].GetProperty("document_id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Get("/api/events/999999/mentions")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("/api/events/abc/mentions")).Status);
    }

    [Fact]
    public async Task Quotes_by_speaker_and_text()
    {
        var lavrov = await Ok("/api/quotes?speaker=lavrov&limit=500");
        Assert.Equal(7, lavrov.GetProperty("items").GetArrayLength());
        var words = await Ok("/api/quotes?text=never%20been");
        Assert.Equal(7, words.GetProperty("items").GetArrayLength());
        var page = await Ok("/api/quotes?speaker=lavrov&limit=3&offset=6");
        Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next_offset").ValueKind);
    }

    [Fact]
    public async Task Entities_list_and_detail_with_roles_forms_and_partners()
    {
        var list = await Ok("/api/entities?type=PERSON");
        Assert.Contains("Sergei Lavrov", Strings(list.GetProperty("items"), "name"));

        var lavrov = await Ok("/api/entities/" + Uri.EscapeDataString("Sergei Lavrov"));
        Assert.Equal("RUSGOV", lavrov.GetProperty("actor_code").GetString());
        Assert.Equal(7, lavrov.GetProperty("appearances").GetArrayLength());
        Assert.Equal(7, lavrov.GetProperty("roles").GetArrayLength());
        Assert.Contains("Lavrov", Strings(lavrov.GetProperty("forms"), "text"));
        var partner = lavrov.GetProperty("partners")[0];
        Assert.Equal("CHNGOV", partner.GetProperty("code").GetString());
        Assert.Equal(7, partner.GetProperty("events").GetInt32());

        var (status, body) = await Get("/api/entities/" + Uri.EscapeDataString("Nobody Atall"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Nobody Atall", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dyads_and_timeline_of_a_pair()
    {
        var dyads = await Ok("/api/dyads?level=country");
        var top = dyads.GetProperty("items")[0];
        Assert.Equal("CHN", top.GetProperty("a").GetString());
        Assert.Equal("RUS", top.GetProperty("b").GetString());

        var answer = await Ok("/api/timeline?a=RUS&b=CHN&by=month");
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("next_from").ValueKind);
        Assert.Equal(500, answer.GetProperty("limit").GetInt32());
        var months = answer.GetProperty("items");
        Assert.Equal(7, months.GetArrayLength());
        Assert.Equal("2024-09", months[0].GetProperty("period").GetString());
        Assert.Equal(1, months[2].GetProperty("conflict").GetInt32());
        Assert.Equal(2, months[2].GetProperty("cooperation").GetInt32());

        var weeks = (await Ok("/api/timeline?a=RUS&b=CHN&by=week&from=2024-09-01&to=2024-12-31")).GetProperty("items");
        Assert.Equal(4, weeks.GetArrayLength());
        Assert.StartsWith("2024-W", weeks[0].GetProperty("period").GetString(), StringComparison.Ordinal);

        var places = await Ok("/api/places");
        Assert.Contains("Beijing", Strings(places, "name"));
    }

    [Theory]
    [InlineData("/api/documents?limit=0", "limit must be between 1 and 500")]
    [InlineData("/api/documents?limit=501", "limit must be between 1 and 500")]
    [InlineData("/api/documents?limit=ten", "is not a whole number")]
    [InlineData("/api/events?offset=-1", "offset must be between 0 and 10000")]
    [InlineData("/api/events?offset=10001", "offset must be between 0 and 10000")]
    [InlineData("/api/events?from=2025-13-01", "is not a date of the form YYYY-MM-DD")]
    [InlineData("/api/events?from=2025-02-01&to=2025-01-01", "is after to")]
    [InlineData("/api/events?quad=7", "quad must be between 1 and 4")]
    [InlineData("/api/events?a=RUS", "a and b go together")]
    [InlineData("/api/events?a=RUS&b=CHN&actor=USA", "cannot be combined")]
    [InlineData("/api/timeline?a=RUS&b=CHN&by=year", "must be day, week or month")]
    [InlineData("/api/timeline?a=RUS", "b is required")]
    [InlineData("/api/timeline?a=RUS&b=CHN&limit=0", "limit must be between 1 and 500")]
    [InlineData("/api/timeline?a=RUS&b=CHN&limit=501", "limit must be between 1 and 500")]
    [InlineData("/api/dyads?level=planet", "must be actor or country")]
    public async Task Bad_parameters_answer_400_with_the_reason(string path, string reason)
    {
        var (status, body) = await Get(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(reason, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overlong_text_parameter_is_400()
    {
        var (status, body) = await Get("/api/quotes?speaker=" + new string('x', 300));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("longer than", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/documents/0000000000000000")]
    [InlineData("/api/nothing/here")]
    [InlineData("/no-such-file.js")]
    public async Task Unknown_ids_and_paths_are_404(string path)
    {
        var (status, body) = await Get(path);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Sql_metacharacters_are_data_not_sql()
    {
        var (status, body) = await Get("/api/events?actor=" + Uri.EscapeDataString("RUS' OR 1=1 --"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("items").GetArrayLength());
        var quotes = await Ok("/api/quotes?text=" + Uri.EscapeDataString("%"));
        Assert.Equal(0, quotes.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await Get("/api/documents?q=" + Uri.EscapeDataString("\"a\" OR NEAR(b c) *"))).Status);
    }

    private static StringContent Article(string text) =>
        new(JsonSerializer.Serialize(new { text, title = "Posted article", date = "2020-01-01", source = "test" }), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Posting_needs_the_token()
    {
        using var none = await web.Client.PostAsync("/api/documents", Article("Anyone may read; nobody may write without the token."));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("token", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = Article("A wrong token is refused too.") };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        using var refused = await web.Client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Posting_with_the_token_analyses_and_stores()
    {
        var text = "A posted article about talks between two ministers, stored through the API " + Guid.NewGuid().ToString("N") + ".";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = Article(text) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WebFixture.Token);
        using var response = await web.Client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("id").GetString()!;
        var doc = await Ok("/api/documents/" + id);
        Assert.Equal("Posted article", doc.GetProperty("title").GetString());
        Assert.True(doc.GetProperty("sentences").GetArrayLength() >= 1);

        using var empty = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = Article("  ") };
        empty.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WebFixture.Token);
        using var bad = await web.Client.SendAsync(empty);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Cached_answers_follow_a_post_and_a_write_by_another_process()
    {
        var posted = "cacheprobe" + Guid.NewGuid().ToString("N");
        var search = "/api/documents?q=" + posted;
        Assert.Equal(0, (await Ok(search)).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await Ok(search)).GetProperty("items").GetArrayLength()); // now kept by the cache
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = Article("Talks were held about " + posted + ".") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WebFixture.Token);
        using (var response = await web.Client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        Assert.Equal(1, (await Ok(search)).GetProperty("items").GetArrayLength()); // the POST cleared it

        // Another process (dyad ingest beside the server) adds a document: seen within a few seconds.
        var ingested = "cacheprobe" + Guid.NewGuid().ToString("N");
        search = "/api/documents?q=" + ingested;
        Assert.Equal(0, (await Ok(search)).GetProperty("items").GetArrayLength());
        var document = new Document { Text = "Ingested beside the server: " + ingested + ".", Date = new DateOnly(2020, 1, 2), Origin = "test" };
        Assert.Equal(1, web.Store.Save([new Pipeline.PipelineBuilder().Build().Analyze(document)]).New);
        var seen = 0;
        for (var i = 0; i < 50 && seen == 0; i++)
        {
            await Task.Delay(100);
            seen = (await Ok(search)).GetProperty("items").GetArrayLength();
        }

        Assert.Equal(1, seen);
    }

    [Fact]
    public async Task Oversized_request_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = Article(new string('a', (int)WebFixture.MaxRequestBytes * 2)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WebFixture.Token);
        using var response = await web.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/api/stats")]
    [InlineData("/api/documents/unknown")]
    public async Task Every_response_has_the_content_security_policy(string path)
    {
        using var response = await web.Client.GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'" })
        {
            Assert.Contains(directive, csp, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Page_is_served_with_no_outside_references()
    {
        var html = await web.Client.GetStringAsync("/");
        var js = await web.Client.GetStringAsync("/app.js");
        var css = await web.Client.GetStringAsync("/app.css");
        Assert.Contains("/app.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal); // no inline script: the CSP would block it
        foreach (var text in new[] { html, css })
        {
            Assert.DoesNotContain("http://", text, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("innerHTML", js, StringComparison.Ordinal);
        Assert.Contains("countries", js, StringComparison.Ordinal); // the world shapes ship inside the bundle
    }

    [Fact]
    public async Task OpenApi_document_lists_the_endpoints()
    {
        var doc = await Ok("/api/openapi.json");
        var paths = doc.GetProperty("paths");
        foreach (var p in new[] { "/api/documents", "/api/documents/{id}", "/api/events", "/api/quotes", "/api/entities/{name}", "/api/dyads", "/api/timeline" })
        {
            Assert.True(paths.TryGetProperty(p, out _), p + " missing from the OpenAPI document");
        }

        // The bounded search ranking is stated where clients read the API.
        var search = paths.GetProperty("/api/documents").GetProperty("get").GetProperty("description").GetString();
        Assert.Contains("among the 500 matching documents stored most recently", search, StringComparison.Ordinal);
        Assert.Contains("an older match outside that window is not returned", search, StringComparison.Ordinal);
        Assert.Contains("counted exactly when it is found in fewer than 1,000 documents, else estimated from its share of the documents stored since the oldest of its 1,000 most recent matches", search, StringComparison.Ordinal);

        var timeline = paths.GetProperty("/api/timeline").GetProperty("get").GetProperty("description").GetString();
        Assert.Contains("at most limit per answer (1..500, default 500)", timeline, StringComparison.Ordinal);
        Assert.Contains("ask again with from=next_from", timeline, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=RUS&b=CHN&by=month", 1)]
    [InlineData("a=RUS&b=CHN&by=week&from=2024-09-04", 2)]
    [InlineData("a=CHN&b=RUS&by=day&to=2025-02-10", 3)]
    [InlineData("a=Sergei%20Lavrov&b=Wang%20Yi&by=day", 1)]
    public async Task Timeline_pages_followed_by_next_from_give_the_whole_timeline(string query, int limit)
    {
        var whole = await Ok("/api/timeline?" + query);
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("next_from").ValueKind);
        var expected = whole.GetProperty("items").EnumerateArray().Select(p => p.GetRawText()).ToList();
        Assert.True(expected.Count > limit, $"{query}: {expected.Count} periods, not enough to page");

        var walked = new List<string>();
        var url = "/api/timeline?" + query + "&limit=" + limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var pages = 1; ; pages++)
        {
            var page = await Ok(url);
            Assert.Equal(limit, page.GetProperty("limit").GetInt32());
            var items = page.GetProperty("items");
            walked.AddRange(items.EnumerateArray().Select(p => p.GetRawText()));
            if (page.GetProperty("next_from").ValueKind == JsonValueKind.Null)
            {
                Assert.True(items.GetArrayLength() <= limit);
                Assert.Equal((expected.Count + limit - 1) / limit, pages);
                break;
            }

            Assert.Equal(limit, items.GetArrayLength());
            var next = page.GetProperty("next_from").GetString()!;
            Assert.True(string.CompareOrdinal(next, items[limit - 1].GetProperty("start").GetString()) > 0, next);
            url = "/api/timeline?" + System.Text.RegularExpressions.Regex.Replace(query, "&?from=[0-9-]+", "") + "&from=" + next +
                "&limit=" + limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task Stored_hostile_text_comes_back_as_inert_json()
    {
        using var response = await web.Client.GetAsync("/api/documents/" + web.HostileId);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal); // escaped as \u003C in the JSON
        var doc = JsonDocument.Parse(raw).RootElement;
        Assert.Contains(Corpus.HostileScript, doc.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}

[Collection(WebCollection.Name)]
public sealed class BrowseQueryTests(WebFixture web)
{
    [Theory]
    [InlineData("RUS", "CHN", Storage.Period.Month)]
    [InlineData("CHN", "RUS", Storage.Period.Week)]
    [InlineData("Sergei Lavrov", "Wang Yi", Storage.Period.Day)]
    [InlineData("RUSGOV", "JPN", Storage.Period.Month)]
    public void Pair_timeline_through_the_pair_index_equals_the_store_timeline(string a, string b, Storage.Period by)
    {
        var query = new Storage.TimelineQuery(a, b) { By = by };
        var fast = ((Storage.IBrowsableStore)web.Store).PairTimeline(query);
        Assert.NotNull(fast);
        Assert.Equal(web.Store.Timeline(query), fast);
    }

    [Theory]
    [InlineData("RUS", "CHN", Storage.Period.Day)]
    [InlineData("RUS", "CHN", Storage.Period.Week)]
    [InlineData("CHN", "RUS", Storage.Period.Month)]
    [InlineData("Sergei Lavrov", "Wang Yi", Storage.Period.Day)]
    [InlineData("Wang Yi", "Sergei Lavrov", Storage.Period.Week)]
    public async Task Timeline_answer_is_byte_for_byte_the_serializers_json_of_the_store_timeline(string a, string b, Storage.Period by)
    {
        var query = new Storage.TimelineQuery(a, b) { By = by };
        var periods = ((Storage.IBrowsableStore)web.Store).PairTimeline(query) ?? web.Store.Timeline(query);
        Assert.NotEmpty(periods);
        var whole = new TimelinePage(a, b, by, periods, TimelineJson.MaxPeriods, null);
        var expected = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(whole, DyadServer.Json);
        Assert.Equal(expected, TimelineJson.ToBytes(whole));
        var url = "/api/timeline?a=" + Uri.EscapeDataString(a) + "&b=" + Uri.EscapeDataString(b) + "&by=" + by.ToString().ToLowerInvariant();
        using var response = await web.Client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());

        // Odd values written the same way too: fractions, negatives, a long series, the year 1 and 9999.
        var odd = Enumerable.Range(0, 700).Select(i => new Storage.TimelineRecord(
            "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), new DateOnly(1, 1, 1).AddDays(i * 5000 % 3652058), i, i / 2, i - (i / 2),
            Math.Round((i - 350) / 7.0, 3))).ToList();
        odd.AddRange(new[] { 0.001, -0.0, 1e20, -1.5e-7, 123456.789, double.Epsilon }.Select((g, i) =>
            new Storage.TimelineRecord("2020-W0" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2020, 1, 6).AddDays(7 * i), long.MaxValue - i, 0, -i, g)));
        odd.Add(new Storage.TimelineRecord("<é\"", new DateOnly(2020, 1, 1), 1, 1, 0, 1));
        foreach (var page in new[] { new TimelinePage("x\"<", "é", Storage.Period.Week, odd, 700, null), new TimelinePage("A", "B", Storage.Period.Month, odd[..3], 3, new DateOnly(9999, 12, 31)) })
        {
            Assert.Equal(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(page, DyadServer.Json), TimelineJson.ToBytes(page));
        }
    }

    [Fact]
    public void Pair_events_through_the_pair_index_equal_the_general_query()
    {
        var browse = (Storage.IBrowsableStore)web.Store;
        var fast = browse.PairEvents("RUS", "CHN", null, null, 500)!.Select(e => e.Id).ToList();
        var general = web.Store.Events(new Storage.EventQuery { Source = "RUS", Target = "CHN", Limit = 500 })
            .Concat(web.Store.Events(new Storage.EventQuery { Source = "CHN", Target = "RUS", Limit = 500 }))
            .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Select(e => e.Id).Distinct().ToList();
        Assert.Equal(general, fast);
    }
}
