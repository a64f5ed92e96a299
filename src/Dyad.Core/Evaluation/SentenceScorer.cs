using Dyad.Text;

namespace Dyad.Evaluation;

/// <summary>
/// Sentence-boundary scoring: a boundary is the end offset of a sentence (trailing white space
/// ignored). Dyad's splitter runs on the rebuilt text; precision, recall and F1 over boundaries.
/// The end of the document is not counted (it is always a boundary).
/// </summary>
public static class SentenceScorer
{
    public static Score Score(GoldSentences gold) => Score(gold, null);

    /// <summary>Scores one document; when <paramref name="errors"/> is given, adds a line of context per error.</summary>
    public static Score Score(GoldSentences gold, List<string>? errors)
    {
        var tokens = Tokenizer.Tokenize(gold.Text);
        var predicted = SentenceSplitter.Split(gold.Text, tokens);
        var end = gold.Text.TrimEnd().Length;
        var goldEnds = gold.Sentences.Select(s => TrimEnd(gold.Text, s.End)).Where(e => e < end).ToHashSet();
        var predictedEnds = predicted.Select(s => TrimEnd(gold.Text, s.End)).Where(e => e < end).ToHashSet();
        var tp = predictedEnds.Count(goldEnds.Contains);
        if (errors is not null)
        {
            foreach (var e in predictedEnds.Where(e => !goldEnds.Contains(e)).Order())
            {
                errors.Add($"{gold.Name} FP: {Context(gold.Text, e)}");
            }

            foreach (var e in goldEnds.Where(e => !predictedEnds.Contains(e)).Order())
            {
                errors.Add($"{gold.Name} FN: {Context(gold.Text, e)}");
            }
        }

        return new Score(tp, predictedEnds.Count - tp, goldEnds.Count - tp);
    }

    private static string Context(string text, int offset)
    {
        var from = Math.Max(0, offset - 50);
        var to = Math.Min(text.Length, offset + 40);
        return (text[from..offset] + " ‖ " + text[offset..to]).Replace('\n', '⏎');
    }

    private static int TrimEnd(string text, int end)
    {
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }
}
