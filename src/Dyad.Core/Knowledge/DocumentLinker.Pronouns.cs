using System.Collections.Frozen;
using System.Runtime.InteropServices;
using Dyad.Text;

namespace Dyad.Knowledge;

/// <summary>
/// Third-person singular pronouns (he, him, his, she, her, ...) outside quotations, as <c>pronoun</c>
/// mentions of the person they refer to. Conservative: a pronoun joins a person only when one person
/// fits in its sentence and the one before (after the gender the text gives each person: Mr/Mrs/Ms,
/// King/Queen, spokesman/spokeswoman, ...), or when its sentence names nobody before it and it opens
/// the sentence ("He said", "His visit"): then it is the subject of the sentence before, its first person.
/// </summary>
internal sealed partial class DocumentLinker
{
    private static readonly FrozenDictionary<string, int> PronounGender = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["he"] = 1, ["him"] = 1, ["his"] = 1, ["himself"] = 1,
        ["she"] = -1, ["her"] = -1, ["hers"] = -1, ["herself"] = -1,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> TitleGender = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["mr"] = 1, ["sir"] = 1, ["king"] = 1, ["prince"] = 1, ["sheikh"] = 1, ["lord"] = 1, ["emir"] = 1,
        ["mrs"] = -1, ["ms"] = -1, ["miss"] = -1, ["madam"] = -1, ["madame"] = -1, ["queen"] = -1, ["princess"] = -1,
        ["sheikha"] = -1, ["lady"] = -1, ["dame"] = -1,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> NounGender = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["spokesman"] = 1, ["chairman"] = 1, ["businessman"] = 1, ["congressman"] = 1, ["statesman"] = 1, ["man"] = 1,
        ["husband"] = 1, ["father"] = 1, ["son"] = 1, ["king"] = 1, ["prince"] = 1, ["brother"] = 1,
        ["spokeswoman"] = -1, ["chairwoman"] = -1, ["businesswoman"] = -1, ["congresswoman"] = -1, ["woman"] = -1,
        ["wife"] = -1, ["mother"] = -1, ["daughter"] = -1, ["queen"] = -1, ["princess"] = -1, ["sister"] = -1, ["lady"] = -1,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private void Pronouns()
    {
        var people = _clusters.Where(c => c.Type == "PERSON" && c.Mentions.Count > 0).ToList();
        if (people.Count == 0)
        {
            return;
        }

        var gender = new Dictionary<Cluster, int>();
        var mentions = new List<(int Start, int End, Cluster Cluster)>();
        var quoted = new List<(int Start, int End, Cluster Cluster)>();
        foreach (var cl in people)
        {
            var g = 0;
            foreach (var m in cl.Mentions)
            {
                g = Merge(g, GenderAround(m));
            }

            foreach (var d in cl.Descs)
            {
                g = Merge(g, GenderOfWords(_text[d.Start..d.End]));
            }

            foreach (var m in cl.Mentions)
            {
                if (!_quotes.Inside(m.Start))
                {
                    mentions.Add((m.Start, m.End, cl));
                }
                else
                {
                    quoted.Add((m.Start, m.End, cl));
                }
            }

            gender[cl] = g;
        }

        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        quoted.Sort((a, b) => a.Start.CompareTo(b.Start));
        var sentences = _analysis.Sentences;
        for (var i = 0; i < _tokens.Length; i++)
        {
            if (_tokens[i].Kind != TokenKind.Word || !PronounGender.TryGetValue(_folded[i], out var pg))
            {
                continue;
            }

            if (_quotes.RangeAt(_tokens[i].Start) is { } quote)
            {
                // Inside a quotation the speaker says "I": a third person is one the quotation itself names
                // before the pronoun ("President Xi Jinping gave an outline of his call"), if only one.
                InQuotation(quoted, quote, i, pg, gender);
                continue;
            }

            var start = _tokens[i].Start;
            var s = SentenceIndex(sentences, start);
            var sentenceStart = s >= 0 ? sentences[s].Start : Math.Max(0, start - 300);
            var windowStart = s > 0 ? sentences[s - 1].Start : sentenceStart;
            Cluster? only = null;
            var several = false;
            Cluster? inSentence = null;
            var severalInSentence = false;
            Cluster? subjectBefore = null;
            Cluster? known = null;
            var severalKnown = false;
            for (var k = LowerBound(mentions, windowStart); k < mentions.Count && mentions[k].Start < start; k++)
            {
                var (ms, me, cl) = mentions[k];
                if (me > start || gender[cl] == -pg)
                {
                    continue;
                }

                if (gender[cl] == pg)
                {
                    severalKnown |= known is not null && known != cl;
                    known ??= cl;
                }

                if (ms < sentenceStart)
                {
                    subjectBefore ??= cl;
                }
                else if (inSentence is null)
                {
                    inSentence = cl;
                }
                else if (inSentence != cl)
                {
                    severalInSentence = true;
                }

                if (only is null)
                {
                    only = cl;
                }
                else if (only != cl)
                {
                    several = true;
                }
            }

            Cluster? chosen = null;
            if (only is not null && !several)
            {
                chosen = only;
            }
            else if (known is not null && !severalKnown)
            {
                chosen = known;
            }
            else if (inSentence is not null)
            {
                chosen = severalInSentence ? null : inSentence;
            }
            else if (subjectBefore is not null && OpensSentence(i, sentenceStart))
            {
                chosen = subjectBefore;
            }

            chosen?.Add(new Mention(start, _tokens[i].End, _text[start.._tokens[i].End], MentionKind.Pronoun));
        }
    }

    private void InQuotation(List<(int Start, int End, Cluster Cluster)> quoted, TextRange quote, int i, int pg, Dictionary<Cluster, int> gender)
    {
        var start = _tokens[i].Start;
        Cluster? only = null;
        for (var k = LowerBound(quoted, quote.Start); k < quoted.Count && quoted[k].Start < start; k++)
        {
            var (_, me, cl) = quoted[k];
            if (me > start || gender[cl] == -pg)
            {
                continue;
            }

            if (only is not null && only != cl)
            {
                return;
            }

            only = cl;
        }

        only?.Add(new Mention(start, _tokens[i].End, _text[start.._tokens[i].End], MentionKind.Pronoun));
    }

    private static int Merge(int a, int b) => a == 0 ? b : b == 0 || a == b ? a : 2;

    /// <summary>The gender a mention's own words or the title just before it give (1 male, -1 female, 0 none).</summary>
    private int GenderAround(Mention m)
    {
        var g = 0;
        if (m.Kind == MentionKind.Nominal)
        {
            return GenderOfWords(m.Text);
        }

        var t = FirstTokenAt(m.Start) - 1;
        if (t >= 0 && _text[_tokens[t].Start] == '.')
        {
            t--;
        }

        if (t >= 0 && TitleGender.TryGetValue(_folded[t], out var tg))
        {
            g = tg;
        }

        return g;
    }

    private static int GenderOfWords(string text)
    {
        var g = 0;
        foreach (var w in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (NounGender.TryGetValue(w.ToLowerInvariant(), out var ng))
            {
                g = Merge(g, ng);
            }
        }

        return g;
    }

    /// <summary>The pronoun is the sentence's first word, or follows only an opening quote or conjunction.</summary>
    private bool OpensSentence(int i, int sentenceStart)
    {
        var words = 0;
        for (var t = i - 1; t >= 0 && _tokens[t].Start >= sentenceStart; t--)
        {
            if (_tokens[t].Kind == TokenKind.Word && _folded[t] is not ("and" or "but" or "then" or "later" or "there"))
            {
                words++;
            }
        }

        return words == 0;
    }

    private static int SentenceIndex(System.Collections.Immutable.ImmutableArray<Sentence> sentences, int offset) =>
        Offsets.CountStartingAtOrBefore(sentences.AsSpan(), offset, static s => s.Start) - 1;

    private static int LowerBound(List<(int Start, int End, Cluster Cluster)> list, int offset) =>
        Offsets.CountStartingBefore(CollectionsMarshal.AsSpan(list), offset, static m => m.Start);
}
