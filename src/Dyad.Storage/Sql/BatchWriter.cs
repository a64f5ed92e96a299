using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Dyad.Storage.Sql;

/// <summary>
/// Writes the documents of one batch inside the caller's transaction and merges their events into
/// the cross-document event table. Rows are written table by table with multi-row
/// <c>INSERT ... VALUES (...), (...)</c> statements prepared once per batch (documents first, then
/// their spans, in foreign-key order); only the event merge, which needs the ids it finds or
/// makes, runs row by row.
/// </summary>
internal sealed class BatchWriter : IDisposable
{
    private const int MaxRowsPerStatement = 64;

    private readonly SqlStore _store;
    private readonly DbConnection _c;
    private readonly DbTransaction _tx;
    private readonly List<Statement> _all = [];
    private readonly Rows _documents, _times, _entities, _mentions, _quotes, _places, _docEvents, _eventMentions;
    private readonly Statement _actorFind, _actorAdd, _eventFind, _eventAdd, _recount, _countryDay, _actorDay;
    private readonly Dictionary<string, long> _newEvents = new(StringComparer.Ordinal);
    private readonly HashSet<long> _recountIds = [];
    private readonly string _now = SqlStore.Now();
    private readonly EventJson _json = new();

    public Dictionary<(string, string, string, string), long> NewActors { get; } = [];

    public BatchWriter(SqlStore store, DbConnection connection, DbTransaction transaction)
    {
        _store = store;
        _c = connection;
        _tx = transaction;
        _documents = new Rows(this, "documents", "id, url, source, source_key, title, byline, date, language, text, body_start, origin, tone, added_at, sentences", " ON CONFLICT (id) DO NOTHING");
        _times = new Rows(this, "times", "doc_seq, idx, span_start, span_end, text, type, value, mod", "");
        _entities = new Rows(this, "entities", "doc_seq, idx, local_id, name, type, kb_id, country, sector, actor_code, role, mention_count", "");
        _mentions = new Rows(this, "mentions", "doc_seq, entity_idx, idx, span_start, span_end, text, kind, type", "");
        _quotes = new Rows(this, "quotes", "doc_seq, idx, span_start, span_end, text, direct, speaker_entity, speaker_name, speaker_start, speaker_end, cue_start, cue_end, cue_text", "");
        _places = new Rows(this, "places", "doc_seq, idx, span_start, span_end, text, name, geonames_id, feature, country, admin1, lat, lon", "");
        _docEvents = new Rows(this, "doc_events", """
            doc_seq, local_id, idx, type, mode, context, cameo, quad_class, goldstein, date, source_json, target_json, place_json,
              negated, hypothetical, future, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, quote_idx
            """, "");
        _eventMentions = new Rows(this, "event_mentions", "event_id, doc_seq, local_id, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, is_root", " ON CONFLICT DO NOTHING");
        _actorFind = S("SELECT id FROM actors WHERE code = @p0 AND name = @p1 AND country = @p2 AND sector = @p3", 4);
        _actorAdd = S("INSERT INTO actors (code, name, name_key, country, sector) VALUES (@p0, @p1, @p2, @p3, @p4) RETURNING id", 5);
        _eventFind = S("SELECT id FROM events WHERE merge_key = @p0", 1);
        _eventAdd = S("""
            INSERT INTO events (merge_key, type, mode, context, cameo, quad_class, goldstein, day, source_actor, target_actor,
              place_name, place_geonames_id, place_country, place_lat, place_lon,
              num_mentions, num_articles, num_sources, avg_tone, is_root, first_doc_id, source_url, added_at)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, 1, 1, 1, @p15, @p16, @p17, @p18, @p19)
            ON CONFLICT (merge_key) DO NOTHING RETURNING id
            """, 20);
        _recount = S("""
            UPDATE events SET
              num_mentions = (SELECT count(*) FROM event_mentions m WHERE m.event_id = @p0),
              num_articles = (SELECT count(DISTINCT m.doc_seq) FROM event_mentions m WHERE m.event_id = @p0),
              num_sources = (SELECT count(DISTINCT d.source_key) FROM event_mentions m JOIN documents d ON d.seq = m.doc_seq WHERE m.event_id = @p0),
              avg_tone = (SELECT avg(d.tone) FROM documents d WHERE d.seq IN (SELECT m.doc_seq FROM event_mentions m WHERE m.event_id = @p0)),
              is_root = (SELECT max(m.is_root) FROM event_mentions m WHERE m.event_id = @p0)
            WHERE id = @p0
            """, 1);
        _countryDay = S(DayUpsert("country_days", "source_country", "target_country"), 6);
        _actorDay = S(DayUpsert("actor_days", "source_code", "target_code"), 6);
    }

    /// <summary>One more event in a per-day pair aggregate (country pairs, actor-code pairs): @p0..@p5 are
    /// source, target, day, cooperation, conflict and Goldstein score.</summary>
    private static string DayUpsert(string table, string source, string target) => $"""
        INSERT INTO {table} ({source}, {target}, day, events, cooperation, conflict, goldstein)
        VALUES (@p0, @p1, @p2, 1, @p3, @p4, @p5)
        ON CONFLICT ({source}, {target}, day) DO UPDATE SET
          events = {table}.events + 1, cooperation = {table}.cooperation + excluded.cooperation,
          conflict = {table}.conflict + excluded.conflict, goldstein = {table}.goldstein + excluded.goldstein
        """;

    private Statement S(string sql, int parameters)
    {
        var statement = _store.PrepareFor(_c, _tx, sql, parameters);
        _all.Add(statement);
        return statement;
    }

    /// <summary>
    /// Writes the documents not stored yet with everything found in them; a stored id (or an id
    /// twice in the batch) is skipped by the insert. Gives the number of documents added.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Write(IReadOnlyList<Analysis> batch)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        // Documents first (everything else refers to them).
        var added = 0;
        var lastSeq = Convert.ToInt64(Db.Scalar(_c, _tx, "SELECT coalesce(max(seq), 0) FROM documents") ?? 0L, CultureInfo.InvariantCulture);
        foreach (var a in batch)
        {
            var d = a.Document;
            _documents.Add(a.Id, d.Url, d.Source, SourceKey(d), d.Title, d.Byline, d.Date, d.Language, d.Text, d.BodyStart, d.Origin, a.Tone, _now, SentenceList.Pack(a.Sentences));
        }

        _documents.Flush();

        // Every span table is keyed by the document's seq first (schema v6): the batch's seqs are all
        // greater than any stored one, so its rows go at the end of each table, in key order.
        // The documents the insert added are those with a seq above the batch's start.
        var seqs = Seqs(lastSeq, batch.Count);
        foreach (var a in batch)
        {
            if (seqs.Remove(a.Id, out var seq))
            {
                Buffer(a, seq);
                added++;
            }
        }

        // Parents before children: entities before mentions, document events before their merged mentions.
        _times.Flush();
        _entities.Flush();
        _mentions.Flush();
        _quotes.Flush();
        _places.Flush();
        _docEvents.Flush();
        _eventMentions.Flush();

        // The full-text entries of the new documents (and, in SQLite, of their quotes) in one statement each.
        _store.IndexNewDocumentsFor(_c, _tx, lastSeq);
        return added;
    }

    /// <summary>The seq the database gave each document of this batch (those after <paramref name="lastSeq"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Dictionary<string, long> Seqs(long lastSeq, int count)
    {
        var seqs = new Dictionary<string, long>(count, StringComparer.Ordinal);
        using var command = Db.Command(_c, _tx, "SELECT id, seq FROM documents WHERE seq > @p0", lastSeq);
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            seqs[r.GetString(0)] = r.GetInt64(1);
        }

        return seqs;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Buffer(Analysis a, long id)
    {
        for (var i = 0; i < a.Times.Length; i++)
        {
            var t = a.Times[i];
            _times.Add(id, i, t.Start, t.End, t.Text, t.Type, t.Value, t.Mod);
        }

        for (var i = 0; i < a.Entities.Length; i++)
        {
            var e = a.Entities[i];
            _entities.Add(id, i, e.Id, e.Name, e.Type, e.KbId, e.Country, e.Sector, e.ActorCode, e.Role, e.Mentions.Length);
            for (var j = 0; j < e.Mentions.Length; j++)
            {
                var m = e.Mentions[j];
                _mentions.Add(id, i, j, m.Start, m.End, m.Text, (int)m.Kind, m.Type);
            }
        }

        for (var i = 0; i < a.Quotes.Length; i++)
        {
            var q = a.Quotes[i];
            _quotes.Add(id, i, q.Start, q.End, q.Text, q.Direct, q.Speaker?.EntityId, q.Speaker?.Name, q.Speaker?.Start, q.Speaker?.End,
                q.Cue?.Start, q.Cue?.End, q.Cue?.Text);
        }

        for (var i = 0; i < a.Places.Length; i++)
        {
            var p = a.Places[i];
            _places.Add(id, i, p.Start, p.End, p.Text, p.Name, p.GeonamesId, p.Feature, p.Country, p.Admin1, p.Lat, p.Lon);
        }

        for (var i = 0; i < a.Events.Length; i++)
        {
            var e = a.Events[i];
            _docEvents.Add(id, e.Id, i, e.Type, e.Mode, e.Context.IsDefaultOrEmpty ? null : string.Join(',', e.Context), e.Cameo, e.QuadClass, e.Goldstein, e.Date,
                _json.Actors(e.Source), _json.Actors(e.Target), _json.Place(e.Place),
                e.Negated, e.Hypothetical, e.Future, e.Sentence.Start, e.Sentence.End, e.Trigger.Start, e.Trigger.End, e.Trigger.Text, e.Quote);
        }

        foreach (var report in EventMerge.Reports(a))
        {
            Merge(a, id, report);
        }
    }

    /// <summary>
    /// The rows of one table for this batch, written by <see cref="Flush"/> with statements of up to
    /// <see cref="MaxRowsPerStatement"/> rows (fewer when the backend's parameter limit says so),
    /// each prepared once per batch and size.
    /// </summary>
    private sealed class Rows(BatchWriter writer, string table, string columns, string suffix)
    {
        private readonly int _width = columns.Split(',').Length;

        // Values in chunks of one statement's worth (small arrays from a pool: no large-object-heap churn).
        private readonly List<Value[]> _chunks = [];
        private readonly Dictionary<int, Statement> _statements = [];
        private int _used;

        private int PerStatement => Math.Clamp(writer._store.MaxParameters / _width, 1, MaxRowsPerStatement);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(params ReadOnlySpan<Value> row)
        {
            if (row.Length != _width)
            {
                throw new ArgumentException($"{table} takes {_width} values, got {row.Length}", nameof(row));
            }

            if (_chunks.Count == 0 || _used == PerStatement * _width)
            {
                _chunks.Add(ArrayPool<Value>.Shared.Rent(PerStatement * _width));
                _used = 0;
            }

            row.CopyTo(_chunks[^1].AsSpan(_used));
            _used += _width;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Flush()
        {
            if (suffix.Length == 0 && _chunks.Count > 0
                && writer._store.BulkInsert(writer._c, table, columns, _chunks, PerStatement, _used / _width, _width))
            {
                Release();
                return;
            }

            for (var i = 0; i < _chunks.Count; i++)
            {
                var count = i < _chunks.Count - 1 ? PerStatement : _used / _width;
                if (!_statements.TryGetValue(count, out var statement))
                {
                    statement = writer.S(Sql(count), count * _width);
                    _statements[count] = statement;
                }

                statement.RunFrom(_chunks[i]);
            }

            Release();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Release()
        {
            foreach (var chunk in _chunks)
            {
                ArrayPool<Value>.Shared.Return(chunk, clearArray: true);
            }

            _chunks.Clear();
            _used = 0;
        }

        // The statement texts of each table and row count, made once per process (a 64-row text is several KB).
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Table, string Columns, string Suffix, int Rows), string> Texts = new();

        private string Sql(int rows) => Texts.GetOrAdd((table, columns, suffix, rows), key => Build(key.Rows));

        private string Build(int rows)
        {
            var sql = new System.Text.StringBuilder("INSERT INTO ").Append(table).Append(" (").Append(columns).Append(") VALUES ");
            var p = 0;
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < _width; c++)
                {
                    sql.Append(c == 0 ? "@p" : ", @p").Append(p++.ToString(CultureInfo.InvariantCulture));
                }

                sql.Append(')');
            }

            return sql.Append(suffix).ToString();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Merge(Analysis a, long seq, EventMerge.Report report)
    {
        var e = report.Event;
        var root = IsRoot(a, e.Sentence);
        long eventId;
        if (_newEvents.TryGetValue(report.Key, out var known))
        {
            eventId = known;
            _recountIds.Add(eventId);
        }
        else
        {
            // Insert first (most reports are of a new event); on a clash with a stored one, find it.
            var (source, sourceCode, sourceCountry) = Actor(report.Source);
            var (target, targetCode, targetCountry) = Actor(report.Target);
            var added = _eventAdd.Scalar(
                report.Key, e.Type.ToUpperInvariant(), e.Mode, e.Context.IsDefaultOrEmpty ? null : string.Join(',', e.Context), e.Cameo, e.QuadClass, e.Goldstein,
                report.Day, source, target, e.Place?.Name, e.Place?.GeonamesId, e.Place?.Country, e.Place?.Lat, e.Place?.Lon,
                a.Tone, root, a.Id, a.Document.Url ?? a.Document.Origin, _now);
            if (added is not null)
            {
                eventId = Convert.ToInt64(added, CultureInfo.InvariantCulture);
                _newEvents[report.Key] = eventId;
                _countryDay.Run(sourceCountry, targetCountry, report.Day, e.QuadClass is 1 or 2, e.QuadClass is 3 or 4, e.Goldstein);
                _actorDay.Run(sourceCode, targetCode, report.Day, e.QuadClass is 1 or 2, e.QuadClass is 3 or 4, e.Goldstein);
            }
            else
            {
                eventId = Convert.ToInt64(_eventFind.Scalar(report.Key), CultureInfo.InvariantCulture);
                _recountIds.Add(eventId);
            }
        }

        _eventMentions.Add(eventId, seq, e.Id, e.Sentence.Start, e.Sentence.End, e.Trigger.Start, e.Trigger.End, e.Trigger.Text, root);
    }

    /// <summary>GDELT's IsRootEvent: the event is told in the lead (the first three sentences, title included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsRoot(Analysis a, TextRange sentence)
    {
        if (a.Sentences.IsDefaultOrEmpty)
        {
            return sentence.Start < a.Document.BodyStart + 400;
        }

        var index = 0;
        foreach (var s in a.Sentences)
        {
            if (s.End > sentence.Start)
            {
                break;
            }

            index++;
        }

        return index < 3;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (long Id, string Code, string Country) Actor(EventActor? actor)
    {
        var key = actor is null
            ? ("", "", "", "")
            : ((actor.Code ?? "").Trim().ToUpperInvariant(), (actor.Name ?? "").Trim(), (actor.Country ?? "").Trim().ToUpperInvariant(), (actor.Sector ?? "").Trim().ToUpperInvariant());
        if (NewActors.TryGetValue(key, out var id) || _store.TryCachedActor(key, out id))
        {
            return (id, key.Item1, key.Item3);
        }

        id = _actorFind.Scalar(key.Item1, key.Item2, key.Item3, key.Item4) is { } found
            ? Convert.ToInt64(found, CultureInfo.InvariantCulture)
            : Convert.ToInt64(_actorAdd.Scalar(key.Item1, key.Item2, SqlStore.NameKey(key.Item2), key.Item3, key.Item4), CultureInfo.InvariantCulture);
        NewActors[key] = id;
        return (id, key.Item1, key.Item3);
    }

    /// <summary>The source an article counts under: its source, else its URL's host, else "".</summary>
    internal static string SourceKey(Document d)
    {
        if (!string.IsNullOrWhiteSpace(d.Source))
        {
            return d.Source.Trim().ToLowerInvariant();
        }

        if (d.Url is not null && Uri.TryCreate(d.Url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host))
        {
            var host = uri.Host.ToLowerInvariant();
            return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        }

        return "";
    }

    /// <summary>Recounts mentions, articles, sources, tone and lead position of every event reported again in this batch.</summary>
    public void Finish()
    {
        foreach (var id in _recountIds)
        {
            _recount.Run(id);
        }
    }

    public void Dispose()
    {
        foreach (var rows in new[] { _documents, _times, _entities, _mentions, _quotes, _places, _docEvents, _eventMentions })
        {
            rows.Release();
        }

        foreach (var statement in _all)
        {
            statement.Dispose();
        }
    }
}
