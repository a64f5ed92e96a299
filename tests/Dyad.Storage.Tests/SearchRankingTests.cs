using System.Globalization;
using Dyad.Storage.Sqlite;
using static Dyad.Storage.Tests.Article;

namespace Dyad.Storage.Tests;

/// <summary>
/// SQLite's search scores with <c>dyad_bm25</c> (Fts5Ranking): FTS5's BM25 with each phrase's document
/// count exact below <see cref="SqliteStore.DocumentCountSample"/> matches and estimated above it from
/// the phrase's share of the documents stored since the oldest of its sample (docs/notes/web.md).
/// The expected scores are rebuilt here from FTS5's own bm25() of each phrase alone (its IDF times the
/// term part, divided by that IDF) and the IDF of the counts the rule gives.
/// </summary>
public sealed class SearchRankingTests : IDisposable
{
    private static readonly string[] Queries = ["deal", "trade deal", "deal Moscow", "\"trade deal\"", "Moscow \"trade deal\" talks", "rare"];

    private readonly string _folder = Directory.CreateTempSubdirectory("dyad-rank-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>60 articles; "deal" in each of the 20 stored last and in a few older ones, so its newest matches are denser than its whole share.</summary>
    private SqliteStore NewStore()
    {
        var store = new SqliteStore(Path.Combine(_folder, "s.db"));
        var list = new List<Analysis>();
        for (var n = 0; n < 60; n++)
        {
            var words = new List<string> { "Ministers met for talks number " + N(n) + "." };
            if (n >= 40 || n % 10 == 0)
            {
                words.AddRange(Enumerable.Repeat("The deal held.", (n % 3) + 1));
            }

            if (n % 8 == 0)
            {
                words.Add("A trade deal was signed.");
            }

            if (n % 5 < 2)
            {
                words.Add("It happened in Moscow.");
            }

            if (n == 7)
            {
                words.Add("A rare word.");
            }

            words.AddRange(Enumerable.Repeat("Nothing else was said.", n % 7));
            list.Add(Of(string.Join(' ', words), new DateOnly(2025, 1, 1).AddDays(n).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                url: "https://example.org/r/" + N(n)).Build());
        }

        foreach (var batch in list.Chunk(10))
        {
            store.Save(batch); // stored in order: the last ones have the highest seq
        }

        return store;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(1000)]
    [InlineData(5)]
    [InlineData(3)]
    [InlineData(1)]
    public void Scores_are_bm25_with_each_phrase_document_count_exact_below_the_sample_and_estimated_from_the_newest_matches_above(int sample)
    {
        using var store = NewStore();
        store.DocumentCountSample = sample;
        var rows = store.QueryForTest("SELECT count(*) FROM documents", [], r => r.GetInt64(0))[0];
        var newest = store.QueryForTest("SELECT max(seq) FROM documents", [], r => r.GetInt64(0))[0];
        var estimated = 0;
        foreach (var text in Queries)
        {
            var phrases = SqliteStore.FtsPhrases(text);
            var expected = new Dictionary<long, double>();
            var first = true;
            foreach (var phrase in phrases)
            {
                var exact = store.QueryForTest("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH @p0", [phrase], r => r.GetInt64(0))[0];
                var (hits, oldest) = store.QueryForTest(
                    "SELECT count(*), min(r) FROM (SELECT rowid AS r FROM documents_fts WHERE documents_fts MATCH @p0 ORDER BY rowid DESC LIMIT @p1)",
                    [phrase, (long)sample], r => (r.GetInt64(0), r.IsDBNull(1) ? 0 : r.GetInt64(1)))[0];
                var count = hits < sample ? exact : Math.Clamp((long)Math.Round(hits * (double)rows / (newest - oldest + 1)), hits, rows);
                if (count != exact)
                {
                    estimated++;
                }

                // bm25() of the phrase alone = its exact IDF x the term part; the rule's score uses the IDF of count.
                var alone = store.QueryForTest("SELECT rowid, bm25(documents_fts) FROM documents_fts WHERE documents_fts MATCH @p0", [phrase],
                    r => (Seq: r.GetInt64(0), Score: -r.GetDouble(1)));
                var part = alone.ToDictionary(x => x.Seq, x => x.Score / Idf(rows, exact) * Idf(rows, count));
                foreach (var seq in first ? part.Keys.ToList() : expected.Keys.ToList())
                {
                    if (part.TryGetValue(seq, out var p))
                    {
                        expected[seq] = (expected.TryGetValue(seq, out var sum) ? sum : 0) + p;
                    }
                    else
                    {
                        expected.Remove(seq);
                    }
                }

                first = false;
            }

            var got = store.Search(text, 100);
            Assert.Equal(expected.Count, got.Count);
            var seqOf = store.QueryForTest("SELECT id, seq FROM documents", [], r => (r.GetString(0), r.GetInt64(1))).ToDictionary(x => x.Item1, x => x.Item2);
            for (var i = 0; i < got.Count; i++)
            {
                var want = expected[seqOf[got[i].DocumentId]];
                Assert.True(Math.Abs(want - got[i].Rank) <= 1e-9 * Math.Max(1, Math.Abs(want)), $"{text} (sample {sample}): {got[i].DocumentId} scored {got[i].Rank}, expected {want}");
                if (i > 0)
                {
                    Assert.True(got[i - 1].Rank > got[i].Rank || (got[i - 1].Rank == got[i].Rank && seqOf[got[i - 1].DocumentId] > seqOf[got[i].DocumentId]),
                        $"{text}: hit {i} out of order");
                }
            }
        }

        // The estimate is used whenever a phrase fills the sample ("deal" is in the 20 newest documents, 28 of 60 in all).
        Assert.Equal(sample < 20, estimated > 0);
    }

    [Fact]
    public void With_every_count_exact_the_scores_are_fts5s_own_bm25_to_the_bit()
    {
        using var store = NewStore();
        ScoresAreBm25(store);

        // The estimate really is what ranks (the function is on the connection): with a sample of 1, "deal" scores differently.
        var exact = store.Search("deal", 100).Select(h => h.Rank).ToList();
        store.DocumentCountSample = 1;
        Assert.NotEqual(exact, store.Search("deal", 100).Select(h => h.Rank).ToList());
        store.DocumentCountSample = SearchRules.DocumentCountSample;

        // Documents stored after a search: their lengths are read too (the ranking keeps the lengths it read).
        store.Save([.. Enumerable.Range(0, 8).Select(n => Of(string.Join(' ', Enumerable.Repeat("A trade deal in Moscow, and talks.", n + 1)),
            "2025-06-0" + N(n + 1), url: "https://example.org/late/" + N(n)).Build())]);
        ScoresAreBm25(store);
    }

    [Theory]
    [InlineData(new byte[] { }, 0)]
    [InlineData(new byte[] { 3, 120 }, 123)]
    [InlineData(new byte[] { 0x81, 0x00, 0x05 }, 133)]
    [InlineData(new byte[] { 0x82, 0xAC, 0x20, 1 }, 38433)]
    public void A_docsize_record_is_read_as_the_sum_of_its_varints(byte[] record, int tokens) =>
        Assert.Equal(tokens, DocumentLengths.Tokens(record));

    private static void ScoresAreBm25(SqliteStore store)
    {
        foreach (var text in Queries)
        {
            var match = SqliteStore.FtsQuery(text);
            var reference = store.QueryForTest("SELECT rowid, bm25(documents_fts) FROM documents_fts WHERE documents_fts MATCH @p0", [match],
                r => (Seq: r.GetInt64(0), Rank: -r.GetDouble(1))).ToDictionary(x => x.Seq, x => x.Rank);
            var seqOf = store.QueryForTest("SELECT id, seq FROM documents", [], r => (r.GetString(0), r.GetInt64(1))).ToDictionary(x => x.Item1, x => x.Item2);
            var got = store.Search(text, 100);
            Assert.Equal(reference.Count, got.Count);
            Assert.All(got, h => Assert.Equal(reference[seqOf[h.DocumentId]], h.Rank));
        }
    }

    private static double Idf(long rows, long hits)
    {
        var idf = Math.Log((rows - hits + 0.5) / (hits + 0.5));
        return idf <= 0.0 ? 1e-6 : idf;
    }
}
