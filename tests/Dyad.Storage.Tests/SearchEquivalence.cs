using System.Globalization;
using Dyad.Storage.Postgres;
using Dyad.Storage.Sql;
using Dyad.Storage.Sqlite;
using static Dyad.Storage.Tests.Article;

namespace Dyad.Storage.Tests;

/// <summary>
/// Full-text search ranks first and builds snippets for the page only (docs/notes/web.md); the
/// reference is the earlier query, which scored and snippeted every match before keeping the page,
/// with the same tie-break (the newest document first). Articles with identical text make ties.
/// </summary>
internal static class SearchEquivalence
{
    public static readonly string[] Queries = ["deal", "Moscow", "trade deal", "\"trade deal\"", "signed", "ministers", "Beijing talks", "nothing-here"];

    public static readonly int[] Limits = [1, 3, 7, 12, 50];

    /// <summary>Twelve articles with one identical text (ties), and varied ones with more or fewer matching words.</summary>
    public static List<Analysis> Articles()
    {
        var list = new List<Analysis>();
        for (var n = 0; n < 12; n++)
        {
            var a = Of("The foreign ministers signed a trade deal in Moscow.", Day(n), url: "https://example.org/tie/" + N(n)).Build();
            list.Add(a with { Id = "tie-" + N(n) });
        }

        for (var n = 0; n < 18; n++)
        {
            var deals = string.Join(" ", Enumerable.Repeat("The deal held.", n % 4));
            var body = $"Ministers met in {(n % 2 == 0 ? "Moscow" : "Beijing")} for talks number {N(n)}. {deals} They signed nothing else.";
            list.Add(Of(body, Day(n), url: "https://example.org/v/" + N(n), title: n % 3 == 0 ? "A trade deal " + N(n) : null).Build());
        }

        return list;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Day(int n) => new DateOnly(2025, 1, 1).AddDays(n).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The reference: the <paramref name="window"/> matches stored last (SearchRules), every one of them
    /// scored and snippeted (SQLite: SearchSnippet over the text), then sorted (rank, then seq descending) and cut.
    /// </summary>
    public static IReadOnlyList<SearchHit> Reference(IStore store, string text, int limit, int window = SearchRules.Window) => store switch
    {
        SqliteStore s => SqliteStore.FtsQuery(text) is { Length: > 0 } match
            ? s.QueryForTest("""
                SELECT d.id, d.date, d.title, d.url, d.text, bm25(documents_fts) AS rank
                FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
                WHERE documents_fts MATCH @p0
                  AND d.seq >= (SELECT min(seq) FROM (SELECT seq FROM documents WHERE seq IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH @p0) ORDER BY seq DESC LIMIT @p2))
                ORDER BY rank, d.seq DESC LIMIT @p1
                """, [match, (long)limit, (long)window], r => new SearchHit(r.GetString(0), r.Day(1), r.Str(2), r.Str(3), SearchSnippet.Build(r.GetString(4), SearchSnippet.PhrasesOf(SqliteStore.FtsPhrases(text)), SearchSnippet.WordsOf(SqliteStore.FtsPhrases(text))), -r.Double(5)))
            : [],
        PostgresStore p => p.QueryForTest("""
            SELECT d.id, d.date, d.title, d.url,
                   ts_headline('english', d.text, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=10, MaxFragments=1'),
                   ts_rank(d.tsv, q) AS rank
            FROM documents d, websearch_to_tsquery('english', @p0) q
            WHERE d.tsv @@ q
              AND d.seq >= (SELECT min(seq) FROM (SELECT x.seq FROM documents x WHERE x.tsv @@ websearch_to_tsquery('english', @p0) ORDER BY x.seq DESC LIMIT @p2) w)
            ORDER BY rank DESC, d.seq DESC LIMIT @p1
            """, [text, (long)limit, (long)window], r => new SearchHit(r.GetString(0), r.Day(1), r.Str(2), r.Str(3), r.GetString(4), r.Double(5))),
        _ => throw new NotSupportedException(store.GetType().Name),
    };
}
