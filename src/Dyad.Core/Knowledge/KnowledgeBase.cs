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
/// <c>tools/kb/build.py</c> into the embedded <c>knowledge/kb.tsv.gz</c>; loaded once, lazily,
/// and read-only afterwards (thread-safe).
/// </summary>
public sealed class KnowledgeBase
{
    private const string ResourcePath = "knowledge/kb.tsv.gz";
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
                && !t.Contains("Deputy", StringComparison.Ordinal) && (t.Contains("Defen", StringComparison.Ordinal) || t.Contains("Armed Forces", StringComparison.Ordinal)),
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
        using (var reader = new StreamReader(stream))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length < 2 || line[0] == '#')
                {
                    continue;
                }

                var f = line.Split('\t');
                switch (f[0])
                {
                    case "C" when f.Length >= 9:
                        countries[f[1]] = new CountryInfo(f[1], f[2], f[3], List(f[4]), List(f[5]), List(f[6]), Null(f[7]), f[8] == "1");
                        break;
                    case "E" when f.Length >= 12:
                        byId[f[1]] = new KbEntity(f[1], f[2], f[3], List(f[4]), List(f[5]), Null(f[6]), Null(f[7]), f[8] == "1", Null(f[9]), Null(f[10]), f[11], []);
                        order.Add(f[1]);
                        break;
                    case "R" when f.Length >= 6:
                        if (!roles.TryGetValue(f[1], out var list))
                        {
                            roles[f[1]] = list = [];
                        }

                        list.Add(new KbRole(f[2], f[3], Date(f[4]), Date(f[5])));
                        break;
                    case "A" when f.Length >= 4:
                        var phrase = NameKey.Of(f[1]);
                        agents.TryAdd(phrase, new AgentWord(f[1], f[2], f[3] == "1"));
                        break;
                }
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
        void Add(string alias, KbEntity entity, AliasKind kind)
        {
            var tokens = NameKey.TokenTexts(alias);
            if (tokens.Count > 1 && tokens[0] is "the" or "The")
            {
                tokens.RemoveAt(0);
            }

            if (tokens.Count == 0 || tokens.Count > 12)
            {
                return;
            }

            var key = NameKey.Of(tokens);
            if (!aliases.TryGetValue(key, out var list))
            {
                aliases[key] = list = [];
            }

            if (!list.Exists(a => ReferenceEquals(a.Entity, entity) && a.Kind == kind && a.Tokens.SequenceEqual(tokens, StringComparer.Ordinal)))
            {
                list.Add(new AliasTarget(entity, [.. tokens], kind));
            }
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

    private static ImmutableArray<string> List(string s) =>
        s.Length == 0 ? [] : [.. s.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string? Null(string s) => s.Length == 0 ? null : s;

    private static DateOnly? Date(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
