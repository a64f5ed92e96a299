using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Dyad.Resources;

namespace Dyad.Places;

/// <summary>What kind of place an entry is; the contract's <c>feature</c> string is <see cref="PlaceEntry.FeatureName"/>.</summary>
public enum PlaceFeature : byte { Country, Admin1, Admin2, City, Region, Water, Landmark, Other }

/// <summary>One gazetteer entry: a country, division, populated place, region, sea or landmark.</summary>
public sealed record PlaceEntry(
    int Index, PlaceFeature Feature, long? GeonamesId, string Name, string? Country, string? Admin1, string? Admin1Code,
    double Lat, double Lon, long Population, string Code, bool CommonWord, bool Extra)
{
    public bool IsCapital => Code.StartsWith("PPLC", StringComparison.Ordinal);

    public string FeatureName => Feature switch
    {
        PlaceFeature.Country => "country",
        PlaceFeature.Admin1 => "admin1",
        PlaceFeature.Admin2 => "admin2",
        PlaceFeature.City => "city",
        PlaceFeature.Region => "region",
        PlaceFeature.Water => "water",
        PlaceFeature.Landmark => "landmark",
        _ => "other",
    };
}

/// <summary>
/// A name's entry with how it was named: by an alias written for Dyad, only as a qualifier ("Ill."), or by one of
/// GeoNames' alternate names (exonyms and transliterations such as "Hodeida", "Byblos"), which weigh less than a main name.
/// </summary>
public readonly record struct NameTarget(int Entry, bool Alias, bool QualifierOnly, bool AltName = false);

/// <summary>
/// The offline gazetteer: GeoNames countries, divisions and populated places (built by
/// <c>tools/gazetteer</c>), Dyad's hand-written regions, seas and landmarks, and aliases. Loaded once,
/// lazily, from embedded resources; thread-safe to read.
/// </summary>
public sealed class Gazetteer
{
    private static readonly Lazy<Gazetteer> Lazy = new(() => Load(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly GazetteerTable _table;
    private readonly Dictionary<string, NameTarget[]> _overlay;
    private readonly Dictionary<string, string[]> _demonyms;
    private readonly HashSet<string> _overlayMultiWordStarts;

    private Gazetteer(EntryList entries, GazetteerTable table, Dictionary<string, NameTarget[]> overlay, int nameCount,
        Dictionary<string, List<string>> demonyms, PlaceWords words)
    {
        Entries = entries;
        _table = table;
        _overlay = overlay;
        NameCount = nameCount;
        _overlayMultiWordStarts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in overlay.Keys)
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                _overlayMultiWordStarts.Add(key[..space]);
            }
        }

        _demonyms = demonyms.ToDictionary(p => p.Key, p => p.Value.Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        Words = words;
        MaxNameTokens = 8;
        var countries = new Dictionary<string, PlaceEntry>(StringComparer.Ordinal);
        for (var i = 0; i < table.Count && table.Feature(i) == PlaceFeature.Country; i++)
        {
            countries.TryAdd(table.Country(i)!, entries[i]);
        }

        Countries = countries.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static Gazetteer Instance => Lazy.Value;

    public IReadOnlyList<PlaceEntry> Entries { get; }

    public FrozenDictionary<string, PlaceEntry> Countries { get; }

    public PlaceWords Words { get; }

    public int MaxNameTokens { get; }

    public int NameCount { get; }

    /// <summary>The built table under the entries (GeoNames rows only, without Dyad's own lists).</summary>
    internal GazetteerTable Table => _table;

    /// <summary>Entries named by a normalised key (see <see cref="Key(ReadOnlySpan{char})"/>).</summary>
    public ReadOnlySpan<NameTarget> Lookup(string key) => _overlay.TryGetValue(key, out var targets) ? targets : _table.Lookup(key);

    /// <summary>Entries named by a key in Dyad's own lists (regions, seas, landmarks, aliases), merged with the built ones.</summary>
    internal ReadOnlySpan<NameTarget> LookupOwn(string key) => _overlay.TryGetValue(key, out var targets) ? targets : [];

    /// <summary>Whether some name of two or more words begins with this key's first word.</summary>
    public bool StartsMultiWordName(string key)
    {
        var space = key.IndexOf(' ', StringComparison.Ordinal);
        var first = space > 0 ? key[..space] : key;
        return _overlayMultiWordStarts.Contains(first) || _table.HasKeyStartingWith(first + " ");
    }

    /// <summary>ISO3 codes of the countries a demonym ("Russian", "Chinese") stands for.</summary>
    public string[] Demonym(string key) => _demonyms.TryGetValue(key, out var codes) ? codes : [];

    /// <summary>
    /// The lookup key of a name: diacritics folded, lower case, periods and apostrophes dropped,
    /// hyphens and other punctuation as single spaces ("U.S." → "us", "Sana'a" → "sanaa", "Asia-Pacific" → "asia pacific").
    /// </summary>
    public static string Key(ReadOnlySpan<char> name)
    {
        if (name.Length <= 128 && TryAsciiKey(name, out var key))
        {
            return key;
        }

        var builder = new StringBuilder(name.Length);
        var space = false;
        foreach (var raw in name)
        {
            if (raw is '.' or '\'' or '’' or '‘' or 'ʼ' or '`')
            {
                continue;
            }

            if (char.IsLetterOrDigit(raw))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                space = false;
                if (raw < 128)
                {
                    builder.Append(char.ToLowerInvariant(raw));
                }
                else
                {
                    AppendFolded(builder, raw);
                }
            }
            else if (char.GetUnicodeCategory(raw) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    private static bool TryAsciiKey(ReadOnlySpan<char> name, out string key)
    {
        Span<char> buffer = stackalloc char[name.Length];
        var length = 0;
        var space = false;
        foreach (var c in name)
        {
            if (c >= 128)
            {
                key = "";
                return false;
            }

            if (c is '.' or '\'' or '`')
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (space && length > 0)
                {
                    buffer[length++] = ' ';
                }

                space = false;
                buffer[length++] = char.ToLowerInvariant(c);
            }
            else
            {
                space = true;
            }
        }

        key = new string(buffer[..length]);
        return true;
    }

    /// <summary>Folded lower-case forms of accented letters (places/fold.tsv, made from Unicode NFD by the gazetteer build).</summary>
    private static readonly Dictionary<char, string> FoldTable = LoadFoldTable();

    private static Dictionary<char, string> LoadFoldTable()
    {
        var table = new Dictionary<char, string>();
        foreach (var line in EmbeddedData.ReadDataLines("places/fold.tsv"))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab == 1)
            {
                table[line[0]] = line[(tab + 1)..];
            }
        }

        return table;
    }

    /// <summary>Lower case with diacritics folded ("Zélensky" → "zelensky", "Øresund" → "oresund"); every other character kept.</summary>
    public static string FoldLetters(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            AppendFolded(builder, c);
        }

        return builder.ToString();
    }

    private static void AppendFolded(StringBuilder builder, char c)
    {
        var special = c switch
        {
            'ß' => "ss",
            'æ' or 'Æ' => "ae",
            'œ' or 'Œ' => "oe",
            'ø' or 'Ø' => "o",
            'đ' or 'Đ' => "d",
            'ł' or 'Ł' => "l",
            'ı' => "i",
            'þ' or 'Þ' => "th",
            'ð' or 'Ð' => "d",
            _ => null,
        };
        if (special is not null)
        {
            builder.Append(special);
            return;
        }

        if (FoldTable.TryGetValue(c, out var folded))
        {
            builder.Append(folded);
            return;
        }

        builder.Append(char.ToLowerInvariant(c));
    }

    public static Gazetteer Load()
    {
        var table = GazetteerTable.Read("places/gazetteer.bin.gz");
        var entries = new EntryList(table);
        var overlay = new Dictionary<string, NameTarget[]>(StringComparer.Ordinal);
        var demonyms = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var countryByCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var admin1ByCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var added = 0;

        // Dyad's own names (regions, seas, landmarks, aliases) are merged over the built index.
        void AddName(string name, NameTarget target)
        {
            var key = Key(name);
            if (key.Length == 0)
            {
                return;
            }

            if (!overlay.TryGetValue(key, out var list))
            {
                list = table.Lookup(key).ToArray();
                if (list.Length == 0)
                {
                    added++;
                }
            }

            for (var i = 0; i < list.Length; i++)
            {
                if (list[i].Entry == target.Entry)
                {
                    if ((target.Alias && !list[i].Alias) || (list[i].AltName && !target.AltName))
                    {
                        list[i] = target; // an alias line marks the entry as what this name means; a main name beats an alternate
                    }

                    overlay[key] = list;
                    return;
                }
            }

            overlay[key] = [.. list, target];
        }

        for (var i = 0; i < table.Count; i++)
        {
            var feature = table.Feature(i);
            if (feature == PlaceFeature.Country)
            {
                var code = table.Country(i)!;
                countryByCode.TryAdd(code, i);
                foreach (var dem in (table.Demonyms(i) ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries))
                {
                    var demonym = Key(dem);
                    if (demonym.Length > 0)
                    {
                        if (!demonyms.TryGetValue(demonym, out var list))
                        {
                            demonyms[demonym] = list = [];
                        }

                        list.Add(code);
                    }
                }
            }
            else if (feature == PlaceFeature.Admin1)
            {
                admin1ByCode.TryAdd(table.Country(i) + ":" + table.Admin(i), i);
            }
            else
            {
                break; // countries and first-level divisions come first
            }
        }

        foreach (var line in EmbeddedData.ReadDataLines("places/extra.tsv"))
        {
            var c = line.Split('\t');
            if (c.Length < 6)
            {
                continue;
            }

            var feature = c[2] switch
            {
                "region" => PlaceFeature.Region,
                "water" => PlaceFeature.Water,
                "landmark" => PlaceFeature.Landmark,
                "admin1" => PlaceFeature.Admin1,
                "city" => PlaceFeature.City,
                _ => PlaceFeature.Other,
            };
            var index = entries.Count;
            entries.AddExtra(new PlaceEntry(index, feature, null, c[0], c[3].Length == 0 ? null : c[3], null, null,
                double.Parse(c[4], CultureInfo.InvariantCulture), double.Parse(c[5], CultureInfo.InvariantCulture), 0, "EXTRA", false, true));
            AddName(c[0], new NameTarget(index, false, false));
            foreach (var alias in c[1].Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                AddName(alias, new NameTarget(index, false, false));
            }
        }

        foreach (var line in EmbeddedData.ReadDataLines("places/aliases.tsv"))
        {
            var c = line.Split('\t');
            if (c.Length < 2)
            {
                continue;
            }

            var target = c[1].Split(':');
            int? index = target[0] switch
            {
                "country" when countryByCode.TryGetValue(target[1], out var i) => i,
                "geonames" when table.FindGeonames(long.Parse(target[1], CultureInfo.InvariantCulture)) is >= 0 and var i => i,
                "admin1" when target.Length == 3 && admin1ByCode.TryGetValue(target[1] + ":" + target[2], out var i) => i,
                _ => null,
            };
            if (index is { } found)
            {
                AddName(c[0], new NameTarget(found, true, c.Length > 2 && c[2].Contains('q', StringComparison.Ordinal)));
            }
        }

        var words = PlaceWords.Load();
        foreach (var line in words.ExtraDemonyms)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2)
            {
                var key = Key(parts[0]);
                if (!demonyms.TryGetValue(key, out var list))
                {
                    demonyms[key] = list = [];
                }

                list.Add(parts[1]);
            }
        }

        return new Gazetteer(entries, table, overlay, table.KeyCount + added, demonyms, words);
    }
}

/// <summary>The word lists of <c>places/words.txt</c>: connectors, titles, place-type words, directions, locatives, stop words.</summary>
public sealed class PlaceWords
{
    private PlaceWords(Dictionary<string, List<string>> sections)
    {
        FrozenSet<string> Set(string name, StringComparer comparer) =>
            (sections.TryGetValue(name, out var list) ? list : []).ToFrozenSet(comparer);
        Connectors = Set("connector", StringComparer.Ordinal);
        Titles = Set("title", StringComparer.Ordinal);
        PlaceTypes = Set("placetype", StringComparer.OrdinalIgnoreCase);
        Directions = Set("directional", StringComparer.Ordinal);
        Locatives = Set("locative", StringComparer.OrdinalIgnoreCase);
        Stop = Set("stop", StringComparer.OrdinalIgnoreCase);
        Saints = Set("saint", StringComparer.Ordinal);
        OrgWords = Set("orgword", StringComparer.Ordinal);
        ExtraDemonyms = sections.TryGetValue("demonym", out var demonyms) ? [.. demonyms] : [];
        Starters = Dyad.Text.Abbreviations.Instance.SentenceStarters;
    }

    /// <summary>Words that commonly begin a sentence (the text stage's list).</summary>
    public FrozenSet<string> Starters { get; }

    /// <summary>Titles that also begin place names ("St. Louis", "Saint Petersburg").</summary>
    public FrozenSet<string> Saints { get; }

    /// <summary>"Saudi SAU": adjectives of countries that world-countries' demonyms lack.</summary>
    public IReadOnlyList<string> ExtraDemonyms { get; }

    /// <summary>Words after a place name that make it an organisation's name ("Washington Post").</summary>
    public FrozenSet<string> OrgWords { get; }

    public FrozenSet<string> Connectors { get; }
    public FrozenSet<string> Titles { get; }
    public FrozenSet<string> PlaceTypes { get; }
    public FrozenSet<string> Directions { get; }
    public FrozenSet<string> Locatives { get; }
    public FrozenSet<string> Stop { get; }

    internal static PlaceWords Load() => new(EmbeddedData.ReadSections("places/words.txt"));
}
