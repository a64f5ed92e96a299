using Dyad.Resources;
using Dyad.Text;

namespace Dyad.Names;

/// <summary>What a lexicon entry says about a name: Dyad types and where the entry comes from.</summary>
[Flags]
public enum LexiconFlags : ushort
{
    None = 0,
    Gpe = 1,
    Loc = 2,
    Fac = 4,
    Org = 8,
    Event = 16,
    Norp = 32,
    Country = 64,
    Capital = 128,
    City = 256,
    Curated = 512,

    /// <summary>A given name (feature only: never a name on its own).</summary>
    Given = 1024,
}

/// <summary>A lexicon match over tokens [Start, End) of a sentence.</summary>
public readonly record struct LexiconMatch(int Start, int End, LexiconFlags Flags);

/// <summary>
/// The names dictionaries (<c>Resources/names/places.tsv</c>, built from world-countries and
/// GeoNames cities, <c>given-names.txt</c> from human-names, and the curated <c>lexicon.tsv</c>) as token sequences keyed by hash, for
/// gazetteer features and for typing names beyond the training labels (GPE/LOC/FAC, NORP, EVENT).
/// </summary>
public sealed class NameLexicon
{
    public const int MaxTokens = 8;

    private static readonly Lazy<NameLexicon> Lazy = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly UInt64Map _entries;

    private NameLexicon(Dictionary<ulong, LexiconFlags> entries)
    {
        _entries = new UInt64Map(entries.Count);
        foreach (var (key, flags) in entries)
        {
            _entries.Set(key, (uint)flags);
        }
    }

    public static NameLexicon Default => Lazy.Value;

    public int Count => _entries.Count;

    /// <summary>The key of a token sequence: its lowercased tokens' hashes mixed in order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static ulong Key(ReadOnlySpan<ulong> lowerHashes)
    {
        var h = Hashing.Seed;
        foreach (var t in lowerHashes)
        {
            h = Hashing.Mix(h, t);
        }

        return h;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public LexiconFlags Lookup(ReadOnlySpan<ulong> lowerHashes) => (LexiconFlags)_entries.Get(Key(lowerHashes));

    public LexiconFlags Lookup(string name)
    {
        var tokens = Tokenizer.Tokenize(name);
        if (tokens.Length is 0 or > MaxTokens)
        {
            return LexiconFlags.None;
        }

        Span<ulong> hashes = stackalloc ulong[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            hashes[i] = Hashing.Lower(name.AsSpan(tokens[i].Start, tokens[i].Length));
        }

        return Lookup(hashes);
    }

    /// <summary>
    /// Longest matches left to right. A match must start and end on a capitalised token (or a
    /// number), so "china" or "turkey" in lower case never match.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public List<LexiconMatch> Match(string text, ReadOnlySpan<Token> tokens, ReadOnlySpan<ulong> lowerHashes)
    {
        var matches = new List<LexiconMatch>();
        var i = 0;
        while (i < tokens.Length)
        {
            if (!Capitalised(text, tokens[i]))
            {
                i++;
                continue;
            }

            var found = 0;
            var flags = LexiconFlags.None;
            var max = Math.Min(MaxTokens, tokens.Length - i);
            for (var n = max; n >= 1; n--)
            {
                if (!Capitalised(text, tokens[i + n - 1]) && !char.IsDigit(text[tokens[i + n - 1].Start]))
                {
                    continue;
                }

                if (_entries.TryGet(Key(lowerHashes.Slice(i, n)), out var f))
                {
                    found = n;
                    flags = (LexiconFlags)f;
                    break;
                }
            }

            if (found == 0)
            {
                i++;
                continue;
            }

            matches.Add(new LexiconMatch(i, i + found, flags));
            i += found;
        }

        return matches;
    }

    private static bool Capitalised(string text, Token token) => char.IsUpper(text[token.Start]);

    private static NameLexicon Load()
    {
        var entries = new Dictionary<ulong, LexiconFlags>();
        foreach (var line in EmbeddedData.ReadDataLines("names/places.tsv"))
        {
            var cols = line.Split('\t');
            if (cols.Length >= 2)
            {
                Add(entries, cols[0], Parse(cols[1]) | (cols.Length > 2 ? ParseKind(cols[2]) : LexiconFlags.None));
            }
        }

        foreach (var line in EmbeddedData.ReadDataLines("names/lexicon.tsv"))
        {
            var cols = line.Split('\t');
            if (cols.Length >= 2)
            {
                Add(entries, cols[0], cols[1] == "GIVEN" ? LexiconFlags.Given : Parse(cols[1]) | LexiconFlags.Curated);
            }
        }

        foreach (var line in EmbeddedData.ReadDataLines("names/given-names.txt"))
        {
            Add(entries, line, LexiconFlags.Given);
        }

        return new NameLexicon(entries);
    }

    private static void Add(Dictionary<ulong, LexiconFlags> entries, string name, LexiconFlags flags)
    {
        var tokens = Tokenizer.Tokenize(name);
        if (tokens.Length is 0 or > MaxTokens)
        {
            return;
        }

        Span<ulong> hashes = stackalloc ulong[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            hashes[i] = Hashing.Lower(name.AsSpan(tokens[i].Start, tokens[i].Length));
        }

        var key = Key(hashes);
        entries[key] = entries.TryGetValue(key, out var old) ? old | flags : flags;
    }

    private static LexiconFlags Parse(string type) => type switch
    {
        "GPE" => LexiconFlags.Gpe,
        "LOC" => LexiconFlags.Loc,
        "FAC" => LexiconFlags.Fac,
        "ORG" => LexiconFlags.Org,
        "EVENT" => LexiconFlags.Event,
        "NORP" => LexiconFlags.Norp,
        _ => LexiconFlags.None,
    };

    private static LexiconFlags ParseKind(string kind) => kind switch
    {
        "country" => LexiconFlags.Country,
        "capital" => LexiconFlags.Capital,
        "city" => LexiconFlags.City,
        _ => LexiconFlags.None,
    };
}
