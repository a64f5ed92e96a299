using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dyad.Text;

namespace Dyad.Storage.Sql;

/// <summary>
/// The storage contract written once in portable SQL over ADO.NET; the SQLite and PostgreSQL
/// backends add their connection, schema, full-text search and error messages.
/// </summary>
internal abstract partial class SqlStore : IStore
{
    private readonly ConcurrentDictionary<(string, string, string, string), long> _actors = new();

    public abstract string Description { get; }

    public int SchemaVersion { get; private set; }

    protected abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>An open connection, ready for use (pragmas set).</summary>
    protected abstract DbConnection Open();

    /// <summary>Serialises concurrent migrations (PostgreSQL: an advisory lock; SQLite: the write transaction already does).</summary>
    protected virtual void LockForMigration(DbConnection connection, DbTransaction transaction)
    {
    }

    /// <summary>Serialises writers where the database would not (PostgreSQL); SQLite's write transaction already does.</summary>
    protected virtual void LockForWrite(DbConnection connection, DbTransaction transaction)
    {
    }

    /// <summary>A clear message for a database error the user can act on; null to let it through.</summary>
    protected abstract StoreException? Translate(Exception exception);

    /// <summary>
    /// Adds the documents written in this transaction (those with <c>seq</c> greater than
    /// <paramref name="afterSeq"/>), once all their rows are in, to the full-text indexes the backend
    /// keeps apart (SQLite FTS5: documents and quotes).
    /// </summary>
    protected virtual void IndexNewDocuments(DbConnection connection, DbTransaction transaction, long afterSeq)
    {
    }

    internal void IndexNewDocumentsFor(DbConnection connection, DbTransaction transaction, long afterSeq) => IndexNewDocuments(connection, transaction, afterSeq);

    /// <summary>A statement prepared for many executions in one write transaction.</summary>
    protected virtual Statement Prepare(DbConnection connection, DbTransaction transaction, string sql, int parameters) =>
        new AdoStatement(connection, transaction, sql, parameters);

    internal Statement PrepareFor(DbConnection connection, DbTransaction transaction, string sql, int parameters) => Prepare(connection, transaction, sql, parameters);

    /// <summary>
    /// Writes buffered rows of a plain insert (no conflict clause) in bulk where the backend has a
    /// faster path than multi-row statements (PostgreSQL: binary COPY); false to use the statements.
    /// Each chunk holds <paramref name="rowsPerChunk"/> rows of <paramref name="width"/> values, the last one <paramref name="rowsInLast"/>.
    /// </summary>
    protected internal virtual bool BulkInsert(DbConnection connection, string table, string columns, IReadOnlyList<Value[]> chunks, int rowsPerChunk, int rowsInLast, int width) => false;

    /// <summary>The most parameters one multi-row statement may take.</summary>
    protected internal virtual int MaxParameters => 999;

    public abstract IReadOnlyList<SearchHit> Search(string text, int limit = 20);

    /// <summary>How many of the most recently stored matches a search ranks (<see cref="SearchRules.Window"/>; tests set a small one).</summary>
    internal int SearchWindow { get; set; } = SearchRules.Window;

    protected T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException && Translate(ex) is not null)
        {
            throw Translate(ex)!;
        }
    }

    /// <summary>Creates the version table if needed and applies every migration newer than the store's.</summary>
    protected void Migrate()
    {
        Guard(() =>
        {
            using var c = Open();
            Db.Execute(c, null, "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            using var tx = c.BeginTransaction();
            LockForMigration(c, tx);
            var current = Convert.ToInt32(Db.Scalar(c, tx, "SELECT coalesce(max(version), 0) FROM schema_version") ?? 0, CultureInfo.InvariantCulture);
            var latest = Migrations[^1].Version;
            if (current > latest)
            {
                throw new StoreException($"{Description} has schema version {current}, newer than this Dyad knows ({latest}): use a newer dyad with this store.");
            }

            foreach (var migration in Migrations.Where(m => m.Version > current))
            {
                foreach (var statement in migration.Statements)
                {
                    Db.Execute(c, tx, statement);
                }

                Db.Execute(c, tx, "INSERT INTO schema_version (version, description, applied_at) VALUES (@p0, @p1, @p2)", (long)migration.Version, migration.Description, Now());
            }

            tx.Commit();
            SchemaVersion = latest;
            return 0;
        });
    }

    internal static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public bool Has(string documentId) => Guard(() =>
    {
        using var c = Open();
        return Db.Scalar(c, null, "SELECT 1 FROM documents WHERE id = @p0", documentId) is not null;
    });

    public SaveResult Save(IReadOnlyList<Analysis> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return SaveResult.Empty;
        }

        return Guard(() =>
        {
            using var c = Open();
            using var tx = c.BeginTransaction();
            LockForWrite(c, tx);
            using var writer = new BatchWriter(this, c, tx);
            var failed = new List<SaveFailure>();
            var candidates = new List<Analysis>(batch.Count);
            foreach (var analysis in batch)
            {
                if (AnalysisCheck.Problem(analysis) is { } problem)
                {
                    failed.Add(new SaveFailure(analysis.Id, analysis.Document.Origin, problem));
                }
                else
                {
                    candidates.Add(analysis);
                }
            }

            // Stored documents are skipped by the insert itself (ON CONFLICT DO NOTHING): no lookup first.
            var added = writer.Write(candidates);
            var unchanged = candidates.Count - added;
            writer.Finish();
            tx.Commit();
            foreach (var (key, id) in writer.NewActors)
            {
                _actors[key] = id;
            }

            return new SaveResult(added, unchanged, failed);
        });
    }

    internal bool TryCachedActor((string, string, string, string) key, out long id) => _actors.TryGetValue(key, out id);

    public StoreCounts Counts() => Guard(() =>
    {
        using var c = Open();
        long Count(string table) => Convert.ToInt64(Db.Scalar(c, null, $"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture);
        return new StoreCounts(Count("documents"), Count("events"), Count("event_mentions"), Count("entities"), Count("quotes"), Count("places"));
    });

    public Analysis? Load(string documentId) => Guard(() =>
    {
        using var c = Open();
        Document document;
        double? tone;
        string id;
        long seq;
        System.Collections.Immutable.ImmutableArray<Sentence> sentences;
        using (var cmd = Db.Command(c, null, "SELECT id, url, source, title, byline, date, language, text, body_start, origin, tone, sentences, seq FROM documents WHERE id = @p0", documentId))
        using (var r = cmd.ExecuteReader())
        {
            if (!r.Read())
            {
                return null;
            }

            id = r.GetString(0);
            document = new Document
            {
                Id = id,
                Url = r.Str(1),
                Source = r.Str(2),
                Title = r.Str(3),
                Byline = r.Str(4),
                Date = r.Day(5),
                Language = r.GetString(6),
                Text = r.GetString(7),
                BodyStart = r.Int(8),
                Origin = r.Str(9) ?? "-",
            };
            tone = r.DoubleOrNull(10);
            sentences = SentenceList.Unpack(r.GetString(11));
            seq = r.GetInt64(12);
        }

        var times = Rows(c, "SELECT span_start, span_end, text, type, value, mod FROM times WHERE doc_seq = @p0 ORDER BY idx", seq,
            r => new TimeExpression(r.Int(0), r.Int(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Str(5)));
        var mentions = Rows(c, "SELECT entity_idx, span_start, span_end, text, kind, type FROM mentions WHERE doc_seq = @p0 ORDER BY entity_idx, idx", seq,
            r => (Entity: r.Long(0), Mention: new Mention(r.Int(1), r.Int(2), r.GetString(3), (MentionKind)r.Int(4), r.Str(5))))
            .ToLookup(m => m.Entity, m => m.Mention);
        var entities = Rows(c, "SELECT local_id, name, type, kb_id, country, sector, actor_code, role FROM entities WHERE doc_seq = @p0 ORDER BY idx", seq,
            r => new Entity
            {
                Id = r.GetString(0), Name = r.GetString(1), Type = r.GetString(2), KbId = r.Str(3), Country = r.Str(4),
                Sector = r.Str(5), ActorCode = r.Str(6), Role = r.Str(7),
            });
        entities = [.. entities.Select((e, i) => e with { Mentions = [.. mentions[i]] })];
        var quotes = Rows(c, "SELECT span_start, span_end, text, direct, speaker_entity, speaker_name, speaker_start, speaker_end, cue_start, cue_end, cue_text FROM quotes WHERE doc_seq = @p0 ORDER BY idx", seq,
            r => new Quote(r.Int(0), r.Int(1), r.GetString(2), r.Bool(3),
                r.IsDBNull(5) ? null : new QuoteSpeaker(r.Str(4), r.GetString(5), r.Int(6), r.Int(7)),
                r.IsDBNull(10) ? null : new SpanText(r.Int(8), r.Int(9), r.GetString(10))));
        var places = Rows(c, "SELECT span_start, span_end, text, name, geonames_id, feature, country, admin1, lat, lon FROM places WHERE doc_seq = @p0 ORDER BY idx", seq,
            r => new Place(r.Int(0), r.Int(1), r.GetString(2), r.GetString(3), r.LongOrNull(4), r.GetString(5), r.Str(6), r.Str(7), r.DoubleOrNull(8), r.DoubleOrNull(9)));
        var events = Rows(c, """
            SELECT local_id, type, mode, context, cameo, quad_class, goldstein, date, source_json, target_json, place_json,
                   negated, hypothetical, future, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, quote_idx
            FROM doc_events WHERE doc_seq = @p0 ORDER BY idx
            """, seq,
            r => new Event
            {
                Id = r.GetString(0), Type = r.GetString(1), Mode = r.Str(2), Context = SplitContext(r.Str(3)), Cameo = r.GetString(4),
                QuadClass = r.Int(5), Goldstein = r.Double(6), Date = r.GetString(7),
                Source = [.. JsonSerializer.Deserialize<EventActor[]>(r.GetString(8)) ?? []],
                Target = [.. JsonSerializer.Deserialize<EventActor[]>(r.GetString(9)) ?? []],
                Place = r.IsDBNull(10) ? null : JsonSerializer.Deserialize<EventPlace>(r.GetString(10)),
                Negated = r.Bool(11), Hypothetical = r.Bool(12), Future = r.Bool(13),
                Sentence = new TextRange(r.Int(14), r.Int(15)),
                Trigger = new SpanText(r.Int(16), r.Int(17), r.GetString(18)),
                Quote = r.IsDBNull(19) ? null : r.Int(19),
            });

        return new Analysis(document)
        {
            Id = id,
            Tokens = Tokenizer.Tokenize(document.Text),
            Sentences = [.. sentences],
            Times = [.. times],
            Entities = [.. entities],
            Quotes = [.. quotes],
            Places = [.. places],
            Events = [.. events],
            Tone = tone,
        };
    });

    internal static System.Collections.Immutable.ImmutableArray<string> SplitContext(string? context) =>
        string.IsNullOrEmpty(context) ? [] : [.. context.Split(',')];

    private static List<T> Rows<T>(DbConnection c, string sql, long seq, Func<DbDataReader, T> map)
    {
        using var cmd = Db.Command(c, null, sql, seq);
        using var r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read())
        {
            list.Add(map(r));
        }

        return list;
    }

    /// <summary>Runs a script of statements separated by lines holding only ';' in one transaction (tests: build an older schema).</summary>
    internal void ExecuteForTest(string script) => Guard(() =>
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        foreach (var statement in new Migration(0, "", script).Statements)
        {
            Db.Execute(c, tx, statement);
        }

        tx.Commit();
        return 0;
    });

    /// <summary>The backend's migrations (tests).</summary>
    internal IReadOnlyList<Migration> MigrationsForTest => Migrations;

    /// <summary>Runs a read query (tests: reference queries to compare an optimised query with).</summary>
    internal List<T> QueryForTest<T>(string sql, IReadOnlyList<object?> args, Func<DbDataReader, T> map) => Query(sql, args, map);

    protected List<T> Query<T>(string sql, IReadOnlyList<object?> args, Func<DbDataReader, T> map) => Guard(() =>
    {
        using var c = Open();
        using var cmd = Db.Command(c, null, sql, [.. args]);
        using var r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read())
        {
            list.Add(map(r));
        }

        return list;
    });

    // ---- queries -------------------------------------------------------------------------

    private const string EventColumns = """
        e.id, e.type, e.mode, e.context, e.cameo, e.quad_class, e.goldstein, e.day,
        sa.code, sa.name, sa.country, sa.sector, ta.code, ta.name, ta.country, ta.sector,
        e.place_name, e.place_geonames_id, e.place_country, e.place_lat, e.place_lon,
        e.num_mentions, e.num_articles, e.num_sources, e.avg_tone, e.is_root, e.first_doc_id, e.source_url, e.added_at
        """;

    private const string EventFrom = " FROM events e JOIN actors sa ON sa.id = e.source_actor JOIN actors ta ON ta.id = e.target_actor ";

    private static string? Empty(string s) => s.Length == 0 ? null : s;

    private static EventRecord ReadEvent(DbDataReader r) => new()
    {
        Id = r.Long(0),
        Type = r.GetString(1),
        Mode = r.Str(2),
        Context = SplitContext(r.Str(3)),
        Cameo = r.GetString(4),
        QuadClass = r.Int(5),
        Goldstein = r.Double(6),
        Date = EventMerge.FromInt(r.Long(7)),
        Source = new ActorRecord(Empty(r.GetString(8)), Empty(r.GetString(9)), Empty(r.GetString(10)), Empty(r.GetString(11))),
        Target = new ActorRecord(Empty(r.GetString(12)), Empty(r.GetString(13)), Empty(r.GetString(14)), Empty(r.GetString(15))),
        Place = r.IsDBNull(16) ? null : new PlaceRecord(r.GetString(16), r.LongOrNull(17), r.Str(18), r.DoubleOrNull(19), r.DoubleOrNull(20)),
        NumMentions = r.Int(21),
        NumArticles = r.Int(22),
        NumSources = r.Int(23),
        AvgTone = r.DoubleOrNull(24),
        IsRoot = r.Bool(25),
        FirstDocumentId = r.GetString(26),
        SourceUrl = r.Str(27),
        AddedAt = DateTimeOffset.Parse(r.GetString(28), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
    };

    /// <summary>Actors a query word names: an actor code (RUSGOV), a country code (RUS) or a name, in any case.</summary>
    private static string ActorMatch(string who, List<object?> args)
    {
        var upper = who.Trim().ToUpperInvariant();
        args.Add(upper);
        var code = "@p" + (args.Count - 1).ToString(CultureInfo.InvariantCulture);
        args.Add(NameKey(who));
        var name = "@p" + (args.Count - 1).ToString(CultureInfo.InvariantCulture);
        return $"SELECT id FROM actors WHERE code = {code} OR country = {code} OR name_key = {name}";
    }

    internal static string NameKey(string name) => DocumentId.Normalise(name).ToUpperInvariant();

    private static string Param(List<object?> args, object? value)
    {
        args.Add(value);
        return "@p" + (args.Count - 1).ToString(CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<EventRecord> Events(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var args = new List<object?>();
        var where = new List<string>();
        if (query.Country is { } country)
        {
            var p = Param(args, country.Trim().ToUpperInvariant());
            where.Add($"(source_actor IN (SELECT id FROM actors WHERE country = {p}) OR target_actor IN (SELECT id FROM actors WHERE country = {p}))");
        }

        if (query.Type is { } type)
        {
            where.Add($"type = {Param(args, type.Trim().ToUpperInvariant())}");
        }

        if (query.QuadClass is { } quad)
        {
            where.Add($"quad_class = {Param(args, (long)quad)}");
        }

        if (query.From is { } from)
        {
            where.Add($"day >= {Param(args, from)}");
        }

        if (query.To is { } to)
        {
            where.Add($"day <= {Param(args, to)}");
        }

        if (query.Place is { } place)
        {
            var p = Param(args, place.Trim());
            var pu = Param(args, place.Trim().ToUpperInvariant());
            where.Add($"(place_country = {pu} OR lower(place_name) = lower({p}))");
        }

        // Each arm keeps its first offset+limit ids; the union is sliced on (day, id) read from the
        // arms' index entries, so only the returned page's rows are read and joined.
        var offsetCount = (long)Math.Max(0, query.Offset);
        var limit = Param(args, (long)Math.Max(1, query.Limit));
        var offset = Param(args, offsetCount);
        var window = Param(args, offsetCount + Math.Max(1, query.Limit));
        if (EventArms(query, args) is { } arms)
        {
            if (arms.Count == 0)
            {
                return []; // a word that names no actor
            }

            return Query(ArmsSql(arms, where, limit, offset, window), args, ReadEvent);
        }

        string sql;
        if (query.Source is { } source)
        {
            where.Add($"source_actor IN ({ActorMatch(source, args)})");
        }

        if (query.Target is { } target)
        {
            where.Add($"target_actor IN ({ActorMatch(target, args)})");
        }

        if (query.Actor is { } actor)
        {
            // Top rows by day through each side's (actor, day) index, then the union's top rows:
            // the inner queries read only index entries, so a busy actor stays fast.
            var match = ActorMatch(actor, args);
            var rest = where.Count == 0 ? "" : " AND " + string.Join(" AND ", where);
            sql = $"""
                SELECT {EventColumns}{EventFrom}
                WHERE e.id IN (SELECT id FROM (
                  SELECT id, day FROM (SELECT id, day FROM events WHERE source_actor IN ({match}){rest} ORDER BY day DESC, id DESC LIMIT {window}) s
                  UNION
                  SELECT id, day FROM (SELECT id, day FROM events WHERE target_actor IN ({match}){rest} ORDER BY day DESC, id DESC LIMIT {window}) t
                  ORDER BY day DESC, id DESC LIMIT {limit} OFFSET {offset}) w)
                ORDER BY e.day DESC, e.id DESC
                """;
        }
        else
        {
            var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
            sql = $"SELECT {EventColumns}{EventFrom}{filter} ORDER BY e.day DESC, e.id DESC LIMIT {limit} OFFSET {offset}";
        }

        return Query(sql, args, ReadEvent);
    }

    /// <summary>Most actor-id conditions one query splits into (one index walk each).</summary>
    private const int MaxArms = 32;

    /// <summary>
    /// The query's actor words resolved to actor ids, as a list of conditions with one id per side
    /// ("arms"): each arm walks an (actor, [type,] day) index already in (day, id) order, so a page of
    /// the newest events reads a page of index entries per arm instead of sorting every match.
    /// Null when the words name too many actors (or actor is combined with source/target): the caller
    /// then uses IN lists. An empty list when a word names no actor.
    /// </summary>
    private List<string>? EventArms(EventQuery query, List<object?> args)
    {
        if (query.Actor is not null && (query.Source is not null || query.Target is not null))
        {
            return null;
        }

        List<long>? Ids(string? who) => who is null ? null : ActorIds(who);
        var actor = Ids(query.Actor);
        var source = Ids(query.Source);
        var target = Ids(query.Target);
        if (actor is { Count: 0 } || source is { Count: 0 } || target is { Count: 0 })
        {
            return [];
        }

        var arms = new List<string>();
        if (actor is not null)
        {
            if (actor.Count * 2 > MaxArms)
            {
                return null;
            }

            arms.AddRange(actor.Select(id => $"source_actor = {Param(args, id)}"));
            arms.AddRange(actor.Select(id => $"target_actor = {Param(args, id)}"));
        }
        else if (source is not null && target is not null)
        {
            if (source.Count * target.Count > MaxArms)
            {
                return null;
            }

            var targets = target.Select(id => Param(args, id)).ToList();
            arms.AddRange(source.SelectMany(s => { var sp = Param(args, s); return targets.Select(tp => $"source_actor = {sp} AND target_actor = {tp}"); }));
        }
        else if (source is not null || target is not null)
        {
            var (ids, column) = source is not null ? (source, "source_actor") : (target!, "target_actor");
            if (ids.Count > MaxArms)
            {
                return null;
            }

            arms.AddRange(ids.Select(id => $"{column} = {Param(args, id)}"));
        }
        else
        {
            return null; // no actor condition: the plain query walks (type, day), (place_country, day) or (day)
        }

        return arms;
    }

    /// <summary>
    /// A page of the newest events of a union of arms: each arm's first offset+limit (id, day) by (day, id),
    /// then the union's page sliced before any row is read, so the outer query reads and joins only the page.
    /// </summary>
    private static string ArmsSql(IReadOnlyList<string> arms, IReadOnlyList<string> where, string limit, string offset, string window)
    {
        var rest = where.Count == 0 ? "" : " AND " + string.Join(" AND ", where);
        var union = string.Join("\n  UNION\n  ", arms.Select((arm, i) =>
            string.Create(CultureInfo.InvariantCulture, $"SELECT id, day FROM (SELECT id, day FROM events WHERE {arm}{rest} ORDER BY day DESC, id DESC LIMIT {window}) a{i}")));
        return $"""
            SELECT {EventColumns}{EventFrom}
            WHERE e.id IN (SELECT id FROM (
              {union}
              ORDER BY day DESC, id DESC LIMIT {limit} OFFSET {offset}) w)
            ORDER BY e.day DESC, e.id DESC
            """;
    }

    /// <summary>The ids of the actors a query word names: an actor code, a country code or a name, in any case.</summary>
    private List<long> ActorIds(string who) =>
        Query("SELECT id FROM actors WHERE code = @p0 OR country = @p0 OR name_key = @p1", [who.Trim().ToUpperInvariant(), NameKey(who)], r => r.Long(0));

    private const string MentionSql = """
        SELECT m.event_id, d.id, m.local_id, d.url, d.source, d.date,
               m.sentence_start, m.sentence_end, m.trigger_start, m.trigger_end, m.trigger_text
        FROM event_mentions m JOIN documents d ON d.seq = m.doc_seq
        """;

    private static EventMentionRecord ReadMention(DbDataReader r, string? sentenceText) => new(
        r.Long(0), r.GetString(1), r.GetString(2), r.Str(3), r.Str(4), r.Day(5),
        new TextRange(r.Int(6), r.Int(7)), new SpanText(r.Int(8), r.Int(9), r.GetString(10)), sentenceText);

    public IReadOnlyList<EventMentionRecord> Mentions(long eventId)
    {
        var rows = Query(MentionSql.Replace("d.date,", "d.date, d.text,", StringComparison.Ordinal) + " WHERE m.event_id = @p0 ORDER BY d.date, d.id, m.local_id", [eventId], r =>
        {
            var text = r.GetString(6);
            var start = r.Int(7);
            var end = r.Int(8);
            return new EventMentionRecord(
                r.Long(0), r.GetString(1), r.GetString(2), r.Str(3), r.Str(4), r.Day(5),
                new TextRange(start, end), new SpanText(r.Int(9), r.Int(10), r.GetString(11)),
                start >= 0 && end <= text.Length && start <= end ? text[start..end] : null);
        });
        return rows;
    }

    public IEnumerable<EventRecord> AllEvents(bool withMentions)
    {
        using var c = Open();
        using var cmd = Db.Command(c, null, $"SELECT {EventColumns}{EventFrom} ORDER BY e.id");
        using var r = cmd.ExecuteReader();
        using var mc = withMentions ? Open() : null;
        using var mcmd = mc is null ? null : Db.Command(mc, null, MentionSql + " ORDER BY m.event_id, d.id, m.local_id");
        using var mr = mcmd?.ExecuteReader();
        EventMentionRecord? pending = null;
        if (mr is not null && mr.Read())
        {
            pending = ReadMention(mr, null);
        }

        while (r.Read())
        {
            var e = ReadEvent(r);
            if (mr is not null)
            {
                var list = new List<EventMentionRecord>();
                while (pending is not null && pending.EventId <= e.Id)
                {
                    if (pending.EventId == e.Id)
                    {
                        list.Add(pending);
                    }

                    pending = mr.Read() ? ReadMention(mr, null) : null;
                }

                e = e with { Mentions = list };
            }

            yield return e;
        }
    }

    /// <summary>Tables and join conditions of a quote search through a text index, and the order that index gives.</summary>
    protected sealed record QuoteSource(string From, string OrderBy);

    /// <summary>
    /// A quote search through the backend's own text index (SQLite: a word index), or null when it has
    /// none for these words: then documents are walked newest first (documents_date). Either way the
    /// quotes come in the same order: newest document first (date, then insertion), then as in the text.
    /// </summary>
    protected virtual QuoteSource? QuoteIndexSource(QuoteQuery query, List<object?> args) => null;

    public IReadOnlyList<QuoteRecord> Quotes(QuoteQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var args = new List<object?>();
        var where = new List<string>();
        if (query.Speaker is { } speaker)
        {
            where.Add($"lower(q.speaker_name) LIKE {Param(args, Like(speaker))} ESCAPE '\\'");
        }

        if (query.Text is { } text)
        {
            where.Add($"lower(q.text) LIKE {Param(args, Like(text))} ESCAPE '\\'");
        }

        if (query.From is { } from)
        {
            where.Add($"d.date >= {Param(args, from)}");
        }

        if (query.To is { } to)
        {
            where.Add($"d.date <= {Param(args, to)}");
        }

        var source = query.Speaker is null && query.Text is null || FewDocumentsBetween(query.From, query.To) ? null : QuoteIndexSource(query, args);
        var tables = source?.From ?? "documents d CROSS JOIN quotes q WHERE q.doc_seq = d.seq";
        var order = source?.OrderBy ?? "d.date DESC, d.seq DESC, q.idx";
        var filter = where.Count == 0 ? "" : " AND " + string.Join(" AND ", where);
        var sql = $"""
            SELECT d.id, d.date, d.title, d.url, q.speaker_name, q.speaker_entity, q.text, q.direct, q.span_start, q.span_end
            FROM {tables}{filter}
            ORDER BY {order} LIMIT {Param(args, (long)Math.Max(1, query.Limit))}
            """;
        return Query(sql, args, r => new QuoteRecord(r.GetString(0), r.Day(1), r.Str(2), r.Str(3), r.Str(4), r.Str(5), r.GetString(6), r.Bool(7), r.Int(8), r.Int(9)));
    }

    /// <summary>
    /// Below this many documents in a quote search's date range (both ends given), the documents of the
    /// range are walked newest first (documents_date) instead of the text index: a common word is a
    /// prefix term whose every doclist FTS5 merges in full before the range applies ("minister" within
    /// one month of 100,000 quotes: ~6 ms against ~1 ms). The same rows in the same order either way
    /// (the LIKE check decides; contract test). Tests set 0 to force the index.
    /// </summary>
    internal int QuoteDateWalkLimit { get; set; } = 2000;

    private bool FewDocumentsBetween(DateOnly? from, DateOnly? to) =>
        from is { } f && to is { } t && QuoteDateWalkLimit > 0
        && Query("SELECT count(*) FROM (SELECT 1 FROM documents WHERE date >= @p0 AND date <= @p1 LIMIT @p2) x", [f, t, (long)QuoteDateWalkLimit], r => r.GetInt64(0))[0] < QuoteDateWalkLimit;

    /// <summary>A LIKE pattern that finds the words anywhere, wildcards in them taken literally.</summary>
    private static string Like(string text) =>
        "%" + text.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    public IReadOnlyList<EntityRecord> Entities(EntityQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var args = new List<object?>();
        var where = new List<string>();
        if (query.Type is { } type)
        {
            where.Add($"type = {Param(args, type.Trim().ToUpperInvariant())}");
        }

        if (query.Name is { } name)
        {
            where.Add($"lower(name) LIKE {Param(args, Like(name))} ESCAPE '\\'");
        }

        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        var sql = $"""
            SELECT name, type, max(kb_id), max(country), max(actor_code), sum(mention_count) AS mentions, count(*) AS documents
            FROM entities{filter}
            GROUP BY name, type ORDER BY mentions DESC, documents DESC, name LIMIT {Param(args, (long)Math.Max(1, query.Limit))}
            """;
        return Query(sql, args, r => new EntityRecord(r.GetString(0), r.GetString(1), r.Str(2), r.Str(3), r.Str(4), r.Long(5), r.Long(6)));
    }

    public IReadOnlyList<DyadRecord> Dyads(DyadQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var args = new List<object?>();
        string Key(string a) => query.Level == DyadLevel.Country
            ? $"{a}.country"
            : $"CASE WHEN {a}.code <> '' THEN {a}.code ELSE {a}.name END";
        var where = new List<string> { $"{Key("sa")} <> ''", $"{Key("ta")} <> ''" };
        if (query.From is { } from)
        {
            where.Add($"e.day >= {Param(args, from)}");
        }

        if (query.To is { } to)
        {
            where.Add($"e.day <= {Param(args, to)}");
        }

        var sql = $"""
            SELECT CASE WHEN sk <= tk THEN sk ELSE tk END AS a, CASE WHEN sk <= tk THEN tk ELSE sk END AS b,
                   count(*) AS events, sum(num_mentions), avg(goldstein),
                   sum(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END), sum(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END)
            FROM (SELECT {Key("sa")} AS sk, {Key("ta")} AS tk, e.num_mentions, e.goldstein, e.quad_class{EventFrom}
                  WHERE {string.Join(" AND ", where)}) x
            GROUP BY CASE WHEN sk <= tk THEN sk ELSE tk END, CASE WHEN sk <= tk THEN tk ELSE sk END
            ORDER BY events DESC, a, b LIMIT {Param(args, (long)Math.Max(1, query.Limit))}
            """;
        return Query(sql, args, r => new DyadRecord(r.GetString(0), r.GetString(1), r.Long(2), r.Long(3), r.Double(4), r.Long(5), r.Long(6)));
    }

    public IReadOnlyList<TimelineRecord> Timeline(TimelineQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        switch (PairAggregate(query.A, query.B))
        {
            case Aggregate.Country:
                return AggregateTimeline(query, "country");
            case Aggregate.ActorCode:
                return AggregateTimeline(query, "actor");
        }

        var args = new List<object?>();
        var dayFilter = "";
        if (query.From is { } from)
        {
            dayFilter += $" AND day >= {Param(args, from)}";
        }

        if (query.To is { } to)
        {
            dayFilter += $" AND day <= {Param(args, to)}";
        }

        var a = ActorMatch(query.A, args);
        var b = ActorMatch(query.B, args);
        var sql = $"""
            SELECT {PeriodKey(query.By)} AS period, count(*), sum(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END),
                   sum(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END), sum(goldstein)
            FROM events WHERE ((source_actor IN ({a}) AND target_actor IN ({b})) OR (source_actor IN ({b}) AND target_actor IN ({a}))){dayFilter}
            GROUP BY period
            """;
        return Periods(Query(sql, args, r => ReadPeriod(r, query.By)), query.By, query.Limit);
    }

    /// <summary>
    /// Both sides are countries: the country-pair aggregates answer, whole months from country_months,
    /// whole weeks from country_weeks (schema v4), days and the days of a period the range cuts from
    /// country_days. One arm per direction (UNION ALL: an OR of the two key ranges would collect and
    /// re-read the rows' keys first). The rows come unsorted and ungrouped (no sorter in the database:
    /// a few hundred to a few thousand rows read in key order) and are summed per period here.
    /// </summary>
    /// <remarks>
    /// Both sides are actor codes (schema v7): the same reading from actor_days/weeks/months, keyed by
    /// the pair of actor codes (<paramref name="prefix"/> "actor"; "country" for the country tables).
    /// </remarks>
    private List<TimelineRecord> AggregateTimeline(TimelineQuery query, string prefix)
    {
        var args = new List<object?>();
        var a = Param(args, query.A.Trim().ToUpperInvariant());
        var b = Param(args, query.B.Trim().ToUpperInvariant());
        var (source, target) = prefix == "country" ? ("source_country", "target_country") : ("source_code", "target_code");
        List<string> directions = string.Equals(query.A.Trim(), query.B.Trim(), StringComparison.OrdinalIgnoreCase)
            ? [$"{source} = {a} AND {target} = {a}"]
            : [$"{source} = {a} AND {target} = {b}", $"{source} = {b} AND {target} = {a}"];

        // Periods wholly inside the range come from the period table (key >= first AND key <= last);
        // the days of the range's first and last period when the range cuts them, from country_days.
        string? table = null, column = null;
        long? first = null, last = null;
        var edges = new List<(DateOnly? From, DateOnly? To)>();
        if (query.By == Period.Day)
        {
            edges.Add((query.From, query.To));
        }
        else
        {
            (table, column) = query.By == Period.Week ? (prefix + "_weeks", "week") : (prefix + "_months", "month");
            long Key(DateOnly start) => query.By == Period.Week ? start.DayNumber + JdnOfDayZero : EventMerge.ToInt(start) / 100;
            if (query.From is { } f)
            {
                var start = PeriodStart(f, query.By);
                first = Key(f == start ? start : PeriodEnd(start, query.By).AddDays(1));
                if (f != start)
                {
                    var end = PeriodEnd(start, query.By);
                    edges.Add((f, query.To is { } t0 && t0 < end ? t0 : end));
                }
            }

            if (query.To is { } t)
            {
                var start = PeriodStart(t, query.By);
                last = Key(t == PeriodEnd(start, query.By) ? start : start.AddDays(-1));
                var cutAtStart = query.From is { } f1 && f1 != PeriodStart(f1, query.By) && PeriodStart(f1, query.By) == start;
                if (t != PeriodEnd(start, query.By) && !cutAtStart)
                {
                    edges.Add((query.From is { } f2 && f2 > start ? f2 : start, t));
                }
            }
        }

        // With a limit of n periods, each arm whose rows are distinct periods (the period table; the day
        // table by day) reads only its first n in key order (an index walk that stops): the first n
        // periods of the answer are among them. An edge arm (the days of one cut week or month) is read whole.
        var cap = query.Limit is { } n ? Param(args, (long)Math.Max(1, n)) : null;
        var arms = new List<string>();
        foreach (var d in directions)
        {
            if (table is not null)
            {
                var whole = (first is { } k1 ? $" AND {column} >= {Param(args, k1)}" : "") + (last is { } k2 ? $" AND {column} <= {Param(args, k2)}" : "");
                var kind = query.By == Period.Week ? 1 : 2;
                arms.Add(Capped($"SELECT {kind} AS kind, {column} AS k, events, cooperation, conflict, goldstein FROM {table} WHERE {d}{whole}", column!, cap, arms.Count));
            }

            foreach (var (from, to) in edges)
            {
                var range = (from is { } x ? $" AND day >= {Param(args, x)}" : "") + (to is { } y ? $" AND day <= {Param(args, y)}" : "");
                var arm = $"SELECT 0, day, events, cooperation, conflict, goldstein FROM {prefix}_days WHERE {d}{range}";
                arms.Add(query.By == Period.Day ? Capped(arm, "day", cap, arms.Count) : arm);
            }
        }

        // kind 0: a yyyymmdd day, 1: the Julian day number of a week's Monday, 2: a yyyymm month.
        return Periods(PeriodRows(string.Join("\nUNION ALL\n", arms), args), query.By, query.Limit);
    }

    /// <summary>An arm of a UNION ALL limited to its first rows in key order (a subquery: portable to both backends).</summary>
    private static string Capped(string select, string key, string? cap, int index) => cap is null
        ? select
        : $"SELECT * FROM ({select} ORDER BY {key} LIMIT {cap}) AS arm{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A row of a timeline query: kind (0: a yyyymmdd day, 1: a week's Julian day number, 2: a yyyymm month), key, counts, Goldstein sum.</summary>
    internal readonly record struct PeriodRow(long Kind, long Key, long Events, long Coop, long Conflict, double Goldstein)
    {
        public DateOnly Day => Kind switch
        {
            1 => DateOnly.FromDayNumber((int)(Key - JdnOfDayZero)),
            2 => EventMerge.FromInt((Key * 100) + 1),
            _ => EventMerge.FromInt(Key),
        };
    }

    /// <summary>Runs a timeline query of six columns (kind, key, events, cooperation, conflict, Goldstein sum); SQLite reads them natively.</summary>
    protected virtual List<PeriodRow> PeriodRows(string sql, IReadOnlyList<object?> args) =>
        Query(sql, args, r => new PeriodRow(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetDouble(5)));

    /// <summary>
    /// Timeline rows (any order) summed per period, in period order: the same as the tuple overload
    /// (the same additions in the same row order), without an enumerator per row.
    /// </summary>
    internal static List<TimelineRecord> Periods(List<PeriodRow> rows, Period by, int? limit = null)
    {
        var sums = new Dictionary<DateOnly, (long Events, long Coop, long Conflict, double Goldstein)>(by == Period.Day ? rows.Count : Math.Min(rows.Count, 1024));
        foreach (var d in rows)
        {
            ref var s = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sums, PeriodStart(d.Day, by), out _);
            s = (s.Events + d.Events, s.Coop + d.Coop, s.Conflict + d.Conflict, s.Goldstein + d.Goldstein);
        }

        return Sorted(sums, by, limit);
    }

    internal static DateOnly PeriodEnd(DateOnly start, Period by) => by switch
    {
        Period.Day => start,
        Period.Week => start.AddDays(6),
        _ => start.AddMonths(1).AddDays(-1),
    };

    /// <summary>
    /// A portable SQL expression of the period of a yyyymmdd <c>day</c>: the day itself, the month's
    /// first day (yyyymm01), or for a week the Julian day number of its Monday (integer arithmetic,
    /// the same in SQLite and PostgreSQL), so the database sums the periods and returns few rows.
    /// </summary>
    internal static string PeriodKey(Period by) => by switch
    {
        Period.Day => "day",
        Period.Week => WeekOf("day"),
        _ => "day / 100 * 100 + 1",
    };

    /// <summary>
    /// SQL for the week key of a yyyymmdd integer column: the Julian day number of the ISO week's Monday
    /// (integer arithmetic only, the same in SQLite and PostgreSQL; used by the week aggregate of schema v5).
    /// </summary>
    internal static string WeekOf(string dayColumn)
    {
        var jdn = Jdn.Replace("day", dayColumn, StringComparison.Ordinal);
        return "(" + jdn + ") - (" + jdn + ") % 7";
    }

    private const string Jdn =
        "day % 100 + (153 * (day / 100 % 100 + 12 * ((14 - day / 100 % 100) / 12) - 3) + 2) / 5" +
        " + 365 * (day / 10000 + 4800 - (14 - day / 100 % 100) / 12) + (day / 10000 + 4800 - (14 - day / 100 % 100) / 12) / 4" +
        " - (day / 10000 + 4800 - (14 - day / 100 % 100) / 12) / 100 + (day / 10000 + 4800 - (14 - day / 100 % 100) / 12) / 400 - 32045";

    /// <summary>Julian day number of 0001-01-01, DateOnly's day 0.</summary>
    private const long JdnOfDayZero = 1721426;

    internal static (DateOnly Day, long Events, long Coop, long Conflict, double Goldstein) ReadPeriod(DbDataReader r, Period by) =>
        (by == Period.Week ? DateOnly.FromDayNumber((int)(r.Long(0) - JdnOfDayZero)) : EventMerge.FromInt(r.Long(0)), r.Long(1), r.Long(2), r.Long(3), r.Double(4));

    /// <summary>Counts per day or period (any order) summed per period, in period order; the label is made once per period.</summary>
    internal static List<TimelineRecord> Periods(IEnumerable<(DateOnly Day, long Events, long Coop, long Conflict, double Goldstein)> days, Period by, int? limit = null)
    {
        var sums = new Dictionary<DateOnly, (long Events, long Coop, long Conflict, double Goldstein)>();
        foreach (var d in days)
        {
            ref var s = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sums, PeriodStart(d.Day, by), out _);
            s = (s.Events + d.Events, s.Coop + d.Coop, s.Conflict + d.Conflict, s.Goldstein + d.Goldstein);
        }

        return Sorted(sums, by, limit);
    }

    /// <summary>The periods in order, the first <paramref name="limit"/> of them when given.</summary>
    private static List<TimelineRecord> Sorted(Dictionary<DateOnly, (long Events, long Coop, long Conflict, double Goldstein)> sums, Period by, int? limit)
    {
        var starts = new DateOnly[sums.Count];
        sums.Keys.CopyTo(starts, 0);
        Array.Sort(starts);
        var count = limit is { } n ? Math.Clamp(n, 0, starts.Length) : starts.Length;
        var periods = new List<TimelineRecord>(count);
        foreach (var start in starts.AsSpan(0, count))
        {
            var s = sums[start];
            periods.Add(new TimelineRecord(by == Period.Day ? DayLabel(start) : PeriodOf(start, by).Label, start, s.Events, s.Coop, s.Conflict, MeanGoldstein(s.Goldstein, s.Events)));
        }

        return periods;
    }

    /// <summary>yyyy-MM-dd, as <c>ToString("yyyy-MM-dd", InvariantCulture)</c> for years 1..9999 (without the format parser).</summary>
    internal static string DayLabel(DateOnly day) => string.Create(10, day, static (span, d) =>
    {
        d.Year.TryFormat(span[..4], out _, "D4", CultureInfo.InvariantCulture);
        span[4] = '-';
        d.Month.TryFormat(span.Slice(5, 2), out _, "D2", CultureInfo.InvariantCulture);
        span[7] = '-';
        d.Day.TryFormat(span.Slice(8, 2), out _, "D2", CultureInfo.InvariantCulture);
    });

    internal static DateOnly PeriodStart(DateOnly day, Period by) => by switch
    {
        Period.Day => day,
        Period.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        _ => new DateOnly(day.Year, day.Month, 1),
    };

    private enum Aggregate
    {
        None,
        Country,
        ActorCode,
    }

    /// <summary>
    /// Which pair aggregate answers a timeline exactly. Country: each query word names exactly the
    /// actors of one country (some actor has it as country, no actor of another country has it as
    /// code or name). ActorCode (schema v7): each word names exactly the actors of one code (some actor
    /// has it as code, no actor of another code has it as country or name). Both words, both checks,
    /// in one statement.
    /// </summary>
    private Aggregate PairAggregate(string a, string b)
    {
        var (ua, ub) = (a.Trim().ToUpperInvariant(), b.Trim().ToUpperInvariant());
        if (ua.Length == 0 || ub.Length == 0)
        {
            return Aggregate.None;
        }

        var rows = Query("""
            SELECT (SELECT count(*) FROM actors WHERE country = @p0), (SELECT count(*) FROM actors WHERE (code = @p0 OR name_key = @p1) AND country <> @p0),
                   (SELECT count(*) FROM actors WHERE country = @p2), (SELECT count(*) FROM actors WHERE (code = @p2 OR name_key = @p3) AND country <> @p2),
                   (SELECT count(*) FROM actors WHERE code = @p0), (SELECT count(*) FROM actors WHERE (country = @p0 OR name_key = @p1) AND code <> @p0),
                   (SELECT count(*) FROM actors WHERE code = @p2), (SELECT count(*) FROM actors WHERE (country = @p2 OR name_key = @p3) AND code <> @p2)
            """, [ua, NameKey(a), ub, NameKey(b)], r => (r.Long(0), r.Long(1), r.Long(2), r.Long(3), r.Long(4), r.Long(5), r.Long(6), r.Long(7)));
        var x = rows[0];
        if (ua.Length is >= 2 and <= 3 && ub.Length is >= 2 and <= 3 && x.Item1 > 0 && x.Item2 == 0 && x.Item3 > 0 && x.Item4 == 0)
        {
            return Aggregate.Country;
        }

        return x.Item5 > 0 && x.Item6 == 0 && x.Item7 > 0 && x.Item8 == 0 ? Aggregate.ActorCode : Aggregate.None;
    }

    internal static (string Label, DateOnly Start) PeriodOf(DateOnly day, Period by)
    {
        switch (by)
        {
            case Period.Day:
                return (day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day);
            case Period.Week:
                var dt = day.ToDateTime(TimeOnly.MinValue);
                var year = ISOWeek.GetYear(dt);
                var week = ISOWeek.GetWeekOfYear(dt);
                return (string.Create(CultureInfo.InvariantCulture, $"{year}-W{week:00}"), DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)));
            default:
                return (day.ToString("yyyy-MM", CultureInfo.InvariantCulture), new DateOnly(day.Year, day.Month, 1));
        }
    }

    /// <summary>
    /// The mean Goldstein score of a period to three decimals. Scores are tenths, which doubles hold
    /// inexactly, so a sum depends on the order of its additions (per event, or per day in the
    /// aggregates); rounding the sum to six decimals first makes every path give the same mean,
    /// ties included.
    /// </summary>
    internal static double MeanGoldstein(double sum, long events) => Math.Round(Math.Round(sum, 6) / events, 3);

    public abstract void Dispose();
}
