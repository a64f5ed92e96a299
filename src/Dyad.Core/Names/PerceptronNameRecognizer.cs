using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Dyad.Resources;
using Dyad.Text;

namespace Dyad.Names;

/// <summary>
/// The shipped recogniser: the hashed-feature perceptron tagger (<see cref="NameModel"/>) finds
/// PER/ORG/LOC/MISC names per sentence; the name lexicon then adds dictionary names the model
/// missed (countries, capitals, demonyms, curated organisations, places and facilities), lets a
/// longer dictionary name replace the pieces the model found inside it ("Power of Siberia"), and
/// types each name as PERSON, ORG, GPE, LOC, FAC, NORP, EVENT or MISC. Titles and a leading
/// "the" stay outside the name. Thread-safe; works (lexicon only) when no model is embedded.
/// </summary>
public sealed class PerceptronNameRecognizer : INameRecognizer
{
    private const int MaxChunk = 300;

    private static readonly Lazy<PerceptronNameRecognizer> Lazy = new(
        () => new PerceptronNameRecognizer(NameModel.Default, NameLexicon.Default), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly string[] Types = ["PERSON", "ORG", "LOC", "MISC"];

    private readonly NameModel? _model;
    private readonly NameLexicon _lexicon;
    private readonly FeatureExtractor _features;
    private readonly INameReading? _reading;
    private readonly Typing _typing = Typing.Instance;

    /// <param name="model">The sequence model (null: dictionary names only).</param>
    /// <param name="lexicon">The name lexicon.</param>
    /// <param name="keepModelClass">See <see cref="KeepModelClass"/>.</param>
    /// <param name="reading">A per-word reading the model was trained with (<c>Dyad.Train ner --context</c>), or null.</param>
    public PerceptronNameRecognizer(NameModel? model, NameLexicon lexicon, bool keepModelClass = false, INameReading? reading = null)
    {
        KeepModelClass = keepModelClass;
        ArgumentNullException.ThrowIfNull(lexicon);
        _model = model;
        _lexicon = lexicon;
        _reading = reading;
        _features = new FeatureExtractor(model?.Clusters ?? WordClusters.Empty, lexicon, model?.BucketBits ?? 16);
    }

    public static PerceptronNameRecognizer Default => Lazy.Value;

    public bool HasModel => _model is not null;

    /// <summary>
    /// Keep the model's ORG where the lexicon knows the name as a place (a country acting, as in
    /// "China will present"): Universal NER's convention. Dyad's default types such names GPE.
    /// </summary>
    public bool KeepModelClass { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ImmutableArray<NameMention> Recognize(string text, ImmutableArray<Token> tokens, ImmutableArray<Sentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = ImmutableArray.CreateBuilder<NameMention>();
        var context = new DocumentContext();
        var sentenceTokens = Offsets.TokensOfSentences(tokens.AsSpan(), sentences.AsSpan());
        foreach (var range in sentenceTokens)
        {
            context.AddSentence(text, tokens.AsSpan(range));
        }

        // Sentences longer than MaxChunk tokens are read in chunks.
        var chunks = new List<Range>();
        foreach (var range in sentenceTokens)
        {
            for (var from = range.Start.Value; from < range.End.Value; from += MaxChunk)
            {
                chunks.Add(new Range(from, Math.Min(from + MaxChunk, range.End.Value)));
            }
        }

        var values = _reading is null ? null : ArrayPool<ulong>.Shared.Rent(tokens.Length * FeatureExtractor.ReadingPerToken);
        var raw = new List<RawName>();
        try
        {
            if (values is not null)
            {
                _reading!.Read(text, tokens.AsSpan(), chunks, values.AsSpan(0, tokens.Length * FeatureExtractor.ReadingPerToken));
            }

            foreach (var chunk in chunks)
            {
                var (from, count) = (chunk.Start.Value, chunk.End.Value - chunk.Start.Value);
                var reading = values is null ? default : values.AsSpan(from * FeatureExtractor.ReadingPerToken, count * FeatureExtractor.ReadingPerToken);
                foreach (var (start, end, cls, flags) in RecognizeSentence(text, tokens.AsSpan(from, count), context, reading))
                {
                    raw.Add(new RawName(from + start, from + end, cls, flags, from));
                }
            }
        }
        finally
        {
            if (values is not null)
            {
                ArrayPool<ulong>.Shared.Return(values);
            }
        }

        var all = tokens.AsSpan();
        Harmonise(text, all, raw);
        foreach (var name0 in raw)
        {
            // "Ms Pugh", "Dr. Fauci": an honorific makes the name a person's, whatever the model said.
            var name = name0.End - name0.Start > 1 && _typing.IsHonorific(text.AsSpan(all[name0.Start].Start, all[name0.Start].Length)) ? name0 with { Class = 0 } : name0;
            var start = Trim(text, all, name.Start, name.End, name.Class);
            if (start >= name.End)
            {
                continue;
            }

            var s = tokens[start].Start;
            var e = tokens[name.End - 1].End;
            var lexicon = start == name.Start && name.Flags != LexiconFlags.None ? name.Flags : LookupSpan(text, all, start, name.End);
            var type = KeepModelClass && name.Class == 1 ? "ORG" : _typing.TypeOf(name.Class, lexicon, text, all, start, name.End);
            result.Add(new NameMention(s, e, text[s..e], type));
        }

        return result.DrainToImmutable();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<(int Start, int End, int Class, LexiconFlags Flags)> RecognizeSentence(string text, ReadOnlySpan<Token> tokens, DocumentContext context, ReadOnlySpan<ulong> reading)
    {
        var n = tokens.Length;
        if (n == 0)
        {
            return [];
        }

        var stride = _reading is null ? FeatureExtractor.PerToken : FeatureExtractor.PerTokenWithReading;
        var buffer = ArrayPool<int>.Shared.Rent(n * stride);
        List<(int Start, int End, int Class)> spans;
        List<LexiconMatch> matches;
        try
        {
            var features = buffer.AsSpan(0, n * stride);
            (matches, _) = _features.Extract(text, tokens, features, context, reading);
            spans = _model is null ? [] : NameTags.Decode(_model.Decode(features, n));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }

        var named = new List<(int Start, int End, int Class, LexiconFlags Flags)>(spans.Count + matches.Count);
        foreach (var (start, end, cls) in spans)
        {
            named.Add((start, end, cls, LexiconFlags.None));
        }

        Merge(text, tokens, named, matches);
        named.Sort((a, b) => a.Start.CompareTo(b.Start));
        return named;
    }

    /// <summary>
    /// Makes the document agree with itself: a name written alone that is the last word of a
    /// person's full name elsewhere in the document is that person ("Seagal" after "Steven
    /// Seagal"), also where the model missed it; the same name gets its most frequent class.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Harmonise(string text, ReadOnlySpan<Token> tokens, List<RawName> names)
    {
        var surnames = new UInt64Map();
        foreach (var n in names)
        {
            if (n.Class == 0 && n.End - n.Start >= 2)
            {
                surnames.Set(Hashing.Exact(text.AsSpan(tokens[n.End - 1].Start, tokens[n.End - 1].Length)), 1);
            }
        }

        for (var i = 0; i < names.Count; i++)
        {
            var n = names[i];
            if (n.Class != 0 && n.End - n.Start == 1 && (n.Flags & (LexiconFlags.Country | LexiconFlags.Capital | LexiconFlags.Curated)) == 0
                && surnames.Contains(Hashing.Exact(text.AsSpan(tokens[n.Start].Start, tokens[n.Start].Length))))
            {
                names[i] = n with { Class = 0 };
            }
        }

        if (surnames.Count > 0)
        {
            var covered = new bool[tokens.Length];
            foreach (var n in names)
            {
                for (var k = n.Start; k < n.End; k++)
                {
                    covered[k] = true;
                }
            }

            for (var k = 0; k < tokens.Length; k++)
            {
                var span = text.AsSpan(tokens[k].Start, tokens[k].Length);
                if (!covered[k] && span.Length > 1 && char.IsUpper(span[0]) && !IsAllUpper(span) && surnames.Contains(Hashing.Exact(span))
                    && (k + 1 >= tokens.Length || !covered[k + 1]) && (k == 0 || !covered[k - 1]))
                {
                    names.Add(new RawName(k, k + 1, 0, LexiconFlags.None, k));
                }
            }

            names.Sort((a, b) => a.Start.CompareTo(b.Start));
        }

        // Votes per distinct string: the classes' counts at [index * classes, ...).
        const int C = 4;
        var index = new UInt64Map(names.Count);
        var votes = new int[names.Count * C];
        var keys = new ulong[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var n = names[i];
            keys[i] = SpanKey(text, tokens, n.Start, n.End);
            if (!index.TryGet(keys[i], out var slot))
            {
                slot = (uint)index.Count;
                index.Set(keys[i], slot);
            }

            votes[((int)slot * C) + n.Class]++;
        }

        for (var i = 0; i < names.Count; i++)
        {
            var n = names[i];
            var counts = votes.AsSpan((int)index.Get(keys[i]) * C, C);
            var best = n.Class;
            for (var c = 0; c < counts.Length; c++)
            {
                if (counts[c] > counts[best])
                {
                    best = c;
                }
            }

            names[i] = n with { Class = best };
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong SpanKey(string text, ReadOnlySpan<Token> tokens, int start, int end) =>
        Hashing.Exact(text.AsSpan(tokens[start].Start, tokens[end - 1].End - tokens[start].Start));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsAllUpper(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (char.IsLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct RawName(int Start, int End, int Class, LexiconFlags Flags, int SentenceOffset);

    /// <summary>Adds dictionary names the model missed and lets longer dictionary names win.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Merge(string text, ReadOnlySpan<Token> tokens, List<(int Start, int End, int Class, LexiconFlags Flags)> named, List<LexiconMatch> matches)
    {
        foreach (var m in matches)
        {
            // The names the model found that overlap the dictionary name, in list order.
            var overlapping = 0;
            var inside = true;
            var shorter = false;
            var length = m.End - m.Start;
            (int Start, int End, int Class, LexiconFlags Flags) first = default;
            foreach (var x in named)
            {
                if (x.Start < m.End && m.Start < x.End)
                {
                    if (overlapping++ == 0)
                    {
                        first = x;
                    }

                    inside &= x.Start >= m.Start && x.End <= m.End;
                    shorter |= x.End - x.Start < length;
                }
            }

            if (overlapping == 0)
            {
                if (Fills(text, tokens, m))
                {
                    named.Add((m.Start, m.End, ClassOf(m.Flags), m.Flags));
                }

                continue;
            }

            // A longer dictionary name that covers what the model found replaces it.
            if (length >= 2 && inside && shorter)
            {
                var cls = overlapping == 1 && first.Start == m.Start && first.End == m.End ? first.Class : ClassOf(m.Flags);
                var kept = 0;
                for (var k = 0; k < named.Count; k++)
                {
                    var x = named[k];
                    if (!(x.Start < m.End && m.Start < x.End))
                    {
                        named[kept++] = x;
                    }
                }

                named.RemoveRange(kept, named.Count - kept);
                named.Add((m.Start, m.End, cls, m.Flags));
            }
        }
    }

    /// <summary>Whether a dictionary name the model did not tag is added on the dictionary's word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Fills(string text, ReadOnlySpan<Token> tokens, LexiconMatch m)
    {
        var strong = (m.Flags & (LexiconFlags.Country | LexiconFlags.Capital | LexiconFlags.Norp)) != 0;
        if (!strong && (m.Flags & LexiconFlags.Curated) == 0)
        {
            return false; // cities alone are too ambiguous (Nice, Reading, Sale)
        }

        if (m.End - m.Start == 1)
        {
            var span = text.AsSpan(tokens[m.Start].Start, tokens[m.Start].Length);
            if (span.Length < 2)
            {
                return false;
            }

            // A sentence-initial capital says little: only countries, capitals and demonyms there.
            if (m.Start == 0 && !strong)
            {
                return false;
            }
        }

        return true;
    }

    private static int ClassOf(LexiconFlags flags) =>
        (flags & (LexiconFlags.Gpe | LexiconFlags.Loc | LexiconFlags.Fac)) != 0 && (flags & LexiconFlags.Norp) == 0 ? 2
        : (flags & LexiconFlags.Org) != 0 ? 1
        : 3;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Trim(string text, ReadOnlySpan<Token> tokens, int start, int end, int cls)
    {
        if (cls == 0)
        {
            // A person's name has no lower-case words but particles (bin, von der, de): what comes
            // before the last other one is a description ("Kremlin aide Yury Ushakov").
            for (var i = end - 2; i > start; i--)
            {
                var word = text.AsSpan(tokens[i].Start, tokens[i].Length);
                if (word.Length > 0 && char.IsLower(word[0]) && !_typing.IsParticle(word))
                {
                    start = i + 1;
                    break;
                }
            }
        }

        while (end - start > 1)
        {
            var word = text.AsSpan(tokens[start].Start, tokens[start].Length);
            if (_typing.IsDeterminer(word) || (cls == 0 && _typing.IsTitle(word)))
            {
                start++;
                continue;
            }

            // "Saudi Crown Prince Mohammed bin Salman", "Russian President Vladimir Putin": a demonym
            // or country before a title describes the person too.
            if (cls == 0 && end - start > 2 && _typing.IsTitle(text.AsSpan(tokens[start + 1].Start, tokens[start + 1].Length))
                && (LookupSpan(text, tokens, start, start + 1) & (LexiconFlags.Norp | LexiconFlags.Country)) != 0)
            {
                start++;
                continue;
            }

            break;
        }

        return start;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private LexiconFlags LookupSpan(string text, ReadOnlySpan<Token> tokens, int start, int end)
    {
        if (end - start > NameLexicon.MaxTokens)
        {
            return LexiconFlags.None;
        }

        Span<ulong> hashes = stackalloc ulong[end - start];
        for (var i = start; i < end; i++)
        {
            hashes[i - start] = Hashing.Lower(text.AsSpan(tokens[i].Start, tokens[i].Length));
        }

        return _lexicon.Lookup(hashes);
    }

    /// <summary>Typing words from <c>Resources/names/typing.txt</c>.</summary>
    private sealed class Typing
    {
        public static readonly Typing Instance = new();

        // Word lists by the hash of the lowercased word.
        private readonly UInt64Map _titles;
        private readonly UInt64Map _determiners;
        private readonly UInt64Map _particles;
        private readonly UInt64Map _honorifics;
        private readonly UInt64Map _facilities;
        private readonly UInt64Map _regions;
        private readonly UInt64Map _events;

        private Typing()
        {
            var sections = EmbeddedData.ReadSections("names/typing.txt");
            _titles = Set(sections, "title");
            _determiners = Set(sections, "determiner");
            _particles = Set(sections, "particle");
            _honorifics = Set(sections, "honorific");
            _facilities = Set(sections, "fac-word");
            _regions = Set(sections, "loc-word");
            _events = Set(sections, "event-word");
        }

        public bool IsTitle(ReadOnlySpan<char> word) => Contains(_titles, word);

        public bool IsDeterminer(ReadOnlySpan<char> word) => Contains(_determiners, word);

        public bool IsParticle(ReadOnlySpan<char> word) => Contains(_particles, word);

        public bool IsHonorific(ReadOnlySpan<char> word) => Contains(_honorifics, word);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public string TypeOf(int cls, LexiconFlags flags, string text, ReadOnlySpan<Token> tokens, int start, int end)
        {
            var firstWord = text.AsSpan(tokens[start].Start, tokens[start].Length);
            var lastWord = text.AsSpan(tokens[end - 1].Start, tokens[end - 1].Length);
            if (cls == 0)
            {
                // A person by the model, but a country, capital or curated organisation or place by the lexicon.
                var known = (flags & (LexiconFlags.Country | LexiconFlags.Capital | LexiconFlags.Curated)) != 0
                    && (flags & (LexiconFlags.Given | LexiconFlags.Norp)) == 0;
                return known ? FromLexicon(cls, flags) ?? "PERSON" : "PERSON";
            }

            var fromLexicon = FromLexicon(cls, flags);
            if (fromLexicon is not null)
            {
                return fromLexicon;
            }

            switch (cls)
            {
                case 1:
                    return "ORG";
                case 2:
                    if (end - start > 1 && Contains(_facilities, lastWord))
                    {
                        return "FAC";
                    }

                    return Contains(_regions, lastWord) || Contains(_regions, firstWord) ? "LOC" : "GPE";
                default:
                    for (var i = start; i < end; i++)
                    {
                        if (Contains(_events, text.AsSpan(tokens[i].Start, tokens[i].Length)))
                        {
                            return "EVENT";
                        }
                    }

                    return end - start == 1 && LooksDemonym(firstWord) ? "NORP" : Types[3];
            }
        }

        private static string? FromLexicon(int cls, LexiconFlags flags)
        {
            if (cls == 1 && (flags & LexiconFlags.Org) != 0)
            {
                return "ORG";
            }

            if (cls == 3 && (flags & LexiconFlags.Norp) != 0)
            {
                return "NORP";
            }

            if (cls == 3 && (flags & LexiconFlags.Event) != 0)
            {
                return "EVENT";
            }

            if ((flags & LexiconFlags.Gpe) != 0)
            {
                return "GPE";
            }

            if ((flags & LexiconFlags.Loc) != 0)
            {
                return "LOC";
            }

            if ((flags & LexiconFlags.Fac) != 0)
            {
                return "FAC";
            }

            if ((flags & LexiconFlags.Org) != 0)
            {
                return "ORG";
            }

            if ((flags & LexiconFlags.Norp) != 0)
            {
                return "NORP";
            }

            return (flags & LexiconFlags.Event) != 0 ? "EVENT" : null;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool LooksDemonym(ReadOnlySpan<char> word)
        {
            if (word.Length < 4 || !char.IsUpper(word[0]) || char.IsUpper(word[^1]))
            {
                return false;
            }

            return word.EndsWith("an", StringComparison.Ordinal) || word.EndsWith("ans", StringComparison.Ordinal)
                || word.EndsWith("ese", StringComparison.Ordinal) || word.EndsWith("ish", StringComparison.Ordinal)
                || word.EndsWith("i", StringComparison.Ordinal) || word.EndsWith("is", StringComparison.Ordinal);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool Contains(UInt64Map set, ReadOnlySpan<char> word) => word.Length <= 64 && set.Contains(Hashing.Lower(word));

        private static UInt64Map Set(Dictionary<string, List<string>> sections, string name)
        {
            var set = new UInt64Map();
            foreach (var word in sections.TryGetValue(name, out var list) ? list : [])
            {
                set.Set(Hashing.Lower(word), 1);
            }

            return set;
        }
    }
}
