using Dyad.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Dyad.Storage.Tests;

/// <summary>What the user sees when the SQLite file is locked, full, foreign or from a newer Dyad.</summary>
public sealed class SqliteFailureTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dyad-fail-").FullName;

    private string Db => Path.Combine(_folder, "dyad.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    internal static void AssertIntact(string path)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        using var check = c.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar() as string);
        check.CommandText = "PRAGMA foreign_key_check";
        using (var r = check.ExecuteReader())
        {
            Assert.False(r.Read(), "foreign key violations");
        }

        check.CommandText = "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')";
        check.ExecuteNonQuery();
    }

    [Fact]
    public void A_locked_database_gives_a_clear_error_and_the_next_try_succeeds()
    {
        using (var create = new SqliteStore(Db))
        {
            create.Save([Corpus.TassMeeting()]);
        }

        using var store = new SqliteStore(Db, new SqliteStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(300) });
        using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString()))
        {
            holder.Open();
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();

            var error = Assert.Throws<StoreException>(() => store.Save([Corpus.GasDeal()]));
            Assert.Contains("locked by another process", error.Message, StringComparison.Ordinal);
            Assert.Contains("run the command again", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, store.Save([Corpus.GasDeal()]).New);
        Assert.Equal(2, store.Counts().Documents);
        AssertIntact(Db);
    }

    [Fact]
    public void A_full_disk_rolls_back_the_batch_keeps_earlier_ones_and_resumes()
    {
        long pages;
        using (var first = new SqliteStore(Db))
        {
            first.Save([Corpus.TassMeeting()]);
        }

        using (var c = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA page_count";
            pages = (long)cmd.ExecuteScalar()!;
        }

        var big = Article.Of(string.Join(' ', Enumerable.Range(0, 40_000).Select(i => "word" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ".", "2025-06-01", source: "big").Build();
        using (var full = new SqliteStore(Db, new SqliteStoreOptions { MaxPageCount = pages + 4 }))
        {
            var error = Assert.Throws<StoreException>(() => full.Save([Corpus.GasDeal(), big]));
            Assert.Contains("full", error.Message, StringComparison.Ordinal);
            Assert.Contains("run the same command again", error.Message, StringComparison.Ordinal);
            Assert.False(full.Has(Corpus.GasDeal().Id));
            Assert.True(full.Has(Corpus.TassMeeting().Id));
        }

        SqliteConnection.ClearAllPools();
        AssertIntact(Db);
        using var resumed = new SqliteStore(Db);
        Assert.Equal(2, resumed.Save([Corpus.GasDeal(), big]).New);
        AssertIntact(Db);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_and_left_alone()
    {
        var bytes = "this is not a database, it is a shopping list\n"u8.ToArray().Concat(new byte[5000]).ToArray();
        File.WriteAllBytes(Db, bytes);
        var error = Assert.Throws<StoreException>(() => new SqliteStore(Db));
        Assert.Contains("not a Dyad database", error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(Db));
    }

    [Fact]
    public void A_store_from_a_newer_dyad_is_refused()
    {
        using (var store = new SqliteStore(Db))
        {
            store.Save([Corpus.TassMeeting()]);
        }

        using (var c = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', '2030-01-01')";
            cmd.ExecuteNonQuery();
        }

        var error = Assert.Throws<StoreException>(() => new SqliteStore(Db));
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_1_store_is_migrated_on_open_and_its_aggregates_and_quote_index_backfilled()
    {
        using (var store = new SqliteStore(Db))
        {
            store.Save(Corpus.All());
        }

        using (var store = new SqliteStore(Db))
        {
            SchemaV5.Downgrade(store); // span tables keyed by document id, as before v6
        }

        SqliteConnection.ClearAllPools();
        using (var c = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                CREATE INDEX entities_type ON entities(type); CREATE INDEX quotes_speaker ON quotes(speaker_name);
                DROP TRIGGER country_weeks_add; DROP TRIGGER country_weeks_change; DROP TABLE country_weeks;
                DROP TABLE quotes_fts; DROP TRIGGER country_months_add; DROP TRIGGER country_months_change;
                DROP TABLE country_months; DROP INDEX events_source_type; DROP INDEX events_target_type; DROP INDEX events_pair_day;
                DROP TABLE country_days; DELETE FROM schema_version WHERE version >= 2
                """;
            cmd.ExecuteNonQuery();
        }

        using var upgraded = new SqliteStore(Db);
        Assert.Equal(7, upgraded.SchemaVersion);
        var months = upgraded.Timeline(new TimelineQuery("RUS", "CHN"));
        Assert.Equal([1L, 2L], months.Select(m => m.Events));
        Assert.Equal([0L, 1L], months.Select(m => m.Conflict));
        Assert.Equal(3L, upgraded.Timeline(new TimelineQuery("CHN", "RUS") { By = Period.Week }).Sum(w => w.Events));
        Assert.Equal("Our ties are at their best,", Assert.Single(upgraded.Quotes(new QuoteQuery { Speaker = "putin" })).Text);

        // The backfilled aggregates and quote index keep following new articles.
        var quoted = Corpus.All().First(a => a.Quotes.Any(q => q.Speaker?.Name.Contains("Putin", StringComparison.Ordinal) == true));
        Assert.Equal(1, upgraded.Save([quoted with { Id = "again" }]).New);
        Assert.Equal(2, upgraded.Quotes(new QuoteQuery { Speaker = "putin" }).Count);
    }

    [Fact]
    public void A_missing_folder_or_a_folder_as_file_is_a_clear_error()
    {
        Assert.Contains("does not exist", Assert.Throws<StoreException>(() => new SqliteStore(Path.Combine(_folder, "nope", "x.db"))).Message, StringComparison.Ordinal);
        Assert.Contains("it is a folder", Assert.Throws<StoreException>(() => new SqliteStore(_folder)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_database_is_in_wal_mode_with_foreign_keys()
    {
        using (var store = new SqliteStore(Db))
        {
            store.Save(Corpus.All());
        }

        using var c = new SqliteConnection($"Data Source={Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar() as string);
        cmd.CommandText = "PRAGMA foreign_keys = ON; INSERT INTO times (doc_seq, idx, span_start, span_end, text, type, value) VALUES (987654321, 0, 0, 1, 'x', 'DATE', 'x')";
        Assert.Throws<SqliteException>(() => cmd.ExecuteNonQuery());
        AssertIntact(Db);
    }
}
