using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Dyad.Text;

namespace Dyad.Knowledge;

/// <summary>The knowledge stage's work on one document (not thread-shared: one instance per document).</summary>
internal sealed partial class DocumentLinker
{
    internal static readonly FrozenSet<string> Modifiers = FrozenSet.ToFrozenSet(
    [
        "new", "former", "top", "senior", "chief", "deputy", "acting", "first", "then", "outgoing", "incoming", "veteran",
        "longtime", "long-time", "powerful", "influential", "main", "special", "interim", "current", "incumbent", "hardline",
        "veteran", "elected", "newly", "re-elected", "president-elect", "presidential", "foreign", "defence", "defense",
        "interior", "state", "federal", "national", "supreme", "prime", "vice", "military", "government", "ministry",
        "security", "intelligence", "press", "political", "spy", "party", "opposition", "kremlin", "white", "house",
    ], StringComparer.Ordinal);

    /// <summary>Words that end an organisation's or state's name without changing who it is.</summary>
    private static readonly FrozenSet<string> NameSuffixes = FrozenSet.ToFrozenSet(
        ["government", "corporation", "corp", "inc", "incorporated", "co", "company", "plc", "ltd", "limited", "llc", "ag", "sa", "group", "holdings"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> Determiners = FrozenSet.ToFrozenSet(["the", "this", "that", "a", "an"], StringComparer.Ordinal);

    /// <summary>Words that may follow a standalone nominal ("the official said").</summary>
    private static readonly FrozenSet<string> NominalFollowers = FrozenSet.ToFrozenSet(
    [
        ",", ".", ";", ":", "!", "?", "\u201D", "\"", "'", ")", "said", "says", "say", "told", "tell", "added", "adds", "went", "stated",
        "noted", "stressed", "explained", "warned", "who", "whose", "was", "is", "has", "had", "have", "would", "will", "could",
        "did", "does", "also", "on", "in", "at", "to", "after", "when", "as", "and", "declined", "insisted", "spoke", "later",
        "earlier", "emphasized", "emphasised", "pointed", "according", "urged", "called", "confirmed", "announced", "met",
        "visited", "rejected", "denied", "claimed", "argued", "replied", "responded", "wrote", "posted", "reiterated", "agreed",
        "may", "might", "should", "must", "then", "again", "himself", "herself", "with", "for", "from", "of", "during", "before",
    ], StringComparer.Ordinal);

    private static readonly string[][] HeadGroups =
    [
        ["president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "supreme leader", "leader", "head of state", "crown prince", "general secretary", "pope"],
        ["aide", "adviser", "advisor", "assistant", "aide to"],
        ["spokesman", "spokeswoman", "spokesperson", "press secretary"],
        ["minister", "foreign minister", "defence minister", "defense minister", "secretary of state", "secretary"],
        ["diplomat", "envoy", "ambassador", "special envoy", "negotiator", "representative"],
        ["general", "commander", "chief", "colonel", "officer"],
    ];

    private static readonly FrozenSet<string> GovSectors = FrozenSet.ToFrozenSet(["GOV", "MIL", "LEG", "JUD", "COP", "SPY"], StringComparer.Ordinal);

    private readonly KnowledgeBase _kb;
    private readonly Analysis _analysis;
    private readonly string _text;
    private readonly ImmutableArray<Token> _tokens;
    private readonly string[] _folded;
    private readonly DateOnly _day;
    private readonly QuoteSpans _quotes;
    private readonly HashSet<int> _sentenceStarts;
    private readonly List<Cand> _cands = [];
    private readonly List<Cluster> _clusters = [];
    private readonly Dictionary<string, Cluster> _byKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _docCountries = new(StringComparer.Ordinal);

    /// <summary>Person mentions outside quotations, for antecedent search (sorted before use).</summary>
    private readonly List<(int Start, int End, Cluster Cluster)> _personMentions = [];

    /// <summary>How far back (characters) a description looks for the person it refers to.</summary>
    private const int AntecedentWindow = 3000;

    public DocumentLinker(KnowledgeBase kb, Analysis analysis, ImmutableArray<Token> tokens)
    {
        _kb = kb;
        _analysis = analysis;
        _text = analysis.Text;
        _tokens = tokens;
        _folded = new string[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            _folded[i] = NameKey.Fold(_text[tokens[i].Start..tokens[i].End]);
        }

        _day = analysis.Document.Date ?? DateOnly.MaxValue;
        _quotes = new QuoteSpans(_text);
        _sentenceStarts = [.. analysis.Sentences.Select(s => s.Start)];
        if (analysis.Document.BodyStart > 0)
        {
            _sentenceStarts.Add(analysis.Document.BodyStart);
        }

        _sentenceStarts.Add(0);
    }

    private sealed class Cand
    {
        public required int TokStart { get; init; }
        public required int TokEnd { get; init; }
        public required int Start { get; init; }
        public required int End { get; init; }
        public string? NerType { get; init; }
        public required List<AliasTarget> Targets { get; init; }
        public AliasTarget? Chosen { get; set; }
        public Cluster? Cluster { get; set; }

        public int TokenCount => TokEnd - TokStart;
    }

    private sealed record Desc(int Start, int End, string Head, string? Country, KbEntity? Org, bool Definite, bool Indefinite);

    private sealed class Cluster
    {
        public KbEntity? Kb { get; set; }
        public required string Type { get; set; }
        public List<Mention> Mentions { get; } = [];
        public HashSet<(int, int)> Spans { get; } = [];
        public bool HasName { get; private set; }
        public int First { get; private set; } = int.MaxValue;

        public bool Add(Mention m)
        {
            if (!Spans.Add((m.Start, m.End)))
            {
                return false;
            }

            Mentions.Add(m);
            First = Math.Min(First, m.Start);
            HasName |= m.Kind == MentionKind.Name;
            return true;
        }
        public List<Desc> Descs { get; } = [];
        public HashSet<string> NameTokens { get; } = new(StringComparer.Ordinal);
        public bool Metonymic { get; set; }
        public ActorInfo? Actor { get; set; }

    }

    public ImmutableArray<Entity> Run()
    {
        CollectNames();
        MatchDictionary();
        _cands.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var c in _cands)
        {
            if (c.Targets.Count > 0 && c.Targets[0].Entity.Id.StartsWith("c:", StringComparison.Ordinal))
            {
                _docCountries.Add(c.Targets[0].Entity.Country!);
            }
        }

        foreach (var c in _cands)
        {
            c.Chosen = Choose(c);
        }

        ClusterOthers();
        ClusterPeople();
        foreach (var cl in _clusters)
        {
            cl.Actor = cl.Kb is { } kb ? _kb.ActorAt(kb, _analysis.Document.Date) : null;
        }

        Descriptions();
        Pronouns();
        return Build();
    }

    // ---- 1. candidate names ------------------------------------------------------------------

    private void CollectNames()
    {
        if (_analysis.Names.IsDefaultOrEmpty)
        {
            return;
        }

        foreach (var n in _analysis.Names)
        {
            if (n.Start < 0 || n.End > _text.Length || n.End <= n.Start)
            {
                continue;
            }

            var first = FirstTokenAt(n.Start);
            var last = first;
            while (last < _tokens.Length && _tokens[last].End <= n.End)
            {
                last++;
            }

            if (first >= _tokens.Length || last <= first)
            {
                continue;
            }

            var from = first;
            if (last - from > 1 && _folded[from] == "the")
            {
                from++;
            }

            var key = string.Join(' ', _folded[from..last]);
            var targets = _kb.Lookup(key).ToList();
            if (targets.Count == 0 && last - from > 1 && _folded[last - 1] == "'s")
            {
                targets = [.. _kb.Lookup(string.Join(' ', _folded[from..(last - 1)]))];
            }

            if (targets.Count == 0 && RenamedPlaces.Current(key) is { } current)
            {
                targets = [.. _kb.Lookup(NameKey.Of(current)).Where(t => t.Entity.Type is "GPE" or "LOC")];
            }

            if (targets.Count == 0 && last - from > 2 && Array.IndexOf(_folded, "'s", from + 1, last - from - 2) is var p && p > from)
            {
                // "Boeing's Launch Systems": the possessor is a name of its own; the rest stays the recogniser's.
                var owner = _kb.Lookup(string.Join(' ', _folded[from..p])).Where(t => t.Entity.Type != "PERSON" || n.Type == "PERSON").ToList();
                if (owner.Count > 0)
                {
                    _cands.Add(new Cand { TokStart = from, TokEnd = p, Start = _tokens[from].Start, End = _tokens[p - 1].End, Targets = owner });
                    if (p + 1 < last && char.IsUpper(_text[_tokens[p + 1].Start]))
                    {
                        _cands.Add(new Cand { TokStart = p + 1, TokEnd = last, Start = _tokens[p + 1].Start, End = n.End, NerType = n.Type, Targets = [] });
                    }

                    continue;
                }
            }

            if (targets.Count == 0 && last - from > 1 && NameSuffixes.Contains(_folded[last - 1]))
            {
                // "Bank of America Corporation", "the US Government": the name without its suffix word.
                targets = [.. _kb.Lookup(string.Join(' ', _folded[from..(last - 1)])).Where(t => t.Entity.Type != "PERSON" && t.Kind == AliasKind.Name)];
            }

            _cands.Add(new Cand { TokStart = first, TokEnd = last, Start = n.Start, End = n.End, NerType = n.Type, Targets = targets });
        }
    }

    private int FirstTokenAt(int offset)
    {
        int lo = 0, hi = _tokens.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_tokens[mid].End <= offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void MatchDictionary()
    {
        var covered = new bool[_tokens.Length];
        foreach (var c in _cands)
        {
            for (var t = c.TokStart; t < c.TokEnd; t++)
            {
                covered[t] = true;
            }
        }

        var deferred = new List<Cand>();
        for (var i = 0; i < _tokens.Length; i++)
        {
            if (covered[i] || _tokens[i].Kind is TokenKind.Punctuation or TokenKind.Symbol)
            {
                continue;
            }

            var first = _text[_tokens[i].Start];
            if (!char.IsUpper(first) && !char.IsDigit(first))
            {
                continue;
            }

            if (_kb.MaxTokensFrom(_folded[i]) == 0)
            {
                if (Renamed(i) is { } renamed)
                {
                    _cands.Add(renamed);
                    i = renamed.TokEnd - 1;
                }

                continue;
            }

            // Extend the key token by token while it is still the start of some alias; keep the longest
            // full alias whose case fits the text.
            var key = _folded[i];
            var bestLen = 0;
            List<AliasTarget>? best = null;
            for (var len = 1; i + len <= _tokens.Length; len++)
            {
                if (len > 1)
                {
                    if (covered[i + len - 1])
                    {
                        break;
                    }

                    key = key + " " + _folded[i + len - 1];
                }

                var targets = _kb.Lookup(key);
                if (!targets.IsEmpty)
                {
                    var ok = targets.Where(t => CaseOk(t.Tokens, i)).ToList();
                    if (ok.Count > 0)
                    {
                        best = ok;
                        bestLen = len;
                    }
                }

                if (!_kb.IsAliasPrefix(key))
                {
                    break;
                }
            }

            if (best is null)
            {
                continue;
            }

            if (bestLen == 1 && best.TrueForAll(t => !t.Entity.Curated))
            {
                if (IsSentenceStart(i))
                {
                    // A capitalised sentence-initial word may be an ordinary word: keep it only if the
                    // same entity is also named inside a sentence (checked below).
                    deferred.Add(new Cand { TokStart = i, TokEnd = i + 1, Start = _tokens[i].Start, End = _tokens[i].End, Targets = best });
                    continue;
                }

                if (IsAllCapsRun(i))
                {
                    continue;
                }
            }

            _cands.Add(new Cand { TokStart = i, TokEnd = i + bestLen, Start = _tokens[i].Start, End = _tokens[i + bestLen - 1].End, Targets = best });
            i += bestLen - 1;
        }

        var named = new HashSet<KbEntity>(_cands.SelectMany(c => c.Targets).Select(t => t.Entity));
        _cands.AddRange(deferred.Where(d => d.Targets.Exists(t => named.Contains(t.Entity))));
    }

    /// <summary>A former name or variant of a place in the knowledge base ("Peking", "Bombay") starting at token i.</summary>
    private Cand? Renamed(int i)
    {
        var key = "";
        for (var len = 1; len <= RenamedPlaces.MaxTokens && i + len <= _tokens.Length; len++)
        {
            key = len == 1 ? _folded[i] : key + " " + _folded[i + len - 1];
            if (RenamedPlaces.Current(key) is { } current)
            {
                var targets = _kb.Lookup(NameKey.Of(current)).Where(t => t.Entity.Type is "GPE" or "LOC" && t.Kind == AliasKind.Name).ToList();
                if (targets.Count > 0 && char.IsUpper(_text[_tokens[i + len - 1].Start]))
                {
                    return new Cand { TokStart = i, TokEnd = i + len, Start = _tokens[i].Start, End = _tokens[i + len - 1].End, Targets = targets };
                }
            }
        }

        return null;
    }

    private bool IsSentenceStart(int i)
    {
        if (_sentenceStarts.Contains(_tokens[i].Start))
        {
            return true;
        }

        return i > 0 && _text[_tokens[i - 1].Start] is '"' or '\u201C' or '\u2018' or '\'' or '(' or ':' or '-' or '\u2014';
    }

    private bool IsAllCapsRun(int i)
    {
        static bool Caps(string s) => s.Any(char.IsLetter) && !s.Any(char.IsLower);
        var self = _text[_tokens[i].Start.._tokens[i].End];
        if (!Caps(self))
        {
            return false;
        }

        var prev = i > 0 && _tokens[i - 1].Kind == TokenKind.Word && Caps(_text[_tokens[i - 1].Start.._tokens[i - 1].End]);
        var next = i + 1 < _tokens.Length && _tokens[i + 1].Kind == TokenKind.Word && Caps(_text[_tokens[i + 1].Start.._tokens[i + 1].End]);
        return prev || next;
    }

    /// <summary>Capitalised alias words need capitalised text; acronyms (US, UN) need upper case text.</summary>
    private bool CaseOk(ImmutableArray<string> alias, int from)
    {
        for (var j = 0; j < alias.Length; j++)
        {
            var a = alias[j];
            var t = _text[_tokens[from + j].Start.._tokens[from + j].End];
            var aLetter = a.FirstOrDefault(char.IsLetter);
            var tLetter = t.FirstOrDefault(char.IsLetter);
            if (aLetter == default)
            {
                continue;
            }

            if (char.IsUpper(aLetter) && !char.IsUpper(tLetter))
            {
                return false;
            }

            var letters = a.Count(char.IsLetter);
            if (letters >= 2 && !a.Any(char.IsLower) && t.Any(char.IsLower))
            {
                return false;
            }
        }

        return true;
    }

    // ---- 2. choosing among candidates, by date and context -------------------------------------

    private AliasTarget? Choose(Cand c)
    {
        AliasTarget? best = null;
        var bestScore = double.MinValue;
        foreach (var t in c.Targets)
        {
            var e = t.Entity;
            double s = 0;
            if (c.NerType is { } ner && ner != "NORP" && (ner == "PERSON") != (e.Type == "PERSON"))
            {
                // The recogniser's type loses against a full multi-word name of the knowledge base
                // ("Lockheed Martin", "Northrop Grumman" read as people), never against a single word.
                if (t.Kind != AliasKind.Name || t.Tokens.Length < 2 || c.TokenCount != t.Tokens.Length)
                {
                    continue;
                }

                s -= 3;
            }

            if (c.NerType == "NORP" && t.Kind != AliasKind.Demonym && e.Type == "PERSON")
            {
                continue;
            }

            if (e.Curated)
            {
                s += 2;
            }

            if (t.Kind != AliasKind.Short)
            {
                s += 1;
            }

            if (e.Id.StartsWith("c:", StringComparison.Ordinal))
            {
                s += 0.5;
            }

            if (!e.Roles.IsEmpty)
            {
                if (e.Roles.Any(r => r.IsActiveAt(_day)))
                {
                    s += 4;
                }
                else if (e.Roles.Any(r => r.Start is null || r.Start <= _day))
                {
                    s += 1;
                }
                else
                {
                    s -= 3;
                }
            }

            if (e.Country is { } country && _docCountries.Contains(country))
            {
                s += 1;
            }

            if (s > bestScore)
            {
                bestScore = s;
                best = t;
            }
        }

        return best;
    }

    private static bool IsPerson(Cand c) =>
        c.Chosen is { } t ? t.Entity.Type == "PERSON" : c.NerType == "PERSON";

    // ---- 3. clusters -------------------------------------------------------------------------

    private Cluster ClusterFor(string key, string type, KbEntity? kb)
    {
        if (!_byKey.TryGetValue(key, out var cl))
        {
            cl = new Cluster { Type = type, Kb = kb };
            _byKey[key] = cl;
            _clusters.Add(cl);
        }

        return cl;
    }

    private void AddMention(Cluster cl, Cand c, MentionKind kind, string? type = null)
    {
        c.Cluster = cl;
        if (!cl.Spans.Contains((c.Start, c.End)))
        {
            cl.Add(new Mention(c.Start, c.End, _text[c.Start..c.End], kind, type));
            if (cl.Type == "PERSON" && !_quotes.Inside(c.Start))
            {
                _personMentions.Add((c.Start, c.End, cl));
            }
        }
    }

    private void ClusterOthers()
    {
        foreach (var c in _cands)
        {
            if (IsPerson(c))
            {
                continue;
            }

            if (c.Chosen is { } t)
            {
                var e = t.Entity;
                var type = e.Type;
                var cl = e.Id.StartsWith("cap:", StringComparison.Ordinal) ? CapitalCluster(e) : ClusterFor("kb:" + e.Id, type, e);
                var mentionType = t.Kind == AliasKind.Demonym ? "NORP" : null;
                AddMention(cl, c, MentionKind.Name, mentionType);
                if (e.Metonymy && IsMetonymic(c.TokStart, c.TokEnd))
                {
                    cl.Metonymic = true;
                }
            }
            else if (c.NerType is "ORG" && PrefixOfNamedOrganisation(c) is { } whole)
            {
                // "Northrop" after "Northrop Grumman": a short form of an organisation the text has named.
                AddMention(whole, c, MentionKind.Name);
            }
            else if (c.NerType is { } ner)
            {
                var key = "t:" + ner + ":" + RenamedPlaces.CanonicalKey(string.Join(' ', _folded[c.TokStart..c.TokEnd]));
                AddMention(ClusterFor(key, ner, null), c, MentionKind.Name);
            }
        }
    }

    /// <summary>One cluster per capital whatever its spelling ("Kiev" and "Kyiv" are one entity, named by its current name).</summary>
    private Cluster CapitalCluster(KbEntity capital)
    {
        var current = RenamedPlaces.Current(NameKey.Of(capital.Name));
        if (current is null)
        {
            return ClusterFor("kb:" + capital.Id, capital.Type, capital);
        }

        var main = _kb.Get("cap:" + capital.Country + ":" + current) ?? capital;
        var cl = ClusterFor("kb:" + main.Id, main.Type, main);
        cl.Kb = main;
        return cl;
    }

    private readonly Dictionary<Cluster, string[]> _nameKeys = [];

    private Cluster? PrefixOfNamedOrganisation(Cand c)
    {
        var n = c.TokEnd - c.TokStart;
        Cluster? found = null;
        foreach (var cl in _clusters)
        {
            if (cl.Kb is not { Type: not ("PERSON" or "GPE") } kb || cl.First > c.Start)
            {
                continue;
            }

            if (!_nameKeys.TryGetValue(cl, out var name))
            {
                _nameKeys[cl] = name = NameKey.Of(kb.Name).Split(' ');
            }

            if (name.Length <= n)
            {
                continue;
            }

            var prefix = true;
            for (var k = 0; k < n && prefix; k++)
            {
                prefix = name[k] == _folded[c.TokStart + k];
            }

            if (prefix)
            {
                if (found is not null && found != cl)
                {
                    return null;
                }

                found = cl;
            }
        }

        return found;
    }

    private void ClusterPeople()
    {
        var people = _cands.Where(IsPerson).ToList();
        foreach (var c in people.Where(c => c.TokenCount > 1))
        {
            var tokens = _folded[c.TokStart..c.TokEnd].Where(t => t.Length > 1 || char.IsLetter(t[0])).ToArray();
            Cluster? cl = null;
            if (c.Chosen is { } t)
            {
                cl = ClusterFor("kb:" + t.Entity.Id, "PERSON", t.Entity);
                foreach (var n in t.Entity.Aliases.Prepend(t.Entity.Name))
                {
                    foreach (var w in NameKey.TokenTexts(n))
                    {
                        cl.NameTokens.Add(NameKey.Fold(w));
                    }
                }
            }
            else
            {
                cl = _clusters.Find(k => k.Type == "PERSON" && k.Kb is null && SameName(k, tokens))
                    ?? ClusterFor("p:" + string.Join(' ', tokens), "PERSON", null);
            }

            foreach (var w in tokens)
            {
                cl.NameTokens.Add(w);
            }

            AddMention(cl, c, MentionKind.Name);
        }

        people.AddRange(PartialNames(people));
        foreach (var c in people.Where(c => c.TokenCount <= 1).OrderBy(c => c.Start))
        {
            var w = _folded[c.TokStart];
            var holders = _clusters.Where(k => k.Type == "PERSON" && k.HasName && k.NameTokens.Contains(w)).ToList();
            Cluster? cl = null;
            if (holders.Count > 0)
            {
                // Two people share the surname: the bare surname goes to the one the article introduced
                // first (its main subject), the other keeps being named in full.
                cl = holders.Where(k => k.First < c.Start).OrderBy(k => k.First).FirstOrDefault()
                    ?? holders.OrderBy(k => k.First).First();
            }
            else if (c.Chosen is { } t)
            {
                cl = ClusterFor("kb:" + t.Entity.Id, "PERSON", t.Entity);
                cl.NameTokens.Add(w);
            }
            else
            {
                cl = ClusterFor("p:" + w, "PERSON", null);
                cl.NameTokens.Add(w);
            }

            AddMention(cl, c, MentionKind.Name);
        }
    }

    /// <summary>Surnames of the document's people where neither the recogniser nor the dictionary saw them.</summary>
    private List<Cand> PartialNames(List<Cand> people)
    {
        var surnames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in people.Where(c => c.TokenCount > 1))
        {
            var last = _folded[c.TokEnd - 1] == "'s" ? c.TokEnd - 2 : c.TokEnd - 1;
            if (last > c.TokStart && _folded[last].Length > 1)
            {
                surnames.Add(_folded[last]);
            }

            if (c.Chosen?.Entity is { } kb)
            {
                foreach (var s in kb.ShortNames)
                {
                    surnames.Add(NameKey.Of(s));
                }
            }
        }

        var covered = new bool[_tokens.Length];
        foreach (var c in _cands)
        {
            for (var t = c.TokStart; t < c.TokEnd; t++)
            {
                covered[t] = true;
            }
        }

        var found = new List<Cand>();
        for (var i = 0; i < _tokens.Length; i++)
        {
            if (!covered[i] && _tokens[i].Kind == TokenKind.Word && char.IsUpper(_text[_tokens[i].Start]) && surnames.Contains(_folded[i]))
            {
                var c = new Cand { TokStart = i, TokEnd = i + 1, Start = _tokens[i].Start, End = _tokens[i].End, NerType = "PERSON", Targets = [] };
                found.Add(c);
                _cands.Add(c);
            }
        }

        _cands.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    private static bool SameName(Cluster k, string[] tokens)
    {
        if (tokens.Length == 0 || !k.NameTokens.Contains(tokens[^1]))
        {
            return false;
        }

        return tokens.All(k.NameTokens.Contains) || (tokens.Length >= 2 && k.NameTokens.Contains(tokens[0]));
    }

    // ---- 4. descriptions: titles, appositions and nominal mentions -----------------------------

    private void Descriptions()
    {
        var personAt = new Dictionary<int, Cluster>();
        var candAt = new Dictionary<int, Cand>();
        var personEndAt = new Dictionary<int, Cluster>();
        foreach (var c in _cands)
        {
            for (var t = c.TokStart; t < c.TokEnd; t++)
            {
                candAt[t] = c;
            }

            if (c.Cluster is { Type: "PERSON" } p)
            {
                personAt[c.TokStart] = p;
                personEndAt[c.TokEnd - 1] = p;
            }
        }

        var standalone = new List<Desc>();
        for (var i = 0; i < _tokens.Length; i++)
        {
            if (_tokens[i].Kind != TokenKind.Word || candAt.ContainsKey(i))
            {
                continue;
            }

            AgentWord? agent = null;
            var len = 0;
            for (var l = Math.Min(_kb.MaxAgentTokensFrom(_folded[i]), _tokens.Length - i); l >= 1; l--)
            {
                if (l > 1 && Enumerable.Range(i + 1, l - 1).Any(candAt.ContainsKey))
                {
                    continue;
                }

                if (_kb.Agent(string.Join(' ', _folded[i..(i + l)])) is { } a)
                {
                    agent = a;
                    len = l;
                    break;
                }
            }

            if (agent is null)
            {
                continue;
            }

            var headEnd = i + len;
            if (!agent.Person)
            {
                i = headEnd - 1;
                continue;
            }

            // the words before the head: determiner, demonyms, institutions, modifiers
            var start = i;
            string? country = null;
            KbEntity? org = null;
            bool definite = false, indefinite = false;
            for (var j = i - 1; j >= 0; j--)
            {
                if (candAt.TryGetValue(j, out var mc) && mc.Chosen is { } mt && mc.Cluster is not { Type: "PERSON" })
                {
                    country ??= mt.Entity.Country;
                    if (!mt.Entity.Id.StartsWith("c:", StringComparison.Ordinal) && !mt.Entity.Id.StartsWith("cap:", StringComparison.Ordinal))
                    {
                        org ??= mt.Entity;
                    }

                    start = mc.TokStart;
                    j = mc.TokStart;
                    continue;
                }

                var w = _folded[j];
                if (w == "'s" && j > 0 && candAt.TryGetValue(j - 1, out var pc) && pc.Chosen is { } pt && pc.Cluster is not { Type: "PERSON" })
                {
                    country ??= pt.Entity.Country;
                    start = pc.TokStart;
                    j = pc.TokStart;
                    continue;
                }

                if (Determiners.Contains(w))
                {
                    definite = w is "the" or "this" or "that";
                    indefinite = !definite;
                    start = j;
                    break;
                }

                if (_tokens[j].Kind == TokenKind.Word && (Modifiers.Contains(w) || _kb.Agent(w) is not null))
                {
                    start = j;
                    continue;
                }

                break;
            }

            var head = agent.Phrase.ToLowerInvariant();
            var d = new Desc(_tokens[start].Start, _tokens[headEnd - 1].End, head, country, org, definite, indefinite);
            if (headEnd < _tokens.Length && personAt.TryGetValue(headEnd, out var titled))
            {
                titled.Descs.Add(d);
            }
            else if (headEnd + 1 < _tokens.Length && _folded[headEnd] == "," && personAt.TryGetValue(headEnd + 1, out var appos))
            {
                appos.Descs.Add(d);
                AddNominal(appos, d);
            }
            else if (!indefinite && (definite || country is not null || org is not null) && Follows(headEnd))
            {
                if (start >= 2 && _folded[start - 1] == "," && personEndAt.TryGetValue(start - 2, out var before))
                {
                    before.Descs.Add(d);
                    AddNominal(before, d);
                }
                else
                {
                    standalone.Add(d);
                }
            }

            i = headEnd - 1;
        }

        _personMentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var d in standalone)
        {
            var cl = Resolve(d);
            if (cl is null && (d.Country ?? d.Org?.Country) is { } country && _kb.OfficeHolder(country, d.Head, _analysis.Document.Date) is { } holder)
            {
                // "the Russian president said": the office holder on the document's date
                cl = ClusterFor("kb:" + holder.Id, "PERSON", holder);
                cl.Actor ??= _kb.ActorAt(holder, _analysis.Document.Date);
            }

            if (cl is not null)
            {
                cl.Descs.Add(d);
                AddNominal(cl, d);
            }
        }
    }

    private bool Follows(int next) =>
        next >= _tokens.Length || NominalFollowers.Contains(_folded[next]) || _tokens[next].Kind == TokenKind.Punctuation
        || (_folded[next].Length > 4 && _folded[next].EndsWith("ed", StringComparison.Ordinal) && char.IsLower(_text[_tokens[next].Start]));

    private void AddNominal(Cluster cl, Desc d)
    {
        // A nominal never overlaps a mention of its own entity (titles before names are not mentions).
        if (!cl.Mentions.Exists(m => m.Start < d.End && d.Start < m.End))
        {
            cl.Add(new Mention(d.Start, d.End, _text[d.Start..d.End], MentionKind.Nominal));
            if (!_quotes.Inside(d.Start))
            {
                _personMentions.Insert(UpperBound(d.Start), (d.Start, d.End, cl));
            }
        }
    }

    private Cluster? Resolve(Desc d)
    {
        var group = GroupOf(d.Head);
        Cluster? best = null;
        var bestScore = 0.0;
        var bestPos = -1;
        var seen = new HashSet<Cluster>();
        for (var k = UpperBound(d.Start) - 1; k >= 0; k--)
        {
            var (start, end, cl) = _personMentions[k];
            if (start < d.Start - AntecedentWindow)
            {
                break;
            }

            if (end > d.Start || !seen.Add(cl))
            {
                continue;
            }

            var prev = start;
            var country = CountryOf(cl);
            if (d.Country is not null && country is not null && d.Country != country)
            {
                continue;
            }

            var score = 0.0;
            if (cl.Descs.Exists(x => x.Head == d.Head))
            {
                score = 4;
            }
            else if (group >= 0 && cl.Descs.Exists(x => GroupOf(x.Head) == group))
            {
                score = 3;
            }
            else if (group >= 0 && RoleHead(cl) is { } rh && HeadGroups[group].Any(h => rh.Contains(h, StringComparison.Ordinal)))
            {
                score = 2;
            }
            else if (d.Head == "official" && SectorOf(cl) is { } s && GovSectors.Contains(s))
            {
                score = 1;
            }

            if (score <= 0)
            {
                continue;
            }

            if (d.Country is not null && country is null)
            {
                score -= 0.5;
            }

            if (score > bestScore || (score == bestScore && prev > bestPos))
            {
                best = cl;
                bestScore = score;
                bestPos = prev;
            }
        }

        return best;
    }

    /// <summary>Index of the first person mention starting at or after <paramref name="offset"/>.</summary>
    private int UpperBound(int offset) =>
        Offsets.CountStartingBefore(CollectionsMarshal.AsSpan(_personMentions), offset, static m => m.Start);

    private static int GroupOf(string head)
    {
        for (var g = 0; g < HeadGroups.Length; g++)
        {
            if (Array.IndexOf(HeadGroups[g], head) >= 0)
            {
                return g;
            }
        }

        return -1;
    }

    private static string? RoleHead(Cluster cl)
    {
        var role = cl.Actor?.Role;
        if (role is null)
        {
            return null;
        }

        role = role.ToLowerInvariant();
        var cut = role.Length;
        foreach (var sep in new[] { " of ", " to ", " for ", "(" })
        {
            var k = role.IndexOf(sep, StringComparison.Ordinal);
            if (k > 0 && k < cut)
            {
                cut = k;
            }
        }

        return role[..cut];
    }

    private string? CountryOf(Cluster cl) =>
        cl.Actor?.Country ?? cl.Kb?.Country ?? cl.Descs.Select(d => d.Country ?? d.Org?.Country).FirstOrDefault(c => c is not null);

    private string? SectorOf(Cluster cl)
    {
        if (cl.Actor?.Sector is { } s)
        {
            return s;
        }

        foreach (var d in cl.Descs)
        {
            if (_kb.Agent(NameKey.Of(d.Head)) is { } a)
            {
                return a.Sector;
            }
        }

        return null;
    }

    // ---- 5. metonymy ------------------------------------------------------------------------------

    private bool IsMetonymic(int tokStart, int tokEnd) => ActorResolver.IsMetonymicContext(_text, _tokens, _folded, tokStart, tokEnd);

    // ---- 6. entities --------------------------------------------------------------------------------

    private ImmutableArray<Entity> Build()
    {
        var result = ImmutableArray.CreateBuilder<Entity>();
        var n = 0;
        foreach (var cl in _clusters.Where(c => c.Mentions.Count > 0).OrderBy(c => c.First))
        {
            var mentions = cl.Mentions.OrderBy(m => m.Start).ThenBy(m => m.End).ToImmutableArray();
            string name;
            string? qid = null, country = null, sector = null, code = null, role = null;
            if (cl.Kb is { } kb)
            {
                name = kb.Name;
                qid = kb.Qid;
                var actor = cl.Actor ?? _kb.ActorAt(kb, _analysis.Document.Date);
                country = actor.Country ?? kb.Country;
                sector = actor.Sector;
                code = actor.Code;
                role = actor.Role;
                if (kb.Id.StartsWith("cap:", StringComparison.Ordinal))
                {
                    (code, sector) = cl.Metonymic ? (kb.Code, "GOV") : (kb.Country, null);
                }
            }
            else
            {
                name = mentions.Where(m => m.Kind == MentionKind.Name).Select(m => m.Text).OrderByDescending(t => t.Length).FirstOrDefault() ?? mentions[0].Text;
                var desc = cl.Descs.OrderBy(d => d.Start).FirstOrDefault();
                var info = desc is not null
                    ? ActorResolver.Describe(_kb, _text[desc.Start..desc.End], _analysis.Document.Date)
                    : cl.Type is "ORG" ? ActorResolver.Describe(_kb, name, _analysis.Document.Date) : null;
                if (info is not null)
                {
                    (country, sector, code) = (info.Country, info.Sector, info.Code);
                    role = desc is not null ? TrimDeterminer(_text[desc.Start..desc.End]) : null;
                }
            }

            n++;
            result.Add(new Entity
            {
                Id = "e" + n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Name = name,
                Type = cl.Type,
                KbId = qid,
                Country = country,
                Sector = sector,
                ActorCode = code,
                Role = role,
                Mentions = mentions,
            });
        }

        return result.DrainToImmutable();
    }

    private static string TrimDeterminer(string s)
    {
        foreach (var d in new[] { "the ", "The ", "a ", "A ", "an ", "An " })
        {
            if (s.StartsWith(d, StringComparison.Ordinal))
            {
                return s[d.Length..];
            }
        }

        return s;
    }
}
