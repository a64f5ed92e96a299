using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dyad.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Dyad.Storage.Tests;

/// <summary>Runs the real <c>dyad</c> (the built dyad.dll) as a user would: ingest, query, export, kill -9.</summary>
public sealed class IngestCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dyad-ingest-").FullName;

    private string Db => Path.Combine(_folder, "dyad.db");

    private string Articles => Path.Combine(_folder, "articles");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static ProcessStartInfo Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dyad.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(Store.PostgresVariable);
        return start;
    }

    internal static (int Exit, string Stdout, string Stderr) Dyad(params string[] args)
    {
        using var process = Process.Start(Start(args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(180_000), "dyad did not finish in 3 minutes");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Invented articles in the header format, each unique (so each gets its own id).</summary>
    private void WriteArticles(int count)
    {
        Directory.CreateDirectory(Articles);
        string[] leaders = ["Putin", "Xi", "Modi", "Lula", "Ramaphosa", "Erdogan", "Macron", "Scholz"];
        string[] cities = ["Moscow", "Beijing", "New Delhi", "Brasilia", "Pretoria", "Ankara", "Paris", "Berlin"];
        for (var i = 0; i < count; i++)
        {
            var a = leaders[i % leaders.Length];
            var b = leaders[(i / 8 + 1 + i) % leaders.Length];
            var city = cities[(i * 7) % cities.Length];
            var day = new DateOnly(2024, 1, 1).AddDays(i % 400);
            var text = string.Create(CultureInfo.InvariantCulture, $"""
                 date {day:yyyy-MM-dd} {a} and {b} hold talks in {city} (report {i})

                By Staff

                {a} met {b} in {city} on Monday to discuss trade, energy and security, officials said in report number {i}.
                "We have agreed to deepen our cooperation," {a} told reporters after the meeting. The two sides signed {i % 5 + 1} agreements.
                Analysts said the talks, the {i}th of their kind, showed how relations had changed since last year.
                """);
            File.WriteAllText(Path.Combine(Articles, string.Create(CultureInfo.InvariantCulture, $"a{i:00000}.txt")), text);
        }
    }

    private static long Count(string db, string sql = "SELECT count(*) FROM documents")
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Ingest_stores_new_documents_and_a_second_run_adds_nothing()
    {
        WriteArticles(30);
        File.WriteAllBytes(Path.Combine(Articles, "broken.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]);

        var (exit, _, stderr) = Dyad("ingest", Articles, "--db", Db);
        Assert.Equal(1, exit);
        Assert.Contains("30 documents read", stderr, StringComparison.Ordinal);
        Assert.Contains("30 new, 0 unchanged, 1 failed", stderr, StringComparison.Ordinal);
        Assert.Contains("broken.png", stderr, StringComparison.Ordinal);
        Assert.Contains("ingest:", stderr, StringComparison.Ordinal); // plain progress/summary lines when not a terminal

        File.Delete(Path.Combine(Articles, "broken.png"));
        var (again, _, stderr2) = Dyad("ingest", Articles, "--db", Db, "--quiet");
        Assert.Equal(0, again);
        Assert.Contains("0 new, 30 unchanged, 0 failed", stderr2, StringComparison.Ordinal);
        Assert.Equal(30, Count(Db));

        var (searchExit, hits, _) = Dyad("search", "report 17", "--db", Db, "--format", "json");
        Assert.Equal(0, searchExit);
        Assert.Contains(JsonDocument.Parse(hits).RootElement.EnumerateArray(), h => h.GetProperty("title").GetString()!.EndsWith("(report 17)", StringComparison.Ordinal));
    }

    [Fact]
    public void Ingest_with_the_contextual_recogniser_stores_the_documents()
    {
        WriteArticles(5);
        var (exit, _, stderr) = Dyad("ingest", Articles, "--db", Db, "--names", "contextual", "--quiet");
        Assert.True(exit == 0, stderr);
        Assert.Contains("5 new, 0 unchanged, 0 failed", stderr, StringComparison.Ordinal);
        Assert.Equal(5, Count(Db));
        Assert.Contains("Putin", Dyad("entities", "--type", "PERSON", "--db", Db).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_commands_answer_as_table_json_and_csv()
    {
        using (var store = new SqliteStore(Db))
        {
            store.Save(Corpus.All());
        }

        var (exit, table, _) = Dyad("events", "--db", Db, "--actor", "RUS");
        Assert.Equal(0, exit);
        Assert.Contains("RUSGOV", table, StringComparison.Ordinal);
        Assert.StartsWith("id", table, StringComparison.Ordinal);

        var (_, json, _) = Dyad("timeline", "RUS", "CHN", "--by", "month", "--db", Db, "--format", "json");
        var periods = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(["2025-01", "2025-03"], periods.Select(p => p.GetProperty("period").GetString()));
        Assert.Equal(1, periods[1].GetProperty("conflict").GetInt32());

        var (_, csv, _) = Dyad("dyads", "--by", "country", "--db", Db, "--format", "csv");
        var rows = Export.Csv.Parse(csv);
        Assert.Equal(["a", "b", "events", "mentions", "mean_goldstein", "cooperation", "conflict"], rows[0]);
        Assert.Equal(["CHN", "RUS", "3"], rows[1][..3]);

        Assert.Contains("Our ties are at their best", Dyad("quotes", "--speaker", "Putin", "--db", Db).Stdout, StringComparison.Ordinal);
        Assert.Contains("Vladimir Putin", Dyad("entities", "--type", "PERSON", "--db", Db).Stdout, StringComparison.Ordinal);

        var (badExit, _, badErr) = Dyad("events", "--from", "yesterday", "--db", Db);
        Assert.Equal(2, badExit);
        Assert.Contains("--from", badErr, StringComparison.Ordinal);

        var gdelt = Path.Combine(_folder, "events.tsv");
        var (exportExit, _, exportErr) = Dyad("export", "--format", "gdelt", "--out", gdelt, "--db", Db);
        Assert.Equal(0, exportExit);
        Assert.Contains("6 events", exportErr, StringComparison.Ordinal);
        Assert.All(File.ReadAllLines(gdelt), l => Assert.Equal(61, l.Split('\t').Length));
    }

    [SkippableFact]
    public void Ingest_into_postgresql_is_idempotent_too()
    {
        var cs = PostgresStoreTests.Require();
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        using (var c = new Npgsql.NpgsqlConnection(cs))
        {
            c.Open();
            using var cmd = new Npgsql.NpgsqlCommand($"CREATE SCHEMA {schema}", c);
            cmd.ExecuteNonQuery();
        }

        try
        {
            WriteArticles(20);
            var pg = new Npgsql.NpgsqlConnectionStringBuilder(cs) { SearchPath = schema }.ToString();
            var (exit, _, stderr) = Dyad("ingest", Articles, "--pg", pg);
            Assert.Equal(0, exit);
            Assert.Contains("20 new, 0 unchanged, 0 failed", stderr, StringComparison.Ordinal);
            Assert.Contains("postgresql", stderr, StringComparison.Ordinal);
            var (again, _, stderr2) = Dyad("ingest", Articles, "--pg", pg);
            Assert.Equal(0, again);
            Assert.Contains("0 new, 20 unchanged, 0 failed", stderr2, StringComparison.Ordinal);
            var (_, hits, _) = Dyad("search", "cooperation", "--pg", pg, "--format", "csv", "--limit", "50");
            Assert.Equal(21, Export.Csv.Parse(hits).Count);
        }
        finally
        {
            using var c = new Npgsql.NpgsqlConnection(cs);
            c.Open();
            using var cmd = new Npgsql.NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", c);
            cmd.ExecuteNonQuery();
        }
    }

    [Fact]
    public void An_unreachable_or_malformed_postgresql_is_a_clear_error()
    {
        var (exit, _, stderr) = Dyad("events", "--pg", "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=p;Timeout=3");
        Assert.Equal(2, exit);
        Assert.Contains("cannot reach PostgreSQL at 127.0.0.1:1/x", stderr, StringComparison.Ordinal);
        var (badExit, _, badErr) = Dyad("ingest", Articles, "--pg", "this is not a connection string");
        Assert.Equal(2, badExit);
        Assert.Contains("connection string is not valid", badErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_that_is_not_sqlite_is_a_clear_error()
    {
        File.WriteAllText(Db, new string('x', 4096));
        var (exit, _, stderr) = Dyad("events", "--db", Db);
        Assert.Equal(2, exit);
        Assert.Contains("not a Dyad database", stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// kill -9 in the middle of an ingest, twice, then a full run: every committed document is kept,
    /// none is half-written, nothing is stored twice and the database passes its integrity checks.
    /// </summary>
    [Fact]
    public void Killing_ingest_loses_no_committed_document_and_a_rerun_completes_without_duplicates()
    {
        const int total = 1500;
        WriteArticles(total);
        long before = 0;
        for (var round = 0; round < 2; round++)
        {
            using var process = Process.Start(Start("ingest", Articles, "--db", Db, "--batch", "10", "--quiet"))!;
            process.StandardInput.Close();
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                Thread.Sleep(20);
                try
                {
                    if (File.Exists(Db) && Count(Db) >= before + 40)
                    {
                        break;
                    }
                }
                catch (SqliteException)
                {
                    // The schema is being created: try again.
                }
            }

            Assert.False(process.HasExited, "ingest finished before it could be killed: make the corpus larger");
            process.Kill(); // SIGKILL on Linux: no clean-up runs
            process.WaitForExit();
            SqliteConnection.ClearAllPools();

            SqliteFailureTests.AssertIntact(Db);
            var stored = Count(Db);
            Assert.True(stored >= before, "a committed document was lost");
            Assert.True(stored < total, "the kill came too late to test anything");
            Assert.Equal(stored, Count(Db, "SELECT count(*) FROM documents WHERE sentences <> ''"));
            Assert.Equal(stored, Count(Db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'talks'"));
            before = stored;
        }

        var (exit, _, stderr) = Dyad("ingest", Articles, "--db", Db);
        Assert.Equal(0, exit);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{total - before:N0} new, {before:N0} unchanged, 0 failed"), stderr, StringComparison.Ordinal);
        Assert.Equal(total, Count(Db));
        Assert.Equal(total, Count(Db, "SELECT count(DISTINCT id) FROM documents"));
        Assert.Equal(total, Count(Db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'talks'"));
        SqliteFailureTests.AssertIntact(Db);
    }
}
