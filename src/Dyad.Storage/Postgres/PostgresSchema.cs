using Dyad.Storage.Sql;

namespace Dyad.Storage.Postgres;

/// <summary>The PostgreSQL schema, version by version (the same tables as SQLite; tsvector search).</summary>
internal static class PostgresSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "documents, spans, actors, merged events and their mentions, full-text index", """
            CREATE TABLE documents (
              seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              id TEXT NOT NULL UNIQUE,
              url TEXT, source TEXT, source_key TEXT NOT NULL, title TEXT, byline TEXT,
              date BIGINT, language TEXT NOT NULL, text TEXT NOT NULL, body_start BIGINT NOT NULL,
              origin TEXT, tone DOUBLE PRECISION, added_at TEXT NOT NULL, sentences TEXT NOT NULL,
              tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED)
            ;
            CREATE INDEX documents_date ON documents(date)
            ;
            CREATE INDEX documents_tsv ON documents USING GIN (tsv)
            ;
            CREATE TABLE times (
              doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              idx BIGINT NOT NULL, span_start BIGINT NOT NULL, span_end BIGINT NOT NULL,
              text TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL, mod TEXT,
              PRIMARY KEY (doc_id, idx))
            ;
            CREATE TABLE entities (
              doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              local_id TEXT NOT NULL, idx BIGINT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
              kb_id TEXT, country TEXT, sector TEXT, actor_code TEXT, role TEXT, mention_count BIGINT NOT NULL,
              PRIMARY KEY (doc_id, local_id))
            ;
            CREATE INDEX entities_name ON entities(name, type)
            ;
            CREATE INDEX entities_type ON entities(type)
            ;
            CREATE TABLE mentions (
              doc_id TEXT NOT NULL, entity_id TEXT NOT NULL, idx BIGINT NOT NULL,
              span_start BIGINT NOT NULL, span_end BIGINT NOT NULL, text TEXT NOT NULL, kind BIGINT NOT NULL, type TEXT,
              PRIMARY KEY (doc_id, entity_id, idx),
              FOREIGN KEY (doc_id, entity_id) REFERENCES entities(doc_id, local_id) ON DELETE CASCADE)
            ;
            CREATE TABLE quotes (
              doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              idx BIGINT NOT NULL, span_start BIGINT NOT NULL, span_end BIGINT NOT NULL, text TEXT NOT NULL,
              direct BIGINT NOT NULL, speaker_entity TEXT, speaker_name TEXT, speaker_start BIGINT, speaker_end BIGINT,
              cue_start BIGINT, cue_end BIGINT, cue_text TEXT,
              PRIMARY KEY (doc_id, idx))
            ;
            CREATE INDEX quotes_speaker ON quotes(speaker_name)
            ;
            CREATE TABLE places (
              doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              idx BIGINT NOT NULL, span_start BIGINT NOT NULL, span_end BIGINT NOT NULL, text TEXT NOT NULL,
              name TEXT NOT NULL, geonames_id BIGINT, feature TEXT NOT NULL, country TEXT, admin1 TEXT,
              lat DOUBLE PRECISION, lon DOUBLE PRECISION,
              PRIMARY KEY (doc_id, idx))
            ;
            CREATE TABLE doc_events (
              doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              local_id TEXT NOT NULL, idx BIGINT NOT NULL, type TEXT NOT NULL, mode TEXT, context TEXT,
              cameo TEXT NOT NULL, quad_class BIGINT NOT NULL, goldstein DOUBLE PRECISION NOT NULL, date TEXT NOT NULL,
              source_json TEXT NOT NULL, target_json TEXT NOT NULL, place_json TEXT,
              negated BIGINT NOT NULL, hypothetical BIGINT NOT NULL, future BIGINT NOT NULL,
              sentence_start BIGINT NOT NULL, sentence_end BIGINT NOT NULL,
              trigger_start BIGINT NOT NULL, trigger_end BIGINT NOT NULL, trigger_text TEXT NOT NULL, quote_idx BIGINT,
              PRIMARY KEY (doc_id, local_id))
            ;
            CREATE TABLE actors (
              id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL,
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
              id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, merge_key TEXT NOT NULL UNIQUE,
              type TEXT NOT NULL, mode TEXT, context TEXT, cameo TEXT NOT NULL, quad_class BIGINT NOT NULL,
              goldstein DOUBLE PRECISION NOT NULL, day BIGINT NOT NULL,
              source_actor BIGINT NOT NULL REFERENCES actors(id), target_actor BIGINT NOT NULL REFERENCES actors(id),
              place_name TEXT, place_geonames_id BIGINT, place_country TEXT, place_lat DOUBLE PRECISION, place_lon DOUBLE PRECISION,
              num_mentions BIGINT NOT NULL, num_articles BIGINT NOT NULL, num_sources BIGINT NOT NULL,
              avg_tone DOUBLE PRECISION, is_root BIGINT NOT NULL,
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
              event_id BIGINT NOT NULL REFERENCES events(id),
              doc_id TEXT NOT NULL, local_id TEXT NOT NULL,
              sentence_start BIGINT NOT NULL, sentence_end BIGINT NOT NULL,
              trigger_start BIGINT NOT NULL, trigger_end BIGINT NOT NULL, trigger_text TEXT NOT NULL, is_root BIGINT NOT NULL,
              PRIMARY KEY (event_id, doc_id, local_id),
              FOREIGN KEY (doc_id, local_id) REFERENCES doc_events(doc_id, local_id) ON DELETE CASCADE)
            ;
            CREATE INDEX event_mentions_doc ON event_mentions(doc_id)
            """),
        new(2, "per-day event counts by country pair, so a country timeline reads a few thousand rows", """
            CREATE TABLE country_days (
              source_country TEXT NOT NULL, target_country TEXT NOT NULL, day BIGINT NOT NULL,
              events BIGINT NOT NULL, cooperation BIGINT NOT NULL, conflict BIGINT NOT NULL, goldstein DOUBLE PRECISION NOT NULL,
              PRIMARY KEY (source_country, target_country, day))
            ;
            INSERT INTO country_days (source_country, target_country, day, events, cooperation, conflict, goldstein)
            SELECT sa.country, ta.country, e.day, count(*),
                   sum(CASE WHEN e.quad_class IN (1, 2) THEN 1 ELSE 0 END), sum(CASE WHEN e.quad_class IN (3, 4) THEN 1 ELSE 0 END), sum(e.goldstein)
            FROM events e JOIN actors sa ON sa.id = e.source_actor JOIN actors ta ON ta.id = e.target_actor
            GROUP BY sa.country, ta.country, e.day
            """),
        new(3, "web API reads: event indexes by actor and type and by pair in (day, id) order, per-month country-pair counts, trigram indexes of quotes", """
            CREATE INDEX events_source_type ON events(source_actor, type, day)
            ;
            CREATE INDEX events_target_type ON events(target_actor, type, day)
            ;
            CREATE INDEX events_pair_day ON events(source_actor, target_actor, day)
            ;
            CREATE TABLE country_months (
              source_country TEXT NOT NULL, target_country TEXT NOT NULL, month BIGINT NOT NULL,
              events BIGINT NOT NULL, cooperation BIGINT NOT NULL, conflict BIGINT NOT NULL, goldstein DOUBLE PRECISION NOT NULL,
              PRIMARY KEY (source_country, target_country, month))
            ;
            INSERT INTO country_months (source_country, target_country, month, events, cooperation, conflict, goldstein)
            SELECT source_country, target_country, day / 100, sum(events), sum(cooperation), sum(conflict), sum(goldstein)
            FROM country_days GROUP BY source_country, target_country, day / 100
            ;
            CREATE FUNCTION country_months_follow() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO country_months AS m (source_country, target_country, month, events, cooperation, conflict, goldstein)
              VALUES (NEW.source_country, NEW.target_country, NEW.day / 100,
                      NEW.events - coalesce(OLD.events, 0), NEW.cooperation - coalesce(OLD.cooperation, 0),
                      NEW.conflict - coalesce(OLD.conflict, 0), NEW.goldstein - coalesce(OLD.goldstein, 0))
              ON CONFLICT (source_country, target_country, month) DO UPDATE SET
                events = m.events + excluded.events, cooperation = m.cooperation + excluded.cooperation,
                conflict = m.conflict + excluded.conflict, goldstein = m.goldstein + excluded.goldstein;
              RETURN NULL;
            END $$
            ;
            CREATE TRIGGER country_months_follow AFTER INSERT OR UPDATE ON country_days
              FOR EACH ROW EXECUTE FUNCTION country_months_follow()
            ;
            DO $$
            BEGIN
              CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
              EXECUTE 'CREATE INDEX quotes_speaker_trgm ON quotes USING gin (lower(speaker_name) public.gin_trgm_ops)';
              EXECUTE 'CREATE INDEX quotes_text_trgm ON quotes USING gin (lower(text) public.gin_trgm_ops)';
            EXCEPTION WHEN OTHERS THEN
              RAISE NOTICE 'pg_trgm is not available (%): quote search scans the quotes', SQLERRM;
            END $$
            """),
        new(4, "cheaper ingest: no index on entity type or quote speaker (no query uses them)", """
            DROP INDEX entities_type
            ;
            DROP INDEX quotes_speaker
            """),
        new(5, "per-week event counts by country pair (week = Julian day number of the ISO week's Monday), so a week timeline reads a few hundred rows", $$"""
            CREATE TABLE country_weeks (
              source_country TEXT NOT NULL, target_country TEXT NOT NULL, week BIGINT NOT NULL,
              events BIGINT NOT NULL, cooperation BIGINT NOT NULL, conflict BIGINT NOT NULL, goldstein DOUBLE PRECISION NOT NULL,
              PRIMARY KEY (source_country, target_country, week))
            ;
            INSERT INTO country_weeks (source_country, target_country, week, events, cooperation, conflict, goldstein)
            SELECT source_country, target_country, {{SqlStore.WeekOf("day")}} AS w, sum(events), sum(cooperation), sum(conflict), sum(goldstein)
            FROM country_days GROUP BY source_country, target_country, w
            ;
            CREATE FUNCTION country_weeks_follow() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO country_weeks AS w (source_country, target_country, week, events, cooperation, conflict, goldstein)
              VALUES (NEW.source_country, NEW.target_country, {{SqlStore.WeekOf("NEW.day")}},
                      NEW.events - coalesce(OLD.events, 0), NEW.cooperation - coalesce(OLD.cooperation, 0),
                      NEW.conflict - coalesce(OLD.conflict, 0), NEW.goldstein - coalesce(OLD.goldstein, 0))
              ON CONFLICT (source_country, target_country, week) DO UPDATE SET
                events = w.events + excluded.events, cooperation = w.cooperation + excluded.cooperation,
                conflict = w.conflict + excluded.conflict, goldstein = w.goldstein + excluded.goldstein;
              RETURN NULL;
            END $$
            ;
            CREATE TRIGGER country_weeks_follow AFTER INSERT OR UPDATE ON country_days
              FOR EACH ROW EXECUTE FUNCTION country_weeks_follow()
            """),
        new(6, "cheaper ingest: span tables keyed by the document's integer seq, mentions point to their entity by index", """
            CREATE TABLE times_v6 (
              doc_seq BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              idx BIGINT NOT NULL, span_start BIGINT NOT NULL, span_end BIGINT NOT NULL,
              text TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL, mod TEXT,
              PRIMARY KEY (doc_seq, idx))
            ;
            CREATE TABLE entities_v6 (
              doc_seq BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              idx BIGINT NOT NULL, local_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
              kb_id TEXT, country TEXT, sector TEXT, actor_code TEXT, role TEXT, mention_count BIGINT NOT NULL,
              PRIMARY KEY (doc_seq, idx))
            ;
            CREATE TABLE mentions_v6 (
              doc_seq BIGINT NOT NULL, entity_idx BIGINT NOT NULL, idx BIGINT NOT NULL,
              span_start BIGINT NOT NULL, span_end BIGINT NOT NULL, text TEXT NOT NULL, kind BIGINT NOT NULL, type TEXT,
              PRIMARY KEY (doc_seq, entity_idx, idx),
              FOREIGN KEY (doc_seq, entity_idx) REFERENCES entities_v6(doc_seq, idx) ON DELETE CASCADE)
            ;
            CREATE TABLE quotes_v6 (
              doc_seq BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              idx BIGINT NOT NULL, span_start BIGINT NOT NULL, span_end BIGINT NOT NULL, text TEXT NOT NULL,
              direct BIGINT NOT NULL, speaker_entity TEXT, speaker_name TEXT, speaker_start BIGINT, speaker_end BIGINT,
              cue_start BIGINT, cue_end BIGINT, cue_text TEXT,
              PRIMARY KEY (doc_seq, idx))
            ;
            CREATE TABLE places_v6 (
              doc_seq BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              idx BIGINT NOT NULL, span_start BIGINT NOT NULL, span_end BIGINT NOT NULL, text TEXT NOT NULL,
              name TEXT NOT NULL, geonames_id BIGINT, feature TEXT NOT NULL, country TEXT, admin1 TEXT,
              lat DOUBLE PRECISION, lon DOUBLE PRECISION,
              PRIMARY KEY (doc_seq, idx))
            ;
            CREATE TABLE doc_events_v6 (
              doc_seq BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
              local_id TEXT NOT NULL, idx BIGINT NOT NULL, type TEXT NOT NULL, mode TEXT, context TEXT,
              cameo TEXT NOT NULL, quad_class BIGINT NOT NULL, goldstein DOUBLE PRECISION NOT NULL, date TEXT NOT NULL,
              source_json TEXT NOT NULL, target_json TEXT NOT NULL, place_json TEXT,
              negated BIGINT NOT NULL, hypothetical BIGINT NOT NULL, future BIGINT NOT NULL,
              sentence_start BIGINT NOT NULL, sentence_end BIGINT NOT NULL,
              trigger_start BIGINT NOT NULL, trigger_end BIGINT NOT NULL, trigger_text TEXT NOT NULL, quote_idx BIGINT,
              PRIMARY KEY (doc_seq, local_id))
            ;
            CREATE TABLE event_mentions_v6 (
              event_id BIGINT NOT NULL REFERENCES events(id),
              doc_seq BIGINT NOT NULL, local_id TEXT NOT NULL,
              sentence_start BIGINT NOT NULL, sentence_end BIGINT NOT NULL,
              trigger_start BIGINT NOT NULL, trigger_end BIGINT NOT NULL, trigger_text TEXT NOT NULL, is_root BIGINT NOT NULL,
              PRIMARY KEY (event_id, doc_seq, local_id),
              FOREIGN KEY (doc_seq, local_id) REFERENCES doc_events_v6(doc_seq, local_id) ON DELETE CASCADE)
            ;
            INSERT INTO times_v6 (doc_seq, idx, span_start, span_end, text, type, value, mod)
            SELECT d.seq, t.idx, t.span_start, t.span_end, t.text, t.type, t.value, t.mod
            FROM times t JOIN documents d ON d.id = t.doc_id ORDER BY d.seq, t.idx
            ;
            INSERT INTO entities_v6 (doc_seq, idx, local_id, name, type, kb_id, country, sector, actor_code, role, mention_count)
            SELECT d.seq, e.idx, e.local_id, e.name, e.type, e.kb_id, e.country, e.sector, e.actor_code, e.role, e.mention_count
            FROM entities e JOIN documents d ON d.id = e.doc_id ORDER BY d.seq, e.idx
            ;
            INSERT INTO mentions_v6 (doc_seq, entity_idx, idx, span_start, span_end, text, kind, type)
            SELECT d.seq, e.idx, m.idx, m.span_start, m.span_end, m.text, m.kind, m.type
            FROM mentions m JOIN entities e ON e.doc_id = m.doc_id AND e.local_id = m.entity_id JOIN documents d ON d.id = m.doc_id
            ORDER BY d.seq, e.idx, m.idx
            ;
            INSERT INTO quotes_v6 (doc_seq, idx, span_start, span_end, text, direct, speaker_entity, speaker_name, speaker_start, speaker_end, cue_start, cue_end, cue_text)
            SELECT d.seq, q.idx, q.span_start, q.span_end, q.text, q.direct, q.speaker_entity, q.speaker_name, q.speaker_start, q.speaker_end, q.cue_start, q.cue_end, q.cue_text
            FROM quotes q JOIN documents d ON d.id = q.doc_id ORDER BY d.seq, q.idx
            ;
            INSERT INTO places_v6 (doc_seq, idx, span_start, span_end, text, name, geonames_id, feature, country, admin1, lat, lon)
            SELECT d.seq, p.idx, p.span_start, p.span_end, p.text, p.name, p.geonames_id, p.feature, p.country, p.admin1, p.lat, p.lon
            FROM places p JOIN documents d ON d.id = p.doc_id ORDER BY d.seq, p.idx
            ;
            INSERT INTO doc_events_v6 (doc_seq, local_id, idx, type, mode, context, cameo, quad_class, goldstein, date, source_json, target_json, place_json,
              negated, hypothetical, future, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, quote_idx)
            SELECT d.seq, e.local_id, e.idx, e.type, e.mode, e.context, e.cameo, e.quad_class, e.goldstein, e.date, e.source_json, e.target_json, e.place_json,
              e.negated, e.hypothetical, e.future, e.sentence_start, e.sentence_end, e.trigger_start, e.trigger_end, e.trigger_text, e.quote_idx
            FROM doc_events e JOIN documents d ON d.id = e.doc_id ORDER BY d.seq, e.local_id
            ;
            INSERT INTO event_mentions_v6 (event_id, doc_seq, local_id, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text, is_root)
            SELECT m.event_id, d.seq, m.local_id, m.sentence_start, m.sentence_end, m.trigger_start, m.trigger_end, m.trigger_text, m.is_root
            FROM event_mentions m JOIN documents d ON d.id = m.doc_id ORDER BY m.event_id, d.seq, m.local_id
            ;
            DROP TABLE event_mentions
            ;
            DROP TABLE doc_events
            ;
            DROP TABLE mentions
            ;
            DROP TABLE entities
            ;
            DROP TABLE times
            ;
            DROP TABLE quotes
            ;
            DROP TABLE places
            ;
            ALTER TABLE times_v6 RENAME TO times
            ;
            ALTER TABLE entities_v6 RENAME TO entities
            ;
            ALTER TABLE mentions_v6 RENAME TO mentions
            ;
            ALTER TABLE quotes_v6 RENAME TO quotes
            ;
            ALTER TABLE places_v6 RENAME TO places
            ;
            ALTER TABLE doc_events_v6 RENAME TO doc_events
            ;
            ALTER TABLE event_mentions_v6 RENAME TO event_mentions
            ;
            CREATE INDEX entities_name ON entities(name, type)
            ;
            CREATE INDEX event_mentions_doc ON event_mentions(doc_seq)
            ;
            DO $$
            BEGIN
              IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
                EXECUTE 'CREATE INDEX quotes_speaker_trgm ON quotes USING gin (lower(speaker_name) public.gin_trgm_ops)';
                EXECUTE 'CREATE INDEX quotes_text_trgm ON quotes USING gin (lower(text) public.gin_trgm_ops)';
              END IF;
            EXCEPTION WHEN OTHERS THEN
              RAISE NOTICE 'pg_trgm indexes not created (%): quote search scans the quotes', SQLERRM;
            END $$
            """),
        new(7, "per-day, per-week and per-month event counts by actor-code pair (as the country ones), so an actor timeline reads its periods, not the pair's events", $$"""
            CREATE TABLE actor_days (
              source_code TEXT NOT NULL, target_code TEXT NOT NULL, day BIGINT NOT NULL,
              events BIGINT NOT NULL, cooperation BIGINT NOT NULL, conflict BIGINT NOT NULL, goldstein DOUBLE PRECISION NOT NULL,
              PRIMARY KEY (source_code, target_code, day))
            ;
            INSERT INTO actor_days (source_code, target_code, day, events, cooperation, conflict, goldstein)
            SELECT sa.code, ta.code, e.day, count(*),
                   sum(CASE WHEN e.quad_class IN (1, 2) THEN 1 ELSE 0 END), sum(CASE WHEN e.quad_class IN (3, 4) THEN 1 ELSE 0 END), sum(e.goldstein)
            FROM events e JOIN actors sa ON sa.id = e.source_actor JOIN actors ta ON ta.id = e.target_actor
            GROUP BY sa.code, ta.code, e.day
            ;
            CREATE TABLE actor_weeks (
              source_code TEXT NOT NULL, target_code TEXT NOT NULL, week BIGINT NOT NULL,
              events BIGINT NOT NULL, cooperation BIGINT NOT NULL, conflict BIGINT NOT NULL, goldstein DOUBLE PRECISION NOT NULL,
              PRIMARY KEY (source_code, target_code, week))
            ;
            INSERT INTO actor_weeks (source_code, target_code, week, events, cooperation, conflict, goldstein)
            SELECT source_code, target_code, {{SqlStore.WeekOf("day")}} AS w, sum(events), sum(cooperation), sum(conflict), sum(goldstein)
            FROM actor_days GROUP BY source_code, target_code, w
            ;
            CREATE TABLE actor_months (
              source_code TEXT NOT NULL, target_code TEXT NOT NULL, month BIGINT NOT NULL,
              events BIGINT NOT NULL, cooperation BIGINT NOT NULL, conflict BIGINT NOT NULL, goldstein DOUBLE PRECISION NOT NULL,
              PRIMARY KEY (source_code, target_code, month))
            ;
            INSERT INTO actor_months (source_code, target_code, month, events, cooperation, conflict, goldstein)
            SELECT source_code, target_code, day / 100, sum(events), sum(cooperation), sum(conflict), sum(goldstein)
            FROM actor_days GROUP BY source_code, target_code, day / 100
            ;
            CREATE OR REPLACE FUNCTION actor_periods_follow() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO actor_weeks AS w (source_code, target_code, week, events, cooperation, conflict, goldstein)
              VALUES (NEW.source_code, NEW.target_code, {{SqlStore.WeekOf("NEW.day")}},
                      NEW.events - coalesce(OLD.events, 0), NEW.cooperation - coalesce(OLD.cooperation, 0),
                      NEW.conflict - coalesce(OLD.conflict, 0), NEW.goldstein - coalesce(OLD.goldstein, 0))
              ON CONFLICT (source_code, target_code, week) DO UPDATE SET
                events = w.events + excluded.events, cooperation = w.cooperation + excluded.cooperation,
                conflict = w.conflict + excluded.conflict, goldstein = w.goldstein + excluded.goldstein;
              INSERT INTO actor_months AS m (source_code, target_code, month, events, cooperation, conflict, goldstein)
              VALUES (NEW.source_code, NEW.target_code, NEW.day / 100,
                      NEW.events - coalesce(OLD.events, 0), NEW.cooperation - coalesce(OLD.cooperation, 0),
                      NEW.conflict - coalesce(OLD.conflict, 0), NEW.goldstein - coalesce(OLD.goldstein, 0))
              ON CONFLICT (source_code, target_code, month) DO UPDATE SET
                events = m.events + excluded.events, cooperation = m.cooperation + excluded.cooperation,
                conflict = m.conflict + excluded.conflict, goldstein = m.goldstein + excluded.goldstein;
              RETURN NULL;
            END $$
            ;
            CREATE TRIGGER actor_periods_follow AFTER INSERT OR UPDATE ON actor_days
              FOR EACH ROW EXECUTE FUNCTION actor_periods_follow()
            """),
    ];
}
