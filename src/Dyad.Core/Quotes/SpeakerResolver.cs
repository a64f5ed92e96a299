using Dyad.Text;

namespace Dyad.Quotes;

/// <summary>
/// Turns a local speaker phrase into the contract's speaker. With entities (names and knowledge
/// stages): the entity whose mention covers the phrase's head; a pronoun or a description that no
/// mention covers goes to the most recent compatible entity mentioned before it, in the same or the
/// previous paragraph. Without entities: the recogniser's name where one covers the phrase, else
/// the phrase itself; a pronoun or description is named after the last named speaker nearby.
/// </summary>
internal sealed class SpeakerResolver
{
    private readonly string _text;
    private readonly (Mention Mention, Entity Entity)[] _mentions;
    private readonly NameMention[] _names;
    private readonly QuoteFinder _finder;
    private readonly List<QuoteSpeaker> _named = [];
    private readonly System.Collections.Immutable.ImmutableArray<Sentence> _sentences;

    public SpeakerResolver(Analysis analysis, QuoteFinder finder)
    {
        _text = analysis.Text;
        _finder = finder;
        _mentions = [.. analysis.Entities.SelectMany(e => e.Mentions.Select(m => (m, e))).OrderBy(p => p.m.Start)];
        _names = [.. analysis.Names.OrderBy(n => n.Start)];
        _sentences = analysis.Sentences;
    }

    public QuoteSpeaker? Resolve(SpeakerPhrase? phrase)
    {
        if (phrase is null)
        {
            return null;
        }

        var speaker = _mentions.Length > 0 ? FromEntities(phrase) : FromText(phrase);
        if (speaker is not null && phrase.Kind is SpeakerKind.Name or SpeakerKind.Institution)
        {
            _named.Add(speaker);
        }

        return speaker;
    }

    private QuoteSpeaker? FromEntities(SpeakerPhrase phrase)
    {
        // The mention that covers the phrase's head (the last character of its span).
        (Mention Mention, Entity Entity)? best = null;
        foreach (var p in _mentions)
        {
            if (p.Mention.Start >= phrase.End)
            {
                break;
            }

            if (p.Mention.End < phrase.End || p.Mention.Start > phrase.End - 1)
            {
                continue;
            }

            if (best is null || Rank(p.Mention.Kind) < Rank(best.Value.Mention.Kind))
            {
                best = p;
            }
        }

        if (best is { } hit)
        {
            return new QuoteSpeaker(hit.Entity.Id, hit.Entity.Name, hit.Mention.Start, hit.Mention.End);
        }

        if (phrase.Kind == SpeakerKind.Institution)
        {
            // "The Pakistani foreign ministry": the country or organisation named inside the phrase owns the
            // institution; it speaks for it, rather than the last one mentioned before.
            for (var i = _mentions.Length - 1; i >= 0; i--)
            {
                var (m, e) = _mentions[i];
                if (m.Start >= phrase.Start && m.End <= phrase.End && e.Type is "GPE" or "ORG")
                {
                    return new QuoteSpeaker(e.Id, e.Name, phrase.Start, phrase.End);
                }
            }
        }

        if (phrase.Kind is SpeakerKind.Pronoun or SpeakerKind.Nominal or SpeakerKind.Institution)
        {
            var wanted = WantedTypes(phrase);
            if (wanted.Length > 0)
            {
                // The most recent sentence with a compatible mention; in it, the leftmost (its subject).
                var from = ParagraphFloor(phrase.Start);
                Entity? chosen = null;
                var chosenSentence = -1;
                for (var i = _mentions.Length - 1; i >= 0; i--)
                {
                    var (m, e) = _mentions[i];
                    if (m.End > phrase.Start)
                    {
                        continue;
                    }

                    if (m.Start < from)
                    {
                        break;
                    }

                    if (Array.IndexOf(wanted, m.Type ?? e.Type) < 0)
                    {
                        continue;
                    }

                    var sentence = SentenceOf(m.Start);
                    if (chosenSentence >= 0 && sentence != chosenSentence)
                    {
                        break;
                    }

                    chosen = e;
                    chosenSentence = sentence;
                }

                if (chosen is not null)
                {
                    return new QuoteSpeaker(chosen.Id, chosen.Name, phrase.Start, phrase.End);
                }
            }
        }

        // Known only by the words of the text: no entity, never one guessed from farther away.
        return new QuoteSpeaker(null, _text[phrase.Start..phrase.End], phrase.Start, phrase.End);
    }

    private QuoteSpeaker FromText(SpeakerPhrase phrase)
    {
        var text = _text[phrase.Start..phrase.End];
        if (phrase.Kind is SpeakerKind.Name or SpeakerKind.Institution)
        {
            foreach (var n in _names)
            {
                if (n.Start >= phrase.End)
                {
                    break;
                }

                if (n.End >= phrase.End && n.Start <= phrase.End - 1 && n.Start >= phrase.Start)
                {
                    return new QuoteSpeaker(null, n.Text, n.Start, n.End);
                }
            }

            return new QuoteSpeaker(null, text, phrase.Start, phrase.End);
        }

        // A pronoun or a description: named after the last named speaker in this or the previous paragraph.
        var from = ParagraphFloor(phrase.Start);
        var person = phrase.Kind != SpeakerKind.Institution && text is not ("it" or "It" or "they" or "They" or "we" or "We") && !text.EndsWith('s')
            && (phrase.Kind == SpeakerKind.Pronoun || IsDefinite(text));
        for (var i = _named.Count - 1; i >= 0 && person; i--)
        {
            var named = _named[i];
            if (named.Start < from)
            {
                break;
            }

            if (named.End <= phrase.Start)
            {
                return new QuoteSpeaker(null, named.Name, phrase.Start, phrase.End);
            }
        }

        return new QuoteSpeaker(null, text, phrase.Start, phrase.End);
    }

    private string[] WantedTypes(SpeakerPhrase phrase)
    {
        var text = _text[phrase.Start..phrase.End];
        return phrase.Kind switch
        {
            SpeakerKind.Pronoun => text.ToLowerInvariant() switch
            {
                "he" or "she" or "i" => ["PERSON"],
                "it" => ["ORG", "GPE"],
                _ => [],
            },
            // Only definite descriptions point back ("the official"); "a senior official" is someone new.
            SpeakerKind.Institution => IsDefinite(text) ? ["ORG", "GPE"] : [],
            _ => text.EndsWith('s') || !IsDefinite(text) ? [] : ["PERSON"],
        };
    }

    private static bool IsDefinite(string text) =>
        text.StartsWith("the ", StringComparison.OrdinalIgnoreCase) || text.StartsWith("this ", StringComparison.OrdinalIgnoreCase);

    private int SentenceOf(int offset) => Math.Max(0, Offsets.CountStartingAtOrBefore(_sentences.AsSpan(), offset, static s => s.Start) - 1);

    private int ParagraphFloor(int offset)
    {
        var p = _finder.ParagraphIndex(offset);
        return _finder.Paragraphs[Math.Max(0, p - 1)];
    }

    private static int Rank(MentionKind kind) => kind switch
    {
        MentionKind.Name => 0,
        MentionKind.Nominal => 1,
        _ => 2,
    };
}
