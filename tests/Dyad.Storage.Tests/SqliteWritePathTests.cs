using Dyad.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Dyad.Storage.Tests;

/// <summary>The SQLite write path: values bound straight through SQLite's C functions come back as they went in.</summary>
public sealed class SqliteWritePathTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dyad-write-").FullName;

    private string Db => Path.Combine(_folder, "dyad.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Values_are_bound_through_the_native_functions()
    {
        Assert.True(NativeBinder.Available, "the e_sqlite3 bind functions were not found: the slower SQLitePCLRaw path is in use");
    }

    [Fact]
    public void Rows_are_read_through_the_native_functions()
    {
        Assert.True(NativeRows.Available, "the e_sqlite3 column functions were not found: timelines are read the slower way");
    }

    [Fact]
    public void Event_actor_and_place_json_is_the_serializers_text()
    {
        var json = new Dyad.Storage.Sql.EventJson();
        System.Collections.Immutable.ImmutableArray<EventActor>[] actors =
        [
            default,
            [],
            [new EventActor("e1", "Vladimir Putin", "RUSGOV", "RUS", "GOV")],
            [new EventActor(null, "Zoë \"the\" <Ukrainian> 中国 🙂 \\ & '", null, null, null), new EventActor("e2", "", "", "UKR", null)],
        ];
        foreach (var a in actors)
        {
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a.IsDefault ? [] : a.ToArray()), json.Actors(a));
        }

        foreach (var p in new EventPlace?[] { null, new("Moscow", 524901, "RUS", 55.7522, 37.6156), new("Zürich", null, null, null, null), new("x", 1, "CHE", -0.1 / 3, 1e-7), new("y", long.MaxValue, "", 90, -180) })
        {
            Assert.Equal(p is null ? null : System.Text.Json.JsonSerializer.Serialize(p), json.Place(p));
        }
    }

    [Fact]
    public void Empty_long_and_non_ascii_strings_round_trip()
    {
        // Longer than what the binder encodes in its own buffer, with characters of 2, 3 and 4 UTF-8 bytes.
        var body = "Zoë met 中国 and Россия officials 🙂 in Zürich. \"We talked,\" said Zoë. " + string.Concat(Enumerable.Repeat("Talks went on for hours. ", 800));
        Assert.True(body.Length > 16 * 1024);
        var a = Article.Of(body, "2025-05-01", source: "", title: "")
            .Entity("e1", "Zoë", "PERSON", mentions: "Zoë")
            .Quote("We talked,", speaker: "Zoë", entity: "e1")
            .Build();
        using var store = new SqliteStore(Db);
        Assert.Equal(1, store.Save([a]).New);
        var loaded = store.Load(a.Id)!;
        Assert.Equal(a.Text, loaded.Text);
        Assert.Equal("", loaded.Document.Title);
        Assert.Equal("Zoë", Assert.Single(loaded.Entities).Name);
        static string Show(Entity e) => string.Join(" ", e.Mentions.Select(m => $"{m.Start}-{m.End}:{m.Text}:{m.Kind}:{m.Type ?? "null"}"));
        Assert.Equal(Show(a.Entities.Single()), Show(loaded.Entities.Single()));
        Assert.All(loaded.Entities.Single().Mentions, m => Assert.Equal("Zoë", m.Text));
        Assert.Equal(a.Quotes.Single().Text, Assert.Single(loaded.Quotes).Text);
        Assert.Single(store.Search("Россия"));
        Assert.Single(store.Quotes(new QuoteQuery { Speaker = "zoë" }));
        SqliteFailureTests.AssertIntact(Db);
    }

    [Fact]
    public void A_batch_whose_strings_outgrow_the_binding_buffer_is_stored_verbatim()
    {
        // 70 documents of about 8,000 characters: one 64-row statement binds over 1 MB of text, so the
        // binder's buffer is outgrown (and replaced) in the middle of the statement's values.
        var articles = Enumerable.Range(0, 70)
            .Select(i => Article.Of($"Report {i}: " + string.Concat(Enumerable.Repeat($"Delegation {i} met in Zürich. ", 260)), "2025-05-01", source: "s" + i)
                .Entity("e1", $"Delegation {i}", "ORG", mentions: $"Delegation {i} met")
                .Build())
            .ToList();
        using var store = new SqliteStore(Db);
        Assert.Equal(70, store.Save(articles).New);
        foreach (var a in articles)
        {
            var loaded = store.Load(a.Id)!;
            Assert.Equal(a.Text, loaded.Text);
            Assert.Equal(a.Entities.Single().Mentions.Length, loaded.Entities.Single().Mentions.Length);
            Assert.All(loaded.Entities.Single().Mentions, m => Assert.Equal(loaded.Text[m.Start..m.End], m.Text));
        }

        SqliteFailureTests.AssertIntact(Db);
    }
}
