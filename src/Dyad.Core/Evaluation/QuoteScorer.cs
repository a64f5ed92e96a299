namespace Dyad.Evaluation;

/// <summary>Content and speaker figures of one or more documents.</summary>
public sealed record QuoteScore(Score Content, int SpeakersRight, int Matched, Score Direct, Score Reported)
{
    public double SpeakerAccuracy => Matched == 0 ? 0 : (double)SpeakersRight / Matched;

    public static QuoteScore operator +(QuoteScore a, QuoteScore b) =>
        new(a.Content + b.Content, a.SpeakersRight + b.SpeakersRight, a.Matched + b.Matched, a.Direct + b.Direct, a.Reported + b.Reported);

    public static QuoteScore Empty { get; } = new(default, 0, 0, default, default);
}

/// <summary>One scoring decision, for listing misses.</summary>
public sealed record QuoteMatch(GoldQuote? Gold, Quote? Predicted, bool SpeakerRight);

/// <summary>
/// Scores predicted quotations against gold attributions. A predicted quote matches a gold content
/// when their overlap is at least half of the gold content's characters and at least half of the
/// prediction's (one-to-one, largest overlaps first). Speaker accuracy counts the matched quotes whose
/// speaker is right: the gold has no source and the prediction no speaker, or the predicted speaker
/// span overlaps a gold source span, or the predicted speaker's name equals a gold source's text or
/// shares its last word (the surname: "Vladimir Putin" for a gold source "Putin").
/// Direct/reported figures use the gold's Direct attribute where annotated (else the prediction's flag;
/// an unannotated, unmatched gold counts as reported) and the prediction's flag for spurious quotes.
/// </summary>
public static class QuoteScorer
{
    public static (QuoteScore Score, List<QuoteMatch> Matches) Score(string text, IReadOnlyList<GoldQuote> gold, IReadOnlyList<Quote> predicted)
    {
        var pairs = new List<(int Gold, int Predicted, int Overlap)>();
        for (var g = 0; g < gold.Count; g++)
        {
            var gr = gold[g].Content;
            for (var p = 0; p < predicted.Count; p++)
            {
                var overlap = Math.Min(gr.End, predicted[p].End) - Math.Max(gr.Start, predicted[p].Start);
                if (overlap > 0 && 2 * overlap >= gr.Length && 2 * overlap >= predicted[p].End - predicted[p].Start)
                {
                    pairs.Add((g, p, overlap));
                }
            }
        }

        var goldTaken = new bool[gold.Count];
        var predTaken = new bool[predicted.Count];
        var matches = new List<QuoteMatch>();
        var right = 0;
        foreach (var (g, p, _) in pairs.OrderByDescending(x => x.Overlap))
        {
            if (goldTaken[g] || predTaken[p])
            {
                continue;
            }

            goldTaken[g] = predTaken[p] = true;
            var ok = SpeakerRight(text, gold[g], predicted[p]);
            right += ok ? 1 : 0;
            matches.Add(new QuoteMatch(gold[g], predicted[p], ok));
        }

        matches.AddRange(gold.Where((_, i) => !goldTaken[i]).Select(g => new QuoteMatch(g, null, false)));
        matches.AddRange(predicted.Where((_, i) => !predTaken[i]).Select(p => new QuoteMatch(null, p, false)));
        var tp = matches.Count(m => m.Gold is not null && m.Predicted is not null);
        var content = new Score(tp, predicted.Count - tp, gold.Count - tp);
        return (new QuoteScore(content, right, tp, Split(matches, true), Split(matches, false)), matches);
    }

    private static Score Split(List<QuoteMatch> matches, bool direct)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var m in matches)
        {
            var goldSide = m.Gold is not null && (m.Gold.Direct ?? m.Predicted?.Direct ?? false) == direct;
            var predSide = m.Predicted is not null && m.Predicted.Direct == direct;
            if (m.Gold is not null && m.Predicted is not null && goldSide)
            {
                tp++;
            }
            else
            {
                fp += predSide && m.Gold is null ? 1 : 0;
                fn += goldSide && m.Predicted is null ? 1 : 0;
            }
        }

        return new Score(tp, fp, fn);
    }

    public static bool SpeakerRight(string text, GoldQuote gold, Quote predicted)
    {
        var speaker = predicted.Speaker;
        if (gold.Sources.Count == 0 || speaker is null)
        {
            return gold.Sources.Count == 0 && speaker is null;
        }

        var span = new TextRange(speaker.Start, speaker.End);
        foreach (var source in gold.Sources)
        {
            if (source.Overlaps(span))
            {
                return true;
            }

            var sourceText = text[source.Start..source.End].Trim();
            if (string.Equals(sourceText, speaker.Name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(LastWord(sourceText), LastWord(speaker.Name), StringComparison.OrdinalIgnoreCase) && LastWord(sourceText).Length > 1)
            {
                return true;
            }
        }

        return false;
    }

    private static string LastWord(string text)
    {
        var trimmed = text.TrimEnd('.', ',', ' ');
        var space = trimmed.LastIndexOf(' ');
        return space < 0 ? trimmed : trimmed[(space + 1)..];
    }
}
