using Dyad.Contract;

namespace Dyad.Storage.Tests;

/// <summary>
/// The storage contract, written once and run against every backend (SQLite, PostgreSQL): each
/// subclass only says how to make a fresh, empty store.
/// </summary>
public abstract class StoreContract : IDisposable
{
    private readonly List<IStore> _opened = [];

    /// <summary>A fresh, empty store (skips the test when the backend is not available).</summary>
    protected abstract IStore CreateStore();

    /// <summary>The same store opened again (a second process, a later run).</summary>
    protected abstract IStore Reopen();

    protected IStore NewStore()
    {
        var store = CreateStore();
        _opened.Add(store);
        return store;
    }

    protected IStore Again()
    {
        var store = Reopen();
        _opened.Add(store);
        return store;
    }

    public virtual void Dispose()
    {
        foreach (var s in _opened)
        {
            s.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private IStore Loaded()
    {
        var store = NewStore();
        var saved = store.Save(Corpus.All());
        Assert.Equal(5, saved.New);
        Assert.Empty(saved.Failed);
        return store;
    }

    private static EventRecord Meeting(IStore store) =>
        Assert.Single(store.Events(new EventQuery { Type = "CONSULT", From = new DateOnly(2025, 1, 21), To = new DateOnly(2025, 1, 21) }));

    [SkippableFact]
    public void Opening_applies_the_migrations_and_reopening_keeps_the_data()
    {
        var store = NewStore();
        Assert.Equal(7, store.SchemaVersion);
        store.Save([Corpus.TassMeeting()]);
        var again = Again();
        Assert.Equal(7, again.SchemaVersion);
        Assert.True(again.Has(Corpus.TassMeeting().Id));
        Assert.Equal(1, again.Counts().Documents);
    }

    [SkippableFact]
    public void A_version_5_store_is_migrated_to_integer_span_keys_and_every_read_answers_the_same()
    {
        var store = Loaded();
        var before = Reads(store);
        SchemaV5.Downgrade((Dyad.Storage.Sql.SqlStore)store);
        var upgraded = Again();
        Assert.Equal(7, upgraded.SchemaVersion);
        Assert.Equal(before, Reads(upgraded));

        // The migrated store keeps taking articles: their spans and merged events join the old ones.
        var quoted = Corpus.All().First(a => a.Quotes.Any(q => q.Speaker?.Name.Contains("Putin", StringComparison.Ordinal) == true));
        Assert.Equal(1, upgraded.Save([quoted with { Id = "again" }]).New);
        Assert.Equal(2, upgraded.Quotes(new QuoteQuery { Speaker = "putin" }).Count);
        Assert.Equal(ContractWriter.ToJson(quoted), ContractWriter.ToJson(upgraded.Load("again")!).Replace("\"again\"", "\"" + quoted.Id + "\"", StringComparison.Ordinal));
    }

    /// <summary>Every read of the contract over the loaded corpus, as one JSON text.</summary>
    private static string Reads(IStore store)
    {
        var browse = (IBrowsableStore)store;
        var events = store.Events(new EventQuery { Limit = 1000 });
        var all = new
        {
            Documents = Corpus.All().Select(a => ContractWriter.ToJson(store.Load(a.Id)!)).ToList(),
            Counts = store.Counts(),
            Events = events,
            Mentions = events.Select(e => store.Mentions(e.Id)).ToList(),
            Export = store.AllEvents(withMentions: true).ToList(),
            Quotes = store.Quotes(new QuoteQuery { Limit = 1000 }),
            Putin = store.Quotes(new QuoteQuery { Speaker = "putin" }),
            Words = store.Quotes(new QuoteQuery { Text = "two countries" }),
            Entities = store.Entities(new EntityQuery { Limit = 1000 }),
            Detail = browse.Entity("Vladimir Putin"),
            List = browse.Documents(new DocumentListQuery { Limit = 100 }),
            Dyads = store.Dyads(new DyadQuery()),
            Timeline = store.Timeline(new TimelineQuery("RUS", "CHN")),
            Search = store.Search("Moscow"),
        };
        return System.Text.Json.JsonSerializer.Serialize(all);
    }

    [SkippableFact]
    public void Saved_document_loads_back_with_every_span()
    {
        var store = NewStore();
        foreach (var original in Corpus.All())
        {
            store.Save([original]);
            var loaded = store.Load(original.Id);
            Assert.NotNull(loaded);
            Assert.Equal(ContractWriter.ToJson(original), ContractWriter.ToJson(loaded));
            Assert.Equal(original.Tokens.Length, loaded.Tokens.Length);
        }

        Assert.Null(store.Load("no-such-document"));
    }

    [SkippableFact]
    public void Saving_again_adds_nothing()
    {
        var store = Loaded();
        var before = store.Counts();
        var again = store.Save(Corpus.All());
        Assert.Equal(0, again.New);
        Assert.Equal(5, again.Unchanged);
        Assert.Equal(before, store.Counts());
        Assert.Equal(3, Meeting(store).NumMentions);
    }

    [SkippableFact]
    public void The_same_document_twice_in_one_batch_is_stored_once()
    {
        var store = NewStore();
        var result = store.Save([Corpus.GasDeal(), Corpus.GasDeal()]);
        Assert.Equal(1, result.New);
        Assert.Equal(1, result.Unchanged);
        Assert.Equal(1, store.Counts().Documents);
    }

    [SkippableFact]
    public void Reports_of_one_event_from_several_articles_merge_with_mention_article_and_source_counts()
    {
        var store = Loaded();
        var counts = store.Counts();
        Assert.Equal(5, counts.Documents);
        Assert.Equal(6, counts.Events);
        Assert.Equal(8, counts.EventMentions);

        var meeting = Meeting(store);
        Assert.Equal("RUSGOV", meeting.Source.Code);
        Assert.Equal("CHNGOV", meeting.Target.Code);
        Assert.Equal(3, meeting.NumMentions);
        Assert.Equal(3, meeting.NumArticles);
        Assert.Equal(2, meeting.NumSources);
        Assert.Equal(1.0, meeting.AvgTone!.Value, 3);
        Assert.Equal("Moscow", meeting.Place?.Name);

        var mentions = store.Mentions(meeting.Id);
        Assert.Equal(3, mentions.Count);
        Assert.Equal(
            new[] { Corpus.TassMeeting().Id, Corpus.XinhuaMeeting().Id, Corpus.TassFollowUp().Id }.Order(StringComparer.Ordinal),
            mentions.Select(m => m.DocumentId).Order(StringComparer.Ordinal));
        Assert.All(mentions, m =>
        {
            Assert.NotNull(m.SentenceText);
            Assert.Contains(m.Trigger.Text, m.SentenceText, StringComparison.Ordinal);
        });
        Assert.Contains(mentions, m => m.Trigger.Text == "held talks" && m.Url == "https://english.news.cn/1");
    }

    [SkippableFact]
    public void Merging_across_batches_gives_the_same_counts_as_one_batch()
    {
        var store = NewStore();
        foreach (var a in Corpus.All().Reverse())
        {
            store.Save([a]);
        }

        var meeting = Meeting(store);
        Assert.Equal((3, 3, 2), (meeting.NumMentions, meeting.NumArticles, meeting.NumSources));
        Assert.Equal(6, store.Counts().Events);
    }

    [SkippableFact]
    public void Compound_events_are_split_into_dyads_and_negated_events_are_not_merged()
    {
        var store = Loaded();
        var withModi = store.Events(new EventQuery { Target = "IND" });
        Assert.Equal(["CHNGOV", "RUSGOV"], withModi.Select(e => e.Source.Code!).Order(StringComparer.Ordinal));
        Assert.Empty(store.Events(new EventQuery { Actor = "JPN" }));
        Assert.True(store.Load(Corpus.GasDeal().Id)!.Events.Single(e => e.Negated).Negated);
    }

    [SkippableFact]
    public void Events_are_found_by_actor_country_side_type_quad_class_dates_and_place()
    {
        var store = Loaded();
        int Count(EventQuery q) => store.Events(q).Count;
        Assert.Equal(5, Count(new EventQuery { Actor = "RUS" }));
        Assert.Equal(5, Count(new EventQuery { Actor = "rus" }));
        Assert.Equal(2, Count(new EventQuery { Actor = "Vladimir Putin" }));
        Assert.Equal(3, Count(new EventQuery { Actor = "RUSGOV" }));
        Assert.Equal(2, Count(new EventQuery { Source = "CHN" }));
        Assert.Equal(1, Count(new EventQuery { Target = "RUS" }));
        Assert.Equal(4, Count(new EventQuery { Country = "CHN" }));
        Assert.Equal(3, Count(new EventQuery { Type = "consult" }));
        Assert.Equal(1, Count(new EventQuery { QuadClass = 4 }));
        Assert.Equal(4, Count(new EventQuery { From = new DateOnly(2025, 3, 1) }));
        Assert.Equal(2, Count(new EventQuery { To = new DateOnly(2025, 1, 31) }));
        Assert.Equal(1, Count(new EventQuery { Place = "moscow" }));
        Assert.Equal(1, Count(new EventQuery { Place = "CHN" }));
        Assert.Equal(2, Count(new EventQuery { Actor = "RUS", Type = "CONSULT" }));
        Assert.Equal(2, Count(new EventQuery { Limit = 2 }));
        Assert.Equal(6, Count(new EventQuery()));
        Assert.Empty(store.Events(new EventQuery { Actor = "Nobody At All" }));

        var newestFirst = store.Events(new EventQuery { Actor = "RUS" });
        Assert.Equal(newestFirst.OrderByDescending(e => e.Date).Select(e => e.Date), newestFirst.Select(e => e.Date));
    }

    [SkippableFact]
    public void Event_pages_with_an_offset_equal_the_same_slice_of_the_whole_list()
    {
        var store = Loaded();
        EventQuery[] shapes =
        [
            new(), new() { Actor = "RUS" }, new() { Actor = "RUSGOV" }, new() { Actor = "RUS", QuadClass = 1 },
            new() { Source = "CHN" }, new() { Target = "RUS" }, new() { Source = "RUS", Target = "CHN" },
            new() { Country = "CHN" }, new() { Type = "consult" }, new() { Actor = "Vladimir Putin" },
        ];
        foreach (var shape in shapes)
        {
            var all = store.Events(shape with { Limit = 100 }).Select(e => e.Id).ToList();
            for (var offset = 0; offset <= all.Count + 1; offset++)
            {
                for (var limit = 1; limit <= 3; limit++)
                {
                    var page = store.Events(shape with { Limit = limit, Offset = offset }).Select(e => e.Id);
                    Assert.Equal(all.Skip(offset).Take(limit), page);
                }
            }
        }
    }

    [SkippableFact]
    public void Timeline_counts_cooperation_and_conflict_per_period_in_both_directions()
    {
        var store = Loaded();
        var months = store.Timeline(new TimelineQuery("RUS", "CHN") { By = Period.Month });
        Assert.Equal(["2025-01", "2025-03"], months.Select(m => m.Period));
        Assert.Equal((1L, 1L, 0L, 1.0), (months[0].Events, months[0].Cooperation, months[0].Conflict, months[0].MeanGoldstein));
        Assert.Equal((2L, 1L, 1L, -1.0), (months[1].Events, months[1].Cooperation, months[1].Conflict, months[1].MeanGoldstein));

        var weeks = store.Timeline(new TimelineQuery("CHN", "RUS") { By = Period.Week });
        Assert.Equal(["2025-W04", "2025-W10", "2025-W12"], weeks.Select(w => w.Period));
        Assert.Equal(new DateOnly(2025, 1, 20), weeks[0].Start);

        var days = store.Timeline(new TimelineQuery("RUSGOV", "CHNGOV") { By = Period.Day });
        Assert.Equal(["2025-01-21", "2025-03-05"], days.Select(d => d.Period));

        Assert.Single(store.Timeline(new TimelineQuery("RUS", "CHN") { From = new DateOnly(2025, 3, 10) }));
        Assert.Empty(store.Timeline(new TimelineQuery("RUS", "JPN")));
    }

    [SkippableFact]
    public void Monthly_country_counts_follow_each_batch_and_a_range_cuts_inside_a_month()
    {
        var store = NewStore();
        foreach (var article in Corpus.All())
        {
            store.Save([article]); // one batch each: the monthly counts are updated, not only inserted
        }

        var days = store.Timeline(new TimelineQuery("RUS", "CHN") { By = Period.Day });
        var months = store.Timeline(new TimelineQuery("CHN", "RUS") { By = Period.Month });
        Assert.Equal(
            days.GroupBy(d => d.Period[..7]).Select(g => (g.Key, g.Sum(d => d.Events), g.Sum(d => d.Cooperation), g.Sum(d => d.Conflict))),
            months.Select(m => (m.Period, m.Events, m.Cooperation, m.Conflict)));

        var from = new DateOnly(2025, 1, 22);
        var to = new DateOnly(2025, 3, 10);
        var cut = store.Timeline(new TimelineQuery("RUS", "CHN") { By = Period.Month, From = from, To = to });
        var expected = days.Where(d => d.Start >= from && d.Start <= to).GroupBy(d => d.Period[..7]).Select(g => (g.Key, g.Sum(d => d.Events)));
        Assert.Equal(expected, cut.Select(m => (m.Period, m.Events)));
        Assert.Equal([1L], store.Timeline(new TimelineQuery("RUS", "CHN") { From = new DateOnly(2025, 3, 10) }).Select(m => m.Events));
        Assert.Equal([1L], store.Timeline(new TimelineQuery("RUS", "CHN") { To = new DateOnly(2025, 1, 31) }).Select(m => m.Events));
    }

    [SkippableFact]
    public void Timelines_from_the_day_week_and_month_aggregates_equal_the_events_grouped_per_period()
    {
        var store = NewStore();
        var articles = TimelineEquivalence.Articles(120, 7);
        store.Save(articles[..60]);          // one batch: the aggregates are inserted
        foreach (var article in articles[60..])
        {
            store.Save([article]);           // one batch each: the aggregates are updated
        }

        var browse = (IBrowsableStore)store;
        foreach (var (a, b) in new[] { ("RUS", "CHN"), ("USA", "RUS"), ("RUSGOV", "CHNGOV"), ("USAGOV", "RUSGOV"), ("RUSGOV", "RUSGOV"), ("CHN", "USAGOV") })
        {
            foreach (var by in new[] { Period.Day, Period.Week, Period.Month })
            {
                foreach (var (from, to) in TimelineEquivalence.Ranges())
                {
                    var query = new TimelineQuery(a, b) { By = by, From = from, To = to };
                    var expected = TimelineEquivalence.Expected(store, a, b, by, from, to);
                    Assert.Equal(expected, store.Timeline(query));
                    Assert.Equal(expected, browse.PairTimeline(query));
                }
            }
        }

        Assert.NotEmpty(TimelineEquivalence.Expected(store, "RUS", "CHN", Period.Week, null, null));
    }

    [SkippableFact]
    public void Timeline_pages_are_the_first_periods_of_the_whole_answer_and_walking_them_from_the_day_after_each_page_gives_it_all()
    {
        var store = NewStore();
        var articles = TimelineEquivalence.Articles(120, 5);
        store.Save(articles[..70]);
        foreach (var article in articles[70..])
        {
            store.Save([article]);
        }

        var browse = (IBrowsableStore)store;
        var paged = 0;
        foreach (var (a, b) in new[] { ("RUS", "CHN"), ("RUSGOV", "CHNGOV"), ("RUSGOV", "RUSGOV"), ("CHN", "USAGOV") })
        {
            foreach (var by in new[] { Period.Day, Period.Week, Period.Month })
            {
                foreach (var (from, to) in TimelineEquivalence.Ranges())
                {
                    var query = new TimelineQuery(a, b) { By = by, From = from, To = to };
                    var whole = store.Timeline(query);
                    Assert.Equal(TimelineEquivalence.Expected(store, a, b, by, from, to), whole);
                    foreach (var limit in new[] { 1, 2, 3, 5 })
                    {
                        Assert.Equal(whole.Take(limit), store.Timeline(query with { Limit = limit }));
                        Assert.Equal(whole.Take(limit), browse.PairTimeline(query with { Limit = limit }));
                    }

                    foreach (var limit in new[] { 2, 7 })
                    {
                        // The API's walk: ask limit+1 periods; when more came, the next page starts the day after the last kept period.
                        foreach (var read in new Func<TimelineQuery, IReadOnlyList<TimelineRecord>>[] { store.Timeline, q => browse.PairTimeline(q)! })
                        {
                            var walked = new List<TimelineRecord>();
                            var next = from;
                            while (true)
                            {
                                var page = read(query with { From = next, Limit = limit + 1 });
                                walked.AddRange(page.Take(limit));
                                if (page.Count <= limit)
                                {
                                    break;
                                }

                                var last = page[limit - 1].Start;
                                next = (by == Period.Day ? last : by == Period.Week ? last.AddDays(6) : last.AddMonths(1).AddDays(-1)).AddDays(1);
                                paged++;
                            }

                            Assert.Equal(whole, walked);
                        }
                    }
                }
            }
        }

        Assert.True(paged > 100, $"only {paged} pages followed");
    }

    [SkippableFact]
    public void A_version_6_store_is_migrated_to_actor_pair_aggregates_and_its_timelines_answer_the_same()
    {
        var store = NewStore();
        var articles = TimelineEquivalence.Articles(120, 11);
        store.Save(articles[..90]);
        var pairs = new[] { ("RUSGOV", "CHNGOV"), ("USAGOV", "RUSGOV"), ("CHNGOV", "CHNGOV"), ("RUS", "CHN") };
        List<TimelineRecord> All(IStore s) => pairs
            .SelectMany(p => new[] { Period.Day, Period.Week, Period.Month }.Select(by => (p.Item1, p.Item2, by)))
            .SelectMany(q => TimelineEquivalence.Ranges().Select(r => new TimelineQuery(q.Item1, q.Item2) { By = q.by, From = r.From, To = r.To }))
            .SelectMany(q => s.Timeline(q).Concat(((IBrowsableStore)s).PairTimeline(q)!))
            .ToList();
        var before = All(store);
        SchemaV6.Downgrade((Dyad.Storage.Sql.SqlStore)store);
        var upgraded = Again();
        Assert.Equal(7, upgraded.SchemaVersion);
        Assert.Equal(before, All(upgraded));

        // The built aggregates keep following new articles (inserted and updated days).
        upgraded.Save(articles[90..]);
        foreach (var (a, b) in pairs)
        {
            foreach (var by in new[] { Period.Day, Period.Week, Period.Month })
            {
                Assert.Equal(TimelineEquivalence.Expected(upgraded, a, b, by, null, null), upgraded.Timeline(new TimelineQuery(a, b) { By = by }));
            }
        }
    }

    [SkippableFact]
    public void Dyads_rank_actor_pairs_with_counts_and_mean_goldstein()
    {
        var store = Loaded();
        var countries = store.Dyads(new DyadQuery { Level = DyadLevel.Country });
        var top = countries[0];
        Assert.Equal(("CHN", "RUS", 3L, 5L, 2L, 1L), (top.A, top.B, top.Events, top.Mentions, top.Cooperation, top.Conflict));
        Assert.Equal(-1.0 / 3, top.MeanGoldstein, 3);
        Assert.Equal(4, countries.Count);

        var actors = store.Dyads(new DyadQuery());
        Assert.Equal(("CHNGOV", "RUSGOV", 2L), (actors[0].A, actors[0].B, actors[0].Events));
    }

    [SkippableFact]
    public void Quote_search_by_several_words_finds_what_a_substring_match_finds()
    {
        var store = NewStore();
        string[] speakers = ["the foreign minister of Russia", "the foreign ministry of Russia", "a minister of China", "the prime minister of Britain",
            "ministers of Russia", "the Russian foreign minister", "the minister of foreign affairs of Russia"];
        string[] texts = ["We will keep talking {0}", "talks on trade {0} will go on", "talking points {0} of the day", "we keep talks going {0}"];
        var articles = new List<Analysis>();
        for (var n = 0; n < 56; n++)
        {
            var speaker = speakers[n % speakers.Length];
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, texts[n % texts.Length], n);
            var day = new DateOnly(2025, 1, 1).AddDays(n % 9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            articles.Add(Article.Of($"{speaker} said: \"{text}\".", day, source: "q", url: "https://example.org/q/" + n.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Quote(text, speaker).Build());
        }

        store.Save(articles);
        var all = articles.SelectMany(a => a.Quotes.Select(q => (a.Id, Speaker: q.Speaker!.Name, q.Text))).ToList();
        foreach (var (speaker, text) in new (string?, string?)[]
        {
            ("foreign minister of Russia", null), ("minister of", null), ("minister", null), ("of Russia", null), ("the foreign minister", null),
            ("minister of foreign affairs of russia", null), ("foreign ministry", null), ("prime minister of Britain", null), ("ministers of", null),
            (null, "keep talking"), (null, "will keep talking 1"), (null, "talking"), (null, "points 3"), (null, "on trade 2 will"), (null, "talks going"),
            ("the foreign minister of", "we will keep"), ("minister of Russia", "talking points"),
            ("oreign minister of Russia", null), ("rime minister", null), (null, "alking 1"), (null, "eep talks going"), ("inisters of", "alks on trade"),
        })
        {
            var expected = all.Where(q => (speaker is null || q.Speaker.Contains(speaker, StringComparison.OrdinalIgnoreCase))
                    && (text is null || q.Text.Contains(text, StringComparison.OrdinalIgnoreCase)))
                .Select(q => (q.Id, q.Text)).Order().ToList();
            var whole = store.Quotes(new QuoteQuery { Speaker = speaker, Text = text, Limit = 1000 });
            var found = whole.Select(q => (q.DocumentId, q.Text)).Order().ToList();
            Assert.Equal(expected, found);

            // Within a date range: the walk of the range's documents (few of them) and the text index
            // (forced) give the same quotes in the same order as the whole list cut to the range.
            var (from, to) = (new DateOnly(2025, 1, 3), new DateOnly(2025, 1, 6));
            var inRange = whole.Where(q => q.Date >= from && q.Date <= to).ToList();
            var sql = (Sql.SqlStore)store;
            foreach (var walkLimit in new[] { 2000, 0 })
            {
                sql.QuoteDateWalkLimit = walkLimit;
                Assert.Equal(inRange, store.Quotes(new QuoteQuery { Speaker = speaker, Text = text, From = from, To = to, Limit = 1000 }));
                Assert.Equal(inRange.Take(3), store.Quotes(new QuoteQuery { Speaker = speaker, Text = text, From = from, To = to, Limit = 3 }));
            }

            sql.QuoteDateWalkLimit = 2000;
        }
    }

    [SkippableFact]
    public void Quotes_are_found_by_speaker_and_words()
    {
        var store = Loaded();
        var putin = Assert.Single(store.Quotes(new QuoteQuery { Speaker = "putin" }));
        Assert.Equal("Our ties are at their best,", putin.Text);
        Assert.Equal("e1", putin.SpeakerEntityId);
        Assert.Single(store.Quotes(new QuoteQuery { Text = "COOPERATION" }));
        Assert.Empty(store.Quotes(new QuoteQuery { Text = "100%_off" }));
        Assert.Equal(2, store.Quotes(new QuoteQuery()).Count);

        // Short words (no index lookup), long ones, both fields, case, a speaker with a text.
        Assert.Equal(putin.DocumentId, Assert.Single(store.Quotes(new QuoteQuery { Speaker = "PU" })).DocumentId);
        Assert.Equal(putin.DocumentId, Assert.Single(store.Quotes(new QuoteQuery { Speaker = "Putin", Text = "ties are" })).DocumentId);
        Assert.Empty(store.Quotes(new QuoteQuery { Speaker = "putin", Text = "cooperation" }));
        Assert.Empty(store.Quotes(new QuoteQuery { Speaker = "\"putin\" OR x" }));
        var all = store.Quotes(new QuoteQuery { Text = "e" });
        Assert.Equal(all.OrderByDescending(q => q.Date).Select(q => q.Date), all.Select(q => q.Date));
    }

    [SkippableFact]
    public void Entities_are_ranked_by_mentions_and_filtered_by_type()
    {
        var store = Loaded();
        var top = store.Entities(new EntityQuery())[0];
        Assert.Equal(("Vladimir Putin", "PERSON", 7L, 4L, "Q7747"), (top.Name, top.Type, top.Mentions, top.Documents, top.KbId));
        var places = store.Entities(new EntityQuery { Type = "gpe" });
        Assert.Equal("Russia", places[0].Name);
        Assert.All(places, p => Assert.Equal("GPE", p.Type));
        Assert.Single(store.Entities(new EntityQuery { Name = "modi" }));
    }

    [SkippableFact]
    public void Full_text_search_finds_articles_and_never_chokes_on_syntax()
    {
        var store = Loaded();
        var hit = Assert.Single(store.Search("gas pipeline"));
        Assert.Equal(Corpus.GasDeal().Id, hit.DocumentId);
        Assert.Contains("pipeline", hit.Snippet, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, store.Search("Moscow").Count);
        Assert.Empty(store.Search("submarine"));
        foreach (var odd in new[] { "\"unclosed", "a OR", "NEAR(", "*", "(((", "'; DROP TABLE documents; --", "" })
        {
            store.Search(odd);
        }

        Assert.Equal(5, store.Counts().Documents);
    }

    [SkippableFact]
    public void Search_ranks_first_then_snippets_the_page_with_the_same_hits_and_order_as_snippeting_every_match()
    {
        var store = NewStore();
        var articles = SearchEquivalence.Articles();
        Assert.Equal(articles.Count, store.Save(articles).New);
        var ties = 0;
        foreach (var text in SearchEquivalence.Queries)
        {
            foreach (var limit in SearchEquivalence.Limits)
            {
                var expected = SearchEquivalence.Reference(store, text, limit);
                var hits = store.Search(text, limit);
                Assert.Equal(expected, hits);
                Assert.Equal(hits, store.Search(text, limit));                                // deterministic
                Assert.Equal(hits, store.Search(text, limit + 5).Take(limit));                // a page is a prefix of a longer one
                ties += hits.Zip(hits.Skip(1)).Count(p => p.First.Rank == p.Second.Rank);
            }
        }

        Assert.True(ties > 10, "the corpus must make tied ranks");
        var deal = store.Search("trade deal", 50);
        Assert.Equal(18, deal.Count);                                                         // 12 ties + 6 titles
        var tied = deal.Where(h => h.DocumentId.StartsWith("tie-", StringComparison.Ordinal)).Select(h => h.DocumentId).ToList();
        Assert.Equal(Enumerable.Range(0, 12).Reverse().Select(n => "tie-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)), tied); // ties: newest stored first
    }

    [SkippableFact]
    public void Search_ranks_only_the_most_recently_stored_matches_an_older_better_match_outside_the_window_is_not_returned()
    {
        var store = NewStore();
        // Stored first: the best match by far (the word five times in a short text); then ten weaker
        // ones (once each in a longer text), the sixth of which has it twice: the window's best.
        var best = Article.Of("Deal, deal, deal, deal and deal.", "2025-01-01", url: "https://example.org/best").Build();
        var later = Enumerable.Range(0, 10).Select(n =>
        {
            var twice = n == 5 ? " The deal was a good deal." : "";
            return Article.Of($"Ministers met for talks number {n} in a long and quiet meeting about a deal on trade and grain.{twice}",
                new DateOnly(2025, 2, 1).AddDays(n).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                url: "https://example.org/later/" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Build();
        }).ToList();
        Assert.Equal(1, store.Save([best]).New);
        Assert.Equal(10, store.Save(later).New);

        var sql = (Sql.SqlStore)store;
        Assert.Equal(SearchRules.Window, sql.SearchWindow);
        var unbounded = store.Search("deal", 50);
        Assert.Equal(11, unbounded.Count);
        Assert.Equal(best.Id, unbounded[0].DocumentId);                       // the whole store fits in the default window

        sql.SearchWindow = 6;                                                 // the six stored last: later[4..9]
        var hits = store.Search("deal", 50);
        Assert.Equal(6, hits.Count);                                          // never more than the window
        Assert.DoesNotContain(hits, h => h.DocumentId == best.Id);            // the older, better match is outside
        Assert.Equal(later.Skip(4).Select(a => a.Id).Order(StringComparer.Ordinal), hits.Select(h => h.DocumentId).Order(StringComparer.Ordinal));
        Assert.Equal(later[5].Id, hits[0].DocumentId);                        // the window's best is first
        Assert.Equal(unbounded.Single(h => h.DocumentId == later[5].Id), hits[0]); // with the same score and snippet as unbounded
        for (var limit = 1; limit <= 7; limit++)
        {
            Assert.Equal(SearchEquivalence.Reference(store, "deal", limit, 6), store.Search("deal", limit));
            Assert.Equal(SearchEquivalence.Reference(store, "talks number", limit, 6), store.Search("talks number", limit));
        }

        sql.SearchWindow = 1;
        Assert.Equal(later[9].Id, Assert.Single(store.Search("deal", 50)).DocumentId); // the newest stored match alone
    }

    [SkippableFact]
    public void A_bad_analysis_is_refused_whole_and_the_rest_of_the_batch_is_stored()
    {
        var store = NewStore();
        var good = Corpus.TassMeeting();
        var bad = Corpus.GasDeal();
        bad = bad with { Events = [bad.Events[0] with { Trigger = new SpanText(0, 5, "wrong") }] };
        var outOfRange = Corpus.Clash();
        outOfRange = outOfRange with { Quotes = [new Quote(10, 100_000, "x", true, null, null)] };

        var result = store.Save([bad, good, outOfRange]);

        Assert.Equal(1, result.New);
        Assert.Equal(2, result.Failed.Count);
        Assert.Contains("trigger", result.Failed[0].Reason, StringComparison.Ordinal);
        Assert.False(store.Has(bad.Id));
        Assert.False(store.Has(outOfRange.Id));
        Assert.True(store.Has(good.Id));
        Assert.Equal(2, store.Counts().Events);
    }

    [SkippableFact]
    public void Hostile_text_is_stored_and_loaded_verbatim()
    {
        var store = NewStore();
        var text = "Robert'); DROP TABLE documents;-- met \"Zoë\" 🙂 in Zürich\ttoday. 中国 and Россия talked.";
        var a = Article.Of(text, "2025-05-01", source: "odd")
            .Entity("e1", "Robert'); DROP TABLE documents;--", "PERSON", mentions: "Robert'); DROP TABLE documents;--")
            .Event("CONSULT", "040", 1, 1.0, "talked", [Article.Actor("中国", "CHN", "CHN")], [Article.Actor("Россия", "RUS", "RUS")])
            .Build();
        Assert.Equal(1, store.Save([a]).New);
        Assert.Equal(text, store.Load(a.Id)!.Text);
        Assert.Single(store.Events(new EventQuery { Actor = "россия" }));
        Assert.Single(store.Search("Zürich"));
    }

    [SkippableFact]
    public void All_events_stream_in_id_order_with_their_mentions()
    {
        var store = Loaded();
        var all = store.AllEvents(withMentions: true).ToList();
        Assert.Equal(6, all.Count);
        Assert.Equal(all.Select(e => e.Id).Order(), all.Select(e => e.Id));
        Assert.All(all, e => Assert.Equal(e.NumMentions, e.Mentions.Count));
        Assert.All(store.AllEvents(withMentions: false), e => Assert.Empty(e.Mentions));
    }

    [SkippableFact]
    public void Concurrent_batches_store_every_document_once()
    {
        var store = NewStore();
        var corpus = Corpus.All();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => store.Save([corpus[i % corpus.Count], corpus[(i + 1) % corpus.Count]]));
        var counts = store.Counts();
        Assert.Equal(5, counts.Documents);
        Assert.Equal(6, counts.Events);
        Assert.Equal(8, counts.EventMentions);
        Assert.Equal(3, Meeting(store).NumMentions);
    }

    [SkippableFact]
    public void A_batch_larger_than_one_insert_statement_loads_back_whole()
    {
        // 150 articles with 6 mentions each: every table is written in several multi-row statements plus a remainder.
        var store = NewStore();
        var batch = Enumerable.Range(0, 150).Select(i =>
        {
            var n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Article.Of($"Report{n} says Putin met Xi in Moscow on Tuesday. Putin and Xi spoke. Putin left; Xi stayed; Putin said so, and Xi too.",
                    "2025-02-01", source: "wire" + (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture), url: "https://example.org/" + n)
                .Entity("e1", "Vladimir Putin", "PERSON", "RUS", "RUSGOV", "Q7747", "GOV", "Putin")
                .Entity("e2", "Xi Jinping", "PERSON", "CHN", "CHNGOV", "Q15031", "GOV", "Xi")
                .Place("Moscow", "Moscow", 524901, "city", "RUS", 55.7522, 37.6156)
                .Time("Tuesday", "2025-01-28")
                .Event("CONSULT", "040", 1, 1.0, "met", [Corpus.Putin], [Corpus.Xi], "2025-01-28", Corpus.Moscow)
                .Tone(i % 5)
                .Build();
        }).ToList();
        Assert.Equal(150, store.Save(batch).New);
        foreach (var original in batch)
        {
            Assert.Equal(ContractWriter.ToJson(original), ContractWriter.ToJson(store.Load(original.Id)!));
        }

        var counts = store.Counts();
        Assert.Equal((150, 1, 150), (counts.Documents, counts.Events, counts.EventMentions));
        var merged = Assert.Single(store.Events(new EventQuery { Actor = "RUSGOV" }));
        Assert.Equal((150, 150, 7), (merged.NumMentions, merged.NumArticles, merged.NumSources));
        Assert.Single(store.Search("Report149"));
        Assert.Equal(0, store.Save(batch).New);
    }
}
