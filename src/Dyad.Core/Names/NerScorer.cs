using System.Collections.Immutable;
using Dyad.Evaluation;
using Dyad.Text;

namespace Dyad.Names;

/// <summary>Exact-span, exact-type scores per CoNLL type and overall.</summary>
public sealed class NerScores
{
    public Dictionary<string, Score> ByType { get; } = new(StringComparer.Ordinal);

    public Score Total => ByType.Values.Aggregate(default(Score), (a, b) => a + b);

    public void Add(string type, Score score) => ByType[type] = ByType.GetValueOrDefault(type) + score;

    public void Add(NerScores other)
    {
        foreach (var (type, score) in other.ByType)
        {
            Add(type, score);
        }
    }
}

/// <summary>
/// conlleval-style NER scoring: a predicted name counts when its character span and its CoNLL
/// type (Dyad's types mapped: PERSON → PER; GPE, LOC, FAC → LOC; NORP, EVENT, MISC → MISC; ORG)
/// both equal a gold name's. Only the given types are scored (others are dropped on both sides).
/// </summary>
public static class NerScorer
{
    public static string Coarse(string type) => type switch
    {
        "PERSON" or "PER" => "PER",
        "ORG" => "ORG",
        "GPE" or "LOC" or "FAC" => "LOC",
        _ => "MISC",
    };

    /// <summary>The recogniser's names on the gold text (gold sentences, or Dyad's splitter).</summary>
    public static ImmutableArray<NameMention> Predict(NerGoldDocument gold, INameRecognizer recognizer, bool useSplitter)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(recognizer);
        var tokens = Tokenizer.Tokenize(gold.Text);
        var sentences = useSplitter ? SentenceSplitter.Split(gold.Text, tokens) : gold.Sentences;
        return recognizer.Recognize(gold.Text, tokens, sentences);
    }

    /// <param name="annotatedOnly">For corpora that annotate only some entities (MEANTIME): a
    /// prediction that overlaps no annotated mention of any kind is not counted.</param>
    public static NerScores Score(NerGoldDocument gold, IEnumerable<NameMention> predicted, IReadOnlySet<string> types, bool annotatedOnly = false, List<(GoldName Name, bool FalsePositive)>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(gold);
        var scores = new NerScores();
        var goldSet = gold.Names.Where(g => types.Contains(g.Type)).ToHashSet();
        var goldSpans = gold.Names.Select(g => (g.Start, g.End)).ToHashSet();
        var matched = new HashSet<GoldName>();
        foreach (var p in predicted)
        {
            var type = Coarse(p.Type);
            if (!types.Contains(type))
            {
                continue;
            }

            var candidate = new GoldName(p.Start, p.End, type);
            if (goldSet.Contains(candidate))
            {
                if (matched.Add(candidate))
                {
                    scores.Add(type, new Score(1, 0, 0));
                }

                continue;
            }

            var range = new TextRange(p.Start, p.End);
            if (annotatedOnly && gold.Annotated is { } annotated && !annotated.Exists(r => r.Overlaps(range)))
            {
                continue;
            }

            if (!goldSpans.Contains((p.Start, p.End)) && gold.Ignore.Exists(r => r.Covers(range)))
            {
                continue;
            }

            scores.Add(type, new Score(0, 1, 0));
            errors?.Add((candidate, true));
        }

        foreach (var g in goldSet.Where(g => !matched.Contains(g)))
        {
            scores.Add(g.Type, new Score(0, 0, 1));
            errors?.Add((g, false));
        }

        return scores;
    }
}
