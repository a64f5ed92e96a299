using System.Buffers.Binary;
using System.IO.Compression;
using Dyad.Knowledge;
using Dyad.Places;
using Dyad.Resources;
using Dyad.Text;

namespace Dyad.Names;

/// <summary>What the knowledge data says about a token sequence (feature only: never a name on its own).</summary>
[Flags]
public enum GazetteerFlags : ushort
{
    None = 0,
    Person = 1,
    Org = 2,
    KbPlace = 4,
    Country = 8,
    Admin = 16,
    CityLarge = 32,
    CityMid = 64,
    CitySmall = 128,
    Geo = 256,
    CommonWord = 512,
    PersonShort = 1024,

    /// <summary>The sequence starts a longer entry (for the longest-match search).</summary>
    Prefix = 0x8000,
}

/// <summary>
/// The gazetteer features of the name recogniser, derived from the project's own knowledge data:
/// the knowledge base (people, organisations, institutions, regions: <c>knowledge/kb.bin.gz</c>) and
/// the places gazetteer (countries, divisions, cities by population and their alternate names from
/// <see cref="Gazetteer"/>'s built table; regions, seas, landmarks and aliases from <c>places/extra.tsv</c>
/// and <c>places/aliases.tsv</c>), as a table from hashed lowercased token sequences to type flags, plus the
/// first and last words of the knowledge base's people. Built by
/// <c>Dyad.Train gazetteer</c> into <c>Resources/names/gazetteer.bin.gz</c> so that training and
/// recognition read the same lists; loaded once, lazily, read-only afterwards.
/// </summary>
public sealed class NameGazetteer
{
    public const string ResourcePath = "names/gazetteer.bin.gz";
    private const string Magic = "DYADGAZ1";

    // Token-level person parts (1: a first name, 2: a surname) and company words (8) live in the same table under a salted key.
    private const ulong PartSalt = 0x51ED270B27E1C6A3UL;
    private const ushort CompanyPart = 8;

    private static readonly Lazy<NameGazetteer> Lazy = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly UInt64Map _entries;

    private NameGazetteer(UInt64Map entries) => _entries = entries;

    private NameGazetteer(Dictionary<ulong, ushort> entries)
    {
        _entries = new UInt64Map(entries.Count);
        foreach (var (key, value) in entries)
        {
            _entries.Set(key, value);
        }
    }

    /// <summary>The table embedded in Dyad.Core (empty before it is built).</summary>
    public static NameGazetteer Default => Lazy.Value;

    public static NameGazetteer Empty { get; } = new(new UInt64Map());

    public int Count => _entries.Count;

    /// <summary>
    /// Longest entries left to right over all tokens (any case: the feature says how the match is
    /// written). <paramref name="values"/> gets, per token, a hashed BILOU position × flags × casing
    /// value (0 where nothing matches); <paramref name="parts"/> the person-part flags of the token
    /// (1 first name, 2 surname of a known person, 8 a word of a company's name; 0 none).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Match(string text, ReadOnlySpan<Token> tokens, ReadOnlySpan<ulong> lowerHashes, Span<ulong> values, Span<ulong> parts)
    {
        var n = tokens.Length;
        values.Clear();
        if (_entries.Count == 0)
        {
            parts.Clear();
            return;
        }

        for (var i = 0; i < n; i++)
        {
            parts[i] = _entries.Get(Hashing.Mix(lowerHashes[i], PartSalt));
        }

        var start = 0;
        while (start < n)
        {
            if (tokens[start].Kind != TokenKind.Word)
            {
                start++;
                continue;
            }

            var h = Hashing.Seed;
            var found = 0;
            ushort flags = 0;
            for (var k = start; k < n && k - start < NameLexicon.MaxTokens; k++)
            {
                h = Hashing.Mix(h, lowerHashes[k]);
                if (!_entries.TryGet(h, out var value))
                {
                    break;
                }

                var f = (ushort)value;

                if ((f & ~(ushort)GazetteerFlags.Prefix) != 0)
                {
                    found = k - start + 1;
                    flags = (ushort)(f & ~(ushort)GazetteerFlags.Prefix);
                }

                if ((f & (ushort)GazetteerFlags.Prefix) == 0)
                {
                    break;
                }
            }

            if (found == 0)
            {
                start++;
                continue;
            }

            var upper = 0;
            for (var k = start; k < start + found; k++)
            {
                if (char.IsUpper(text[tokens[k].Start]))
                {
                    upper++;
                }
            }

            var casing = upper == found ? 1UL : upper == 0 ? 2UL : 3UL;
            for (var k = start; k < start + found; k++)
            {
                var part = found == 1 ? 4UL : k == start ? 1UL : k == start + found - 1 ? 3UL : 2UL;
                values[k] = Hashing.Mix(Hashing.Mix(part, flags), casing);
            }

            start += found;
        }
    }

    /// <summary>Builds the table from the knowledge base and the places gazetteer as embedded in Dyad.Core.</summary>
    /// <param name="curatedPeopleOnly">Take people only from Dyad's curated list, not from the Phoenix actors.</param>
    public static NameGazetteer FromKnowledgeData(bool curatedPeopleOnly = false)
    {
        var entries = new Dictionary<ulong, ushort>();
        var kb = KnowledgeBase.Default;
        foreach (var e in kb.Entities)
        {
            if (curatedPeopleOnly && e.Type == "PERSON" && !e.Curated)
            {
                continue;
            }

            var flags = e.Type switch
            {
                "PERSON" => GazetteerFlags.Person,
                "ORG" => GazetteerFlags.Org,
                "LOC" or "FAC" => GazetteerFlags.KbPlace,
                _ => GazetteerFlags.None,
            };
            if (flags == GazetteerFlags.None)
            {
                continue;
            }

            foreach (var name in e.Aliases.Prepend(e.Name))
            {
                Add(entries, name, flags);
                if (flags == GazetteerFlags.Person)
                {
                    AddParts(entries, name);
                }
            }

            foreach (var name in e.ShortNames)
            {
                Add(entries, name, flags == GazetteerFlags.Person ? GazetteerFlags.PersonShort : flags);
            }
        }

        foreach (var c in kb.Countries.Values)
        {
            foreach (var name in c.Aliases.Prepend(c.Name))
            {
                Add(entries, name, GazetteerFlags.Country);
            }
        }

        AddPlaces(entries, Gazetteer.Instance);

        foreach (var line in EmbeddedData.ReadDataLines("places/extra.tsv"))
        {
            var c = line.Split('\t');
            if (c.Length < 3)
            {
                continue;
            }

            var flags = c[2] switch
            {
                "admin1" => GazetteerFlags.Admin,
                "city" => GazetteerFlags.CityLarge,
                _ => GazetteerFlags.Geo,
            };
            Add(entries, c[0], flags);
            foreach (var alias in c[1].Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                Add(entries, alias, flags);
            }
        }

        foreach (var line in EmbeddedData.ReadDataLines("places/aliases.tsv"))
        {
            var c = line.Split('\t');
            if (c.Length < 2 || (c.Length > 2 && c[2].Contains('q', StringComparison.Ordinal)))
            {
                continue;
            }

            var flags = c[1].StartsWith("country:", StringComparison.Ordinal) ? GazetteerFlags.Country
                : c[1].StartsWith("admin1:", StringComparison.Ordinal) ? GazetteerFlags.Admin
                : GazetteerFlags.CityLarge;
            Add(entries, c[0], flags);
        }

        return new NameGazetteer(entries);
    }

    /// <summary>
    /// The places gazetteer's built table (GeoNames countries, divisions, populated places): the main name of every
    /// entry, then every lookup key of the table as a name of its entry — Dyad's own variants of the build
    /// ("St. X", bare division names, countries' alternate spellings) and GeoNames' alternate names
    /// (exonyms, transliterations). The table keeps the alternates only as folded keys (lower case, diacritics
    /// folded, periods and apostrophes dropped, other punctuation a space), and this table hashes lower-cased
    /// tokens, so a folded ASCII key matches text written the plain way ("hodeidah", "sao paulo"), but an
    /// alternate written with its diacritics ("Hodeïda"), periods ("U.S."), apostrophes ("Sana'a") or a hyphen
    /// (one token in text, two words in the key) is not matched in that spelling; main names keep their
    /// own spelling, so for them the folded key only adds the plain form.
    /// </summary>
    private static void AddPlaces(Dictionary<ulong, ushort> entries, Gazetteer gazetteer)
    {
        var table = gazetteer.Table;
        var flagsOf = new GazetteerFlags[table.Count];
        for (var i = 0; i < table.Count; i++)
        {
            var entry = gazetteer.Entries[i];
            var flags = entry.Feature switch
            {
                PlaceFeature.Country => GazetteerFlags.Country,
                PlaceFeature.Admin1 or PlaceFeature.Admin2 => GazetteerFlags.Admin,
                _ => entry.Population >= 100_000 ? GazetteerFlags.CityLarge : entry.Population >= 15_000 ? GazetteerFlags.CityMid : GazetteerFlags.CitySmall,
            };
            if (entry.CommonWord)
            {
                flags |= GazetteerFlags.CommonWord;
            }

            flagsOf[i] = flags;
            Add(entries, entry.Name, flags);
        }

        foreach (var (key, target) in table.KeyTargets())
        {
            Add(entries, key, flagsOf[target.Entry]);
        }
    }

    public void Save(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip);
        writer.Write(Magic.ToCharArray());
        writer.Write(_entries.Count);
        foreach (var (key, value) in _entries.Pairs().OrderBy(p => p.Key))
        {
            writer.Write(key);
            writer.Write((ushort)value);
        }
    }

    public static NameGazetteer Load(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.Length < Magic.Length + 4 || !bytes[..Magic.Length].SequenceEqual(System.Text.Encoding.ASCII.GetBytes(Magic)))
        {
            throw new InvalidDataException("Not a Dyad names gazetteer.");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[Magic.Length..]);
        var data = bytes[(Magic.Length + 4)..];
        if (data.Length < count * 10)
        {
            throw new InvalidDataException("Truncated Dyad names gazetteer.");
        }

        var entries = new UInt64Map(count + 4096);
        for (var i = 0; i < count; i++)
        {
            var record = data.Slice(i * 10, 10);
            entries.Set(BinaryPrimitives.ReadUInt64LittleEndian(record), BinaryPrimitives.ReadUInt16LittleEndian(record[8..]));
        }

        // Words of company names (a part flag: "Ford" is a surname and a company), from the small
        // embedded list, merged on load so the table need not be rebuilt when the list changes.
        foreach (var word in EmbeddedData.ReadDataLines("names/companies.txt"))
        {
            var key = Hashing.Mix(Hashing.Lower(word), PartSalt);
            entries.Or(key, CompanyPart);
        }

        return new NameGazetteer(entries);
    }

    private static NameGazetteer LoadEmbedded()
    {
        if (!EmbeddedData.Exists(ResourcePath))
        {
            return Empty;
        }

        using var stream = EmbeddedData.Open(ResourcePath);
        return Load(stream);
    }

    private static ulong[]? Hashes(string name)
    {
        var tokens = Tokenizer.Tokenize(name);
        if (tokens.Length is 0 or > NameLexicon.MaxTokens)
        {
            return null;
        }

        var hashes = new ulong[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            hashes[i] = Hashing.Lower(name.AsSpan(tokens[i].Start, tokens[i].Length));
        }

        return hashes;
    }

    private static void Add(Dictionary<ulong, ushort> entries, string name, GazetteerFlags flags)
    {
        if (string.IsNullOrWhiteSpace(name) || Hashes(name.Trim()) is not { } hashes)
        {
            return;
        }

        var h = Hashing.Seed;
        for (var i = 0; i < hashes.Length; i++)
        {
            h = Hashing.Mix(h, hashes[i]);
            var f = i == hashes.Length - 1 ? (ushort)flags : (ushort)GazetteerFlags.Prefix;
            entries[h] = (ushort)(entries.GetValueOrDefault(h) | f);
        }
    }

    private static void AddParts(Dictionary<ulong, ushort> entries, string name)
    {
        var tokens = Tokenizer.Tokenize(name);
        var words = tokens.Where(t => t.Kind == TokenKind.Word && t.Length > 1 && char.IsUpper(name[t.Start])).ToList();
        if (words.Count < 2)
        {
            return;
        }

        var first = Hashing.Mix(Hashing.Lower(name.AsSpan(words[0].Start, words[0].Length)), PartSalt);
        var last = Hashing.Mix(Hashing.Lower(name.AsSpan(words[^1].Start, words[^1].Length)), PartSalt);
        entries[first] = (ushort)(entries.GetValueOrDefault(first) | 1);
        entries[last] = (ushort)(entries.GetValueOrDefault(last) | 2);
    }
}
