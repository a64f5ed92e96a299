using System.Collections.Immutable;

namespace Dyad.Places;

/// <summary>A place mention found in the text, with the gazetteer entries its name may stand for.</summary>
internal sealed class PlaceMention
{
    public required int Start { get; set; }
    public required int End { get; set; }
    public required string Key { get; init; }
    public required NameTarget[] Targets { get; init; }

    /// <summary>Entries of the qualifier after a comma ("Paris, Texas" → Texas).</summary>
    public NameTarget[] Qualifier { get; set; } = [];

    public bool IsDateline { get; set; }

    /// <summary>A place-type word follows the name ("Red Sea Governorate", "Isabela Province").</summary>
    public bool TypeWord { get; set; }

    /// <summary>For a qualifier ("Georgia" in "Athens, Georgia"), the key of the name it qualifies.</summary>
    public string? QualifierOf { get; set; }

    /// <summary>Index of the sentence the mention is in.</summary>
    public int Sentence { get; set; }
    public bool FromNames { get; init; }
}

/// <summary>
/// Recognises place names: the longest gazetteer name at each capitalised token, kept or dropped
/// by stop rules (sentence-initial common words, titles and other capitalised words around a small
/// place's name, names the recogniser tagged PERSON or ORG), plus the GPE/LOC/FAC names of
/// <see cref="Analysis.Names"/> when a names stage ran before.
/// </summary>
internal sealed class PlaceRecogniser
{
    private readonly Gazetteer _gazetteer;
    private readonly PlaceWords _words;

    public PlaceRecogniser(Gazetteer gazetteer)
    {
        _gazetteer = gazetteer;
        _words = gazetteer.Words;
        _connectors = _words.Connectors.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _connectors;

    private bool IsConnector(string text, Token token) => _connectors.Contains(text.AsSpan(token.Start, token.Length));

    private sealed record TokenInfo(bool Capitalised, bool SentenceStart, bool Headline, int Sentence);

    public List<PlaceMention> Find(Analysis analysis)
    {
        var text = analysis.Text;
        var tokens = analysis.Tokens;
        var info = Describe(analysis);
        var people = new List<TextRange>();
        var others = new List<TextRange>();
        var placeNames = new List<NameMention>();
        foreach (var name in analysis.Names)
        {
            if (name.Start < 0 || name.End > text.Length || name.End <= name.Start)
            {
                continue;
            }

            switch (name.Type)
            {
                case "GPE" or "LOC" or "FAC":
                    placeNames.Add(name);
                    break;
                case "PERSON" or "PER":
                    people.Add(new TextRange(name.Start, name.End));
                    break;
                default:
                    others.Add(new TextRange(name.Start, name.End));
                    break;
            }
        }

        var mentions = new List<PlaceMention>();
        var surnames = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<(PlaceMention Mention, bool Big)>();
        var keptKeys = new HashSet<string>(StringComparer.Ordinal);
        var dateline = Dateline.Find(analysis);
        var t = 0;
        while (t < tokens.Length)
        {
            if (!info[t].Capitalised)
            {
                t++;
                continue;
            }

            var (last, key, targets) = LongestMatch(text, tokens, info, t);
            if (last < 0)
            {
                t++;
                continue;
            }

            var span = new TextRange(tokens[t].Start, tokens[last].End);
            var nerPlace = placeNames.Exists(n => n.Start <= span.Start && span.End <= n.End);
            var verdict = nerPlace ? Verdict.Keep : Judge(text, tokens, info, t, last, key, targets, people, others, dateline is { } dl && dl.Covers(span), keptKeys.Contains(key), out targets);
            if (verdict == Verdict.Surname)
            {
                surnames.Add(key);
            }

            if (verdict is Verdict.Drop or Verdict.Surname or Verdict.Name || targets.Length == 0)
            {
                t = verdict switch
                {
                    Verdict.Surname => last + 1,
                    Verdict.Name => SkipName(text, tokens, info, last + 1),
                    _ => t + 1,
                };
                continue;
            }

            var start = t;
            var end = last;
            if (!nerPlace)
            {
                if (start > 0 && info[start - 1].Sentence == info[start].Sentence && info[start - 1].Capitalised && SameLine(text, tokens, start - 1)
                    && _words.Directions.Contains(Word(text, tokens[start - 1])))
                {
                    start--;
                }

                if (end + 1 < tokens.Length && info[end + 1].Sentence == info[end].Sentence && info[end + 1].Capitalised && SameLine(text, tokens, end)
                    && _words.PlaceTypes.Contains(Word(text, tokens[end + 1])))
                {
                    end++;
                }
            }

            var typeWord = IsTypeWord(text, tokens, info, end + 1, info[end].Sentence)
                || (end + 3 < tokens.Length && IsListMark(text, tokens[end + 1]) && info[end + 2].Capitalised && IsTypeWord(text, tokens, info, end + 3, info[end].Sentence));
            var mention = new PlaceMention { Start = tokens[start].Start, End = tokens[end].End, Key = key, Targets = targets, TypeWord = end > last || typeWord };
            mention.IsDateline = dateline is { } d && d.Contains(mention.Start) && mention.Start == d.Start;
            pending.Add((mention, targets.Any(x => IsBig(x))));
            keptKeys.Add(key); // one sense per article: "GOMA (Reuters)" makes a later "taking Goma" a place too
            t = end + 1;

            // "Paris, Texas" / "Springfield, Ill." / "Washington, D.C.": the qualifier narrows the place and is a mention too.
            if (t + 1 < tokens.Length && text[tokens[t].Start] == ',' && tokens[t].Length == 1 && info[t + 1].Capitalised && info[t + 1].Sentence == info[end].Sentence)
            {
                var (qLast, qKey, qTargets) = LongestMatch(text, tokens, info, t + 1, qualifier: true);
                var narrowing = qTargets.Where(q => (q.QualifierOnly || IsDivisionOrCountry(q) || targets.Any(x => x.Entry == q.Entry)) && Narrows(targets, [q])).ToArray();
                if (qLast >= 0 && narrowing.Length > 0)
                {
                    mention.Qualifier = narrowing;
                    var qualifier = new PlaceMention { Start = tokens[t + 1].Start, End = tokens[qLast].End, Key = qKey, Targets = narrowing, QualifierOf = key };
                    pending.Add((qualifier, true));
                    t = qLast + 1;
                }
            }
        }

        foreach (var (mention, big) in pending)
        {
            if (!big && surnames.Contains(mention.Key) && !placeNames.Exists(n => n.Start <= mention.Start && mention.End <= n.End))
            {
                continue;
            }

            mentions.Add(mention);
        }

        // Names the recogniser found that the gazetteer rules missed.
        foreach (var name in placeNames)
        {
            var range = new TextRange(name.Start, name.End);
            if (mentions.Exists(m => range.Overlaps(new TextRange(m.Start, m.End))))
            {
                continue;
            }

            var nameText = text.AsSpan(name.Start, name.End - name.Start);
            var start = name.Start;
            if (nameText.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
            {
                start += 4;
                nameText = nameText[4..];
            }

            var key = Gazetteer.Key(nameText);
            var targets = _gazetteer.Lookup(key).ToArray().Where(x => !x.QualifierOnly).ToArray();
            mentions.Add(new PlaceMention { Start = start, End = name.End, Key = key, Targets = targets, FromNames = true });
        }

        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        var s = 0;
        foreach (var mention in mentions)
        {
            while (s + 1 < analysis.Sentences.Length && analysis.Sentences[s].End <= mention.Start)
            {
                s++;
            }

            mention.Sentence = s;
        }

        return mentions;
    }

    /// <summary>Keep the place; drop it; drop it as a person's surname (and every later bare use); drop the whole capitalised name it begins.</summary>
    private enum Verdict { Keep, Drop, Surname, Name }

    private static int SkipName(string text, ImmutableArray<Token> tokens, TokenInfo[] info, int t)
    {
        while (t < tokens.Length && info[t].Capitalised && SameLine(text, tokens, t - 1))
        {
            t++;
        }

        return t;
    }

    private Verdict Judge(string text, ImmutableArray<Token> tokens, TokenInfo[] info, int first, int last, string key,
        NameTarget[] targets, List<TextRange> people, List<TextRange> others, bool inDateline, bool keptBefore, out NameTarget[] kept)
    {
        kept = targets;
        var span = new TextRange(tokens[first].Start, tokens[last].End);
        // The names model's PERSON label vetoes the place, unless the person name is exactly the place's
        // name and the text treats it as a place: a dateline, a country, division or big city, a
        // locative ("in Gao"), a list of places ("Savannah, Macon and Augusta") or a qualifier after it.
        if (people.Exists(p => p.Overlaps(span) && !(p.Start == span.Start && p.End == span.End && PlaceContext(text, tokens, info, first, last, targets, people, inDateline || keptBefore))))
        {
            // The last word of a longer person's name ("JD Vance") is their surname: a bare use of it
            // elsewhere in the article, before or after, is the person too, unless it is a big place.
            return people.Exists(p => p.End == span.End && p.Start < span.Start) ? Verdict.Surname : Verdict.Drop;
        }

        // An organisation's name vetoes a place inside it, unless the place is its possessor ("Boston's Logan
        // airport") or a country or division before an institution ("Illinois Senate", "Ohio National Guard").
        if (others.Exists(o => o.Covers(span) && o.Length > span.Length && !PlaceInsideName(text, tokens, last, span, o, targets)))
        {
            return Verdict.Drop;
        }

        var single = first == last;
        var word = text.AsSpan(span.Start, span.Length);
        if (single && (_words.Stop.Contains(word.ToString()) || _gazetteer.Demonym(key).Length > 0))
        {
            return Verdict.Drop;
        }

        if (single && info[first].SentenceStart && _words.Starters.Contains(word.ToString()))
        {
            return Verdict.Drop; // "We", "As", "The" at the start of a sentence
        }

        if (single && word.Length <= 3 && IsAllCaps(word) && !targets.Any(x => x.Alias || _gazetteer.Entries[x.Entry].Feature == PlaceFeature.Country))
        {
            return Verdict.Drop;
        }

        if (single && IsAllCaps(word) && !inDateline && !IsAllCapsLine(text, span.Start) && !targets.Any(x => IsBig(x)))
        {
            return Verdict.Drop; // acronyms: "NATO", "OPEC" in running text
        }

        if (!single && _words.Titles.Contains(Word(text, tokens[first])) && !_words.Saints.Contains(Word(text, tokens[first])) && !targets.Any(x => IsBig(x)))
        {
            return Verdict.Drop; // "Queen Victoria", "President Jackson"
        }

        var headline = info[first].Headline;
        var sentenceStart = info[first].SentenceStart;
        kept = targets.Where(x => KeepCommonWord(x, sentenceStart || headline)).ToArray();
        if (kept.Length == 0)
        {
            return Verdict.Drop;
        }

        var big = kept.Any(x => IsBig(x));

        // Known only by one of GeoNames' alternate names ("Hodeida", "Byblos"): a place of 100,000 people,
        // or a smaller one where the text treats the name as a place (after "in", in a list of places, a dateline).
        if (kept.All(x => x.AltName) && (word.Length < 4 || others.Exists(o => o.Start == span.Start && o.End == span.End)
            || (!kept.Any(x => _gazetteer.Entries[x.Entry].Population >= 100_000)
                && !PlaceContext(text, tokens, info, first, last, [], people, inDateline || keptBefore))))
        {
            return Verdict.Drop;
        }
        if (first > 0 && info[first - 1].Capitalised && info[first - 1].Sentence == info[first].Sentence && SameLine(text, tokens, first - 1))
        {
            var previous = Word(text, tokens[first - 1]);
            if (_words.Titles.Contains(previous) && !big)
            {
                return Verdict.Surname;
            }

            if (_words.Titles.Contains(previous) && !_words.Saints.Contains(previous) && !kept.Any(x => _gazetteer.Entries[x.Entry].Feature == PlaceFeature.Country))
            {
                return Verdict.Drop; // "Queen Victoria", "Mr. Washington"
            }

            var nameLike = !info[first - 1].SentenceStart || !(_words.Starters.Contains(previous) || _words.Stop.Contains(previous));
            if (!headline && nameLike && !big && !_words.Directions.Contains(previous) && !IsPlaceWord(previous))
            {
                return Verdict.Surname; // "Barack Obama", "Jackson" after a first name
            }
        }

        if (last + 1 < tokens.Length && info[last + 1].Capitalised && info[last + 1].Sentence == info[last].Sentence && SameLine(text, tokens, last) && !headline)
        {
            var next = Word(text, tokens[last + 1]);
            if (!_words.PlaceTypes.Contains(next))
            {
                if (_words.OrgWords.Contains(next))
                {
                    return Verdict.Name; // "New York Times", "Washington Post"
                }

                var countryLike = kept.Any(x => _gazetteer.Entries[x.Entry].Feature == PlaceFeature.Country || _gazetteer.Entries[x.Entry].Extra);
                if (!countryLike && !_words.Titles.Contains(next) && !_words.Stop.Contains(next) && !IsPlaceWord(next))
                {
                    return Verdict.Name; // "Paris Hilton", "Victoria Beckham" (but "Moscow Mayor", "China Daily" is an org word)
                }
            }
        }

        return Verdict.Keep;
    }

    private bool PlaceContext(string text, ImmutableArray<Token> tokens, TokenInfo[] info, int first, int last, NameTarget[] targets,
        List<TextRange> people, bool inDateline)
    {
        if (inDateline || targets.Any(x => IsBig(x) || _gazetteer.Entries[x.Entry].Feature == PlaceFeature.Admin1))
        {
            return true;
        }

        // The same word inside a longer person's name elsewhere ("Leon Panetta") keeps it a person.
        var word = text.AsSpan(tokens[first].Start, tokens[last].End - tokens[first].Start);
        foreach (var p in people)
        {
            if (p.Length > word.Length && text.AsSpan(p.Start, p.Length).Contains(word, StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (first > 0 && info[first - 1].Sentence == info[first].Sentence && _words.Locatives.Contains(Word(text, tokens[first - 1])))
        {
            return true;
        }

        // In a list with another place name: "Savannah, Macon and Augusta".
        if (first > 1 && IsListMark(text, tokens[first - 1]) && info[first - 2].Capitalised && IsAnyPlace(text, tokens[first - 2]))
        {
            return true;
        }

        if (last + 2 < tokens.Length && IsListMark(text, tokens[last + 1]) && info[last + 2].Capitalised && IsAnyPlace(text, tokens[last + 2]))
        {
            return true;
        }

        return false;
    }

    /// <summary>A place-type word, singular or plural, at token t of the sentence ("Province", "provinces").</summary>
    private bool IsTypeWord(string text, ImmutableArray<Token> tokens, TokenInfo[] info, int t, int sentence)
    {
        if (t >= tokens.Length || info[t].Sentence != sentence || tokens[t].Kind != TokenKind.Word)
        {
            return false;
        }

        var word = Word(text, tokens[t]);
        return _words.PlaceTypes.Contains(word) || (word.Length > 4 && word[^1] == 's' && _words.PlaceTypes.Contains(word[..^1]));
    }

    private static bool IsListMark(string text, Token token) =>
        (token.Length == 1 && text[token.Start] == ',') || text.AsSpan(token.Start, token.Length) is "and" or "or";

    private bool IsAnyPlace(string text, Token token)
    {
        foreach (var target in _gazetteer.Lookup(Gazetteer.Key(text.AsSpan(token.Start, token.Length))))
        {
            if (!target.QualifierOnly)
            {
                return true;
            }
        }

        return false;
    }

    private bool PlaceInsideName(string text, ImmutableArray<Token> tokens, int last, TextRange span, TextRange org, NameTarget[] targets)
    {
        if (last + 1 < tokens.Length && tokens[last + 1].Start == span.End)
        {
            var next = text.AsSpan(tokens[last + 1].Start, tokens[last + 1].Length);
            if (next is "'s" or "’s" or "'" or "’")
            {
                return true;
            }
        }

        if (span.Start != org.Start || last + 1 >= tokens.Length || !targets.Any(x => _gazetteer.Entries[x.Entry].Feature is PlaceFeature.Country or PlaceFeature.Admin1))
        {
            return false;
        }

        var following = Word(text, tokens[last + 1]);
        return _words.Titles.Contains(following) || _words.Stop.Contains(following);
    }

    private bool KeepCommonWord(NameTarget target, bool startOrHeadline)
    {
        var entry = _gazetteer.Entries[target.Entry];
        if (target.QualifierOnly)
        {
            return false;
        }

        if (!entry.CommonWord || target.Alias || entry.Extra || entry.Feature is PlaceFeature.Country or PlaceFeature.Admin1)
        {
            return true;
        }

        return !startOrHeadline && entry.Population >= 100_000;
    }

    private bool IsPlaceWord(string word)
    {
        foreach (var target in _gazetteer.Lookup(Gazetteer.Key(word)))
        {
            if (IsBig(target) || _gazetteer.Entries[target.Entry].Feature is PlaceFeature.Admin1 or PlaceFeature.Country)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A name that news rarely uses for anything else: a country, an alias, a region, sea or landmark, a capital or a city of a million.</summary>
    internal bool IsBig(NameTarget target)
    {
        var e = _gazetteer.Entries[target.Entry];
        return target.Alias || e.Extra || e.Feature == PlaceFeature.Country || e.IsCapital || e.Population >= 1_000_000
            || (e.Feature == PlaceFeature.Admin1 && e.Population >= 1_000_000);
    }

    private bool IsDivisionOrCountry(NameTarget target) =>
        _gazetteer.Entries[target.Entry].Feature is PlaceFeature.Country or PlaceFeature.Admin1;

    private bool Narrows(NameTarget[] targets, NameTarget[] qualifier)
    {
        foreach (var t in targets)
        {
            var e = _gazetteer.Entries[t.Entry];
            foreach (var q in qualifier)
            {
                var qe = _gazetteer.Entries[q.Entry];
                if (q.Entry == t.Entry || (qe.Feature == PlaceFeature.Country && qe.Country == e.Country && e.Feature != PlaceFeature.Country)
                    || (qe.Feature == PlaceFeature.Admin1 && qe.Country == e.Country && qe.Name == e.Admin1 && e.Feature != PlaceFeature.Admin1))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private (int Last, string Key, NameTarget[] Targets) LongestMatch(string text, ImmutableArray<Token> tokens, TokenInfo[] info, int first, bool qualifier = false)
    {
        var best = (-1, "", Array.Empty<NameTarget>());
        var max = Math.Min(tokens.Length, first + _gazetteer.MaxNameTokens);
        for (var t = first; t < max; t++)
        {
            var token = tokens[t];
            if (token.Kind != TokenKind.Word || text[token.Start] is '\'' or '’')
            {
                break;
            }

            if (t > first && (!SameLine(text, tokens, t - 1) || tokens[t - 1].End == token.Start || info[t].Sentence != info[first].Sentence))
            {
                break;
            }

            var capitalised = info[t].Capitalised || IsElided(text, token);
            if (!capitalised && IsConnector(text, token))
            {
                continue;
            }

            var key = Gazetteer.Key(text.AsSpan(tokens[first].Start, token.End - tokens[first].Start));
            if (t == first && !_gazetteer.StartsMultiWordName(key))
            {
                max = first + 1; // no longer name starts with this word: one lookup is enough
            }

            // A lower-case word ends a name only in Dyad's own lists ("Baltic states", "Niger river").
            var targets = capitalised ? _gazetteer.Lookup(key) : _gazetteer.LookupOwn(key);
            if (targets.Length == 0)
            {
                continue;
            }

            var usable = targets.ToArray().Where(x => (qualifier || !x.QualifierOnly) && (capitalised || x.Alias || _gazetteer.Entries[x.Entry].Extra)).ToArray();
            if (usable.Length > 0)
            {
                best = (t, key, usable);
            }
        }

        return best;
    }

    private TokenInfo[] Describe(Analysis analysis)
    {
        var text = analysis.Text;
        var tokens = analysis.Tokens;
        var info = new TokenInfo[tokens.Length];
        var sentences = analysis.Sentences;
        var s = 0;
        var t = 0;
        while (t < tokens.Length)
        {
            while (s < sentences.Length && sentences[s].End <= tokens[t].Start)
            {
                s++;
            }

            var sentenceEnd = s < sentences.Length ? sentences[s].End : text.Length;
            var from = t;
            while (t < tokens.Length && tokens[t].Start < sentenceEnd)
            {
                t++;
            }

            if (t == from)
            {
                t++;
            }

            var headline = IsHeadline(text, tokens, from, t, analysis.Document.BodyStart);
            var seenWord = false;
            for (var i = from; i < t; i++)
            {
                var token = tokens[i];
                var capitalised = token.Kind == TokenKind.Word && char.IsUpper(text[token.Start]);
                var start = !seenWord && token.Kind == TokenKind.Word;
                if (token.Kind == TokenKind.Word)
                {
                    seenWord = true;
                }

                // A word after an opening quote or bracket, a colon or a dash starts a clause too.
                if (!start && i > from && token.Kind == TokenKind.Word && tokens[i - 1].Kind == TokenKind.Punctuation)
                {
                    var p = text[tokens[i - 1].Start];
                    start = p is ':' or '—' or '–' || (p is '"' or '“' or '(' or '‘' && tokens[i - 1].End == token.Start);
                }

                info[i] = new TokenInfo(capitalised, start, headline, s);
            }
        }

        return info;
    }

    private bool IsHeadline(string text, ImmutableArray<Token> tokens, int from, int to, int bodyStart)
    {
        if (from < to && tokens[from].Start < bodyStart)
        {
            return true;
        }

        // A body sentence ends with a period; a headline usually does not.
        if (from < to && text[tokens[to - 1].Start] is '.' or '!' or '?' && tokens[to - 1].Length == 1)
        {
            return false;
        }

        var words = 0;
        var capitalised = 0;
        for (var i = from; i < to; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Word || token.Length < 4 || IsConnector(text, token))
            {
                continue;
            }

            words++;
            if (char.IsUpper(text[token.Start]))
            {
                capitalised++;
            }
        }

        // Title case: short, nearly every longer word capitalised ("Russia Attacks Kyiv With Drones").
        return words is >= 3 and <= 20 && capitalised * 100 >= words * 85;
    }

    private static bool SameLine(string text, ImmutableArray<Token> tokens, int t) =>
        t + 1 >= tokens.Length || !text.AsSpan(tokens[t].End, tokens[t + 1].Start - tokens[t].End).Contains('\n');

    /// <summary>"d'Ivoire", "l'Aquila": an elided article before a capitalised name.</summary>
    private static bool IsElided(string text, Token token) =>
        token.Length > 3 && text[token.Start] is 'd' or 'l' && text[token.Start + 1] is '\'' or '’' && char.IsUpper(text[token.Start + 2]);

    private static string Word(string text, Token token) => text.Substring(token.Start, token.Length);

    /// <summary>Whether the line around an offset is written in capitals (a dateline or a shouting headline).</summary>
    private static bool IsAllCapsLine(string text, int offset)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        var end = text.IndexOf('\n', offset);
        end = end < 0 ? text.Length : end;
        var upper = 0;
        var lower = 0;
        foreach (var c in text.AsSpan(start, Math.Min(end - start, 200)))
        {
            if (char.IsUpper(c))
            {
                upper++;
            }
            else if (char.IsLower(c))
            {
                lower++;
            }
        }

        return upper > lower;
    }

    private static bool IsAllCaps(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsLower(c))
            {
                return false;
            }
        }

        return true;
    }
}
