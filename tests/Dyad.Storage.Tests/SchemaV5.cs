using Dyad.Storage.Sql;

namespace Dyad.Storage.Tests;

/// <summary>
/// Turns a store back into a schema v5 store holding the same rows: the span tables keyed by the
/// text document id again, created by the backend's own v1 migration statements (v5 had the v1 span
/// tables less the two indexes v4 dropped), so opening it runs the v6 migration as on a real v5 store.
/// </summary>
internal static class SchemaV5
{
    private static readonly string[] Tables = ["event_mentions", "doc_events", "mentions", "entities", "times", "quotes", "places"];

    public static void Downgrade(SqlStore store)
    {
        var v1 = store.MigrationsForTest[0].Statements.ToList();
        string Create(string table) => v1.Single(s => s.StartsWith("CREATE TABLE " + table + " (", StringComparison.Ordinal));
        var script = new List<string>();
        script.AddRange(Tables.Select(t => $"ALTER TABLE {t} RENAME TO {t}_x"));
        script.AddRange(Tables.Reverse().Select(Create));
        script.Add("""
            INSERT INTO times (doc_id, idx, span_start, span_end, text, type, value, mod)
            SELECT d.id, t.idx, t.span_start, t.span_end, t.text, t.type, t.value, t.mod FROM times_x t JOIN documents d ON d.seq = t.doc_seq
            """);
        script.Add("""
            INSERT INTO entities (doc_id, local_id, idx, name, type, kb_id, country, sector, actor_code, role, mention_count)
            SELECT d.id, e.local_id, e.idx, e.name, e.type, e.kb_id, e.country, e.sector, e.actor_code, e.role, e.mention_count
            FROM entities_x e JOIN documents d ON d.seq = e.doc_seq
            """);
        script.Add("""
            INSERT INTO mentions (doc_id, entity_id, idx, span_start, span_end, text, kind, type)
            SELECT d.id, e.local_id, m.idx, m.span_start, m.span_end, m.text, m.kind, m.type
            FROM mentions_x m JOIN entities_x e ON e.doc_seq = m.doc_seq AND e.idx = m.entity_idx JOIN documents d ON d.seq = m.doc_seq
            """);
        script.Add("""
            INSERT INTO quotes (doc_id, idx, span_start, span_end, text, direct, speaker_entity, speaker_name, speaker_start, speaker_end, cue_start, cue_end, cue_text)
            SELECT d.id, q.idx, q.span_start, q.span_end, q.text, q.direct, q.speaker_entity, q.speaker_name, q.speaker_start, q.speaker_end, q.cue_start, q.cue_end, q.cue_text
            FROM quotes_x q JOIN documents d ON d.seq = q.doc_seq
            """);
        script.Add("""
            INSERT INTO places (doc_id, idx, span_start, span_end, text, name, geonames_id, feature, country, admin1, lat, lon)
            SELECT d.id, p.idx, p.span_start, p.span_end, p.text, p.name, p.geonames_id, p.feature, p.country, p.admin1, p.lat, p.lon
            FROM places_x p JOIN documents d ON d.seq = p.doc_seq
            """);
        script.Add("""
            INSERT INTO doc_events (doc_id, local_id, idx, type, mode, context, cameo, quad_class, goldstein, date, source_json, target_json, place_json,
              negated, hypothetical, future, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, quote_idx)
            SELECT d.id, e.local_id, e.idx, e.type, e.mode, e.context, e.cameo, e.quad_class, e.goldstein, e.date, e.source_json, e.target_json, e.place_json,
              e.negated, e.hypothetical, e.future, e.sentence_start, e.sentence_end, e.trigger_start, e.trigger_end, e.trigger_text, e.quote_idx
            FROM doc_events_x e JOIN documents d ON d.seq = e.doc_seq
            """);
        script.Add("""
            INSERT INTO event_mentions (event_id, doc_id, local_id, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, is_root)
            SELECT m.event_id, d.id, m.local_id, m.sentence_start, m.sentence_end, m.trigger_start, m.trigger_end, m.trigger_text, m.is_root
            FROM event_mentions_x m JOIN documents d ON d.seq = m.doc_seq
            """);
        script.AddRange(Tables.Select(t => $"DROP TABLE {t}_x"));
        script.Add("CREATE INDEX entities_name ON entities(name, type)");
        script.Add("CREATE INDEX event_mentions_doc ON event_mentions(doc_id)");
        script.AddRange(SchemaV6.Drops);
        script.Add("DELETE FROM schema_version WHERE version >= 6");
        store.ExecuteForTest(string.Join("\n;\n", script));
    }
}

/// <summary>
/// Turns a store back into a schema v6 store holding the same events: no actor-code-pair aggregates
/// (dropping actor_days drops its triggers; the PostgreSQL function is created with OR REPLACE).
/// </summary>
internal static class SchemaV6
{
    public static readonly string[] Drops = ["DROP TABLE actor_days", "DROP TABLE actor_weeks", "DROP TABLE actor_months"];

    public static void Downgrade(SqlStore store) =>
        store.ExecuteForTest(string.Join("\n;\n", Drops.Append("DELETE FROM schema_version WHERE version >= 7")));
}
