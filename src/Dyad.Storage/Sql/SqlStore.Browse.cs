using System.Globalization;

namespace Dyad.Storage.Sql;

/// <summary>
/// The browsing queries the web page needs on top of <see cref="IStore"/> (issue 11): a paged
/// document list, an entity's detail and the map's places. Portable SQL, parameters bound.
/// </summary>
internal abstract partial class SqlStore : IBrowsableStore
{
    public IReadOnlyList<DocumentSummary> Documents(DocumentListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var args = new List<object?>();
        var where = new List<string>();
        if (query.From is { } from)
        {
            where.Add($"date >= {Param(args, from)}");
        }

        if (query.To is { } to)
        {
            where.Add($"date <= {Param(args, to)}");
        }

        if (query.Source is { } source)
        {
            where.Add($"lower(source) = {Param(args, source.Trim().ToLowerInvariant())}");
        }

        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        var limit = Param(args, (long)Math.Max(1, query.Limit));
        var offset = Param(args, (long)Math.Max(0, query.Offset));
        var sql = $"""
            SELECT id, date, title, url, source, length(text) FROM documents{filter}
            ORDER BY date DESC, seq DESC LIMIT {limit} OFFSET {offset}
            """;
        return Query(sql, args, r => new DocumentSummary(r.GetString(0), r.Day(1), r.Str(2), r.Str(3), r.Str(4), r.Int(5)));
    }

    public EntityDetail? Entity(string name, int limit = 100)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var cap = (long)Math.Clamp(limit, 1, 1000);
        var appearances = Query("""
            SELECT d.id, d.date, d.title, e.type, e.kb_id, e.country, e.sector, e.actor_code, e.role, e.mention_count
            FROM entities e JOIN documents d ON d.seq = e.doc_seq
            WHERE e.name = @p0 ORDER BY d.date DESC, d.seq DESC LIMIT @p1
            """, [name.Trim(), cap],
            r => new EntityAppearance(r.GetString(0), r.Day(1), r.Str(2), r.GetString(3), r.Str(4), r.Str(5), r.Str(6), r.Str(7), r.Str(8), r.Long(9)));
        if (appearances.Count == 0)
        {
            return null;
        }

        var forms = Query("""
            SELECT m.text, count(*) AS n FROM mentions m
            JOIN entities e ON e.doc_seq = m.doc_seq AND e.idx = m.entity_idx
            WHERE e.name = @p0 GROUP BY m.text ORDER BY n DESC, m.text LIMIT 50
            """, [name.Trim()], r => new MentionForm(r.GetString(0), r.Long(1)));

        var key = NameKey(name);
        var partners = Query("""
            SELECT o.code, o.name, o.country, count(*) AS n, avg(x.goldstein),
                   sum(CASE WHEN x.quad_class IN (1, 2) THEN 1 ELSE 0 END), sum(CASE WHEN x.quad_class IN (3, 4) THEN 1 ELSE 0 END)
            FROM (SELECT target_actor AS other, goldstein, quad_class FROM events WHERE source_actor IN (SELECT id FROM actors WHERE name_key = @p0)
                  UNION ALL
                  SELECT source_actor AS other, goldstein, quad_class FROM events WHERE target_actor IN (SELECT id FROM actors WHERE name_key = @p0)) x
            JOIN actors o ON o.id = x.other
            GROUP BY o.code, o.name, o.country ORDER BY n DESC, o.name LIMIT 20
            """, [key],
            r => new Partner(Blank(r.GetString(0)), Blank(r.GetString(1)), Blank(r.GetString(2)), r.Long(3), Math.Round(r.Double(4), 3), r.Long(5), r.Long(6)));

        var first = appearances[0];
        var roles = appearances
            .Where(a => a.Date is not null)
            .GroupBy(a => (Period: a.Date!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture), a.Role, a.ActorCode, a.Sector))
            .Select(g => new EntityRole(g.Key.Period, g.Key.Role, g.Key.ActorCode, g.Key.Sector, g.Count()))
            .OrderBy(r => r.Period, StringComparer.Ordinal)
            .ToList();
        return new EntityDetail(name.Trim(), first.Type, first.KbId, first.Country, first.ActorCode, roles, forms, partners, appearances);
    }

    public IReadOnlyList<PlaceCount> EventPlaces(PlaceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var args = new List<object?>();
        var where = new List<string> { "place_lat IS NOT NULL", "place_lon IS NOT NULL" };
        if (query.From is { } from)
        {
            where.Add($"day >= {Param(args, from)}");
        }

        if (query.To is { } to)
        {
            where.Add($"day <= {Param(args, to)}");
        }

        var sql = $"""
            SELECT place_name, max(place_country), avg(place_lat), avg(place_lon), count(*),
                   sum(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END), sum(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END), avg(goldstein)
            FROM events WHERE {string.Join(" AND ", where)}
            GROUP BY place_name ORDER BY count(*) DESC, place_name LIMIT {Param(args, (long)Math.Max(1, query.Limit))}
            """;
        return Query(sql, args, r => new PlaceCount(r.GetString(0), r.Str(1), r.Double(2), r.Double(3), r.Long(4), r.Long(5), r.Long(6), Math.Round(r.Double(7), 3)));
    }

    private const int MaxActorPairs = 32;

    /// <summary>Every (source, target) actor-id pair between the actors the two words name, both directions; null when too many.</summary>
    private List<(long Source, long Target)>? ActorPairs(string a, string b)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(a);
        ArgumentException.ThrowIfNullOrWhiteSpace(b);
        // Both words' actors in one statement (each arm the same lookup as ActorIds, in the same order).
        var ids = Query("""
            SELECT 0, id FROM actors WHERE code = @p0 OR country = @p0 OR name_key = @p1
            UNION ALL
            SELECT 1, id FROM actors WHERE code = @p2 OR country = @p2 OR name_key = @p3
            """, [a.Trim().ToUpperInvariant(), NameKey(a), b.Trim().ToUpperInvariant(), NameKey(b)], r => (Side: r.GetInt64(0), Id: r.Long(1)));
        var left = ids.Where(x => x.Side == 0).Select(x => x.Id).ToList();
        var right = ids.Where(x => x.Side == 1).Select(x => x.Id).ToList();
        if (left.Count * right.Count > MaxActorPairs)
        {
            return null; // too many actor pairs for one lookup each: the caller uses the general query
        }

        return left.SelectMany(x => right.Select(y => (x, y))).Concat(right.SelectMany(y => left.Select(x => (y, x)))).Distinct().ToList();
    }

    public IReadOnlyList<TimelineRecord>? PairTimeline(TimelineQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        switch (PairAggregate(query.A, query.B))
        {
            case Aggregate.Country:
                return AggregateTimeline(query, "country"); // the country-pair aggregates answer
            case Aggregate.ActorCode:
                return AggregateTimeline(query, "actor"); // the actor-code-pair aggregates answer (v7)
        }

        if (ActorPairs(query.A, query.B) is not { } pairs)
        {
            return null;
        }

        if (pairs.Count == 0)
        {
            return [];
        }

        // One statement: each (source, target) pair reads only the covering events_pair index
        // (source_actor, target_actor, day, quad_class, goldstein), already in day order; the rows are
        // summed per period here.
        var args = new List<object?>();
        var range = "";
        if (query.From is { } f)
        {
            range += $" AND day >= {Param(args, f)}";
        }

        if (query.To is { } t)
        {
            range += $" AND day <= {Param(args, t)}";
        }

        // By month each arm sums its months (a small sort, a few hundred rows out); by day or week its
        // days in index order (the week's key expression would cost more per event than the rows out).
        var key = query.By == Period.Month ? "day / 100 * 100 + 1" : "day";
        var arms = string.Join("\n  UNION ALL\n  ", pairs.Select(p =>
            $"""
            SELECT 0, {key} AS k, count(*), sum(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END), sum(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END), sum(goldstein)
            FROM events WHERE source_actor = {Param(args, p.Source)} AND target_actor = {Param(args, p.Target)}{range} GROUP BY k
            """));
        return Periods(PeriodRows(arms, args), query.By, query.Limit);
    }

    public IReadOnlyList<EventRecord>? PairEvents(string a, string b, DateOnly? from, DateOnly? to, int limit)
    {
        if (ActorPairs(a, b) is not { } pairs)
        {
            return null;
        }

        if (pairs.Count == 0)
        {
            return [];
        }

        // One statement: each (source, target) pair walks the events_pair_day index newest first.
        var args = new List<object?>();
        var where = new List<string>();
        if (from is { } f)
        {
            where.Add($"day >= {Param(args, f)}");
        }

        if (to is { } t)
        {
            where.Add($"day <= {Param(args, t)}");
        }

        var arms = pairs.Select(p => $"source_actor = {Param(args, p.Source)} AND target_actor = {Param(args, p.Target)}").ToList();
        var first = Param(args, (long)Math.Max(1, limit));
        return Query(ArmsSql(arms, where, first, Param(args, 0L), first), args, ReadEvent);
    }

    public long Generation() => Query("SELECT coalesce(max(seq), 0) FROM documents", [], r => r.Long(0))[0];

    private static string? Blank(string s) => s.Length == 0 ? null : s;
}
