using System.Collections.Immutable;
using System.Globalization;
using Dyad.Text;

namespace Dyad.Events;

/// <summary>An actor reference over a token range: an entity mention, a pair nominal ("the two presidents") or a pronoun in a quotation.</summary>
internal sealed record ActorRef(int First, int Last, ImmutableArray<EventActor> Actors, bool Modifier, bool Person)
{
    /// <summary>Token index just after the reference.</summary>
    public int After => Last + 1;
}

/// <summary>A trigger found in a sentence, before its actors are known.</summary>
internal sealed record TriggerHit(int First, int Last, Trigger Trigger)
{
    /// <summary>A verb, or a verb/noun form used without a determiner.</summary>
    public bool IsVerbal() => Trigger.IsVerb || Trigger.Object;
}

/// <summary>
/// Codes the events of one document: triggers from the lexicon, actors from a light shallow parse
/// (the nearest actor left of the trigger in its clause is the source; the direct object or the object
/// of one of the trigger's prepositions is the target), modality from cue words, date and place from
/// the clause. Not thread-shared: one instance per document.
/// </summary>
internal sealed class EventCoder
{
    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal)
    {
        "on", "of", "to", "for", "with", "against", "into", "from", "at", "between", "in", "upon", "toward", "towards",
        "by", "over", "about", "near", "along", "regarding", "concerning", "around", "off", "beyond", "during", "under", "amid", "across", "among", "through", "inside", "outside", "within",
    };

    private static readonly HashSet<string> NounPhraseFillers = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "its", "his", "her", "their", "'s", "leader", "president", "minister", "prime", "foreign", "defense", "defence",
        "counterpart", "chief", "head", "top", "senior", "new", "former", "envoy", "ambassador", "spokesman", "spokeswoman",
        "spokesperson", "secretary", "state", "vice", "deputy", "premier", "chancellor", "king", "queen", "general", "commander", "officials",
        "official", "-", "two", "both", "all", "several", "other", "neighbouring", "neighboring",
    };

    private static readonly HashSet<string> TargetStops = new(StringComparer.Ordinal)
    {
        "that", "who", "which", "after", "before", "because", "when", "while", "whereas", "although", "said", "says", "saying", "adding",
        "if", "unless", "but", "so", "where", "whose", "amid",
    };

    private static readonly HashSet<string> BeForms = new(StringComparer.Ordinal)
    {
        "was", "were", "been", "being", "is", "are", "be", "got", "get", "gets", "'s",
    };

    private static readonly HashSet<string> PassiveAdverbs = new(StringComparer.Ordinal)
    {
        "reportedly", "allegedly", "also", "later", "then", "again", "repeatedly", "heavily", "briefly", "formally", "officially", "jointly", "not", "never",
    };

    private static readonly HashSet<string> ReciprocalTypes = new(StringComparer.Ordinal) { "CONSULT", "COOPERATE", "AGREE" };

    private readonly Analysis _analysis;
    private readonly EventLexicon _lexicon;
    private readonly EventCues _cues;
    private readonly string[] _lower;
    private readonly ImmutableArray<Token> _tokens;
    private readonly List<ActorRef> _actors = [];
    private readonly int[] _actorAt;
    private readonly bool[] _covered;
    private readonly DateOnly? _dct;

    public EventCoder(Analysis analysis, EventLexicon lexicon, EventCues cues)
    {
        _analysis = analysis;
        _lexicon = lexicon;
        _cues = cues;
        _tokens = analysis.Tokens;
        _dct = analysis.Document.Date;
        _lower = new string[_tokens.Length];
        var text = analysis.Text;
        for (var i = 0; i < _tokens.Length; i++)
        {
            var t = _tokens[i];
            _lower[i] = text[t.Start..t.End].ToLowerInvariant().Replace('\u2019', '\'');
        }

        _actorAt = new int[_tokens.Length];
        _covered = new bool[_tokens.Length];
        Array.Fill(_actorAt, -1);
        BuildActors();
    }

    public ImmutableArray<Event> Code()
    {
        var found = new List<Event>();
        foreach (var sentence in _analysis.Sentences)
        {
            var (first, last) = TokenRange(sentence.Start, sentence.End);
            if (first > last)
            {
                continue;
            }

            CodeSentence(sentence, first, last, found);
        }

        return Merge(found);
    }

    // ---------------------------------------------------------------- actors

    private (int First, int Last) TokenRange(int start, int end)
    {
        var first = LowerBound(start);
        var last = LowerBound(end) - 1;
        return (first, last);
    }

    private int LowerBound(int offset) => Offsets.CountStartingBefore(_tokens.AsSpan(), offset, static t => t.Start);

    private static bool Eligible(Entity e) =>
        (e.Country is not null || e.ActorCode is not null)
        && e.Type is not ("LOC" or "EVENT" or "MISC")
        && (e.Type != "FAC" || e.ActorCode is not null);

    private static EventActor ActorOf(Entity e, string? sector = null)
    {
        var s = sector ?? e.Sector;
        var code = sector is not null && e.Country is not null ? e.Country + sector : e.ActorCode ?? e.Country;
        return new EventActor(e.Id, e.Name, code, e.Country, s);
    }

    private void BuildActors()
    {
        var candidates = new List<(int First, int Last, Entity Entity, bool Norp)>();
        foreach (var entity in _analysis.Entities)
        {
            if (entity is null || entity.Mentions.IsDefault || !Eligible(entity))
            {
                continue;
            }

            foreach (var m in entity.Mentions)
            {
                if (m.Start < 0 || m.End > _analysis.Text.Length || m.End <= m.Start)
                {
                    continue;
                }

                var (first, last) = TokenRange(m.Start, m.End);
                if (first > last)
                {
                    continue;
                }

                var norp = m.Type == "NORP" || (m.Type is null && entity.Type == "NORP");
                candidates.Add((first, last, entity, norp));
            }
        }

        // Longest first, then keep the ones that do not overlap a kept one.
        var taken = new bool[_tokens.Length];
        var kept = new List<ActorRef>();
        foreach (var c in candidates.OrderByDescending(c => c.Last - c.First).ThenBy(c => c.First))
        {
            if (Enumerable.Range(c.First, c.Last - c.First + 1).Any(i => taken[i]))
            {
                continue;
            }

            for (var i = c.First; i <= c.Last; i++)
            {
                taken[i] = true;
            }

            var (agentLast, sector) = Agent(c.Last + 1);
            var actor = ActorOf(c.Entity, sector);
            var last = c.Last;
            var modifier = c.Norp;
            if (sector is not null && (c.Norp || c.Entity.Type == "GPE"))
            {
                // "Russian troops", "Israel's military": the agent noun belongs to the actor.
                last = agentLast;
                modifier = false;
                for (var i = c.Last + 1; i <= last; i++)
                {
                    taken[i] = true;
                }
            }
            else
            {
                actor = ActorOf(c.Entity);
            }

            kept.Add(new ActorRef(c.First, last, [actor], modifier, c.Entity.Type == "PERSON"));
        }

        AddQuotePronouns(kept, taken);
        kept.Sort((a, b) => a.First.CompareTo(b.First));
        AddPairs(kept, taken);
        kept.Sort((a, b) => a.First.CompareTo(b.First));
        foreach (var a in kept)
        {
            _actorAt[a.First] = _actors.Count;
            _actors.Add(a);
            Array.Fill(_covered, true, a.First, a.Last - a.First + 1);
        }
    }

    private (int Last, string? Sector) Agent(int at)
    {
        if (at < _lower.Length && _lower[at] == "'s")
        {
            at++;
        }

        foreach (var (words, sector) in _cues.Agents)
        {
            if (Matches(at, words))
            {
                return (at + words.Length - 1, sector);
            }
        }

        return (-1, null);
    }

    private bool Matches(int at, string[] words)
    {
        if (at < 0 || at + words.Length > _lower.Length)
        {
            return false;
        }

        for (var k = 0; k < words.Length; k++)
        {
            if (_lower[at + k] != words[k])
            {
                return false;
            }
        }

        return true;
    }

    private EventActor? CountryActor(string country)
    {
        Entity? best = null;
        foreach (var e in _analysis.Entities)
        {
            if (e.Type == "GPE" && e.Country == country && (best is null || e.Mentions.Length > best.Mentions.Length))
            {
                best = e;
            }
        }

        return best is not null ? ActorOf(best) : new EventActor(null, country, country, country, null);
    }

    private void AddQuotePronouns(List<ActorRef> kept, bool[] taken)
    {
        var byId = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var e in _analysis.Entities)
        {
            if (e?.Id is not null)
            {
                byId.TryAdd(e.Id, e);
            }
        }

        foreach (var quote in _analysis.Quotes.IsDefault ? [] : _analysis.Quotes)
        {
            if (quote?.Speaker?.EntityId is not { } id || !byId.TryGetValue(id, out var speaker) || !Eligible(speaker))
            {
                continue;
            }

            var (first, last) = TokenRange(quote.Start, quote.End);
            for (var i = first; i <= last; i++)
            {
                if (taken[i])
                {
                    continue;
                }

                var group = Longest(i, _cues.QuoteGroup);
                if (group > 0 && speaker.Country is { } country && CountryActor(country) is { } actor)
                {
                    kept.Add(new ActorRef(i, i + group - 1, [actor], false, false));
                    Array.Fill(taken, true, i, group);
                    i += group - 1;
                    continue;
                }

                var self = Longest(i, _cues.QuoteSelf);
                if (self > 0)
                {
                    kept.Add(new ActorRef(i, i + self - 1, [ActorOf(speaker)], false, speaker.Type == "PERSON"));
                    Array.Fill(taken, true, i, self);
                    i += self - 1;
                }
            }
        }
    }

    private int Longest(int at, string[][] lists)
    {
        foreach (var words in lists)
        {
            if (Matches(at, words))
            {
                return words.Length;
            }
        }

        return 0;
    }

    /// <summary>"the two presidents" → the two PERSON actors with the most mentions so far (most recent first on ties).</summary>
    private void AddPairs(List<ActorRef> kept, bool[] taken)
    {
        var pairs = new List<ActorRef>();
        for (var i = 0; i < _lower.Length; i++)
        {
            if (taken[i])
            {
                continue;
            }

            var persons = Longest(i, _cues.PairPersons);
            var groups = persons > 0 ? 0 : Longest(i, _cues.PairGroups);
            if (persons + groups == 0)
            {
                continue;
            }

            var stats = new Dictionary<string, (int Count, int Last, EventActor Actor)>(StringComparer.Ordinal);
            foreach (var a in kept)
            {
                if (a.First >= i || a.Actors.Length != 1 || !a.Person || a.Actors[0].EntityId is not { } id)
                {
                    continue;
                }

                if (a.Actors[0].Sector is { } s && s != "GOV")
                {
                    continue;
                }

                var count = stats.TryGetValue(id, out var current) ? current.Count : 0;
                stats[id] = (count + 1, a.First, a.Actors[0]);
            }

            var top = stats.Values.OrderByDescending(v => v.Count).ThenByDescending(v => v.Last).Take(2).Select(v => v.Actor).ToList();
            if (groups > 0)
            {
                top = top.Where(a => a.Country is not null).Select(a => CountryActor(a.Country!)!).ToList();
            }

            if (top.Count == 2 && top[0].Code != top[1].Code)
            {
                var length = persons + groups;
                pairs.Add(new ActorRef(i, i + length - 1, [.. top], false, persons > 0));
                i += length - 1;
            }
        }

        kept.AddRange(pairs);
    }

    // ---------------------------------------------------------------- sentences

    private int[] Clauses(int first, int last)
    {
        var clause = new int[last - first + 1];
        var id = 0;
        for (var i = first; i <= last; i++)
        {
            var w = _lower[i];
            var isBreak = w is ";" or ":" or "\"" or "\u201c" or "\u201d" or "\u00ab" or "\u00bb" or "(" or ")" or "\u2014" or "\u2013" or "--";
            if (isBreak)
            {
                id++;
                clause[i - first] = -1;
                continue;
            }

            if (w == "," && i < last && _cues.ClauseBreak.Contains(_lower[i + 1]))
            {
                id++;
                clause[i - first] = -1;
                continue;
            }

            clause[i - first] = id;
        }

        return clause;
    }

    private List<TriggerHit> FindTriggers(int first, int last)
    {
        var hits = new List<TriggerHit>();
        for (var i = first; i <= last; i++)
        {
            if (_tokens[i].Kind != TokenKind.Word || _covered[i])
            {
                continue;
            }

            if (!_lexicon.ByFirstWord.TryGetValue(_lower[i], out var forms))
            {
                continue;
            }

            foreach (var t in forms)
            {
                var end = MatchTrigger(i, t.Words, last);
                if (end < 0)
                {
                    continue;
                }

                if (t.IsVerb && i > first && !_lower[i].EndsWith("ing", StringComparison.Ordinal)
                    && (_cues.Determiners.Contains(_lower[i - 1]) || (Prepositions.Contains(_lower[i - 1]) && _lower[i].EndsWith("ed", StringComparison.Ordinal))))
                {
                    continue; // "the arrest", "a detained journalist": a noun or an adjective
                }

                var next = end + 1 <= last ? _lower[end + 1] : "";
                if (t.Next is not null && !t.Next.Contains(next))
                {
                    continue;
                }

                if (t.NotNext is not null && t.NotNext.Contains(next))
                {
                    continue;
                }

                hits.Add(new TriggerHit(i, end, t));
                i = end;
                break;
            }
        }

        return hits;
    }

    /// <summary>The last token of the trigger's words matched at <paramref name="at"/>, or -1; "*" matches up to two plain words.</summary>
    private int MatchTrigger(int at, string[] words, int last)
    {
        var i = at;
        for (var k = 0; k < words.Length; k++)
        {
            if (words[k] == "*")
            {
                // up to two plain words, then the rest must follow
                for (var skip = 0; skip <= 2; skip++)
                {
                    var j = i + skip;
                    if (skip > 0 && (j - 1 > last || _tokens[j - 1].Kind != TokenKind.Word || _actorAt[j - 1] >= 0))
                    {
                        break;
                    }

                    var end = k + 1 < words.Length ? MatchTrigger(j, words[(k + 1)..], last) : j - 1;
                    if (end >= 0)
                    {
                        return end;
                    }
                }

                return -1;
            }

            if (i > last || _lower[i] != words[k])
            {
                return -1;
            }

            i++;
        }

        return i - 1;
    }

    private bool IsNameToken(int i) => char.IsUpper(_analysis.Text[_tokens[i].Start]);

    private void CodeSentence(Sentence sentence, int first, int last, List<Event> found)
    {
        var hits = FindTriggers(first, last);
        if (hits.Count == 0)
        {
            return;
        }

        var clause = Clauses(first, last);
        var drafts = new List<(TriggerHit Hit, Draft Draft)>();
        for (var h = 0; h < hits.Count; h++)
        {
            var hit = hits[h];
            var draft = Resolve(hit, first, last, clause, hits);
            drafts.Add((hit, draft));
        }

        // A wrapping trigger ("agreed to", "threatened to", "urged ... to") takes in the event it governs.
        for (var h = 0; h < drafts.Count; h++)
        {
            var (hit, draft) = drafts[h];
            if (!hit.Trigger.Wrap || h + 1 >= drafts.Count)
            {
                continue;
            }

            var (innerHit, inner) = drafts[h + 1];
            if (!Governs(hit, innerHit, first, clause))
            {
                continue;
            }

            draft.Cameo = Refine(draft.Cameo, hit.Trigger.Type, innerHit.Trigger);
            var reach = innerHit.Last;
            for (var k = h + 1; k < drafts.Count; k++)
            {
                var (nextHit, next) = drafts[k];
                if (nextHit.First - reach > 6 || clause[nextHit.First - first] != clause[hit.Last - first])
                {
                    break;
                }

                // "offered to host talks between Russia and Ukraine": everything the wrapper governs is its content
                next.Suppressed = true;
                reach = nextHit.Last;
                if (draft.Target.Count == 0 && next.Target.Count > 0)
                {
                    // the two sides of "talks between Russia and Ukraine" are both what the wrapper is about
                    var content = next.Between ? next.Source.Concat(next.Target) : next.Target;
                    draft.Target.AddRange(content.Where(t => !draft.Source.Exists(s => SameActor(s, t))));
                }

                if (draft.Source.Count == 0 && next.Source.Count > 0)
                {
                    draft.Source.AddRange(next.Source);
                }
            }
        }

        // "Orban visited Moscow and met Putin": a verb coordinated with an earlier one shares its subject.
        for (var h = 1; h < drafts.Count; h++)
        {
            var (hit, draft) = drafts[h];
            var (prev, prevDraft) = drafts[h - 1];
            if (prev.IsVerbal() && hit.IsVerbal() && draft.SourceToken > prev.Last && hit.First - 1 > prev.Last && _lower[hit.First - 1] is "and" or ","
                && clause[hit.First - first] == clause[prev.Last - first] && prevDraft.Source.Count > 0)
            {
                draft.Source.Clear();
                draft.Source.AddRange(prevDraft.Source);
                draft.Target.RemoveAll(x => draft.Source.Exists(y => SameActor(x, y)));
                draft.SourceToken = prevDraft.SourceToken;
            }
        }

        // "accused Russia of attacking", "condemned Iran for shelling": the content of a verbal act is not an event.
        for (var h = 1; h < drafts.Count; h++)
        {
            var (hit, draft) = drafts[h];
            var before = hit.First - 1;
            if (before >= first && _lower[before] is "of" or "for" && _lower[hit.First].EndsWith("ing", StringComparison.Ordinal)
                && EventLexicon.QuadClassOf(drafts[h - 1].Hit.Trigger.Type) is 1 or 3)
            {
                draft.Suppressed = true;
            }
        }

        // "vetoed EU aid to Ukraine", "condemned the airstrike on Gaza": a nominal trigger that is the object
        // of a verbal trigger is what that act is about, not an event of its own.
        for (var h = 1; h < drafts.Count; h++)
        {
            var (hit, draft) = drafts[h];
            var (prev, _) = drafts[h - 1];
            if (hit.Trigger.IsVerb || !prev.Trigger.IsVerb || (hit.Trigger.Type == "CONSULT" && prev.Trigger.Type == "CONSULT") || hit.First - prev.Last > 5 || clause[hit.First - first] != clause[prev.Last - first])
            {
                continue;
            }

            var between = Enumerable.Range(prev.Last + 1, hit.First - prev.Last - 1);
            if (!between.Any(i => Prepositions.Contains(_lower[i]) || _lower[i] is "and" or ","))
            {
                draft.Suppressed = true;
            }
        }

        for (var h = 0; h < drafts.Count; h++)
        {
            var (hit, draft) = drafts[h];
            var w = _lower[hit.First];
            var prevWord = hit.First > first ? _lower[hit.First - 1] : "";
            var nextWord = hit.Last + 1 <= last ? _lower[hit.Last + 1] : "";
            var lowerNoun = hit.First > first && _tokens[hit.First - 1].Kind == TokenKind.Word && !_covered[hit.First - 1] && !IsNameToken(hit.First - 1)
                && !Prepositions.Contains(prevWord) && !BeForms.Contains(prevWord) && !PassiveAdverbs.Contains(prevWord)
                && !prevWord.EndsWith("ed", StringComparison.Ordinal) && !_cues.Verbs.Contains(prevWord)
                && prevWord is not ("and" or "or" or "has" or "have" or "had" or "it" or "they" or "he" or "she" or "who" or "which" or "that");

            // "a statement criticising China": an -ing form after a noun is a reduced relative clause
            if (hit.Trigger.IsVerb && w.EndsWith("ing", StringComparison.Ordinal) && lowerNoun)
            {
                draft.Suppressed = true;
            }

            // "an American citizen detained in Afghanistan": a participle after a noun, followed by a preposition
            if (hit.Trigger.IsVerb && hit.Trigger.Object && hit.Trigger.Participle && w.EndsWith("ed", StringComparison.Ordinal) && lowerNoun
                && Prepositions.Contains(nextWord) && !IsPassive(hit.First, first))
            {
                draft.Suppressed = true;
            }

            if (h == 0)
            {
                continue;
            }

            var (prev, _) = drafts[h - 1];
            var sameClause = clause[hit.First - first] == clause[prev.Last - first];

            // "rejected the proposal ... to send troops": an infinitive after an earlier trigger is that act's content
            if (sameClause && prevWord == "to" && hit.Trigger.IsVerb)
            {
                draft.Suppressed = true;
            }

            // "struck Hezbollah targets": a trigger word inside the object of the previous verb
            if (sameClause && InsideObject(prev, hit))
            {
                draft.Suppressed = true;
            }
        }

        var emitted = 0;
        foreach (var (hit, draft) in drafts)
        {
            if (draft.Suppressed || emitted >= 4)
            {
                continue;
            }

            if (Build(sentence, hit, draft, first, last, clause) is { } e)
            {
                found.Add(e);
                emitted++;
            }
        }
    }

    private bool Governs(TriggerHit outer, TriggerHit inner, int first, int[] clause)
    {
        if (inner.First - outer.Last > 8 || clause[inner.First - first] != clause[outer.Last - first])
        {
            return false;
        }

        if (outer.Trigger.Words[^1] is "to" or "for" or "on" && inner.First - outer.Last <= 4)
        {
            return true;
        }

        for (var i = outer.Last + 1; i < inner.First; i++)
        {
            if (_lower[i] is "to" or "for")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Is <paramref name="inner"/> a word of the object of the verbal trigger <paramref name="outer"/> ("struck Hezbollah targets")?</summary>
    private bool InsideObject(TriggerHit outer, TriggerHit inner) =>
        outer.IsVerbal() && outer.Trigger.Words[^1] is not ("to" or "that" or "for" or "on") && inner.First > outer.Last && inner.First - outer.Last <= 3
        && !(inner.Trigger.Type == "CONSULT" && outer.Trigger.Type == "CONSULT")
        && Enumerable.Range(outer.Last + 1, inner.First - outer.Last - 1).All(i => _covered[i] || NounPhraseFillers.Contains(_lower[i]));

    private CameoCode Refine(CameoCode outer, string outerType, Trigger inner)
    {
        var code = (outerType, inner.Type) switch
        {
            ("AGREE", "CONSULT") => "036",
            ("AGREE", "COOPERATE") => "031",
            ("AGREE", "AID") => "033",
            ("AGREE", "RETREAT") => inner.Cameo.Code.StartsWith("087", StringComparison.Ordinal) ? "0356" : "035",
            ("AGREE", "CONCEDE") => "035",
            ("REQUEST", "CONSULT") => outer.Code.StartsWith("10", StringComparison.Ordinal) ? "106" : "026",
            ("REQUEST", "RETREAT") => outer.Code.StartsWith("10", StringComparison.Ordinal) ? "105" : "025",
            ("REQUEST", "AID") => outer.Code.StartsWith("10", StringComparison.Ordinal) ? "103" : "023",
            ("REQUEST", "COOPERATE") => outer.Code.StartsWith("10", StringComparison.Ordinal) ? "101" : "021",
            ("REJECT", "CONSULT") => "125",
            ("REJECT", "RETREAT") => "124",
            ("REJECT", "AID") => "122",
            ("REJECT", "COOPERATE") => "121",
            ("THREATEN", "SANCTION") => inner.Mode == "withdraw" ? "1313" : "1312",
            ("THREATEN", "ASSAULT") => "138",
            ("THREATEN", "COERCE") => "132",
            ("THREATEN", "MOBILIZE") => "138",
            _ => null,
        };
        return code is not null && _lexicon.Code(code) is { } refined && refined.Type == outerType ? refined : outer;
    }

    private sealed class Draft
    {
        public List<EventActor> Source { get; } = [];
        public List<EventActor> Target { get; } = [];
        public required CameoCode Cameo { get; set; }
        public bool Suppressed { get; set; }
        public bool Reciprocal { get; set; }
        public bool Between { get; set; }
        public int SourceToken { get; set; } = -1;
    }

    private static bool SameActor(EventActor a, EventActor b) =>
        a.EntityId == b.EntityId && a.Code == b.Code;

    private Draft Resolve(TriggerHit hit, int first, int last, int[] clause, List<TriggerHit> hits)
    {
        var t = hit.Trigger;
        var draft = new Draft { Cameo = t.Cameo };
        var myClause = clause[hit.First - first];
        var passive = t.Participle && IsPassive(hit.First, first);

        // Left side: the nearest actor in the clause that is not the object of a preposition.
        ActorRef? left = null;
        for (var i = hit.First - 1; i >= first && clause[i - first] == myClause; i--)
        {
            var a = ActorEndingAt(i);
            if (a is null)
            {
                continue;
            }

            if (a.Modifier && NextActor(a.After, hit.First) is not null)
            {
                i = a.First;
                continue;
            }

            var prep = GoverningPreposition(a.First, first);
            if (prep is not null && !(passive && prep == "by"))
            {
                i = a.First;
                continue;
            }

            left = a;
            break;
        }

        if (left is null && t.IsVerb)
        {
            // "The United States, after weeks of debate, imposed sanctions": the subject before a parenthetical clause
            var start = hit.First;
            while (start - 1 >= first && clause[start - 1 - first] == myClause)
            {
                start--;
            }

            var comma = start - 1;
            if (comma > first && _lower[comma] == "," && comma + 1 < hit.First && _lower[comma + 1] is "after" or "before" or "while" or "although" or "though" or "as" or "when" or "amid" or "which" or "who")
            {
                var previousClause = clause[comma - 1 - first];
                for (var i = comma - 1; i >= first && clause[i - first] == previousClause; i--)
                {
                    if (ActorEndingAt(i) is { } a && GoverningPreposition(a.First, first) is null && !a.Modifier)
                    {
                        left = a;
                        break;
                    }
                }
            }
        }

        if (!t.IsVerb && !t.Object && hit.First - 2 >= first && (_lower[hit.First - 1] is "during" or "after" or "before" or "amid" or "following"
            || _lower[hit.First - 2] is "during" or "after" or "before" or "amid" or "following"))
        {
            // "praised Kenya's reforms during a visit to Nairobi": the visitor is the clause's subject
            for (var i = first; i < hit.First; i++)
            {
                if (clause[i - first] == myClause && _actorAt[i] >= 0 && GoverningPreposition(i, first) is null && !_actors[_actorAt[i]].Modifier)
                {
                    left = _actors[_actorAt[i]];
                    break;
                }
            }
        }

        if (left is null && !t.IsVerb && !t.Object)
        {
            // "In a call with Ishiba, Trump discussed tariffs": the subject after the opening phrase
            var comma = -1;
            for (var i = hit.Last + 1; i <= last && i <= hit.Last + 12; i++)
            {
                if (_lower[i] == ",")
                {
                    comma = i;
                    break;
                }
            }

            var opening = comma > 0 && Enumerable.Range(first, hit.First - first).All(i => !_covered[i]) && first < hit.First && Prepositions.Contains(_lower[first]);
            for (var i = comma + 1; opening && i <= last && i <= comma + 6; i++)
            {
                if (_actorAt[i] >= 0)
                {
                    var a = _actors[_actorAt[i]];
                    if (a.Modifier && NextActor(a.After, last + 1) is { } head)
                    {
                        a = head;
                    }

                    left = a;
                    break;
                }
            }
        }

        if (left is not null)
        {
            var members = Compound(left, first, myClause, clause, leftwards: true).Reverse().ToList();
            draft.SourceToken = members[0].First;
            foreach (var a in members)
            {
                AddAll(draft.Source, a.Actors);
            }
        }

        // Right side.
        var (right, rightPrep) = FindTarget(hit, first, last, clause, hits, passive);
        if (right is not null)
        {
            foreach (var a in Compound(right, first, myClause, clause, leftwards: false))
            {
                AddAll(draft.Target, a.Actors);
            }
        }

        if (passive)
        {
            // "Kyiv was shelled by Russian forces": the subject is the target, the "by" phrase the source.
            var subject = new List<EventActor>(draft.Source);
            draft.Source.Clear();
            if (rightPrep == "by")
            {
                draft.Source.AddRange(draft.Target);
                draft.Target.Clear();
                draft.Target.AddRange(subject);
            }
            else if (t.Type == "MOBILIZE")
            {
                // "Egyptian troops were deployed in Sinai": the forces moved are the actor
                draft.Source.AddRange(subject);
                draft.Target.Clear();
            }
            else
            {
                draft.Target.Clear();
                draft.Target.AddRange(subject);
            }
        }
        else if (rightPrep == "between" && draft.Target.Count >= 2 && t.Reciprocal)
        {
            // "talks between Russia and Ukraine": the two sides, whoever hosts or reports them.
            draft.Source.Clear();
            draft.Source.Add(draft.Target[0]);
            draft.Target.RemoveAt(0);
            draft.Reciprocal = true;
            draft.Between = true;
        }

        if (draft.Target.Count == 0 && draft.Source.Count >= 2 && t.Reciprocal)
        {
            // "Russia and China agreed", "the two presidents discussed": one record, both sides.
            draft.Target.AddRange(draft.Source.Skip(1));
            draft.Source.RemoveRange(1, draft.Source.Count - 1);
            draft.Reciprocal = true;
        }

        draft.Target.RemoveAll(x => draft.Source.Exists(s => SameActor(s, x)));
        if (t.Type == "CONSULT")
        {
            // nobody visits or consults their own country
            draft.Target.RemoveAll(x => x.Country is not null && draft.Source.Exists(s => s.Country == x.Country));
        }

        if (t.Reciprocal && ReciprocalTypes.Contains(t.Type))
        {
            draft.Reciprocal = true;
        }

        return draft;
    }

    private static void AddAll(List<EventActor> list, ImmutableArray<EventActor> actors)
    {
        foreach (var a in actors)
        {
            if (!list.Exists(x => SameActor(x, a)))
            {
                list.Add(a);
            }
        }
    }

    private ActorRef? ActorEndingAt(int token)
    {
        // Actors are few per sentence: a short backwards scan finds one ending here.
        for (var i = token; i >= 0 && i >= token - 8; i--)
        {
            if (_actorAt[i] >= 0)
            {
                var a = _actors[_actorAt[i]];
                return a.Last == token ? a : null;
            }
        }

        return null;
    }

    private ActorRef? NextActor(int from, int before)
    {
        for (var i = from; i < before && i <= from + 2; i++)
        {
            if (_actorAt[i] >= 0)
            {
                return _actors[_actorAt[i]];
            }

            if (!NounPhraseFillers.Contains(_lower[i]) && !IsNameToken(i))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The preposition that governs the noun phrase ending in the actor starting at <paramref name="start"/>, if any.</summary>
    private string? GoverningPreposition(int start, int first)
    {
        var i = start - 1;
        var steps = 0;
        while (i >= first && steps < 5)
        {
            var w = _lower[i];
            if (Prepositions.Contains(w))
            {
                // "the foreign ministers of Iran and Saudi Arabia", "thousands of protesters": a subject, not a prepositional object
                return w == "of" && i - 1 >= first && _cues.OfHeads.Contains(_lower[i - 1]) ? null : w;
            }

            var isActor = _actorAt[i] >= 0 || ActorEndingAt(i) is not null;
            if (!(NounPhraseFillers.Contains(w) || isActor || (IsNameToken(i) && _tokens[i].Kind == TokenKind.Word)))
            {
                return null;
            }

            if (ActorEndingAt(i) is { } a)
            {
                i = a.First - 1;
            }
            else
            {
                i--;
            }

            steps++;
        }

        return null;
    }

    /// <summary>Is the preposition before this actor governed by a topic noun ("the situation in Ukraine")?</summary>
    private bool TopicBefore(int actor)
    {
        for (var i = actor - 1; i >= 1 && i >= actor - 4; i--)
        {
            if (Prepositions.Contains(_lower[i]))
            {
                return _cues.Topic.Contains(_lower[i - 1]) && _lower[i - 1] != "border";
            }
        }

        return false;
    }

    private bool IsPassive(int trigger, int first)
    {
        for (var i = trigger - 1; i >= first && i >= trigger - 3; i--)
        {
            if (BeForms.Contains(_lower[i]))
            {
                return _lower[i] != "'s" || i + 1 == trigger;
            }

            if (!PassiveAdverbs.Contains(_lower[i]) && !_lower[i].EndsWith("ly", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return false;
    }

    private (ActorRef? Actor, string? Preposition) FindTarget(TriggerHit hit, int first, int last, int[] clause, List<TriggerHit> hits, bool passive)
    {
        var t = hit.Trigger;
        var myClause = clause[hit.First - first];
        string? governing = null;
        var trailingPrep = t.Words[^1];
        if (t.Words.Length > 1 && Prepositions.Contains(trailingPrep))
        {
            governing = trailingPrep;
        }

        var objectOpen = t.Object && governing is null && !passive;
        var embedded = (t.Wrap && trailingPrep == "to") || trailingPrep == "that";
        var nextTrigger = hits.FirstOrDefault(h => h.First > hit.Last && !InsideObject(hit, h))?.First ?? int.MaxValue;
        var limit = Math.Min(last, hit.Last + 14);
        for (var i = hit.Last + 1; i <= limit; i++)
        {
            if (clause[i - first] != myClause || i >= nextTrigger && governing is null)
            {
                break;
            }

            if (!embedded && i >= nextTrigger && _lexicon.ByFirstWord.ContainsKey(_lower[i]) && hits.Exists(h => h.First == i && h.Trigger.IsVerb))
            {
                break;
            }

            var w = _lower[i];
            if (_actorAt[i] >= 0)
            {
                var a = _actors[_actorAt[i]];
                if (a.Modifier && NextActor(a.After, last + 1) is { } head)
                {
                    a = head;
                }

                var location = governing is "in" or "near" or "along" or "inside" or "around" or "off" or "#with";
                var borderOf = t.Type == "MOBILIZE" && a.After < _lower.Length && _lower[a.After] is "border" or "borders" or "frontier";
                if ((location && a.Modifier && !borderOf) || (t.Type == "CONSULT" && a.Modifier && (a.After >= _lower.Length || !(_cues.ConsultPersons.Contains(_lower[a.After])
                    || (_lower[a.After] == "and" && a.After + 1 < _lower.Length && _actorAt[a.After + 1] >= 0)))))
                {
                    // "near the Afghan border" is a place, not a party; "hosted a German brigade" is not a meeting
                    i = a.Last;
                    continue;
                }

                var accepted = embedded && i - hit.Last <= 8 && governing is null or "to" or "against" or "with" or "from" or "into" or "at"
                    ? true
                    : governing is null
                    ? objectOpen
                    : passive ? governing == "by"
                    : t.Prepositions.Contains(governing)
                      || (governing == "#to" && t.Wrap && i - hit.Last <= 7)
                      || (governing is "in" or "near" or "along" or "inside" or "around" or "off" or "#with" && t.Type is "ASSAULT" or "MOBILIZE" && !TopicBefore(i));
                if (accepted)
                {
                    return (a, governing);
                }

                i = a.Last;
                continue;
            }

            if (TargetStops.Contains(w))
            {
                break;
            }

            if (Prepositions.Contains(w))
            {
                var previous = i - 1 > hit.Last ? _lower[i - 1] : null;
                if (embedded && w == "of" && previous is not null && _cues.OfHeads.Contains(previous))
                {
                    continue; // "threatened to annex the Essequibo region of Guyana"
                }

                if (objectOpen && governing is null && previous is not null && (w == "of" && (_cues.OfHeads.Contains(previous) || NounPhraseFillers.Contains(previous))
                    || w == "with" && _cues.Relational.Contains(previous) && !ReciprocalTypes.Contains(t.Type)))
                {
                    continue; // "expelled the head of the UN mission", "hailed its friendship with Cambodia": still the object
                }

                var topical = previous is not null && (_cues.Topic.Contains(previous) || (w == "with" && _cues.Relational.Contains(previous)));
                governing = topical ? "#" + w : w;
                objectOpen = false;
                if (w == "to" && i + 1 <= last && _actorAt[i + 1] < 0 && (_cues.Verbs.Contains(_lower[i + 1]) || _lexicon.ByFirstWord.ContainsKey(_lower[i + 1])))
                {
                    // "to" + verb: an infinitive, not a target phrase (but the object of what a wrapping trigger governs)
                    governing = "#to";
                    embedded |= t.Wrap;
                }

                continue;
            }

            if (_tokens[i].Kind == TokenKind.Punctuation && w is not ("'" or "-" or "\u2018" or "\u2019"))
            {
                break;
            }

            if (objectOpen && i - hit.Last > 5)
            {
                objectOpen = false;
            }
        }

        return (null, null);
    }

    /// <summary>Where the noun phrase of the actor starting at <paramref name="start"/> begins (titles and demonyms before it).</summary>
    private int PhraseStart(int start, int first)
    {
        var i = start;
        while (i - 1 >= first && i > start - 6)
        {
            var w = _lower[i - 1];
            if (ActorEndingAt(i - 1) is { Modifier: true } m)
            {
                i = m.First;
                continue;
            }

            if (w is "and" or "," || Prepositions.Contains(w) || !(NounPhraseFillers.Contains(w) || (IsNameToken(i - 1) && _actorAt[i - 1] < 0 && ActorEndingAt(i - 1) is null)))
            {
                break;
            }

            i--;
        }

        return i;
    }

    private IEnumerable<ActorRef> Compound(ActorRef start, int first, int myClause, int[] clause, bool leftwards)
    {
        yield return start;
        var current = start;
        for (var n = 0; n < 4; n++)
        {
            ActorRef? next = null;
            if (leftwards)
            {
                var i = PhraseStart(current.First, first) - 1;
                var sawConjunction = false;
                while (i >= first && clause[i - first] == myClause && _lower[i] is "and" or "," or "the" or "&")
                {
                    sawConjunction |= _lower[i] is "and" or "," or "&";
                    i--;
                }

                if (sawConjunction && i >= first && clause[i - first] == myClause && ActorEndingAt(i) is { } a && GoverningPreposition(a.First, first) is null)
                {
                    next = a;
                }
            }
            else
            {
                var i = current.After;
                var sawConjunction = false;
                while (i < _lower.Length && _lower[i] is "and" or "," or "the" or "&")
                {
                    sawConjunction |= _lower[i] is "and" or "," or "&";
                    i++;
                }

                for (var skip = 0; sawConjunction && skip < 5 && i < _lower.Length && i - first < clause.Length && clause[i - first] == myClause; skip++, i++)
                {
                    if (_actorAt[i] >= 0)
                    {
                        next = _actors[_actorAt[i]];
                        if (next.Modifier && NextActor(next.After, _lower.Length) is { } head)
                        {
                            next = head;
                        }

                        break;
                    }

                    if (!NounPhraseFillers.Contains(_lower[i]) && !IsNameToken(i))
                    {
                        break;
                    }
                }
            }

            if (next is null)
            {
                yield break;
            }

            yield return next;
            current = next;
        }
    }

    // ---------------------------------------------------------------- the record

    private Event? Build(Sentence sentence, TriggerHit hit, Draft draft, int first, int last, int[] clause)
    {
        var t = hit.Trigger;
        if (draft.Source.Count == 0 || draft.Source.TrueForAll(a => a.Country is null && a.Code is null))
        {
            return null;
        }

        if (draft.Target.Count == 0 && !t.Solo)
        {
            return null;
        }

        var myClause = clause[hit.First - first];
        var clauseStart = hit.First;
        while (clauseStart - 1 >= first && clause[clauseStart - 1 - first] == myClause)
        {
            clauseStart--;
        }

        var from = Math.Max(clauseStart, draft.SourceToken >= 0 ? draft.SourceToken : clauseStart);
        var negated = Cue(_cues.Negation, Math.Max(from, hit.First - 4), hit.First) || Cue(_cues.Denial, clauseStart, hit.First)
            || (!t.IsVerb && hit.First > first && _lower[hit.First - 1] == "no");
        var hypothetical = Cue(_cues.Hypothetical, Math.Max(clauseStart, hit.First - 6), hit.First)
            || Cue(IfWords, first, last + 1);
        var (date, explicitDate) = DateOf(sentence, hit, clause, first);
        var future = Cue(_cues.Future, Math.Max(from, hit.First - 5), hit.First)
            || (explicitDate && _dct is { } dct && string.CompareOrdinal(date, dct.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) > 0);
        if (future && Cue(WouldOnly, Math.Max(from, hit.First - 5), hit.First) && hypothetical)
        {
            future = false;
        }

        var cameo = draft.Cameo;
        var type = t.Type;
        var mode = t.Mode;
        var state = draft.Source.TrueForAll(a => a.Sector is "GOV" or "MIL" or "COP" || (a.Sector is null && IsStateEntity(a)));
        if (type == "PROTEST" && state && Enumerable.Range(hit.Last + 1, Math.Max(0, Math.Min(last, hit.Last + 4) - hit.Last)).Any(i => _cues.RejectedThings.Contains(_lower[i]))
            && _lexicon.Code("120") is { } reject)
        {
            // "Hungary blocked the EU statement": a state blocking a decision rejects it
            cameo = reject;
            type = reject.Type;
            mode = null;
        }
        else if (type == "PROTEST" && state && _lexicon.Code("172") is { } restrict)
        {
            // Blocking or obstruction by the state is coercion, not protest.
            cameo = restrict;
            type = restrict.Type;
            mode = "restrict";
        }

        if (future && !negated && !hypothetical)
        {
            // PLOVER: future cooperative acts are intentions (AGREE); announced retreats are CONCEDE.
            var intent = type switch
            {
                "CONSULT" => "036",
                "SUPPORT" => "030",
                "COOPERATE" => "031",
                "AID" => "033",
                "RETREAT" => "080",
                _ => null,
            };
            if (intent is not null && _lexicon.Code(intent) is { } c)
            {
                cameo = c;
                type = c.Type;
                mode = c.Mode;
            }
        }
        else if (cameo.Type == type && t.Mode is null)
        {
            mode = cameo.Mode;
        }

        var quote = -1;
        for (var q = 0; q < _analysis.Quotes.Length; q++)
        {
            var qt = _analysis.Quotes[q];
            if (qt.Start <= _tokens[hit.First].Start && _tokens[hit.Last].End <= qt.End)
            {
                quote = q;
                break;
            }
        }

        var start = _tokens[hit.First].Start;
        var end = _tokens[hit.Last].End;
        return new Event
        {
            Id = "",
            Type = type,
            Mode = mode,
            Context = Contexts(cameo, first, last),
            Cameo = cameo.Code,
            QuadClass = EventLexicon.QuadClassOf(type),
            Goldstein = cameo.Goldstein,
            Source = [.. draft.Source],
            Target = [.. draft.Target],
            Date = date,
            Place = PlaceOf(hit, draft, first, clause),
            Negated = negated,
            Hypothetical = hypothetical && !negated,
            Future = future,
            Sentence = new TextRange(sentence.Start, sentence.End),
            Trigger = new SpanText(start, end, _analysis.Text[start..end]),
            Quote = quote >= 0 ? quote : null,
        };
    }

    private ImmutableArray<string> Contexts(CameoCode cameo, int first, int last)
    {
        var contexts = new List<string>(cameo.Contexts);
        for (var i = first; i <= last; i++)
        {
            if (!_cues.ContextsByFirstWord.TryGetValue(_lower[i], out var candidates))
            {
                continue;
            }

            foreach (var (words, context) in candidates)
            {
                if (Matches(i, words) && !contexts.Contains(context))
                {
                    contexts.Add(context);
                }
            }
        }

        return [.. contexts];
    }

    private bool IsStateEntity(EventActor actor) =>
        actor.EntityId is { } id && _analysis.Entities.FirstOrDefault(e => e.Id == id) is { Type: "GPE" };

    private static readonly string[][] IfWords = [["if"], ["unless"]];
    private static readonly string[][] WouldOnly = [["would"]];

    private bool Cue(string[][] cues, int from, int to)
    {
        for (var i = Math.Max(0, from); i < to; i++)
        {
            foreach (var words in cues)
            {
                if (i + words.Length <= to && Matches(i, words))
                {
                    return true;
                }
            }

            if (cues == _cues.Negation && _lower[i].EndsWith("n't", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private (string Date, bool Explicit) DateOf(Sentence sentence, TriggerHit hit, int[] clause, int first)
    {
        TimeExpression? best = null;
        var bestScore = int.MaxValue;
        var anchor = _tokens[hit.First].Start;
        var myClause = clause[hit.First - first];
        foreach (var time in _analysis.Times)
        {
            if (time.Start < sentence.Start || time.End > sentence.End || time.Type is not ("DATE" or "TIME") || !IsFullDate(time.Value))
            {
                continue;
            }

            var (tf, _) = TokenRange(time.Start, time.End);
            var sameClause = tf >= first && tf - first < clause.Length && clause[tf - first] == myClause;
            var score = Math.Abs(time.Start - anchor) + (sameClause ? 0 : 10_000);
            if (score < bestScore)
            {
                best = time;
                bestScore = score;
            }
        }

        if (best is not null)
        {
            return (best.Value[..10], true);
        }

        return (_dct?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", false);
    }

    private static bool IsFullDate(string value) =>
        value.Length >= 10 && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[3]) && value[4] == '-' && value[7] == '-'
        && char.IsAsciiDigit(value[5]) && char.IsAsciiDigit(value[8]) && char.IsAsciiDigit(value[9]);

    private EventPlace? PlaceOf(TriggerHit hit, Draft draft, int first, int[] clause)
    {
        var myClause = clause[hit.First - first];
        Place? best = null;
        var bestDistance = int.MaxValue;
        foreach (var place in _analysis.Places)
        {
            var (pf, _) = TokenRange(place.Start, place.End);
            if (pf < first || pf - first >= clause.Length || clause[pf - first] != myClause || pf == 0)
            {
                continue;
            }

            var before = _lower[pf - 1] == "the" && pf >= 2 ? _lower[pf - 2] : _lower[pf - 1];
            var prev2 = pf >= 2 ? _lower[pf - 2] : "";
            if (before is not ("in" or "at" or "near" or "outside" or "inside") || _cues.Topic.Contains(prev2))
            {
                continue;
            }

            var distance = Math.Abs(pf - hit.First);
            if (distance < bestDistance)
            {
                best = place;
                bestDistance = distance;
            }
        }

        if (best is null && draft.Target.Count > 0 && hit.Trigger.Type is "ASSAULT" or "COERCE")
        {
            var targetId = draft.Target[0].EntityId;
            best = _analysis.Places.FirstOrDefault(p => _analysis.Entities.Any(e => e.Id == targetId && e.Mentions.Any(m => m.Start == p.Start)));
        }

        best ??= Dateline();
        return best is null ? null : new EventPlace(best.Name, best.GeonamesId, best.Country, best.Lat, best.Lon);
    }

    private Place? Dateline()
    {
        var body = _analysis.Document.BodyStart;
        foreach (var place in _analysis.Places)
        {
            if (place.Start < body || place.Start > body + 60)
            {
                continue;
            }

            var after = place.End < _analysis.Text.Length ? _analysis.Text[place.End..Math.Min(_analysis.Text.Length, place.End + 40)] : "";
            var lineStart = _analysis.Text.LastIndexOf('\n', Math.Max(0, place.Start - 1)) + 1;
            var upTo = _analysis.Text[lineStart..place.Start];
            if (upTo.Trim().Length == 0 && (after.StartsWith(" (", StringComparison.Ordinal) || after.StartsWith(", ", StringComparison.Ordinal)
                || after.StartsWith(" \u2014", StringComparison.Ordinal) || after.StartsWith(" -", StringComparison.Ordinal) || after.StartsWith(" \u2013", StringComparison.Ordinal)))
            {
                return place;
            }
        }

        return null;
    }

    // ---------------------------------------------------------------- merge

    private static string Key(Event e, bool withDate)
    {
        static string Ids(IEnumerable<EventActor> actors) => string.Join(",", actors.Select(a => a.EntityId ?? a.Code).Order(StringComparer.Ordinal));
        var actors = ReciprocalTypes.Contains(e.Type)
            ? Ids(e.Source.Concat(e.Target))
            : Ids(e.Source) + ">" + Ids(e.Target);
        return string.Join("|", e.Type, actors, withDate ? e.Date : "", e.Negated, e.Hypothetical);
    }

    private ImmutableArray<Event> Merge(List<Event> found)
    {
        var result = ImmutableArray.CreateBuilder<Event>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var undated = new HashSet<string>(StringComparer.Ordinal);
        var dct = _dct?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        foreach (var e in found)
        {
            var key = Key(e, withDate: true);
            var loose = Key(e, withDate: false);
            if (!keys.Add(key))
            {
                continue;
            }

            // A later mention dated only by the DCT ("his telephone conversation with ...") of an event
            // already coded with its own date is the same event.
            if (e.Date == dct && undated.Contains(loose))
            {
                continue;
            }

            undated.Add(loose);
            result.Add(e with { Id = "v" + (result.Count + 1).ToString(CultureInfo.InvariantCulture) });
        }

        return result.ToImmutable();
    }
}
