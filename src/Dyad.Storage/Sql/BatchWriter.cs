using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Dyad.Storage.Sql;

/// <summary>
/// Writes the documents of one batch inside the caller's transaction with prepared statements,
/// and merges their events into the cross-document event table.
/// </summary>
internal sealed class BatchWriter : IDisposable
{
    private readonly SqlStore _store;
    private readonly DbConnection _c;
    private readonly DbTransaction _tx;
    private readonly List<Statement> _all = [];
    private readonly Statement _exists, _doc, _time, _entity, _mention, _quote, _place, _docEvent;
    private readonly Statement _actorFind, _actorAdd, _eventFind, _eventAdd, _eventMention, _recount, _countryDay;
    private readonly Statement? _fullText;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _newEvents = new(StringComparer.Ordinal);
    private readonly HashSet<long> _recountIds = [];
    private readonly string _now = SqlStore.Now();

    public Dictionary<(string, string, string, string), long> NewActors { get; } = [];

    public BatchWriter(SqlStore store, DbConnection connection, DbTransaction transaction)
    {
        _store = store;
        _c = connection;
        _tx = transaction;
        _exists = S("SELECT 1 FROM documents WHERE id = @p0", 1);
        _doc = S("""
            INSERT INTO documents (id, url, source, source_key, title, byline, date, language, text, body_start, origin, tone, added_at, sentences)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13) RETURNING seq
            """, 14);
        _time = S("INSERT INTO times (doc_id, idx, span_start, span_end, text, type, value, mod) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)", 8);
        _entity = S("""
            INSERT INTO entities (doc_id, local_id, idx, name, type, kb_id, country, sector, actor_code, role, mention_count)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10)
            """, 11);
        _mention = S("INSERT INTO mentions (doc_id, entity_id, idx, span_start, span_end, text, kind, type) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)", 8);
        _quote = S("""
            INSERT INTO quotes (doc_id, idx, span_start, span_end, text, direct, speaker_entity, speaker_name, speaker_start, speaker_end, cue_start, cue_end, cue_text)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12)
            """, 13);
        _place = S("""
            INSERT INTO places (doc_id, idx, span_start, span_end, text, name, geonames_id, feature, country, admin1, lat, lon)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)
            """, 12);
        _docEvent = S("""
            INSERT INTO doc_events (doc_id, local_id, idx, type, mode, context, cameo, quad_class, goldstein, date, source_json, target_json, place_json,
              negated, hypothetical, future, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, quote_idx)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17, @p18, @p19, @p20, @p21)
            """, 22);
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
        _eventMention = S("""
            INSERT INTO event_mentions (event_id, doc_id, local_id, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, is_root)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8) ON CONFLICT DO NOTHING
            """, 9);
        _recount = S("""
            UPDATE events SET
              num_mentions = (SELECT count(*) FROM event_mentions m WHERE m.event_id = @p0),
              num_articles = (SELECT count(DISTINCT m.doc_id) FROM event_mentions m WHERE m.event_id = @p0),
              num_sources = (SELECT count(DISTINCT d.source_key) FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id = @p0),
              avg_tone = (SELECT avg(d.tone) FROM documents d WHERE d.id IN (SELECT m.doc_id FROM event_mentions m WHERE m.event_id = @p0)),
              is_root = (SELECT max(m.is_root) FROM event_mentions m WHERE m.event_id = @p0)
            WHERE id = @p0
            """, 1);
        _countryDay = S("""
            INSERT INTO country_days (source_country, target_country, day, events, cooperation, conflict, goldstein)
            VALUES (@p0, @p1, @p2, 1, @p3, @p4, @p5)
            ON CONFLICT (source_country, target_country, day) DO UPDATE SET
              events = country_days.events + 1, cooperation = country_days.cooperation + excluded.cooperation,
              conflict = country_days.conflict + excluded.conflict, goldstein = country_days.goldstein + excluded.goldstein
            """, 6);
        _fullText = store.FullTextStatementFor(connection, transaction);
        if (_fullText is not null)
        {
            _all.Add(_fullText);
        }
    }

    private Statement S(string sql, int parameters)
    {
        var statement = new Statement(_c, _tx, sql, parameters);
        _all.Add(statement);
        return statement;
    }

    /// <summary>Whether the document is stored already (or was written earlier in this batch).</summary>
    public bool Exists(string id) => _written.Contains(id) || _exists.Scalar(id) is not null;

    public void Write(Analysis a)
    {
        var d = a.Document;
        var id = a.Id;
        var seq = Convert.ToInt64(_doc.Scalar(
            id, d.Url, d.Source, SourceKey(d), d.Title, d.Byline, d.Date, d.Language, d.Text, d.BodyStart, d.Origin, a.Tone, _now, SentenceList.Pack(a.Sentences)), CultureInfo.InvariantCulture);
        if (_fullText is not null)
        {
            _store.IndexTextFor(_fullText, seq, a);
        }

        for (var i = 0; i < a.Times.Length; i++)
        {
            var t = a.Times[i];
            _time.Run(id, i, t.Start, t.End, t.Text, t.Type, t.Value, t.Mod);
        }

        for (var i = 0; i < a.Entities.Length; i++)
        {
            var e = a.Entities[i];
            _entity.Run(id, e.Id, i, e.Name, e.Type, e.KbId, e.Country, e.Sector, e.ActorCode, e.Role, e.Mentions.Length);
            for (var j = 0; j < e.Mentions.Length; j++)
            {
                var m = e.Mentions[j];
                _mention.Run(id, e.Id, j, m.Start, m.End, m.Text, (int)m.Kind, m.Type);
            }
        }

        for (var i = 0; i < a.Quotes.Length; i++)
        {
            var q = a.Quotes[i];
            _quote.Run(id, i, q.Start, q.End, q.Text, q.Direct, q.Speaker?.EntityId, q.Speaker?.Name, q.Speaker?.Start, q.Speaker?.End,
                q.Cue?.Start, q.Cue?.End, q.Cue?.Text);
        }

        for (var i = 0; i < a.Places.Length; i++)
        {
            var p = a.Places[i];
            _place.Run(id, i, p.Start, p.End, p.Text, p.Name, p.GeonamesId, p.Feature, p.Country, p.Admin1, p.Lat, p.Lon);
        }

        for (var i = 0; i < a.Events.Length; i++)
        {
            var e = a.Events[i];
            _docEvent.Run(id, e.Id, i, e.Type, e.Mode, e.Context.IsDefaultOrEmpty ? null : string.Join(',', e.Context), e.Cameo, e.QuadClass, e.Goldstein, e.Date,
                JsonSerializer.Serialize(e.Source.IsDefault ? [] : e.Source.ToArray()), JsonSerializer.Serialize(e.Target.IsDefault ? [] : e.Target.ToArray()),
                e.Place is null ? null : JsonSerializer.Serialize(e.Place),
                e.Negated, e.Hypothetical, e.Future, e.Sentence.Start, e.Sentence.End, e.Trigger.Start, e.Trigger.End, e.Trigger.Text, e.Quote);
        }

        foreach (var report in EventMerge.Reports(a))
        {
            Merge(a, report);
        }

        _written.Add(id);
    }

    private void Merge(Analysis a, EventMerge.Report report)
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
            var (source, sourceCountry) = Actor(report.Source);
            var (target, targetCountry) = Actor(report.Target);
            var added = _eventAdd.Scalar(
                report.Key, e.Type.ToUpperInvariant(), e.Mode, e.Context.IsDefaultOrEmpty ? null : string.Join(',', e.Context), e.Cameo, e.QuadClass, e.Goldstein,
                report.Day, source, target, e.Place?.Name, e.Place?.GeonamesId, e.Place?.Country, e.Place?.Lat, e.Place?.Lon,
                a.Tone, root, a.Id, a.Document.Url ?? a.Document.Origin, _now);
            if (added is not null)
            {
                eventId = Convert.ToInt64(added, CultureInfo.InvariantCulture);
                _newEvents[report.Key] = eventId;
                _countryDay.Run(sourceCountry, targetCountry, report.Day, e.QuadClass is 1 or 2, e.QuadClass is 3 or 4, e.Goldstein);
            }
            else
            {
                eventId = Convert.ToInt64(_eventFind.Scalar(report.Key), CultureInfo.InvariantCulture);
                _recountIds.Add(eventId);
            }
        }

        _eventMention.Run(eventId, a.Id, e.Id, e.Sentence.Start, e.Sentence.End, e.Trigger.Start, e.Trigger.End, e.Trigger.Text, root);
    }

    /// <summary>GDELT's IsRootEvent: the event is told in the lead (the first three sentences, title included).</summary>
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

    private (long Id, string Country) Actor(EventActor? actor)
    {
        var key = actor is null
            ? ("", "", "", "")
            : ((actor.Code ?? "").Trim().ToUpperInvariant(), (actor.Name ?? "").Trim(), (actor.Country ?? "").Trim().ToUpperInvariant(), (actor.Sector ?? "").Trim().ToUpperInvariant());
        if (NewActors.TryGetValue(key, out var id) || _store.TryCachedActor(key, out id))
        {
            return (id, key.Item3);
        }

        id = _actorFind.Scalar(key.Item1, key.Item2, key.Item3, key.Item4) is { } found
            ? Convert.ToInt64(found, CultureInfo.InvariantCulture)
            : Convert.ToInt64(_actorAdd.Scalar(key.Item1, key.Item2, SqlStore.NameKey(key.Item2), key.Item3, key.Item4), CultureInfo.InvariantCulture);
        NewActors[key] = id;
        return (id, key.Item3);
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
        foreach (var statement in _all)
        {
            statement.Dispose();
        }
    }
}
