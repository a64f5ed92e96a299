using System.Collections.Immutable;
using Dyad.Text;

namespace Dyad.Quotes;

/// <summary>
/// Finds the quotations of one document: direct quotes by their marks, reported speech by its cue
/// (reporting verbs, "according to", "as per", a colon after a speaker), each with the local speaker
/// phrase that attributes it. Works on tokens and sentences with bounded windows: linear in the text.
/// </summary>
internal sealed class QuoteFinder
{
    private const int MaxPhrase = 8;
    private const int CueReach = 10;

    private readonly string _text;
    private readonly ImmutableArray<Token> _tokens;
    private readonly ImmutableArray<Sentence> _sentences;
    private readonly int[] _paragraphs;
    private readonly int[] _tokenSentence;
    private readonly bool[] _masked;
    private readonly QuoteLexicon _lex;
    private readonly Dictionary<int, int> _mentionStartByEnd = [];
    private readonly Dictionary<int, int> _mentionEndByStart = [];

    public QuoteFinder(Analysis analysis, QuoteLexicon lexicon)
    {
        _text = analysis.Text;
        _tokens = analysis.Tokens;
        _sentences = analysis.Sentences.IsDefaultOrEmpty ? [new Sentence(0, _text.Length)] : analysis.Sentences;
        _lex = lexicon;
        _paragraphs = QuoteMarks.ParagraphStarts(_text);
        _tokenSentence = new int[_tokens.Length];
        var s = 0;
        for (var i = 0; i < _tokens.Length; i++)
        {
            while (s + 1 < _sentences.Length && _tokens[i].Start >= _sentences[s].End)
            {
                s++;
            }

            _tokenSentence[i] = s;
        }

        _masked = new bool[_tokens.Length];

        // Mentions of the names and knowledge stages: speakers the word lists do not know ("the rapporteur").
        foreach (var m in analysis.Entities.SelectMany(e => e.Mentions).Where(m => m.Kind != MentionKind.Pronoun).Select(m => (m.Start, m.End))
            .Concat(analysis.Names.Select(n => (n.Start, n.End))))
        {
            if (m.Start >= 0 && m.End <= _text.Length && m.End > m.Start)
            {
                _mentionStartByEnd.TryAdd(m.End, m.Start);
                _mentionEndByStart.TryAdd(m.Start, m.End);
            }
        }
    }

    /// <summary>A mention of an earlier stage that ends with token <paramref name="last"/> (or starts at <paramref name="first"/>), as a speaker phrase.</summary>
    private SpeakerPhrase? MentionPhrase(int first, int last, int min, int max)
    {
        if (last >= 0 && last < _tokens.Length && _mentionStartByEnd.TryGetValue(_tokens[last].End, out var start) && start >= _tokens[Math.Max(min, 0)].Start)
        {
            var f = TokenAtOrAfter(start);
            return new SpeakerPhrase(f, last + 1, start, _tokens[last].End, IsCapitalised(f) && !IsDeterminer(f) ? SpeakerKind.Name : SpeakerKind.Nominal);
        }

        if (first >= 0 && first < _tokens.Length && _mentionEndByStart.TryGetValue(_tokens[first].Start, out var end))
        {
            var e = TokenAtOrAfter(end);
            if (e <= max)
            {
                return new SpeakerPhrase(first, e, _tokens[first].Start, end, IsCapitalised(first) && !IsDeterminer(first) ? SpeakerKind.Name : SpeakerKind.Nominal);
            }
        }

        return null;
    }

    /// <summary>A found quotation before the speaker is mapped to entities.</summary>
    internal sealed record Found(int Start, int End, bool Direct, Attribution Attribution);

    public int[] Paragraphs => _paragraphs;

    public List<Found> Find()
    {
        var marked = QuoteMarks.Find(_text, _paragraphs);
        foreach (var q in marked)
        {
            for (var t = TokenAtOrAfter(q.Open); t < _tokens.Length && _tokens[t].Start < q.After; t++)
            {
                _masked[t] = true;
            }
        }

        var found = new List<Found>();
        Found? previousDirect = null;
        for (var n = 0; n < marked.Count; n++)
        {
            var q = marked[n];
            var previousEnd = n > 0 ? marked[n - 1].After : 0;
            var nextOpen = n + 1 < marked.Count ? marked[n + 1].Open : _text.Length;
            var direct = Direct(q, previousEnd, nextOpen, previousDirect);
            if (direct is not null)
            {
                found.Add(direct);
                if (CountWords(direct.Start, direct.End) >= 4 || AtClauseStart(TokenAtOrAfter(q.Open), SentenceStartToken(SentenceOf(q.Open))))
                {
                    previousDirect = direct;
                }
            }
        }

        var reported = Reported();
        if (reported.Count == 0)
        {
            return found;
        }

        // A short partial quote inside reported content ("said the talks were "constructive"") is part of it.
        var inside = new HashSet<Found>();
        var r = 0;
        foreach (var d in found)
        {
            while (r < reported.Count && reported[r].End < d.End)
            {
                r++;
            }

            // reported is sorted by start and its contents do not overlap: the first one ending at or after d is the only candidate
            if (r < reported.Count && reported[r].Start <= d.Start && d.End <= reported[r].End && reported[r].End - reported[r].Start > d.End - d.Start + 2)
            {
                inside.Add(d);
            }
        }

        found.RemoveAll(inside.Contains);
        found.AddRange(reported);
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    // ---------------------------------------------------------------- direct quotes

    private Found? Direct(MarkedQuote q, int previousEnd, int nextOpen, Found? previousDirect)
    {
        var words = CountWords(q.ContentStart, q.ContentEnd);
        if (words == 0 || IsNaming(q, words))
        {
            return null;
        }

        var openTok = TokenAtOrAfter(q.Open);
        var sentence = SentenceOf(q.Open);
        var partial = !AtClauseStart(openTok, SentenceStartToken(sentence));

        var after = AfterQuote(q, nextOpen);
        var before = BeforeQuote(q, previousEnd, partial);
        var attribution = Prefer(after, before) ?? Continuation(q, sentence, previousDirect);
        var speech = attribution is not null || (words >= 4 && !IsTitleCase(q) && (q.EndsWithPunctuation || words >= 6 || !partial));
        if (!speech)
        {
            return null;
        }

        attribution ??= PreviousSentenceColon(sentence, openTok) ?? NextSentence(q);
        return new Found(q.ContentStart, q.ContentEnd, true, attribution ?? new Attribution(null, null));
    }

    private static Attribution? Prefer(Attribution? after, Attribution? before)
    {
        if (after?.Speaker is null)
        {
            return before?.Speaker is not null ? before : after ?? before;
        }

        if (before?.Speaker is null)
        {
            return after;
        }

        // Both sides name a speaker: a name beats a description or a pronoun; otherwise the side after.
        return before.Speaker.Kind == SpeakerKind.Name && after.Speaker.Kind != SpeakerKind.Name ? before : after;
    }

    /// <summary>"..." said Putin / "...," the official told reporters / "...", according to X.</summary>
    private Attribution? AfterQuote(MarkedQuote q, int nextOpen)
    {
        if (!q.Closed)
        {
            return null;
        }

        var closeSentence = SentenceOf(q.After - 1);
        var sentenceEnd = _sentences[closeSentence].End;
        if (sentenceEnd <= q.After + 1 && closeSentence + 1 < _sentences.Length)
        {
            // "This is unacceptable!" Netanyahu said. (the splitter ended the sentence at the mark)
            sentenceEnd = _sentences[closeSentence + 1].End;
        }

        var limit = Math.Min(Math.Min(sentenceEnd, nextOpen), ParagraphEnd(q.After - 1));
        var a = TokenAtOrAfter(q.After);
        while (a < _tokens.Length && _tokens[a].Start < limit && IsPunct(a) && !IsMarkToken(a) && Char(a) is ',' or '—' or '–' or '-' or '(')
        {
            a++;
        }

        var b = a;
        while (b < _tokens.Length && _tokens[b].Start < limit)
        {
            b++;
        }

        for (var k = a; k < b && k < a + CueReach; k++)
        {
            if (!IsWord(k))
            {
                if (IsPunct(k) && Char(k) == ',')
                {
                    continue;
                }

                break;
            }

            if (MatchCue(k, b) is not { } cue)
            {
                continue;
            }

            var (form, end) = cue;
            if (form.SourcePhrase)
            {
                var np = ForwardPhrase(end, b);
                return np is null ? null : new Attribution(np, CueSpan(k, end));
            }

            if (form.Participle)
            {
                return null;
            }

            var subject = BackwardPhrase(k, a);
            if (subject is not null && (subject.FirstToken == a || OnlyModifiers(a, subject.FirstToken)))
            {
                if (subject.FirstToken != a && subject.Kind is SpeakerKind.Nominal or SpeakerKind.Institution)
                {
                    subject = subject with { FirstToken = a, Start = _tokens[a].Start }; // one port official
                }

                return new Attribution(subject, CueSpan(k, end));
            }

            if (SkipWords(a, k) == k && (form.Flags & VerbFlags.Inversion) != 0)
            {
                var inverted = ForwardPhrase(end, b);
                if (inverted is not null)
                {
                    return new Attribution(inverted, CueSpan(k, end));
                }
            }

            return null;
        }

        return null;
    }

    /// <summary>Putin said: "..." / told reporters that "..." / As per the official, "..." / called it "...".</summary>
    private Attribution? BeforeQuote(MarkedQuote q, int previousEnd, bool partial)
    {
        var sentence = SentenceOf(q.Open);
        var from = Math.Max(Math.Max(_sentences[sentence].Start, previousEnd), _paragraphs[ParagraphIndex(q.Open)]);
        var a = TokenAtOrAfter(from);
        var b = TokenAtOrAfter(q.Open);
        return ClauseCue(a, b, partial, SentenceStartToken(sentence));
    }

    /// <summary>The cue closest before token <paramref name="b"/> (within a few tokens) and its speaker.</summary>
    private Attribution? ClauseCue(int a, int b, bool partial, int sentenceStart)
    {
        var nearest = Math.Max(a, b - CueReach);
        for (var k = b - 1; k >= nearest; k--)
        {
            if (_masked[k] || !IsWord(k))
            {
                if (IsPunct(k) && Char(k) is '.' or '!' or '?' or ';')
                {
                    break;
                }

                continue;
            }

            if (MatchCue(k, b) is not { } cue)
            {
                continue;
            }

            var (form, end) = cue;
            if ((form.Flags & VerbFlags.PartialOnly) != 0 && !partial)
            {
                continue;
            }

            if (form.SourcePhrase)
            {
                var np = ForwardPhrase(end, b);
                return np is null ? null : new Attribution(np, CueSpan(k, end));
            }

            if (IsAdjectivalUse(k))
            {
                continue;
            }

            var speaker = SubjectOf(k, form, sentenceStart);
            return new Attribution(speaker, CueSpan(k, end));
        }

        // Lavrov: "..." (a speaker and a colon, nothing else, before the quote)
        if (b - 1 >= a && IsPunct(b - 1) && Char(b - 1) == ':')
        {
            var np = BackwardPhrase(b - 1, a);
            if (np is not null && np.FirstToken == a && np.Kind != SpeakerKind.Pronoun)
            {
                return new Attribution(np, null);
            }
        }

        return null;
    }

    /// <summary>He said: [sentence break] "...": the previous sentence ends with a colon after a cue.</summary>
    private Attribution? PreviousSentenceColon(int sentence, int openTok)
    {
        var start = SentenceStartToken(sentence);
        if (SkipPunct(start, openTok) != openTok || sentence == 0)
        {
            return null;
        }

        var prevEnd = start;
        while (prevEnd > 0 && IsMarkToken(prevEnd - 1))
        {
            prevEnd--;
        }

        if (prevEnd == 0 || !IsPunct(prevEnd - 1) || Char(prevEnd - 1) != ':')
        {
            return null;
        }

        var prevSentence = _tokenSentence[prevEnd - 1];
        return ClauseCue(SentenceStartToken(prevSentence), prevEnd, false, SentenceStartToken(prevSentence));
    }

    /// <summary>"...," he said. "...": a quote that opens its sentence right after a quote of a known speaker.</summary>
    private Attribution? Continuation(MarkedQuote q, int sentence, Found? previous)
    {
        if (previous?.Attribution.Speaker is null)
        {
            return null;
        }

        var openTok = TokenAtOrAfter(q.Open);
        if (SkipPunct(SentenceStartToken(sentence), openTok) != openTok)
        {
            return null;
        }

        var prevSentence = SentenceOf(Math.Max(previous.Attribution.Speaker.End - 1, previous.End - 1));
        var paragraph = ParagraphIndex(q.Open);
        var prevParagraph = ParagraphIndex(previous.Start);
        if (prevSentence < sentence - 1 || paragraph - prevParagraph > 1)
        {
            return null;
        }

        return new Attribution(previous.Attribution.Speaker, null);
    }

    /// <summary>"..." [sentence] Lavrov said this on Monday.</summary>
    private Attribution? NextSentence(MarkedQuote q)
    {
        if (!q.Closed)
        {
            return null;
        }

        var sentence = SentenceOf(q.After - 1);
        if (_sentences[sentence].End > q.After + 2 || sentence + 1 >= _sentences.Length)
        {
            return null;
        }

        var next = sentence + 1;
        if (ParagraphIndex(_sentences[next].Start) != ParagraphIndex(q.After - 1))
        {
            return null;
        }

        var a = SentenceStartToken(next);
        var b = TokenAtOrAfter(_sentences[next].End);
        for (var k = a; k < b && k < a + 6; k++)
        {
            if (MatchCue(k, b) is not { } cue || cue.Form.SourcePhrase || cue.Form.Participle)
            {
                continue;
            }

            var np = BackwardPhrase(k, a);
            var end = cue.End;
            var back = end < b && IsWord(end) && _text.AsSpan(_tokens[end].Start, _tokens[end].Length) is "this" or "so" or "it";
            if (np is not null && np.FirstToken == a && (back || (end < b && IsPunct(end) && Char(end) == '.')))
            {
                return new Attribution(np, CueSpan(k, end));
            }

            return null;
        }

        return null;
    }

    /// <summary>Quotation marks around a name, a title or a label, not speech.</summary>
    private bool IsNaming(MarkedQuote q, int words)
    {
        var before = TokenAtOrAfter(q.Open) - 1;
        if (before >= 0 && IsWord(before) && !q.EndsWithPunctuation)
        {
            var word = WordAt(before);
            if (_lex.Naming.Contains(word) || _lex.WorkNouns.Contains(word) || (word is "as" && before > 0 && WordAt(before - 1) is "known")
                || (word is "'s" or "’s" && words <= 4))
            {
                return true;
            }

            // Dwayne "The Rock" Johnson: a nickname between the parts of a name.
            var after = TokenAtOrAfter(q.After);
            if (words <= 4 && IsCapitalised(before) && after < _tokens.Length && IsCapitalised(after)
                && _tokens[before].End == q.Open - 1 && q.Closed && _tokens[after].Start == q.After + 1)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsTitleCase(MarkedQuote q)
    {
        if (q.EndsWithPunctuation)
        {
            return false;
        }

        var words = 0;
        var capitalised = 0;
        for (var t = TokenAtOrAfter(q.ContentStart); t < _tokens.Length && _tokens[t].Start < q.ContentEnd; t++)
        {
            if (!IsWord(t) || _tokens[t].Length <= 3)
            {
                continue;
            }

            words++;
            if (IsCapitalised(t))
            {
                capitalised++;
            }
        }

        return words > 0 && words <= 8 && capitalised == words;
    }

    // ---------------------------------------------------------------- reported speech

    private List<Found> Reported()
    {
        var found = new List<Found>();
        var lastEnd = -1;
        for (var k = 0; k < _tokens.Length; k++)
        {
            if (_masked[k] || !IsWord(k) || _tokens[k].Start < lastEnd)
            {
                continue;
            }

            var sentence = _tokenSentence[k];
            var sentenceEnd = TokenAtOrAfter(_sentences[sentence].End);
            if (MatchCue(k, sentenceEnd) is not { } cue)
            {
                continue;
            }

            var (form, end) = cue;
            var report = form.SourcePhrase ? AccordingTo(k, end, sentence) : Reporting(k, form, end, sentence);
            if (report is not null)
            {
                found.Add(report);
                lastEnd = Math.Max(lastEnd, report.Start > _tokens[k].Start ? report.End : _tokens[end - 1].End);
            }
        }

        Colons(found);
        return found;
    }

    private Found? Reporting(int k, CueForm form, int end, int sentence)
    {
        if ((form.Flags & VerbFlags.PartialOnly) != 0 || IsAdjectivalUse(k))
        {
            return null;
        }

        var sentenceStart = SentenceStartToken(sentence);
        var sentenceEnd = TokenAtOrAfter(_sentences[sentence].End);
        var passive = IsPassive(k, sentenceStart);
        var contentStart = ContentStart(form, end, sentenceEnd, passive);
        if (contentStart < 0 && !passive)
        {
            return Trailing(k, form, end, sentenceStart, sentenceEnd);
        }

        if (contentStart < 0 || contentStart >= sentenceEnd || _masked[contentStart] && IsMarkToken(contentStart))
        {
            return null;
        }

        var contentEnd = ContentEnd(contentStart, sentenceEnd);
        if (contentEnd - contentStart < 3 || CountWordsTokens(contentStart, contentEnd) < 3)
        {
            return null;
        }

        var cue = CueSpan(k, end);
        SpeakerPhrase? speaker;
        if (passive)
        {
            speaker = null;
            var by = end;
            if (by < contentStart && WordAt(by) is "by")
            {
                speaker = ForwardPhrase(by + 1, contentStart);
            }
        }
        else
        {
            speaker = SubjectOf(k, form, sentenceStart);
            if (speaker is null)
            {
                return null;
            }
        }

        var start = _tokens[contentStart].Start;
        var stop = _tokens[contentEnd - 1].End;
        return new Found(start, stop, false, new Attribution(speaker, cue));
    }

    /// <summary>Russia is ready for talks, Lavrov said (on Monday). / The talks will resume, said the official.</summary>
    private Found? Trailing(int k, CueForm form, int end, int sentenceStart, int sentenceEnd)
    {
        SpeakerPhrase? speaker;
        int comma;
        int rest;
        var subject = BackwardPhrase(k, sentenceStart);
        var lead = subject?.FirstToken ?? -1;
        while (subject is not null && lead - 1 > sentenceStart && subject.FirstToken - lead < 3 && IsWord(lead - 1) && !_masked[lead - 1]
            && !_lex.NotNames.Contains(WordAt(lead - 1)) && MatchCue(lead - 1, k) is null)
        {
            lead--; // Ukraine's energy ministry said: plain modifiers before the phrase
        }

        if (subject is not null && lead - 1 > sentenceStart && IsPunct(lead - 1) && Char(lead - 1) == ',')
        {
            speaker = lead < subject.FirstToken && subject.Kind is SpeakerKind.Nominal or SpeakerKind.Institution && !IsCapitalised(subject.FirstToken)
                ? subject with { FirstToken = lead, Start = _tokens[lead].Start }
                : subject;
            comma = lead - 1;
            rest = end;
            if ((form.Flags & VerbFlags.Addressee) != 0)
            {
                var o = rest;
                while (o < sentenceEnd && o < rest + 3 && IsWord(o) && !IsPreposition(o))
                {
                    o++;
                }

                rest = o; // two delegates told Reuters
            }
        }
        else if (subject is null && k - 1 > sentenceStart && IsPunct(k - 1) && Char(k - 1) == ',' && (form.Flags & VerbFlags.Inversion) != 0)
        {
            speaker = ForwardPhrase(end, sentenceEnd);
            if (speaker is null)
            {
                return null;
            }

            comma = k - 1;
            rest = speaker.EndToken;
        }
        else if (LastCommaBefore(k, sentenceStart) is { } c && ForwardPhrase(c + 1, k) is { } described && described.Kind != SpeakerKind.Pronoun)
        {
            // ..., officials from both sides said: a speaker phrase with a prepositional tail
            speaker = described;
            comma = c;
            rest = end;
        }
        else
        {
            return null;
        }

        // Nothing but punctuation or a short adverbial (on Monday, in a statement) may follow.
        var tail = SkipPunct(rest, sentenceEnd);
        if (tail < sentenceEnd && !(IsPreposition(tail) && sentenceEnd - tail <= 6))
        {
            return null;
        }

        for (var t = tail; t < sentenceEnd; t++)
        {
            if (_masked[t])
            {
                return null; // accused the government of "gesture politics": the quote is the content
            }
        }

        var from = SkipPunct(sentenceStart, comma);
        if (from >= comma || _masked[from])
        {
            return null; // a direct quote: attributed as such
        }

        if (ForwardPhrase(from, comma, greedy: false) is { } np && np.EndToken >= comma)
        {
            return null; // The shadow foreign secretary, Priti Patel, said: an apposition, not a clause
        }

        var to = comma;
        while (to > from && (IsPunct(to - 1) || IsMarkToken(to - 1)) && !(IsMarkToken(to - 1) && HasOpenMarkBefore(from, to - 1)))
        {
            to--;
        }

        return CountWordsTokens(from, to) >= 3
            ? new Found(_tokens[from].Start, _tokens[to - 1].End, false, new Attribution(speaker, CueSpan(k, end)))
            : null;
    }

    private int? LastCommaBefore(int k, int sentenceStart)
    {
        for (var t = k - 1; t > sentenceStart && t >= k - 8; t--)
        {
            if (IsPunct(t))
            {
                return Char(t) == ',' && t < k - 1 ? t : null;
            }

            if (_masked[t])
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Where the reported clause begins after the cue, or -1 when the cue reports no clause.</summary>
    private int ContentStart(CueForm form, int end, int sentenceEnd, bool passive)
    {
        // "that" right after the verb, or after a short object / adverbial (told reporters on Monday that).
        var reach = Math.Min(sentenceEnd, end + 8);
        var firstIsLink = end < sentenceEnd && (IsPreposition(end) || (IsPunct(end) && Char(end) == ','));
        for (var t = end; t < reach; t++)
        {
            if (IsMarkToken(t) || IsPunct(t) && Char(t) is '.' or ';' or ':' or '?' or '!')
            {
                break;
            }

            if (t > end && MatchCue(t, sentenceEnd) is not null)
            {
                break; // said, adding that ...: the later cue reports it
            }

            if (IsWord(t) && WordAt(t) is "that")
            {
                if (t == end || (form.Flags & (VerbFlags.Addressee | VerbFlags.NeedsThat)) != 0 || firstIsLink || passive)
                {
                    return t + 1;
                }

                break;
            }

            if (IsWord(t) && WordAt(t) is "to" && (form.Flags & VerbFlags.Addressee) != 0 && t > end && IsWord(end) && WordAt(end) is not ("not" or "never"))
            {
                // urged Washington to lift sanctions: the object and what it is urged to do (not "told X to").
                return form.Words[0].StartsWith("t", StringComparison.Ordinal) ? -1 : end;
            }
        }

        if ((form.Flags & VerbFlags.Bare) == 0 || passive || end >= sentenceEnd)
        {
            return -1;
        }

        // Bare content: said the talks failed, said Tuesday he would. Not: said on Monday, said nothing, said Putin.
        var first = end;
        while (first < sentenceEnd && IsWord(first) && IsTimeWord(WordAt(first)))
        {
            first++;
        }

        if (first >= sentenceEnd)
        {
            return -1;
        }

        if (first > end && WordAt(first) is "that")
        {
            return first + 1;
        }

        end = first;
        if (!IsWord(end) || IsPreposition(end) || _lex.NotSpeakers.Contains(WordAt(end)) || WordAt(end) is "nothing" or "so" or "yes" or "goodbye" or "thanks" or "sorry" or "and" or "but" or "or" or "this" or "these" or "those" or "much" or "little"
            || (WordAt(end) is "it" && (end + 1 >= sentenceEnd || IsPunct(end + 1) || IsPreposition(end + 1))))
        {
            return -1;
        }

        var inverted = ForwardPhrase(end, sentenceEnd);
        if (inverted is not null && (inverted.EndToken >= sentenceEnd || IsPunct(inverted.EndToken) && !IsMarkToken(inverted.EndToken)))
        {
            return -1;
        }

        return end;
    }

    /// <summary>The reported clause runs to the sentence end, or to where another attribution starts.</summary>
    private int ContentEnd(int from, int sentenceEnd)
    {
        var end = sentenceEnd;
        for (var t = from + 1; t < sentenceEnd; t++)
        {
            // "..., but warned that ..." / "... and said ...": a second reporting verb of the same speaker
            var conjunction = t + 1 < sentenceEnd && IsWord(t) && WordAt(t) is "and" or "but" && t > from + 2;
            var afterComma = IsPunct(t) && Char(t) == ',' && t + 2 < sentenceEnd && IsWord(t + 1) && WordAt(t + 1) is "and" or "but";
            var verbAt = conjunction ? t + 1 : afterComma ? t + 2 : -1;
            if (verbAt > 0 && MatchCue(verbAt, sentenceEnd) is { Form.SourcePhrase: false, Form.IsBase: false } second
                && (second.Form.Flags & VerbFlags.PartialOnly) == 0 && !second.Form.Participle)
            {
                end = t;
                break;
            }

            // "..., while Kyiv said ..." / "...; the ministry said ...": another speaker's report begins
            var joint = IsPunct(t) && Char(t) is ',' or ';' ? t + 1 : IsWord(t) && WordAt(t) is "while" or "whereas" ? t + 1 : -1;
            if (joint > 0 && joint < sentenceEnd && IsWord(joint) && WordAt(joint) is "and" or "but" or "while" or "whereas")
            {
                joint++;
            }

            if (joint > from + 1 && joint < sentenceEnd && ForwardPhrase(joint, sentenceEnd, greedy: false) is { Kind: not SpeakerKind.Pronoun } other
                && other.FirstToken == joint && other.EndToken < sentenceEnd
                && MatchCue(SkipWords(other.EndToken, sentenceEnd), sentenceEnd) is { Form.SourcePhrase: false, Form.Participle: false } next
                && (next.Form.Flags & VerbFlags.PartialOnly) == 0 && next.End < sentenceEnd - 1)
            {
                end = t;
                break;
            }

            if (!IsPunct(t) || Char(t) != ',' || t + 1 >= sentenceEnd)
            {
                continue;
            }

            // ", adding that ..." / ", according to ..." / ", he said" start a new attribution.
            if (MatchCue(t + 1, sentenceEnd) is { } cue && (cue.Form.Participle || cue.Form.SourcePhrase))
            {
                end = t;
                break;
            }

            var np = ForwardPhrase(t + 1, sentenceEnd);
            if (np is not null && np.EndToken < sentenceEnd && MatchCue(SkipWords(np.EndToken, sentenceEnd), sentenceEnd) is { Form.SourcePhrase: false } said
                && SkipWords(np.EndToken, sentenceEnd) + said.Form.Words.Length >= sentenceEnd - 1)
            {
                end = t;
                break;
            }
        }

        while (end > from && (IsPunct(end - 1) || IsMarkToken(end - 1)) && !(IsMarkToken(end - 1) && HasOpenMarkBefore(from, end - 1)))
        {
            end--;
        }

        return end;
    }

    private bool HasOpenMarkBefore(int from, int close)
    {
        for (var t = from; t < close; t++)
        {
            if (IsMarkToken(t))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>According to X, content. / Content, according to X. / As per X, content.</summary>
    private Found? AccordingTo(int k, int end, int sentence)
    {
        var sentenceStart = SentenceStartToken(sentence);
        var sentenceEnd = TokenAtOrAfter(_sentences[sentence].End);
        var np = ForwardPhrase(end, sentenceEnd);
        if (np is null)
        {
            return null;
        }

        var cue = CueSpan(k, end);
        var atStart = SkipPunct(sentenceStart, k) == k;
        var npEnd = np.EndToken;
        var comma = npEnd;
        while (comma < sentenceEnd && comma < npEnd + 6 && IsWord(comma) && !_masked[comma])
        {
            comma++;
        }

        if (atStart && comma < sentenceEnd && IsPunct(comma) && Char(comma) == ',')
        {
            var from = comma + 1;
            if (from >= sentenceEnd || IsMarkToken(from))
            {
                return null;
            }

            var to = ContentEnd(from, sentenceEnd);
            return to - from >= 3 ? new Found(_tokens[from].Start, _tokens[to - 1].End, false, new Attribution(np, cue)) : null;
        }

        if (k > sentenceStart && IsPunct(k - 1) && Char(k - 1) == ',' && (SkipPunct(npEnd, sentenceEnd) == sentenceEnd || IsPunct(npEnd) && Char(npEnd) == ','))
        {
            var from = sentenceStart;
            var to = k - 1;
            while (from < to && (IsPunct(from) || IsMarkToken(from)))
            {
                from++;
            }

            for (var t = from; t < to; t++)
            {
                if (_masked[t])
                {
                    return null; // the content is a direct quote, attributed there
                }
            }

            return CountWordsTokens(from, to) >= 2 ? new Found(_tokens[from].Start, _tokens[to - 1].End, false, new Attribution(np, cue)) : null;
        }

        return null;
    }

    /// <summary>Lavrov: the West is to blame. A speaker and a colon opening a sentence or line.</summary>
    private void Colons(List<Found> found)
    {
        for (var s = 0; s < _sentences.Length; s++)
        {
            var a = SentenceStartToken(s);
            var b = TokenAtOrAfter(_sentences[s].End);
            for (var t = a + 1; t < b && t <= a + 5; t++)
            {
                if (!IsPunct(t) || Char(t) != ':')
                {
                    continue;
                }

                var np = BackwardPhrase(t, a);
                if (np is null || np.FirstToken != a || np.Kind == SpeakerKind.Pronoun || _lex.NotSpeakers.Contains(WordAt(a))
                    || t + 1 >= b || IsMarkToken(t + 1) || _masked[t + 1] || AllUpper(a, t))
                {
                    break;
                }

                var to = ContentEnd(t + 1, b);
                if (CountWordsTokens(t + 1, to) >= 4)
                {
                    found.Add(new Found(_tokens[t + 1].Start, _tokens[to - 1].End, false, new Attribution(np, null)));
                }

                break;
            }
        }

        found.Sort((x, y) => x.Start.CompareTo(y.Start));
    }

    private bool AllUpper(int a, int b)
    {
        for (var t = a; t < b; t++)
        {
            if (IsWord(t))
            {
                foreach (var c in _text.AsSpan(_tokens[t].Start, _tokens[t].Length))
                {
                    if (char.IsLower(c))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private bool IsPassive(int k, int sentenceStart)
    {
        // it was announced / it is said / it has been reported (that ...)
        var t = k - 1;
        if (t >= sentenceStart && WordAt(t) is "been")
        {
            t--;
        }

        if (t < sentenceStart || WordAt(t) is not ("was" or "is" or "were" or "are" or "has" or "had" or "have"))
        {
            return false;
        }

        return t - 1 >= sentenceStart && WordAt(t - 1) is "it" or "It";
    }

    // ---------------------------------------------------------------- speakers

    /// <summary>The speaker of a cue verb: its subject, or for ", adding that" the subject of the main clause.</summary>
    private SpeakerPhrase? SubjectOf(int k, CueForm form, int sentenceStart)
    {
        if (form.Participle && k > sentenceStart && IsQuotedAs(k))
        {
            var q = k - 1;
            while (q >= sentenceStart && WordAt(q) is "as" or "quoted" or "was" or "is" or "been" or "has")
            {
                q--;
            }

            return BackwardPhrase(q + 1, sentenceStart);
        }

        var linked = k > sentenceStart && (IsPunct(k - 1) && Char(k - 1) is ',' || IsMarkToken(k - 1)
            || WordAt(k - 1) is "and" or "but" or "while" or "before" or "after" or "also");
        if (form.Participle)
        {
            // ", adding that ...", ", stating ...": the speaker is the main clause's.
            return linked ? MainSubject(k, sentenceStart) : BackwardPhrase(k, sentenceStart);
        }

        return BackwardPhrase(k, sentenceStart) ?? (linked ? MainSubject(k, sentenceStart) : NearSubject(k, sentenceStart));
    }

    /// <summary>Kurdish-led forces in the northeast said: the sentence's first noun phrase, when the verb follows it closely.</summary>
    private SpeakerPhrase? NearSubject(int k, int sentenceStart)
    {
        var first = SkipPunct(sentenceStart, k);
        if (k - first > 12 || first >= k)
        {
            return null;
        }

        var np = ForwardPhrase(first, k, greedy: false);
        if (np is null || np.Kind == SpeakerKind.Pronoun || np.EndToken >= k)
        {
            return null;
        }

        // A prepositional tail (in the northeast) or a relative clause (who asked not to be named).
        var relative = WordAt(np.EndToken) is "who" or "which" or "that";
        if (!relative && !IsPreposition(np.EndToken))
        {
            return null;
        }

        for (var t = np.EndToken; t < k; t++)
        {
            if (!IsWord(t) || _masked[t] || (!relative && MatchCue(t, k) is not null))
            {
                return null;
            }
        }

        return np;
    }

    private bool IsQuotedAs(int k) => k >= 2 && WordAt(k - 1) is "as" && WordAt(k - 2) is "quoted";

    /// <summary>The speaker of the main clause: an earlier cue's subject in the sentence, else its first noun phrase.</summary>
    private SpeakerPhrase? MainSubject(int k, int sentenceStart)
    {
        for (var t = k - 1; t >= sentenceStart && t >= k - 40; t--)
        {
            if (_masked[t] || !IsWord(t) || MatchCue(t, k) is not { } cue || cue.Form.SourcePhrase || cue.Form.Participle
                || (cue.Form.Flags & VerbFlags.PartialOnly) != 0)
            {
                continue;
            }

            var subject = BackwardPhrase(t, sentenceStart);
            if (subject is not null)
            {
                return subject;
            }

            if ((cue.Form.Flags & VerbFlags.Inversion) != 0)
            {
                var inverted = ForwardPhrase(cue.End, k);
                if (inverted is not null)
                {
                    return inverted;
                }
            }
        }

        // The sentence's subject, after an opening adverbial ("In a parallel context, ...").
        var first = SkipPunct(sentenceStart, k);
        if (first < k && _masked[first])
        {
            return null;
        }

        if (first < k && IsPreposition(first))
        {
            var comma = first;
            while (comma < k && comma < first + 8 && !(IsPunct(comma) && Char(comma) == ','))
            {
                comma++;
            }

            first = comma < k && IsPunct(comma) && Char(comma) == ',' ? comma + 1 : k;
        }

        var np = first < k ? ForwardPhrase(first, k, greedy: false) : null;
        return np is not null && np.FirstToken <= first + 1 ? np : null;
    }

    /// <summary>The noun phrase that ends right before token <paramref name="end"/> (skipping "also", "later", ...).</summary>
    private SpeakerPhrase? BackwardPhrase(int end, int min)
    {
        var i = end - 1;
        while (i >= min && IsWord(i) && _lex.Skip.Contains(WordAt(i)))
        {
            i--;
        }

        if (i < min || _masked[i])
        {
            return null;
        }

        if (IsPunct(i) && Char(i) == ',')
        {
            // Peskov, the Kremlin spokesman, said: prefer the name before the apposition.
            var apposition = BackwardPhrase(i, min);
            if (apposition is null || apposition.FirstToken - 1 < min || !IsPunct(apposition.FirstToken - 1) || Char(apposition.FirstToken - 1) != ',')
            {
                return null;
            }

            var name = Phrase(apposition.FirstToken - 1, min, out _);
            return name is { Kind: SpeakerKind.Name } ? name : apposition.Kind is SpeakerKind.Nominal or SpeakerKind.Name ? apposition : null;
        }

        var phrase = Phrase(i + 1, min, out _) ?? MentionPhrase(-1, i, min, i + 1);
        if (phrase is not null && phrase.FirstToken - 1 > min && IsWord(phrase.FirstToken - 1)
            && WordAt(phrase.FirstToken - 1) is "in" or "at" or "from" or "near")
        {
            // Israel's embassy in London said: the speaker is before the place
            var before = Phrase(phrase.FirstToken - 1, min, out _);
            if (before is not null && before.Kind != SpeakerKind.Pronoun)
            {
                return before with { EndToken = phrase.EndToken };
            }
        }

        return phrase;
    }

    private SpeakerPhrase? Phrase(int end, int min, out int first)
    {
        var i = end - 1;
        first = end;
        if (i < min || !IsWord(i) || _masked[i])
        {
            return null;
        }

        if (_lex.Pronouns.Contains(WordAt(i)))
        {
            first = i;
            return Pronoun(i);
        }

        var j = i;
        while (j >= min && i - j < MaxPhrase && InPhrase(j, j == i))
        {
            j--;
        }

        first = j + 1;
        while (first <= i && (WordAt(first) is "of" or "for" or "at" or "'s" or "’s" || (IsPunct(first) && !IsPossessive(first))))
        {
            first++;
        }

        return first > i ? null : Classify(first, i + 1);
    }

    /// <summary>The noun phrase starting at token <paramref name="start"/> (said the official, according to Beijing).</summary>
    private SpeakerPhrase? ForwardPhrase(int start, int max, bool greedy = true) =>
        ForwardWords(start, max, greedy) ?? (start < max && !_masked[start] ? MentionPhrase(start, -1, start, max) : null);

    private SpeakerPhrase? ForwardWords(int start, int max, bool greedy)
    {
        if (start >= max || !IsWord(start) || _masked[start])
        {
            return null;
        }

        if (_lex.Pronouns.Contains(WordAt(start)))
        {
            return Pronoun(start);
        }

        if (greedy)
        {
            // After "according to" or an inverted verb: words up to a stop, cut after the last head.
            var g = start;
            var lastHead = -1;
            while (g < max && g - start < MaxPhrase + 4 && (InPhrase(g, false) || IsLooseWord(g) || (WordAt(g) is "from" or "by" && g > start && g + 1 < max && IsWord(g + 1))))
            {
                if (IsHead(g) || IsCapitalised(g) && !_lex.NpWords.Contains(WordAt(g)) && !_lex.Titles.Contains(WordAt(g)) || IsCapitalised(g) && g + 1 < max && !InPhrase(g + 1, false))
                {
                    lastHead = g;
                }

                g++;
            }

            return lastHead < 0 ? null : Classify(start, lastHead + 1);
        }

        var j = start;
        while (j < max && j - start < MaxPhrase + 4 && InPhrase(j, false))
        {
            j++;
        }

        while (j > start && IsWord(j - 1) && WordAt(j - 1) is "of" or "for")
        {
            j--;
        }

        return j == start ? null : Classify(start, j);
    }

    private bool InPhrase(int t, bool last)
    {
        if (_masked[t])
        {
            return false;
        }

        if (IsPossessive(t))
        {
            return true;
        }

        if (!IsWord(t))
        {
            return false;
        }

        var w = WordAt(t);
        if (w is "of" or "for")
        {
            return !last;
        }

        if (_lex.NotNames.Contains(w) || _lex.Skip.Contains(w) && !IsCapitalised(t) || _lex.Pronouns.Contains(w) && !IsCapitalised(t))
        {
            return false;
        }

        return IsCapitalised(t) || _lex.NpWords.Contains(w) || _lex.PersonNouns.Contains(w) || _lex.OrgNouns.Contains(w) || IsPluralPerson(w)
            || _lex.Titles.Contains(w) || _lex.Demonyms.Contains(w) || IsNameParticle(t);
    }

    private bool IsLooseWord(int t)
    {
        if (!IsWord(t) || _masked[t] || IsCapitalised(t))
        {
            return false;
        }

        var w = WordAt(t);
        return !_lex.NotNames.Contains(w) && !_lex.Skip.Contains(w) && !_lex.Pronouns.Contains(w) && MatchCue(t, t + 4) is null;
    }

    private bool IsTitle(int t)
    {
        var w = WordAt(t);
        return _lex.Titles.Contains(w.Length > 1 && w[^1] == '.' ? w[..^1] : w);
    }

    private bool IsHead(int t) => IsWord(t) && (_lex.PersonNouns.Contains(WordAt(t)) || _lex.OrgNouns.Contains(WordAt(t)) || IsPluralPerson(WordAt(t)));

    private bool IsPluralPerson(ReadOnlySpan<char> w) => w.Length > 3 && w[^1] == 's' && _lex.PersonNouns.Contains(w[..^1]);

    private bool IsNameParticle(int t) =>
        WordAt(t) is "bin" or "al" or "de" or "van" or "von" or "da" or "di" or "du" or "le" or "la" or "el" or "der" or "den" or "ibn"
        && t > 0 && t + 1 < _tokens.Length && IsCapitalised(t - 1) && IsCapitalised(t + 1);

    /// <summary>Decides what the phrase [first, end) names and which span stands for the speaker.</summary>
    private SpeakerPhrase? Classify(int first, int end)
    {
        // The head: the last word, or the word before "of/for" (the spokesman for the ministry).
        var head = end - 1;
        for (var t = first + 1; t < end; t++)
        {
            if (IsWord(t) && WordAt(t) is "of" or "for" && IsHead(t - 1) && !IsCapitalised(t - 1))
            {
                head = t - 1;
                break;
            }
        }

        if (IsPossessive(head))
        {
            return null;
        }

        var w = WordAt(head);
        if (!IsWord(head) || _lex.NotSpeakers.Contains(w) && IsCapitalised(head) && head == first)
        {
            return null;
        }

        var capital = IsCapitalised(head) && !IsDeterminer(head);
        var person = _lex.PersonNouns.Contains(w) || IsPluralPerson(w);
        var org = _lex.OrgNouns.Contains(w);
        var hasDeterminer = IsWord(first) && WordAt(first) is "the" or "The" or "a" or "A" or "an" or "An" or "his" or "His" or "her" or "Her" or "its" or "their";
        if (capital && !(person && (hasDeterminer || head == first)))
        {
            // A name: the capitalised run ending at the head, without titles and demonyms before it.
            var r = head;
            while (r - 1 >= first && (IsCapitalised(r - 1) && !IsDeterminer(r - 1) || IsNameParticle(r - 1)))
            {
                r--;
            }

            var institution = _lex.OrgNouns.Contains(WordAt(head));
            if (!institution)
            {
                // Russian President Vladimir Putin, Mr. Biden, House Speaker Mike Johnson, Senate Majority Leader Chuck Schumer
                while (r < head && (IsTitle(r) || _lex.Demonyms.Contains(WordAt(r)) || _lex.OrgNouns.Contains(WordAt(r))))
                {
                    r++;
                }

                if (IsTitle(r) && r == head)
                {
                    return null; // a bare title ("President") is not a name
                }
            }

            return new SpeakerPhrase(first, end, _tokens[r].Start, _tokens[head].End, institution ? SpeakerKind.Institution : SpeakerKind.Name);
        }

        if (person || org)
        {
            // A description: the whole phrase from its first word (the Kremlin aide, China's foreign ministry).
            return new SpeakerPhrase(first, end, _tokens[first].Start, _tokens[end - 1].End, person ? SpeakerKind.Nominal : SpeakerKind.Institution);
        }

        return null;
    }

    private SpeakerPhrase Pronoun(int t) => new(t, t + 1, _tokens[t].Start, _tokens[t].End, SpeakerKind.Pronoun);

    // ---------------------------------------------------------------- cues and tokens

    private (CueForm Form, int End)? MatchCue(int k, int limit)
    {
        if (k >= _tokens.Length || !IsWord(k))
        {
            return null;
        }

        var word = WordAt(k);
        var forms = _lex.CuesStartingWith(word);
        if (forms is null)
        {
            return null;
        }

        foreach (var form in forms)
        {
            if (!form.SourcePhrase && char.IsUpper(word[0]))
            {
                continue; // a verb in a capitalised word is a name or a headline, not a cue
            }

            if (form.IsBase && !BaseVerbContext(k - 1))
            {
                continue; // "the state", "a note", "the report": the bare form is a verb only after a subject or an auxiliary
            }

            var ok = k + form.Words.Length <= limit;
            for (var w = 1; ok && w < form.Words.Length; w++)
            {
                ok = IsWord(k + w) && WordAt(k + w).Equals(form.Words[w], StringComparison.OrdinalIgnoreCase) && !_masked[k + w];
            }

            if (ok)
            {
                return (form, k + form.Words.Length);
            }
        }

        return null;
    }

    /// <summary>"EU trade commissioner Maros Sefcovic": up to four plain words before a speaker phrase.</summary>
    private bool OnlyModifiers(int from, int to)
    {
        if (to - from > 4)
        {
            return false;
        }

        for (var t = from; t < to; t++)
        {
            if (!IsWord(t) || _masked[t] || _lex.NotNames.Contains(WordAt(t)) || MatchCue(t, to) is not null)
            {
                return false;
            }
        }

        return true;
    }

    private bool BaseVerbContext(int t)
    {
        if (t < 0 || !IsWord(t))
        {
            return false;
        }

        var w = WordAt(t);
        return w is "I" or "we" or "We" or "they" or "They" or "you" or "You" or "will" or "would" or "can" or "could" or "may" or "might" or "must"
            or "should" or "did" or "do" or "does" or "to" or "not" or "also" or "often" or "still" or "now" or "who" or "sources" or "analysts"
            || (w.Length > 3 && w[^1] == 's' && w[^2] != 's' && !IsDeterminer(t) && (IsHead(t) || IsCapitalised(t)));
    }

    /// <summary>"the said agreement", "a stated goal": a verb form used as an adjective.</summary>
    private bool IsAdjectivalUse(int k) =>
        k > 0 && IsWord(k - 1) && WordAt(k - 1) is "the" or "The" or "a" or "A" or "an" or "its" or "their" or "his" or "her" or "to" or "be" or "being";

    private bool AtClauseStart(int openTok, int sentenceStart)
    {
        var t = SkipPunct(sentenceStart, openTok);
        return t >= openTok;
    }

    private int SkipWords(int from, int to)
    {
        var t = from;
        while (t < to && IsWord(t) && _lex.Skip.Contains(WordAt(t)))
        {
            t++;
        }

        return t;
    }

    private int SkipPunct(int from, int to)
    {
        var t = from;
        while (t < to && (IsPunct(t) || _tokens[t].Kind == TokenKind.Symbol))
        {
            t++;
        }

        return t;
    }

    private SpanText CueSpan(int k, int end) =>
        new(_tokens[k].Start, _tokens[end - 1].End, _text[_tokens[k].Start.._tokens[end - 1].End]);

    private bool IsWord(int t) => t >= 0 && t < _tokens.Length && _tokens[t].Kind is TokenKind.Word or TokenKind.Number;

    private bool IsPunct(int t) => t >= 0 && t < _tokens.Length && _tokens[t].Kind is TokenKind.Punctuation or TokenKind.Symbol;

    private bool IsMarkToken(int t) => t >= 0 && t < _tokens.Length && _tokens[t].Length == 1 && QuoteMarks.IsMark(_text[_tokens[t].Start]);

    private bool IsPossessive(int t) => IsWord(t) && WordAt(t) is "'s" or "’s" or "'S";

    private bool IsPreposition(int t) => IsWord(t) && (IsTimeWord(WordAt(t)) || WordAt(t) is "on" or "in" or "at" or "during" or "after" or "before" or "to" or "with" or "about" or "of" or "for" or "by" or "from"
            or "On" or "In" or "At" or "During" or "After" or "Before" or "With" or "From" or "Late" or "late" or "Earlier" or "earlier" or "last" or "Last" or "this" or "on" or "Speaking" or "Meanwhile" or "However");

    /// <summary>Said Thursday, said earlier, told reporters today: time words that may follow a verb.</summary>
    private static bool IsTimeWord(ReadOnlySpan<char> w) =>
        w is "Monday" or "Tuesday" or "Wednesday" or "Thursday" or "Friday" or "Saturday" or "Sunday" or "today" or "yesterday" or "tonight"
            or "earlier" or "later" or "again" or "recently" or "previously" or "late" or "early" or "overnight" or "separately" or "also";

    private bool IsDeterminer(int t) =>
        WordAt(t) is "the" or "The" or "a" or "A" or "an" or "An" or "his" or "His" or "her" or "Her" or "its" or "Its" or "their" or "Their" or "our" or "Our" or "This" or "That";

    private bool IsCapitalised(int t)
    {
        if (!IsWord(t))
        {
            return false;
        }

        var w = WordAt(t);
        if (char.IsUpper(w[0]))
        {
            return true;
        }

        // al-Ansari, el-Sisi, bin-Zayed: a lowercase particle joined to a capitalised name
        var dash = w.IndexOf('-');
        return dash is > 0 and <= 3 && dash + 1 < w.Length && char.IsUpper(w[dash + 1]);
    }

    private char Char(int t) => _text[_tokens[t].Start];

    private ReadOnlySpan<char> WordAt(int t) => t >= 0 && t < _tokens.Length ? _text.AsSpan(_tokens[t].Start, _tokens[t].Length) : [];

    private int CountWords(int start, int end) => CountWordsTokens(TokenAtOrAfter(start), TokenAtOrAfter(end));

    private int CountWordsTokens(int a, int b)
    {
        var n = 0;
        for (var t = a; t < b && t < _tokens.Length; t++)
        {
            if (IsWord(t))
            {
                n++;
            }
        }

        return n;
    }

    private int TokenAtOrAfter(int offset) => Offsets.CountStartingBefore(_tokens.AsSpan(), offset, static t => t.Start);

    private int SentenceOf(int offset) => Math.Max(0, Offsets.CountStartingAtOrBefore(_sentences.AsSpan(), offset, static s => s.Start) - 1);

    private int SentenceStartToken(int sentence) => TokenAtOrAfter(_sentences[sentence].Start);

    public int ParagraphIndex(int offset)
    {
        int lo = 0, hi = _paragraphs.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (_paragraphs[mid] <= offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private int ParagraphEnd(int offset)
    {
        var p = ParagraphIndex(offset);
        return p + 1 < _paragraphs.Length ? _paragraphs[p + 1] : _text.Length;
    }
}
