using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Dyad.Resources;

namespace Dyad.Knowledge;

/// <summary>How an alias names its entity.</summary>
public enum AliasKind : byte
{
    /// <summary>A full name or official alias.</summary>
    Name,

    /// <summary>A standalone short name (a surname like "Putin") that is safe on its own.</summary>
    Short,

    /// <summary>A demonym ("Russian") that refers to its country (mention type NORP).</summary>
    Demonym,
}

/// <summary>One alias of an entity, with the tokens as written (for case checks).</summary>
public sealed record AliasTarget(KbEntity Entity, ImmutableArray<string> Tokens, AliasKind Kind);

/// <summary>
/// Dyad's knowledge base: countries and territories, organisations, institutions that stand for
/// their state, armed groups, parties, regions, and people with dated roles. Built by
/// <c>tools/kb/build.py</c> into the embedded <c>knowledge/kb.bin.gz</c> (a compact binary layout); loaded once, lazily,
/// and read-only afterwards (thread-safe).
/// </summary>
public sealed class KnowledgeBase
{
    private const string ResourcePath = "knowledge/kb.bin.gz";
    private static readonly Lazy<KnowledgeBase> Lazy = new(() => Load(EmbeddedData.Open(ResourcePath)), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, KbEntity> _byId;
    private readonly Dictionary<string, KbEntity> _byQid;
    private readonly Dictionary<string, KbEntity> _byWiki;
    private readonly FrozenDictionary<string, CountryInfo> _countries;
    private readonly Dictionary<string, CountryInfo> _countryByName;
    private readonly Dictionary<string, ImmutableArray<AliasTarget>> _aliases;
    private readonly Dictionary<string, int> _maxTokens;
    private readonly HashSet<string> _prefixes;
    private readonly FrozenDictionary<string, AgentWord> _agents;
    private readonly FrozenDictionary<string, int> _agentMax;
    private readonly FrozenDictionary<string, List<(KbEntity Person, KbRole Role)>> _holders;

    private KnowledgeBase(
        Dictionary<string, KbEntity> byId, Dictionary<string, CountryInfo> countries,
        Dictionary<string, List<AliasTarget>> aliases, Dictionary<string, AgentWord> agents)
    {
        _byId = new Dictionary<string, KbEntity>(byId, StringComparer.Ordinal);
        _byQid = byId.Values.Where(e => e.Qid is not null).GroupBy(e => e.Qid!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _byWiki = byId.Values.Where(e => e.Wiki is not null).GroupBy(e => e.Wiki!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _countries = countries.ToFrozenDictionary(StringComparer.Ordinal);
        _holders = byId.Values
            .Where(e => e.Type == "PERSON" && e.Curated)
            .SelectMany(e => e.Roles.Where(r => r.Code.Length >= 3 && r.Title.Length > 0).Select(r => (Person: e, Role: r)))
            .GroupBy(x => x.Role.Code[..3], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var byName = new Dictionary<string, CountryInfo>(StringComparer.Ordinal);
        foreach (var c in countries.Values)
        {
            foreach (var n in c.Aliases.Prepend(c.Name).Concat(c.Demonyms))
            {
                byName.TryAdd(NameKey.Of(n), c);
            }

            byName.TryAdd(NameKey.Of(c.Iso3), c);
        }

        _countryByName = byName;
        _aliases = aliases.ToDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray(), StringComparer.Ordinal);
        var max = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in aliases.Keys)
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            var first = space < 0 ? key : key[..space];
            var n = key.Count(c => c == ' ') + 1;
            if (!max.TryGetValue(first, out var m) || n > m)
            {
                max[first] = n;
            }
        }

        _maxTokens = max;
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in aliases.Keys)
        {
            for (var k = key.IndexOf(' ', StringComparison.Ordinal); k > 0; k = key.IndexOf(' ', k + 1))
            {
                prefixes.Add(key[..k]);
            }
        }

        _prefixes = prefixes;
        _agents = agents.ToFrozenDictionary(StringComparer.Ordinal);
        MaxAgentTokens = agents.Keys.Select(k => k.Count(c => c == ' ') + 1).DefaultIfEmpty(1).Max();
        _agentMax = agents.Keys
            .GroupBy(k => k.Split(' ')[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Max(k => k.Count(c => c == ' ') + 1), StringComparer.Ordinal);
    }

    /// <summary>The embedded knowledge base.</summary>
    public static KnowledgeBase Default => Lazy.Value;

    /// <summary>All countries and territories by ISO 3166-1 alpha-3 code.</summary>
    public IReadOnlyDictionary<string, CountryInfo> Countries => _countries;

    public IEnumerable<KbEntity> Entities => _byId.Values;

    internal int MaxAgentTokens { get; }

    /// <summary>A country by its name, alias, demonym or ISO3 code ("Russia", "Russian", "RUS"), else null.</summary>
    public CountryInfo? FindCountry(string nameOrDemonym)
    {
        if (string.IsNullOrWhiteSpace(nameOrDemonym))
        {
            return null;
        }

        var trimmed = nameOrDemonym.Trim();
        if (trimmed.Length == 3 && _countries.TryGetValue(trimmed.ToUpperInvariant(), out var byCode))
        {
            return byCode;
        }

        return _countryByName.GetValueOrDefault(NameKey.Of(trimmed));
    }

    public bool IsCountryCode(string code) => _countries.ContainsKey(code);

    /// <summary>An entry by Dyad id (<c>w:Vladimir_Putin</c>), Wikidata QID (<c>Q7747</c>) or Wikipedia title.</summary>
    public KbEntity? Get(string id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        return _byId.GetValueOrDefault(id) ?? _byQid.GetValueOrDefault(id) ?? _byWiki.GetValueOrDefault(id.Replace(' ', '_'));
    }

    /// <summary>The aliases whose folded key is <paramref name="key"/> (see <see cref="NameKey"/>).</summary>
    public ImmutableArray<AliasTarget> Lookup(string key) => _aliases.TryGetValue(key, out var list) ? list : [];

    /// <summary>Whether some longer alias starts with these folded tokens (a proper prefix of an alias key).</summary>
    public bool IsAliasPrefix(string key) => _prefixes.Contains(key);

    /// <summary>The longest alias length, in tokens, among aliases that start with this folded token.</summary>
    public int MaxTokensFrom(string firstKey) => _maxTokens.GetValueOrDefault(firstKey);

    public AgentWord? Agent(string phrase) => _agents.GetValueOrDefault(phrase);

    /// <summary>The longest agent phrase, in tokens, that starts with this folded word (0: none).</summary>
    public int MaxAgentTokensFrom(string firstKey) => _agentMax.GetValueOrDefault(firstKey);

    /// <summary>
    /// Who the entry is on <paramref name="date"/> (null: the latest knowledge): its role's actor code,
    /// country, sector and title; a person out of office is "former ..." with sector ELI.
    /// </summary>
    public ActorInfo? ActorAt(string id, DateOnly? date) => Get(id) is { } e ? ActorAt(e, date) : null;

    public ActorInfo ActorAt(KbEntity entity, DateOnly? date)
    {
        var day = date ?? DateOnly.MaxValue;
        KbRole? active = null;
        KbRole? last = null;
        foreach (var role in entity.Roles)
        {
            if (role.IsActiveAt(day))
            {
                if (active is null || Rank(role.Title) < Rank(active.Title))
                {
                    active = role;
                }
            }
            else if (role.End is { } end && end <= day && (last is null || last.End < end))
            {
                last = role;
            }
        }

        if (active is not null)
        {
            var (country, sector) = Split(active.Code, entity.Country);
            return new ActorInfo(active.Code, country, sector, Blank(active.Title));
        }

        if (last is not null && entity.Type == "PERSON" && entity.Country is { } home)
        {
            var title = Blank(last.Title);
            return new ActorInfo(home + "ELI", home, "ELI", title is null ? null : "former " + title);
        }

        var code = entity.Code;
        if (string.IsNullOrEmpty(code))
        {
            return new ActorInfo(entity.Country, entity.Country, null, null);
        }

        var (c2, s2) = Split(code, entity.Country);
        return new ActorInfo(code, c2, s2, null);
    }

    /// <summary>Country and sector of a CAMEO-style code (RUSGOV → RUS, GOV; IGOUNO → fallback, IGO).</summary>
    public (string? Country, string? Sector) Split(string? code, string? fallbackCountry)
    {
        if (string.IsNullOrEmpty(code) || code.Length < 3)
        {
            return (fallbackCountry, null);
        }

        var head = code[..3];
        if (_countries.ContainsKey(head))
        {
            return (head, code.Length >= 6 ? code[3..6] : null);
        }

        return (fallbackCountry, head);
    }

    private static readonly FrozenSet<string> Parliamentary = FrozenSet.ToFrozenSet(
    [
        "GBR", "DEU", "JPN", "IND", "CAN", "AUS", "ITA", "ISR", "ESP", "NLD", "BEL", "SWE", "NOR", "DNK", "POL", "HUN", "GRC",
        "PAK", "IRQ", "ARM", "SVK", "CZE", "NZL", "IRL", "PRT", "AUT", "FIN", "EST", "LVA", "LTU", "HRV", "SVN", "BGD", "NPL",
        "THA", "MYS", "SGP", "ETH", "LBN", "MNE", "SRB", "ALB", "GEO",
    ], StringComparer.Ordinal);

    /// <summary>
    /// Who held an office on a date, from a description without a name: "the Russian president",
    /// "Britain's prime minister", "the Iranian foreign minister". Null unless exactly one person fits.
    /// </summary>
    public KbEntity? OfficeHolder(string country, string head, DateOnly? date)
    {
        if (!_holders.TryGetValue(country, out var holders))
        {
            return null;
        }

        var day = date ?? DateOnly.MaxValue;
        var active = holders.Where(h => h.Role.IsActiveAt(day)).ToList();
        Func<string, bool>? fits = head switch
        {
            "president" => t => t.StartsWith("President of", StringComparison.Ordinal),
            "prime minister" or "premier" => t => t.StartsWith("Prime Minister of", StringComparison.Ordinal) || t.StartsWith("Premier of", StringComparison.Ordinal),
            "chancellor" => t => t.StartsWith("Chancellor of", StringComparison.Ordinal) && !t.Contains("Exchequer", StringComparison.Ordinal),
            "foreign minister" or "secretary of state" or "foreign secretary" => t =>
                (t.StartsWith("Minister", StringComparison.Ordinal) || t.StartsWith("Foreign Secretary of the United Kingdom", StringComparison.Ordinal) || t.StartsWith("United States Secretary of State", StringComparison.Ordinal) || t.StartsWith("Secretary of Foreign", StringComparison.Ordinal))
                && !t.Contains("Deputy", StringComparison.Ordinal) && !t.Contains("of State for", StringComparison.Ordinal)
                && (t.Contains("Foreign", StringComparison.Ordinal) || t.Contains("External Affairs", StringComparison.Ordinal) || t.Contains("International Relations", StringComparison.Ordinal) || t.Contains("Secretary of State", StringComparison.Ordinal)),
            "defence minister" or "defense minister" or "defence secretary" or "defense secretary" => t =>
                (t.StartsWith("Minister", StringComparison.Ordinal) || t.Contains("Secretary of Defense", StringComparison.Ordinal) || t.StartsWith("Secretary of National Defense", StringComparison.Ordinal) || t.StartsWith("Defence Secretary", StringComparison.Ordinal))
                && !t.Contains("Deputy", StringComparison.Ordinal) && (t.Contains("Defen", StringComparison.Ordinal) || t.Contains("Armed Forces", StringComparison.Ordinal))
                || t.StartsWith("Director General of the Japan Defense Agency", StringComparison.Ordinal),
            "king" or "queen" or "emir" or "supreme leader" or "crown prince" => t => t.StartsWith(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(head) + " of", StringComparison.Ordinal),
            _ => null,
        };
        if (head == "leader")
        {
            var supreme = active.Where(h => h.Role.Title.StartsWith("Supreme Leader of", StringComparison.Ordinal)).ToList();
            if (supreme.Count > 0)
            {
                return supreme.Select(h => h.Person).Distinct().Count() == 1 ? supreme[0].Person : null;
            }

            return OfficeHolder(country, Parliamentary.Contains(country) ? (country is "DEU" or "AUT" ? "chancellor" : "prime minister") : "president", date);
        }

        if (fits is null)
        {
            return null;
        }

        var found = active.Where(h => fits(WithoutActing(h.Role.Title))).Select(h => h.Person).Distinct().ToList();
        return found.Count == 1 ? found[0] : null;
    }

    private static string WithoutActing(string title) =>
        title.StartsWith("Acting ", StringComparison.Ordinal) ? title["Acting ".Length..] : title;

    /// <summary>Seniority of a title when someone holds two offices at once (0 = head of state).</summary>
    private static int Rank(string title)
    {
        static bool Has(string t, string w) => t.Contains(w, StringComparison.Ordinal);
        var acting = title.StartsWith("Acting ", StringComparison.Ordinal);
        if (acting)
        {
            title = title["Acting ".Length..];
        }

        var rank = 2;
        if (title.StartsWith("President of", StringComparison.Ordinal) || Has(title, "Supreme Leader") || title.StartsWith("King of", StringComparison.Ordinal)
            || title.StartsWith("Emir of", StringComparison.Ordinal) || title.StartsWith("Queen of", StringComparison.Ordinal) || title == "Pope")
        {
            rank = 0;
        }
        else if (title.StartsWith("Prime Minister of", StringComparison.Ordinal) || title.StartsWith("Premier of", StringComparison.Ordinal)
            || (title.StartsWith("Chancellor of", StringComparison.Ordinal) && !Has(title, "Exchequer")))
        {
            rank = 1;
        }

        // An acting head of state outranks a prime minister (South Korea's prime minister acting as president).
        return rank * 2 + (acting || Has(title, "(acting)") ? 1 : 0);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    internal static KnowledgeBase Load(Stream stream)
    {
        var byId = new Dictionary<string, KbEntity>(StringComparer.Ordinal);
        var countries = new Dictionary<string, CountryInfo>(StringComparer.Ordinal);
        var roles = new Dictionary<string, List<KbRole>>(StringComparer.Ordinal);
        var agents = new Dictionary<string, AgentWord>(StringComparer.Ordinal);
        var order = new List<string>();
        var reader = new KbReader(ReadAll(stream));
        for (var tag = reader.Tag(); tag != 0; tag = reader.Tag())
        {
            switch (tag)
            {
                case (byte)'C':
                    {
                        var iso3 = reader.String();
                        countries[iso3] = new CountryInfo(iso3, reader.String(), reader.String(), reader.List(), reader.List(), reader.List(), Null(reader.String()), reader.Flag());
                        break;
                    }

                case (byte)'E':
                    {
                        var id = reader.String();
                        byId[id] = new KbEntity(id, reader.String(), reader.String(), reader.List(), reader.List(), Null(reader.String()), Null(reader.String()), reader.Flag(), Null(reader.String()), Null(reader.String()), reader.String(), []);
                        order.Add(id);
                        break;
                    }

                case (byte)'R':
                    {
                        var id = reader.String();
                        if (!roles.TryGetValue(id, out var list))
                        {
                            roles[id] = list = [];
                        }

                        list.Add(new KbRole(reader.String(), reader.String(), reader.Date(), reader.Date()));
                        break;
                    }

                case (byte)'A':
                    {
                        var raw = reader.String();
                        agents.TryAdd(NameKey.Of(raw), new AgentWord(raw, reader.String(), reader.Flag()));
                        break;
                    }

                default:
                    throw new InvalidDataException($"Knowledge base: unknown record tag {tag}.");
            }
        }

        foreach (var (id, list) in roles)
        {
            if (byId.TryGetValue(id, out var e))
            {
                byId[id] = e with { Roles = [.. list] };
            }
        }

        var aliases = new Dictionary<string, List<AliasTarget>>(StringComparer.Ordinal);
        var folded = new Dictionary<string, string>(StringComparer.Ordinal);
        var tokens = new List<string>();
        var keyBuilder = new System.Text.StringBuilder();
        void Add(string alias, KbEntity entity, AliasKind kind)
        {
            // As NameKey.TokenTexts and NameKey.Of: tokens as the text tokenizer cuts them, each folded,
            // joined by one space. Equal tokens share one string and are folded once (Fold is pure).
            tokens.Clear();
            foreach (var t in Text.Tokenizer.Tokenize(alias))
            {
                tokens.Add(alias[t.Start..t.End]);
            }

            if (tokens.Count > 1 && tokens[0] is "the" or "The")
            {
                tokens.RemoveAt(0);
            }

            if (tokens.Count == 0 || tokens.Count > 12)
            {
                return;
            }

            keyBuilder.Clear();
            foreach (var token in tokens)
            {
                if (!folded.TryGetValue(token, out var fold))
                {
                    folded[token] = fold = NameKey.Fold(token);
                }

                if (keyBuilder.Length > 0)
                {
                    keyBuilder.Append(' ');
                }

                keyBuilder.Append(fold);
            }

            var key = keyBuilder.ToString();
            if (!aliases.TryGetValue(key, out var list))
            {
                aliases[key] = list = [];
            }

            foreach (var a in list)
            {
                if (ReferenceEquals(a.Entity, entity) && a.Kind == kind && a.Tokens.AsSpan().SequenceEqual(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens)))
                {
                    return;
                }
            }

            list.Add(new AliasTarget(entity, [.. tokens], kind));
        }

        // Countries, their capitals and demonyms first: they win ties with same-named entries.
        foreach (var c in countries.Values.OrderBy(c => c.Independent ? 0 : 1))
        {
            var country = new KbEntity("c:" + c.Iso3, "GPE", c.Name, c.Aliases, [], c.Iso3, c.Iso3, false, c.Qid, c.Name.Replace(' ', '_'), "iso-codes;world-countries", []);
            byId[country.Id] = country;
            foreach (var n in c.Aliases.Prepend(c.Name))
            {
                Add(n, country, AliasKind.Name);
            }

            foreach (var d in c.Demonyms)
            {
                Add(d, country, AliasKind.Demonym);
            }

            foreach (var cap in c.Capitals)
            {
                var capital = new KbEntity("cap:" + c.Iso3 + ":" + cap, "GPE", cap, [], [], c.Iso3, c.Iso3 + "GOV", true, null, cap.Replace(' ', '_'), "world-countries", []);
                byId[capital.Id] = capital;
                Add(cap, capital, AliasKind.Name);
            }
        }

        foreach (var id in order)
        {
            var e = byId[id];
            Add(e.Name, e, AliasKind.Name);
            foreach (var a in e.Aliases)
            {
                Add(a, e, AliasKind.Name);
            }

            foreach (var s in e.ShortNames)
            {
                Add(s, e, AliasKind.Short);
            }
        }

        return new KnowledgeBase(byId, countries, aliases, agents);
    }

    private static string? Null(string s) => s.Length == 0 ? null : s;

    /// <summary>The whole decompressed resource.</summary>
    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
    }

    /// <summary>Reads the binary layout written by <c>tools/kb/build.py</c> (see its <c>encode</c>).</summary>
    private sealed class KbReader
    {
        private const int Format = 1;
        private readonly byte[] _data;
        private readonly string[] _strings;
        private int _at;

        public KbReader(byte[] data)
        {
            _data = data;
            _at = Array.IndexOf(data, (byte)'\n') + 1; // the provenance header line
            if (_at == 0 || data[0] != (byte)'#' || Varint() != Format)
            {
                throw new InvalidDataException("Knowledge base: not a Dyad knowledge base of format " + Format + " (rebuild it with tools/kb/build.py).");
            }

            _strings = new string[Varint()];
            for (var i = 0; i < _strings.Length; i++)
            {
                var length = Varint();
                _strings[i] = System.Text.Encoding.UTF8.GetString(_data, _at, length);
                _at += length;
            }
        }

        public byte Tag() => _data[_at++];

        public bool Flag() => _data[_at++] != 0;

        public string String() => _strings[Varint()];

        public ImmutableArray<string> List()
        {
            var count = Varint();
            if (count == 0)
            {
                return [];
            }

            var items = new string[count];
            for (var i = 0; i < count; i++)
            {
                items[i] = String();
            }

            return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(items);
        }

        /// <summary>A date stored as days since 0001-01-01 plus one; 0 is none.</summary>
        public DateOnly? Date()
        {
            var day = Varint();
            return day == 0 ? null : DateOnly.FromDayNumber(day - 1);
        }

        private int Varint()
        {
            var value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = _data[_at++];
                value |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }
    }
}
