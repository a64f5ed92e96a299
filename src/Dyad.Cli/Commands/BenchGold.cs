using System.Globalization;
using System.Text.Json;
using Dyad.Evaluation;
using Dyad.Names;

namespace Dyad.Cli.Commands;

/// <summary>
/// The gold sets on which Dyad and its peers are compared side by side: time expressions on
/// MEANTIME; person, organisation and place names on MEANTIME and UNER PUD. Peers see the same
/// texts (written to gold-*.jsonl by 'dyad bench corpus') and their spans are scored here with
/// Dyad's own scorers, so every system is counted the same way.
/// </summary>
internal static class BenchGold
{
    private static readonly HashSet<string> NameTypes = new(StringComparer.Ordinal) { "PER", "ORG", "LOC" };

    public static List<GoldTimeDocument> Times(string shared) =>
        Directory.EnumerateFiles(Path.Combine(shared, "data/meantime/intra-doc_annotation"), "*.xml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => TimeScorer.ReadMeantime("meantime/" + Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)))
            .ToList();

    public static List<(string Set, NerGoldDocument Gold)> Names(string shared)
    {
        var golds = new List<(string, NerGoldDocument)>();
        var pud = Path.Combine(shared, "data/ner/uner_en_pud/en_pud-ud-test.iob2");
        var documents = IobCorpus.Read(File.ReadAllText(pud), "pud");
        var scheme = IobCorpus.Scheme(documents.SelectMany(d => d.Sentences));
        var index = 0;
        foreach (var d in documents)
        {
            var gold = NerGold.FromIob(d, scheme, t => NameTypes.Contains(t) ? t : null);
            golds.Add(("UNER PUD", gold with { Name = "pud/" + index++ }));
        }

        foreach (var f in Directory.EnumerateFiles(Path.Combine(shared, "data/meantime/intra_cross-doc_annotation"), "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            golds.Add(("MEANTIME", NerGold.FromMeantime(File.ReadAllText(f), "meantime/" + Path.GetFileNameWithoutExtension(f))));
        }

        return golds;
    }

    public static void WriteTexts(string shared, string folder)
    {
        using (var writer = new StreamWriter(Path.Combine(folder, "gold-times.jsonl")))
        {
            foreach (var g in Times(shared))
            {
                writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string?>
                {
                    ["id"] = g.Name, ["date"] = g.Dct?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["text"] = g.Text,
                }));
            }
        }

        using (var writer = new StreamWriter(Path.Combine(folder, "gold-names.jsonl")))
        {
            foreach (var (_, g) in Names(shared))
            {
                writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = g.Name, ["text"] = g.Text }));
            }
        }
    }

    /// <summary>A peer's spans per document id, from pred-PEER-TASK.jsonl.</summary>
    public static Dictionary<string, List<(int Start, int End, string Type)>> Predictions(string file)
    {
        var result = new Dictionary<string, List<(int, int, string)>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var spans = json.RootElement.GetProperty("spans").EnumerateArray()
                .Select(s => (s.GetProperty("start").GetInt32(), s.GetProperty("end").GetInt32(), s.GetProperty("type").GetString() ?? ""))
                .ToList();
            result[json.RootElement.GetProperty("id").GetString()!] = spans;
        }

        return result;
    }

    /// <summary>Strict and relaxed extent scores of given spans, matched as Dyad's time scorer does.</summary>
    public static (Score Strict, Score Relaxed) TimeExtents(GoldTimeDocument gold, IEnumerable<(int Start, int End)> spans)
    {
        var predicted = spans.Where(s => s.Start < gold.AnnotatedUntil).ToList();
        var used = new bool[predicted.Count];
        int strict = 0, relaxed = 0;
        foreach (var g in gold.Times)
        {
            var match = predicted.FindIndex(p => p.Start == g.Start && p.End == g.End);
            if (match >= 0 && used[match])
            {
                match = -1;
            }

            if (match < 0)
            {
                match = Enumerable.Range(0, predicted.Count).FirstOrDefault(p => !used[p] && predicted[p].Start < g.End && g.Start < predicted[p].End, -1);
            }

            if (match < 0)
            {
                continue;
            }

            used[match] = true;
            relaxed++;
            if (predicted[match].Start == g.Start && predicted[match].End == g.End)
            {
                strict++;
            }
        }

        return (new Score(strict, predicted.Count - strict, gold.Times.Count - strict), new Score(relaxed, predicted.Count - relaxed, gold.Times.Count - relaxed));
    }

    public static NerScores NameScores(NerGoldDocument gold, IEnumerable<NameMention> predicted, bool annotatedOnly) =>
        NerScorer.Score(gold, predicted, NameTypes, annotatedOnly);
}
