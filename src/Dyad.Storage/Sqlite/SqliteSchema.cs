using Dyad.Storage.Sql;

namespace Dyad.Storage.Sqlite;

/// <summary>The SQLite schema, version by version. Never edit a released version: add the next one.</summary>
internal static class SqliteSchema
{
    /// <summary>
    /// quotes_fts rowids (v3) sort like the quote list, newest first: a day number since 1900 (17 bits;
    /// 0 for no date), the document's seq (30 bits) and 65535 - the quote's index (16 bits), so a
    /// search walks the index by descending rowid and stops at the page's end.
    /// </summary>
    internal static long QuoteDayKey(DateOnly day) => day.Year < 1900 ? 0 : day.Year >= 2252 ? 131071 : ((day.Year - 1900) * 372L) + ((day.Month - 1) * 31) + day.Day - 1;

    internal const long QuoteDayShift = 70368744177664; // 2^46

    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "documents, spans, actors, merged events and their mentions, full-text index", """
            CREATE TABLE documents (
              seq INTEGER PRIMARY KEY,
              id TEXT NOT NULL UNIQUE,
              url TEXT, source TEXT, source_key TEXT NOT NULL, title TEXT, byline TEXT,
              date INTEGER, language TEXT NOT NULL, text TEXT NOT NULL, body_start INTEGER NOT NULL,
              origin TEXT, tone REAL, added_at TEXT NOT NULL,
              sentences TEXT NOT NULL)
            ;
            CREATE INDEX documents_date ON documents(date)
            ;
            CREATE TABLE times (
              doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              idx INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
              text TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL, mod TEXT,
              PRIMARY KEY (doc_id, idx)) WITHOUT ROWID
            ;
            CREATE TABLE entities (
              doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              local_id TEXT NOT NULL, idx INTEGER NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
              kb_id TEXT, country TEXT, sector TEXT, actor_code TEXT, role TEXT, mention_count INTEGER NOT NULL,
              PRIMARY KEY (doc_id, local_id)) WITHOUT ROWID
            ;
            CREATE INDEX entities_name ON entities(name, type)
            ;
            CREATE INDEX entities_type ON entities(type)
            ;
            CREATE TABLE mentions (
              doc_id TEXT NOT NULL, entity_id TEXT NOT NULL, idx INTEGER NOT NULL,
              span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL, kind INTEGER NOT NULL, type TEXT,
              PRIMARY KEY (doc_id, entity_id, idx),
              FOREIGN KEY (doc_id, entity_id) REFERENCES entities(doc_id, local_id) ON DELETE CASCADE) WITHOUT ROWID
            ;
            CREATE TABLE quotes (
              doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              idx INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
              direct INTEGER NOT NULL, speaker_entity TEXT, speaker_name TEXT, speaker_start INTEGER, speaker_end INTEGER,
              cue_start INTEGER, cue_end INTEGER, cue_text TEXT,
              PRIMARY KEY (doc_id, idx)) WITHOUT ROWID
            ;
            CREATE INDEX quotes_speaker ON quotes(speaker_name)
            ;
            CREATE TABLE places (
              doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              idx INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
              name TEXT NOT NULL, geonames_id INTEGER, feature TEXT NOT NULL, country TEXT, admin1 TEXT, lat REAL, lon REAL,
              PRIMARY KEY (doc_id, idx)) WITHOUT ROWID
            ;
            CREATE TABLE doc_events (
              doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              local_id TEXT NOT NULL, idx INTEGER NOT NULL, type TEXT NOT NULL, mode TEXT, context TEXT,
              cameo TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL, date TEXT NOT NULL,
              source_json TEXT NOT NULL, target_json TEXT NOT NULL, place_json TEXT,
              negated INTEGER NOT NULL, hypothetical INTEGER NOT NULL, future INTEGER NOT NULL,
              sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
              trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL, quote_idx INTEGER,
              PRIMARY KEY (doc_id, local_id)) WITHOUT ROWID
            ;
            CREATE TABLE actors (
              id INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL,
              country TEXT NOT NULL, sector TEXT NOT NULL,
              UNIQUE (code, name, country, sector))
            ;
            CREATE INDEX actors_code ON actors(code)
            ;
            CREATE INDEX actors_country ON actors(country)
            ;
            CREATE INDEX actors_name ON actors(name_key)
            ;
            CREATE TABLE events (
              id INTEGER PRIMARY KEY, merge_key TEXT NOT NULL UNIQUE,
              type TEXT NOT NULL, mode TEXT, context TEXT, cameo TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL,
              day INTEGER NOT NULL,
              source_actor INTEGER NOT NULL REFERENCES actors(id), target_actor INTEGER NOT NULL REFERENCES actors(id),
              place_name TEXT, place_geonames_id INTEGER, place_country TEXT, place_lat REAL, place_lon REAL,
              num_mentions INTEGER NOT NULL, num_articles INTEGER NOT NULL, num_sources INTEGER NOT NULL,
              avg_tone REAL, is_root INTEGER NOT NULL,
              first_doc_id TEXT NOT NULL REFERENCES documents(id), source_url TEXT, added_at TEXT NOT NULL)
            ;
            CREATE INDEX events_day ON events(day)
            ;
            CREATE INDEX events_pair ON events(source_actor, target_actor, day, quad_class, goldstein)
            ;
            CREATE INDEX events_source ON events(source_actor, day)
            ;
            CREATE INDEX events_target ON events(target_actor, day)
            ;
            CREATE INDEX events_type ON events(type, day)
            ;
            CREATE INDEX events_place ON events(place_country, day)
            ;
            CREATE TABLE event_mentions (
              event_id INTEGER NOT NULL REFERENCES events(id),
              doc_id TEXT NOT NULL, local_id TEXT NOT NULL,
              sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
              trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL, is_root INTEGER NOT NULL,
              PRIMARY KEY (event_id, doc_id, local_id),
              FOREIGN KEY (doc_id, local_id) REFERENCES doc_events(doc_id, local_id) ON DELETE CASCADE) WITHOUT ROWID
            ;
            CREATE INDEX event_mentions_doc ON event_mentions(doc_id)
            ;
            CREATE VIRTUAL TABLE documents_fts USING fts5(
              title, text, content='documents', content_rowid='seq', tokenize='unicode61 remove_diacritics 2')
            """),
        new(2, "per-day event counts by country pair, so a country timeline reads a few thousand rows", """
            CREATE TABLE country_days (
              source_country TEXT NOT NULL, target_country TEXT NOT NULL, day INTEGER NOT NULL,
              events INTEGER NOT NULL, cooperation INTEGER NOT NULL, conflict INTEGER NOT NULL, goldstein REAL NOT NULL,
              PRIMARY KEY (source_country, target_country, day)) WITHOUT ROWID
            ;
            INSERT INTO country_days (source_country, target_country, day, events, cooperation, conflict, goldstein)
            SELECT sa.country, ta.country, e.day, count(*),
                   sum(CASE WHEN e.quad_class IN (1, 2) THEN 1 ELSE 0 END), sum(CASE WHEN e.quad_class IN (3, 4) THEN 1 ELSE 0 END), sum(e.goldstein)
            FROM events e JOIN actors sa ON sa.id = e.source_actor JOIN actors ta ON ta.id = e.target_actor
            GROUP BY sa.country, ta.country, e.day
            """),
        new(3, "web API reads: event indexes by actor and type and by pair in (day, id) order, per-month country-pair counts, a word index of quotes", """
            CREATE INDEX events_source_type ON events(source_actor, type, day)
            ;
            CREATE INDEX events_target_type ON events(target_actor, type, day)
            ;
            CREATE INDEX events_pair_day ON events(source_actor, target_actor, day)
            ;
            CREATE TABLE country_months (
              source_country TEXT NOT NULL, target_country TEXT NOT NULL, month INTEGER NOT NULL,
              events INTEGER NOT NULL, cooperation INTEGER NOT NULL, conflict INTEGER NOT NULL, goldstein REAL NOT NULL,
              PRIMARY KEY (source_country, target_country, month)) WITHOUT ROWID
            ;
            INSERT INTO country_months (source_country, target_country, month, events, cooperation, conflict, goldstein)
            SELECT source_country, target_country, day / 100, sum(events), sum(cooperation), sum(conflict), sum(goldstein)
            FROM country_days GROUP BY source_country, target_country, day / 100
            ;
            CREATE TRIGGER country_months_add AFTER INSERT ON country_days BEGIN
              INSERT INTO country_months (source_country, target_country, month, events, cooperation, conflict, goldstein)
              VALUES (NEW.source_country, NEW.target_country, NEW.day / 100, NEW.events, NEW.cooperation, NEW.conflict, NEW.goldstein)
              ON CONFLICT (source_country, target_country, month) DO UPDATE SET
                events = events + excluded.events, cooperation = cooperation + excluded.cooperation,
                conflict = conflict + excluded.conflict, goldstein = goldstein + excluded.goldstein;
            END
            ;
            CREATE TRIGGER country_months_change AFTER UPDATE ON country_days BEGIN
              UPDATE country_months SET
                events = events + NEW.events - OLD.events, cooperation = cooperation + NEW.cooperation - OLD.cooperation,
                conflict = conflict + NEW.conflict - OLD.conflict, goldstein = goldstein + NEW.goldstein - OLD.goldstein
              WHERE source_country = OLD.source_country AND target_country = OLD.target_country AND month = OLD.day / 100;
            END
            ;
            CREATE VIRTUAL TABLE quotes_fts USING fts5(speaker, text, content='', tokenize='unicode61 remove_diacritics 2')
            ;
            INSERT INTO quotes_fts (rowid, speaker, text)
            SELECT (CASE WHEN d.date IS NULL OR d.date < 19000101 THEN 0 WHEN d.date >= 22520101 THEN 131071
                         ELSE (d.date / 10000 - 1900) * 372 + (d.date / 100 % 100 - 1) * 31 + d.date % 100 - 1 END) * 70368744177664
                   + d.seq * 65536 + (65535 - q.idx),
                   coalesce(q.speaker_name, ''), q.text
            FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE q.idx < 65536 AND d.seq < 1073741824
            ;
            CREATE TRIGGER quotes_fts_add AFTER INSERT ON quotes WHEN NEW.idx < 65536 BEGIN
              INSERT INTO quotes_fts (rowid, speaker, text)
              SELECT (CASE WHEN date IS NULL OR date < 19000101 THEN 0 WHEN date >= 22520101 THEN 131071
                           ELSE (date / 10000 - 1900) * 372 + (date / 100 % 100 - 1) * 31 + date % 100 - 1 END) * 70368744177664
                     + seq * 65536 + (65535 - NEW.idx),
                     coalesce(NEW.speaker_name, ''), NEW.text
              FROM documents WHERE id = NEW.doc_id AND seq < 1073741824;
            END
            """),
        new(4, "cheaper ingest: quotes enter the word index in rowid order from the writer (no per-row trigger), no index on entity type or quote speaker", """
            DROP TRIGGER quotes_fts_add
            ;
            DROP INDEX entities_type
            ;
            DROP INDEX quotes_speaker
            """),
        new(5, "per-week event counts by country pair (week = Julian day number of the ISO week's Monday), so a week timeline reads a few hundred rows", $$"""
            CREATE TABLE country_weeks (
              source_country TEXT NOT NULL, target_country TEXT NOT NULL, week INTEGER NOT NULL,
              events INTEGER NOT NULL, cooperation INTEGER NOT NULL, conflict INTEGER NOT NULL, goldstein REAL NOT NULL,
              PRIMARY KEY (source_country, target_country, week)) WITHOUT ROWID
            ;
            INSERT INTO country_weeks (source_country, target_country, week, events, cooperation, conflict, goldstein)
            SELECT source_country, target_country, {{SqlStore.WeekOf("day")}} AS w, sum(events), sum(cooperation), sum(conflict), sum(goldstein)
            FROM country_days GROUP BY source_country, target_country, w
            ;
            CREATE TRIGGER country_weeks_add AFTER INSERT ON country_days BEGIN
              INSERT INTO country_weeks (source_country, target_country, week, events, cooperation, conflict, goldstein)
              VALUES (NEW.source_country, NEW.target_country, {{SqlStore.WeekOf("NEW.day")}}, NEW.events, NEW.cooperation, NEW.conflict, NEW.goldstein)
              ON CONFLICT (source_country, target_country, week) DO UPDATE SET
                events = events + excluded.events, cooperation = cooperation + excluded.cooperation,
                conflict = conflict + excluded.conflict, goldstein = goldstein + excluded.goldstein;
            END
            ;
            CREATE TRIGGER country_weeks_change AFTER UPDATE ON country_days BEGIN
              UPDATE country_weeks SET
                events = events + NEW.events - OLD.events, cooperation = cooperation + NEW.cooperation - OLD.cooperation,
                conflict = conflict + NEW.conflict - OLD.conflict, goldstein = goldstein + NEW.goldstein - OLD.goldstein
              WHERE source_country = OLD.source_country AND target_country = OLD.target_country AND week = {{SqlStore.WeekOf("OLD.day")}};
            END
            """),
        new(6, "cheaper ingest: span tables keyed by the document's integer seq (appends, no text-keyed lookups), mentions point to their entity by index", """
            ALTER TABLE event_mentions RENAME TO event_mentions_v5
            ;
            ALTER TABLE doc_events RENAME TO doc_events_v5
            ;
            ALTER TABLE mentions RENAME TO mentions_v5
            ;
            ALTER TABLE entities RENAME TO entities_v5
            ;
            ALTER TABLE times RENAME TO times_v5
            ;
            ALTER TABLE quotes RENAME TO quotes_v5
            ;
            ALTER TABLE places RENAME TO places_v5
            ;
            CREATE TABLE times (
              doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              idx INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
              text TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL, mod TEXT,
              PRIMARY KEY (doc_seq, idx)) WITHOUT ROWID
            ;
            CREATE TABLE entities (
              doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              idx INTEGER NOT NULL, local_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
              kb_id TEXT, country TEXT, sector TEXT, actor_code TEXT, role TEXT, mention_count INTEGER NOT NULL,
              PRIMARY KEY (doc_seq, idx)) WITHOUT ROWID
            ;
            CREATE TABLE mentions (
              doc_seq INTEGER NOT NULL, entity_idx INTEGER NOT NULL, idx INTEGER NOT NULL,
              span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL, kind INTEGER NOT NULL, type TEXT,
              PRIMARY KEY (doc_seq, entity_idx, idx),
              FOREIGN KEY (doc_seq, entity_idx) REFERENCES entities(doc_seq, idx) ON DELETE CASCADE) WITHOUT ROWID
            ;
            CREATE TABLE quotes (
              doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              idx INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
              direct INTEGER NOT NULL, speaker_entity TEXT, speaker_name TEXT, speaker_start INTEGER, speaker_end INTEGER,
              cue_start INTEGER, cue_end INTEGER, cue_text TEXT,
              PRIMARY KEY (doc_seq, idx)) WITHOUT ROWID
            ;
            CREATE TABLE places (
              doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              idx INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
              name TEXT NOT NULL, geonames_id INTEGER, feature TEXT NOT NULL, country TEXT, admin1 TEXT, lat REAL, lon REAL,
              PRIMARY KEY (doc_seq, idx)) WITHOUT ROWID
            ;
            CREATE TABLE doc_events (
              doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              local_id TEXT NOT NULL, idx INTEGER NOT NULL, type TEXT NOT NULL, mode TEXT, context TEXT,
              cameo TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL, date TEXT NOT NULL,
              source_json TEXT NOT NULL, target_json TEXT NOT NULL, place_json TEXT,
              negated INTEGER NOT NULL, hypothetical INTEGER NOT NULL, future INTEGER NOT NULL,
              sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
              trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL, quote_idx INTEGER,
              PRIMARY KEY (doc_seq, local_id)) WITHOUT ROWID
            ;
            CREATE TABLE event_mentions (
              event_id INTEGER NOT NULL REFERENCES events(id),
              doc_seq INTEGER NOT NULL, local_id TEXT NOT NULL,
              sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
              trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL, is_root INTEGER NOT NULL,
              PRIMARY KEY (event_id, doc_seq, local_id),
              FOREIGN KEY (doc_seq, local_id) REFERENCES doc_events(doc_seq, local_id) ON DELETE CASCADE) WITHOUT ROWID
            ;
            INSERT INTO times (doc_seq, idx, span_start, span_end, text, type, value, mod)
            SELECT d.seq, t.idx, t.span_start, t.span_end, t.text, t.type, t.value, t.mod
            FROM times_v5 t JOIN documents d ON d.id = t.doc_id ORDER BY d.seq, t.idx
            ;
            INSERT INTO entities (doc_seq, idx, local_id, name, type, kb_id, country, sector, actor_code, role, mention_count)
            SELECT d.seq, e.idx, e.local_id, e.name, e.type, e.kb_id, e.country, e.sector, e.actor_code, e.role, e.mention_count
            FROM entities_v5 e JOIN documents d ON d.id = e.doc_id ORDER BY d.seq, e.idx
            ;
            INSERT INTO mentions (doc_seq, entity_idx, idx, span_start, span_end, text, kind, type)
            SELECT d.seq, e.idx, m.idx, m.span_start, m.span_end, m.text, m.kind, m.type
            FROM mentions_v5 m JOIN entities_v5 e ON e.doc_id = m.doc_id AND e.local_id = m.entity_id JOIN documents d ON d.id = m.doc_id
            ORDER BY d.seq, e.idx, m.idx
            ;
            INSERT INTO quotes (doc_seq, idx, span_start, span_end, text, direct, speaker_entity, speaker_name, speaker_start, speaker_end, cue_start, cue_end, cue_text)
            SELECT d.seq, q.idx, q.span_start, q.span_end, q.text, q.direct, q.speaker_entity, q.speaker_name, q.speaker_start, q.speaker_end, q.cue_start, q.cue_end, q.cue_text
            FROM quotes_v5 q JOIN documents d ON d.id = q.doc_id ORDER BY d.seq, q.idx
            ;
            INSERT INTO places (doc_seq, idx, span_start, span_end, text, name, geonames_id, feature, country, admin1, lat, lon)
            SELECT d.seq, p.idx, p.span_start, p.span_end, p.text, p.name, p.geonames_id, p.feature, p.country, p.admin1, p.lat, p.lon
            FROM places_v5 p JOIN documents d ON d.id = p.doc_id ORDER BY d.seq, p.idx
            ;
            INSERT INTO doc_events (doc_seq, local_id, idx, type, mode, context, cameo, quad_class, goldstein, date, source_json, target_json, place_json,
              negated, hypothetical, future, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, quote_idx)
            SELECT d.seq, e.local_id, e.idx, e.type, e.mode, e.context, e.cameo, e.quad_class, e.goldstein, e.date, e.source_json, e.target_json, e.place_json,
              e.negated, e.hypothetical, e.future, e.sentence_start, e.sentence_end, e.trigger_start, e.trigger_end, e.trigger_text, e.quote_idx
            FROM doc_events_v5 e JOIN documents d ON d.id = e.doc_id ORDER BY d.seq, e.local_id
            ;
            INSERT INTO event_mentions (event_id, doc_seq, local_id, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, is_root)
            SELECT m.event_id, d.seq, m.local_id, m.sentence_start, m.sentence_end, m.trigger_start, m.trigger_end, m.trigger_text, m.is_root
            FROM event_mentions_v5 m JOIN documents d ON d.id = m.doc_id ORDER BY m.event_id, d.seq, m.local_id
            ;
            DROP TABLE event_mentions_v5
            ;
            DROP TABLE doc_events_v5
            ;
            DROP TABLE mentions_v5
            ;
            DROP TABLE entities_v5
            ;
            DROP TABLE times_v5
            ;
            DROP TABLE quotes_v5
            ;
            DROP TABLE places_v5
            ;
            CREATE INDEX entities_name ON entities(name, type)
            ;
            CREATE INDEX event_mentions_doc ON event_mentions(doc_seq)
            """),
        new(7, "per-day, per-week and per-month event counts by actor-code pair (as the country ones), so an actor timeline reads its periods, not the pair's events", $$"""
            CREATE TABLE actor_days (
              source_code TEXT NOT NULL, target_code TEXT NOT NULL, day INTEGER NOT NULL,
              events INTEGER NOT NULL, cooperation INTEGER NOT NULL, conflict INTEGER NOT NULL, goldstein REAL NOT NULL,
              PRIMARY KEY (source_code, target_code, day)) WITHOUT ROWID
            ;
            INSERT INTO actor_days (source_code, target_code, day, events, cooperation, conflict, goldstein)
            SELECT sa.code, ta.code, e.day, count(*),
                   sum(CASE WHEN e.quad_class IN (1, 2) THEN 1 ELSE 0 END), sum(CASE WHEN e.quad_class IN (3, 4) THEN 1 ELSE 0 END), sum(e.goldstein)
            FROM events e JOIN actors sa ON sa.id = e.source_actor JOIN actors ta ON ta.id = e.target_actor
            GROUP BY sa.code, ta.code, e.day
            ;
            CREATE TABLE actor_weeks (
              source_code TEXT NOT NULL, target_code TEXT NOT NULL, week INTEGER NOT NULL,
              events INTEGER NOT NULL, cooperation INTEGER NOT NULL, conflict INTEGER NOT NULL, goldstein REAL NOT NULL,
              PRIMARY KEY (source_code, target_code, week)) WITHOUT ROWID
            ;
            INSERT INTO actor_weeks (source_code, target_code, week, events, cooperation, conflict, goldstein)
            SELECT source_code, target_code, {{SqlStore.WeekOf("day")}} AS w, sum(events), sum(cooperation), sum(conflict), sum(goldstein)
            FROM actor_days GROUP BY source_code, target_code, w
            ;
            CREATE TABLE actor_months (
              source_code TEXT NOT NULL, target_code TEXT NOT NULL, month INTEGER NOT NULL,
              events INTEGER NOT NULL, cooperation INTEGER NOT NULL, conflict INTEGER NOT NULL, goldstein REAL NOT NULL,
              PRIMARY KEY (source_code, target_code, month)) WITHOUT ROWID
            ;
            INSERT INTO actor_months (source_code, target_code, month, events, cooperation, conflict, goldstein)
            SELECT source_code, target_code, day / 100, sum(events), sum(cooperation), sum(conflict), sum(goldstein)
            FROM actor_days GROUP BY source_code, target_code, day / 100
            ;
            CREATE TRIGGER actor_periods_add AFTER INSERT ON actor_days BEGIN
              INSERT INTO actor_weeks (source_code, target_code, week, events, cooperation, conflict, goldstein)
              VALUES (NEW.source_code, NEW.target_code, {{SqlStore.WeekOf("NEW.day")}}, NEW.events, NEW.cooperation, NEW.conflict, NEW.goldstein)
              ON CONFLICT (source_code, target_code, week) DO UPDATE SET
                events = events + excluded.events, cooperation = cooperation + excluded.cooperation,
                conflict = conflict + excluded.conflict, goldstein = goldstein + excluded.goldstein;
              INSERT INTO actor_months (source_code, target_code, month, events, cooperation, conflict, goldstein)
              VALUES (NEW.source_code, NEW.target_code, NEW.day / 100, NEW.events, NEW.cooperation, NEW.conflict, NEW.goldstein)
              ON CONFLICT (source_code, target_code, month) DO UPDATE SET
                events = events + excluded.events, cooperation = cooperation + excluded.cooperation,
                conflict = conflict + excluded.conflict, goldstein = goldstein + excluded.goldstein;
            END
            ;
            CREATE TRIGGER actor_periods_change AFTER UPDATE ON actor_days BEGIN
              UPDATE actor_weeks SET
                events = events + NEW.events - OLD.events, cooperation = cooperation + NEW.cooperation - OLD.cooperation,
                conflict = conflict + NEW.conflict - OLD.conflict, goldstein = goldstein + NEW.goldstein - OLD.goldstein
              WHERE source_code = OLD.source_code AND target_code = OLD.target_code AND week = {{SqlStore.WeekOf("OLD.day")}};
              UPDATE actor_months SET
                events = events + NEW.events - OLD.events, cooperation = cooperation + NEW.cooperation - OLD.cooperation,
                conflict = conflict + NEW.conflict - OLD.conflict, goldstein = goldstein + NEW.goldstein - OLD.goldstein
              WHERE source_code = OLD.source_code AND target_code = OLD.target_code AND month = OLD.day / 100;
            END
            """),
    ];

    /// <summary>
    /// The quotes of the documents written after <c>seq</c> @p0 into quotes_fts (v4; v3 did it with a
    /// trigger per row), in ascending rowid order: FTS5 writes its pending terms out every time a
    /// rowid is not greater than the last one, so the quotes in document order (rowids by date)
    /// made a tiny index segment per quote, four times the cost of the whole documents' index.
    /// </summary>
    internal const string IndexNewQuotes = """
        INSERT INTO quotes_fts (rowid, speaker, text)
        SELECT (CASE WHEN d.date IS NULL OR d.date < 19000101 THEN 0 WHEN d.date >= 22520101 THEN 131071
                     ELSE (d.date / 10000 - 1900) * 372 + (d.date / 100 % 100 - 1) * 31 + d.date % 100 - 1 END) * 70368744177664
               + d.seq * 65536 + (65535 - q.idx) AS k,
               coalesce(q.speaker_name, ''), q.text
        FROM documents d JOIN quotes q ON q.doc_seq = d.seq
        WHERE d.seq > @p0 AND d.seq < 1073741824 AND q.idx < 65536
        ORDER BY k
        """;
}
