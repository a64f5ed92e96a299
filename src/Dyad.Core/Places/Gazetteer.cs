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

    private readonly Dictionary<string, NameTarget[]> _names;
    private readonly Dictionary<string, string[]> _demonyms;
    private readonly HashSet<string> _multiWordStarts;

    private Gazetteer(List<PlaceEntry> entries, Dictionary<string, NameTarget[]> names, Dictionary<string, List<string>> demonyms, PlaceWords words)
    {
        Entries = entries;
        _names = names;
        _multiWordStarts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in names.Keys)
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                _multiWordStarts.Add(key[..space]);
            }
        }

        _demonyms = demonyms.ToDictionary(p => p.Key, p => p.Value.Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        Words = words;
        MaxNameTokens = 8;
        Countries = entries.Where(e => e.Feature == PlaceFeature.Country && e.Country is not null)
            .GroupBy(e => e.Country!, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public static Gazetteer Instance => Lazy.Value;

    public IReadOnlyList<PlaceEntry> Entries { get; }

    public FrozenDictionary<string, PlaceEntry> Countries { get; }

    public PlaceWords Words { get; }

    public int MaxNameTokens { get; }

    public int NameCount => _names.Count;

    /// <summary>Entries named by a normalised key (see <see cref="Key(ReadOnlySpan{char})"/>).</summary>
    public ReadOnlySpan<NameTarget> Lookup(string key) => _names.TryGetValue(key, out var targets) ? targets : [];

    /// <summary>Whether some name of two or more words begins with this key's first word.</summary>
    public bool StartsMultiWordName(string key)
    {
        var space = key.IndexOf(' ', StringComparison.Ordinal);
        return _multiWordStarts.Contains(space > 0 ? key[..space] : key);
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
        var entries = new List<PlaceEntry>(180_000);
        var names = new Dictionary<string, NameTarget[]>(200_000, StringComparer.Ordinal);
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var stringLookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();
        string Intern(ReadOnlySpan<char> value)
        {
            if (!stringLookup.TryGetValue(value, out var interned))
            {
                interned = value.ToString();
                stringLookup[value] = interned;
            }

            return interned;
        }

        var demonyms = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var byGeonames = new Dictionary<long, int>(140_000);
        var admin1ByCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var countryByCode = new Dictionary<string, int>(StringComparer.Ordinal);

        void AddName(ReadOnlySpan<char> name, NameTarget target)
        {
            var key = Key(name);
            if (key.Length == 0)
            {
                return;
            }

            ref var list = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(names, key, out var exists);
            if (!exists || list is null)
            {
                list = [target];
                return;
            }

            for (var i = 0; i < list.Length; i++)
            {
                if (list[i].Entry == target.Entry)
                {
                    if ((target.Alias && !list[i].Alias) || (list[i].AltName && !target.AltName))
                    {
                        list[i] = target; // an alias line marks the entry as what this name means; a main name beats an alternate
                    }

                    return;
                }
            }

            list = [.. list, target];
        }

        string all;
        using (var stream = EmbeddedData.Open("places/gazetteer.tsv.gz"))
        using (var buffer = new MemoryStream(12 << 20))
        {
            stream.CopyTo(buffer);
            all = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        {
            Span<Range> cols = stackalloc Range[14];
            var rest = all.AsSpan();
            while (!rest.IsEmpty)
            {
                var newline = rest.IndexOf('\n');
                var span = newline < 0 ? rest : rest[..newline];
                rest = newline < 0 ? [] : rest[(newline + 1)..];
                if (span.IsEmpty || span[0] == '#')
                {
                    continue;
                }

                var columns = span.Split(cols, '\t');
                if (columns < 12)
                {
                    continue;
                }

                var feature = span[cols[0]] switch
                {
                    "country" => PlaceFeature.Country,
                    "admin1" => PlaceFeature.Admin1,
                    "admin2" => PlaceFeature.Admin2,
                    _ => PlaceFeature.City,
                };
                long? id = long.TryParse(span[cols[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var gid) ? gid : null;
                var name = span[cols[2]].ToString();
                var country = Intern(span[cols[4]]);
                if (country == "UNK")
                {
                    country = "XKX"; // Kosovo: no ISO code; the user-assigned code most data uses
                }

                var admin = span[cols[5]];
                var lat = double.Parse(span[cols[6]], CultureInfo.InvariantCulture);
                var lon = double.Parse(span[cols[7]], CultureInfo.InvariantCulture);
                _ = long.TryParse(span[cols[8]], NumberStyles.None, CultureInfo.InvariantCulture, out var population);
                var code = Intern(span[cols[9]]);
                var common = span[cols[10]].SequenceEqual("w");
                var index = entries.Count;
                var entry = feature switch
                {
                    PlaceFeature.Country => new PlaceEntry(index, feature, id, name, country, null, null, lat, lon, 0, "PCLI", common, false),
                    PlaceFeature.Admin1 => new PlaceEntry(index, feature, id, name, country, name, Intern(admin), lat, lon, population, code, common, false),
                    _ => new PlaceEntry(index, feature, id, name, country, admin.IsEmpty ? null : Intern(admin), null, lat, lon, population, code, common, false),
                };
                entries.Add(entry);
                AddName(name, new NameTarget(index, false, false));
                foreach (var alt in span[cols[3]].Split('|'))
                {
                    if (alt.End.Value > alt.Start.Value)
                    {
                        AddName(span[cols[3]][alt], new NameTarget(index, false, false));
                    }
                }

                if (columns > 12)
                {
                    foreach (var alt in span[cols[12]].Split('|'))
                    {
                        if (alt.End.Value > alt.Start.Value)
                        {
                            AddName(span[cols[12]][alt], new NameTarget(index, false, false, AltName: true));
                        }
                    }
                }

                if (id is { } g)
                {
                    byGeonames.TryAdd(g, index);
                }

                if (feature == PlaceFeature.Admin1)
                {
                    admin1ByCode.TryAdd(country + ":" + entry.Admin1Code, index);
                }
                else if (feature == PlaceFeature.Country)
                {
                    countryByCode.TryAdd(country, index);
                    foreach (var dem in span[cols[11]].Split('|'))
                    {
                        var demonym = Key(span[cols[11]][dem]);
                        if (demonym.Length > 0)
                        {
                            if (!demonyms.TryGetValue(demonym, out var list))
                            {
                                demonyms[demonym] = list = [];
                            }

                            list.Add(country);
                        }
                    }
                }
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
            entries.Add(new PlaceEntry(index, feature, null, c[0], c[3].Length == 0 ? null : c[3], null, null,
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
                "geonames" when byGeonames.TryGetValue(long.Parse(target[1], CultureInfo.InvariantCulture), out var i) => i,
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

        return new Gazetteer(entries, names, demonyms, words);
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
