using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Dyad.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Dyad.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (readers never block the writer), foreign keys
/// on, FTS5 full-text index. A committed batch survives a killed process; an interrupted one leaves
/// no trace. The default file is <c>./dyad.db</c>.
/// </summary>
internal sealed class SqliteStore : SqlStore
{
    public const string DefaultPath = "dyad.db";

    private readonly string _connectionString;
    private readonly string _path;
    private readonly SqliteStoreOptions _options;

    /// <summary>
    /// The native connections (kept by Microsoft.Data.Sqlite's pool across opens) this store has set up:
    /// the PRAGMAs of <see cref="Open"/> are per connection and persist, so a reused one skips them (five
    /// statements prepared and run per query before: a tenth of a small read's CPU time).
    /// </summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();

    /// <summary>The connections on which <see cref="Fts5Ranking"/> is registered (<see cref="Ranked"/>) or could not be.</summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _ranking = new();

    private static readonly object Ranked = new();

    /// <summary>Each document's length for the ranking function (read once, then kept: documents never change).</summary>
    private readonly DocumentLengths _lengths = new();
    private static readonly object NotRanked = new();

    /// <summary>
    /// How many of a phrase's most recently stored matches a search reads to get its document count:
    /// all of them when there are fewer, else the count is estimated from their share (<see cref="Fts5Ranking"/>;
    /// tests set a small one).
    /// </summary>
    internal int DocumentCountSample { get; set; } = SearchRules.DocumentCountSample;

    public SqliteStore(string path, SqliteStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
        _options = options ?? new SqliteStoreOptions();
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new StoreException($"cannot create the store {path}: the folder {folder} does not exist");
        }

        if (Directory.Exists(full))
        {
            throw new StoreException($"cannot use {path} as a store: it is a folder (give a file name, e.g. {Path.Combine(path, DefaultPath)})");
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds)),
        }.ToString();

        Guard(() =>
        {
            using var c = Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode = WAL";
            var mode = Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StoreException($"{path}: cannot switch the database to WAL mode (got '{mode}')");
            }

            return 0;
        });
        Migrate();
    }

    public override string Description => "sqlite " + _path;

    protected override IReadOnlyList<Migration> Migrations => SqliteSchema.Migrations;

    protected override DbConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        try
        {
            c.Open();
            if (c.Handle is { } handle && _configured.TryGetValue(handle, out _))
            {
                return c; // a pooled connection this store set up already: its settings stay with it
            }

            using var cmd = c.CreateCommand();
            cmd.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds}; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;");
            if (_options.MaxPageCount is { } pages)
            {
                cmd.CommandText += string.Create(CultureInfo.InvariantCulture, $" PRAGMA max_page_count = {pages};");
            }

            cmd.ExecuteNonQuery();
            if (c.Handle is { } opened)
            {
                _configured.AddOrUpdate(opened, _configured);
            }

            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether the search's ranking function (<see cref="Fts5Ranking"/>) is on this connection: registered
    /// at its first search (per connection, like the PRAGMAs); where it cannot be, Search uses the built-in bm25().
    /// </summary>
    private bool Ranking(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle })
        {
            return false;
        }

        if (!_ranking.TryGetValue(handle, out var mark))
        {
            mark = Fts5Ranking.Register(handle) ? Ranked : NotRanked;
            _ranking.AddOrUpdate(handle, mark);
        }

        return ReferenceEquals(mark, Ranked);
    }

    protected override Statement Prepare(DbConnection connection, DbTransaction transaction, string sql, int parameters) =>
        new SqliteStatement((SqliteConnection)connection, sql, parameters);

    protected override void IndexNewDocuments(DbConnection connection, DbTransaction transaction, long afterSeq)
    {
        Db.Execute(connection, transaction, "INSERT INTO documents_fts (rowid, title, text) SELECT seq, coalesce(title, ''), text FROM documents WHERE seq > @p0", afterSeq);
        Db.Execute(connection, transaction, SqliteSchema.IndexNewQuotes, afterSeq);
    }

    protected override List<PeriodRow> PeriodRows(string sql, IReadOnlyList<object?> args) => NativeRows.Available
        ? Guard(() =>
        {
            using var c = Open();
            return NativeRows.PeriodRows((SqliteConnection)c, sql, args);
        })
        : base.PeriodRows(sql, args);

    public override IReadOnlyList<SearchHit> Search(string text, int limit = 20)
    {
        var phrases = FtsPhrases(text);
        if (phrases.Count == 0)
        {
            return [];
        }

        var match = string.Join(' ', phrases);

        // Bounded ranking (SearchRules): FTS5 walks the matches newest stored first (descending rowid,
        // its own order) and stops after the window; BM25 scores those rows only, each phrase's document
        // count exact up to DocumentCountSample matches and estimated beyond (dyad_bm25, Fts5Ranking: the
        // built-in bm25() counts each phrase's documents by walking its whole doclist); the page is the
        // best of the window (ties: the newest first). Then the page's rows with a snippet around
        // the first searched phrase or word (SearchSnippet: FTS5's snippet() tokenised each row's whole text). One
        // read transaction: the counts and the scores see the same documents.
        return Guard(() =>
        {
            using var c = Open();
            using var tx = ((SqliteConnection)c).BeginTransaction(deferred: true);
            var page = new List<(long Seq, double Rank)>();
            var ranked = Ranking(c);
            var args = new List<object?> { match, (long)Math.Max(1, SearchWindow), (long)Math.Max(1, limit) };
            var score = "bm25(documents_fts)";
            int[]? lengths = null;
            if (ranked)
            {
                var (counts, newest) = DocumentCounts(c, tx, phrases);
                foreach (var (hits, span) in counts)
                {
                    args.Add(hits);
                    args.Add(span);
                }

                lengths = _lengths.Upto(c, tx, newest);

                score = "dyad_bm25(documents_fts, " + string.Join(", ", Enumerable.Range(3, 2 * phrases.Count).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture))) + ")";
            }

            using (var cmd = Db.Command(c, tx, $"""
                SELECT seq, rank FROM (
                  SELECT rowid AS seq, {score} AS rank FROM documents_fts
                  WHERE documents_fts MATCH @p0 ORDER BY rowid DESC LIMIT @p1)
                ORDER BY rank, seq DESC LIMIT @p2
                """, [.. args]))
            {
                Fts5Ranking.Lengths = lengths; // the scoring callback runs on this thread, inside the reads below
                try
                {
                    using var r = cmd.ExecuteReader();
                    while (r.Read())
                    {
                        page.Add((r.GetInt64(0), r.GetDouble(1)));
                    }
                }
                finally
                {
                    Fts5Ranking.Lengths = null;
                }
            }

            if (page.Count == 0)
            {
                return (IReadOnlyList<SearchHit>)[];
            }

            var seqs = "[" + string.Join(',', page.Select(p => p.Seq.ToString(CultureInfo.InvariantCulture))) + "]";
            var words = SearchSnippet.WordsOf(phrases);
            var quoted = SearchSnippet.PhrasesOf(phrases);
            var rows = new Dictionary<long, (string Id, DateOnly? Date, string? Title, string? Url, string Snippet)>(page.Count);
            using (var cmd = Db.Command(c, tx, """
                SELECT d.seq, d.id, d.date, d.title, d.url, d.text
                FROM documents d WHERE d.seq IN (SELECT value FROM json_each(@p0))
                """, seqs))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    rows[r.GetInt64(0)] = (r.GetString(1), r.Day(2), r.Str(3), r.Str(4), SearchSnippet.Build(r.GetString(5), quoted, words));
                }
            }

            return (IReadOnlyList<SearchHit>)page.Where(p => rows.ContainsKey(p.Seq)).Select(p =>
            {
                var d = rows[p.Seq];
                return new SearchHit(d.Id, d.Date, d.Title, d.Url, d.Snippet, -p.Rank);
            }).ToList();
        });
    }

    /// <summary>
    /// Quotes through the word index quotes_fts (schema v3), newest first by descending rowid (see
    /// <see cref="SqliteSchema.QuoteDayKey"/>), so the walk stops at the page's end. Each word of three
    /// characters or more after the first must begin a word of the field (a prefix lookup; a single
    /// word too, so it is found at word starts only); the caller's LIKE checks the exact words. A word
    /// index, not trigrams: it costs a fraction of a trigram index at ingest (a trigram per character
    /// of every quote). Null when no word is long enough for the index.
    /// </summary>
    protected override QuoteSource? QuoteIndexSource(QuoteQuery query, List<object?> args)
    {
        var parts = new List<string>();
        foreach (var (column, value) in new[] { ("speaker", query.Speaker), ("text", query.Text) })
        {
            if (value is null)
            {
                continue;
            }

            var words = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < words.Length; i++)
            {
                var word = words[i];
                if (word.Length >= 3 && word.Any(char.IsLetterOrDigit))
                {
                    // A word between two others of an ASCII letters-and-digits only: the LIKE check
                    // needs it with white space on both sides, so the field holds it as a whole token
                    // and the exact token (a doclist read in rowid order, stopping at the page's end)
                    // finds the same rows as the prefix (whose matching doclists FTS5 merges in full
                    // first: 4-11 ms for a common word on 100,000 quotes).
                    var whole = i > 0 && i < words.Length - 1 && word.All(char.IsAsciiLetterOrDigit);
                    // The first word of several is no term: the LIKE check accepts it at the end of
                    // a longer word ("oreign minister" in "foreign minister"), which a prefix term
                    // would miss. With no other term the query scans (null below).
                    if (i > 0 || words.Length == 1)
                    {
                        parts.Add(column + " : \"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + (whole ? "\"" : "\"*"));
                    }
                }
            }
        }

        if (parts.Count == 0)
        {
            return null;
        }

        string P(object value)
        {
            args.Add(value);
            return "@p" + (args.Count - 1).ToString(CultureInfo.InvariantCulture);
        }

        var from = $"quotes_fts f CROSS JOIN documents d CROSS JOIN quotes q WHERE f.quotes_fts MATCH {P(string.Join(" AND ", parts))}";
        if (query.From is { } start)
        {
            from += $" AND f.rowid >= {P(SqliteSchema.QuoteDayKey(start) * SqliteSchema.QuoteDayShift)}";
        }

        if (query.To is { } end && SqliteSchema.QuoteDayKey(end) < 131071)
        {
            from += $" AND f.rowid < {P((SqliteSchema.QuoteDayKey(end) + 1) * SqliteSchema.QuoteDayShift)}";
        }

        return new QuoteSource(
            from + " AND d.seq = (f.rowid >> 16) & 1073741823 AND q.doc_seq = d.seq AND q.idx = 65535 - (f.rowid & 65535)",
            "f.rowid DESC");
    }

    /// <summary>
    /// The user's words as an FTS5 query: every word must occur (each quoted, so FTS5 syntax in the
    /// input is never interpreted); a phrase in double quotes stays a phrase.
    /// </summary>
    internal static string FtsQuery(string text) => string.Join(' ', FtsPhrases(text));

    /// <summary>
    /// For each phrase of a search (in FTS5's order), how many documents hold it: (count, 0) when it is in
    /// fewer than <see cref="DocumentCountSample"/> documents (every match walked, newest first, in rowid
    /// order), else (matches among the newest documents down to the sample's oldest, how many documents
    /// were stored since: max(seq) - that seq + 1), from which <see cref="Fts5Ranking"/> estimates the count.
    /// </summary>
    private (List<(long Hits, long Span)> Counts, long Newest) DocumentCounts(DbConnection c, DbTransaction tx, List<string> phrases)
    {
        var args = new List<object?> { (long)Math.Max(1, DocumentCountSample) };
        var arms = new List<string>();
        foreach (var phrase in phrases)
        {
            args.Add(phrase);
            arms.Add($"SELECT {arms.Count} AS i, count(*), coalesce(min(r), 0) FROM (SELECT rowid AS r FROM documents_fts WHERE documents_fts MATCH @p{args.Count - 1} ORDER BY rowid DESC LIMIT @p0)");
        }

        arms.Add("SELECT -1, coalesce(max(seq), 0), 0 FROM documents");
        var counts = new (long Hits, long Oldest)[phrases.Count];
        long newest = 0;
        using (var cmd = Db.Command(c, tx, string.Join("\nUNION ALL\n", arms), [.. args]))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var i = r.GetInt64(0);
                if (i < 0)
                {
                    newest = r.GetInt64(1);
                }
                else
                {
                    counts[i] = (r.GetInt64(1), r.GetInt64(2));
                }
            }
        }

        return ([.. counts.Select(x => x.Hits < DocumentCountSample ? (x.Hits, 0L) : (x.Hits, Math.Max(x.Hits, newest - x.Oldest + 1)))], newest);
    }

    /// <summary>The user's words as FTS5 phrases (each a quoted string, see <see cref="FtsQuery"/>).</summary>
    internal static List<string> FtsPhrases(string text)
    {
        var parts = new List<string>();
        var inPhrase = false;
        var phrase = new List<string>();
        var word = new StringBuilder();
        void EndWord()
        {
            if (word.Length == 0)
            {
                return;
            }

            var w = word.ToString();
            word.Clear();
            if (inPhrase)
            {
                phrase.Add(w);
            }
            else
            {
                parts.Add("\"" + w + "\"");
            }
        }

        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                word.Append(ch);
                continue;
            }

            EndWord();
            if (ch == '"')
            {
                if (inPhrase && phrase.Count > 0)
                {
                    parts.Add("\"" + string.Join(' ', phrase) + "\"");
                }

                phrase.Clear();
                inPhrase = !inPhrase;
            }
        }

        EndWord();
        if (phrase.Count > 0)
        {
            parts.Add("\"" + string.Join(' ', phrase) + "\"");
        }

        return parts;
    }

    protected override StoreException? Translate(Exception exception)
    {
        if (exception is not SqliteException e)
        {
            return null;
        }

        return (e.SqliteErrorCode & 0xFF) switch
        {
            5 or 6 => new StoreException($"{_path} is locked by another process (another dyad ingest?) and stayed locked for {_options.BusyTimeout.TotalSeconds:0.#} s; nothing of this batch was written: run the command again when the other one is done.", e),
            13 => new StoreException($"the disk holding {_path} is full (or the database reached its size limit); the current batch was rolled back and every earlier batch is kept: free some space and run the same command again to resume.", e),
            10 => new StoreException($"input/output error on {_path} ({e.Message}); the current batch was rolled back: check the disk and run the command again.", e),
            11 or 26 => new StoreException($"{_path} is not a Dyad database or is damaged ({e.Message}).", e),
            14 => new StoreException($"cannot open {_path}: check that its folder exists and is writable.", e),
            8 => new StoreException($"{_path} is read-only: dyad needs to write it (and its -wal and -shm files beside it).", e),
            _ => null,
        };
    }

    public override void Dispose()
    {
        using var c = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(c);
    }
}

/// <summary>Tuning for the SQLite store.</summary>
internal sealed record SqliteStoreOptions
{
    /// <summary>How long a write waits for another writer before giving up with a clear error.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A size cap in pages (tests use it to make a "full disk").</summary>
    public long? MaxPageCount { get; init; }
}
