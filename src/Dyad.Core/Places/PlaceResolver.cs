namespace Dyad.Places;

/// <summary>
/// Chooses one gazetteer entry for each mention using the whole document: population and
/// feature priors, aliases, qualifiers ("Paris, Texas"), the dateline's country, the countries and
/// divisions of the other places already resolved, and demonyms ("Russian"). A small namesake
/// (a town under 100,000 people) never beats a country, a capital, a region or a big city unless a
/// qualifier or a mention of its own division names it.
/// </summary>
internal sealed class PlaceResolver
{
    private const int Rounds = 3;
    private readonly Gazetteer _gazetteer;

    public PlaceResolver(Gazetteer gazetteer) => _gazetteer = gazetteer;

    /// <summary>The chosen entry index for each mention (-1 when it has no candidate).</summary>
    /// <param name="lists">For each mention, the id of the list it is named in (<see cref="PlaceLists"/>), or -1.</param>
    public int[] Resolve(IReadOnlyList<PlaceMention> mentions, IReadOnlyDictionary<string, int> demonyms, int[]? lists = null)
    {
        var choice = new int[mentions.Count];
        for (var i = 0; i < mentions.Count; i++)
        {
            choice[i] = Best(mentions[i], null, null);
        }

        for (var round = 0; round < Rounds; round++)
        {
            var changed = false;
            // The context of a mention leaves out its own name, so mentions of one name share it.
            var contexts = new Dictionary<string, (Dictionary<string, double>, Dictionary<string, double>, Dictionary<string, List<int>>, Points)>(StringComparer.Ordinal);
            for (var i = 0; i < mentions.Count; i++)
            {
                if (mentions[i].Targets.Length == 0)
                {
                    continue;
                }

                if (!contexts.TryGetValue(mentions[i].Key, out var context))
                {
                    var points = new Points();
                    var (c, d, n) = Context(mentions, choice, mentions[i].Key, demonyms, points);
                    contexts[mentions[i].Key] = context = (c, d, n, points);
                }

                var (countries, divisions, named, near) = context;
                var best = mentions[i].Targets.Length == 1 ? mentions[i].Targets[0].Entry
                    : Best(mentions[i], countries, divisions, named, near, Listed(mentions, choice, lists, i));
                changed |= best != choice[i];
                choice[i] = best;
            }

            if (!changed)
            {
                break;
            }
        }

        // One sense per discourse: a qualified mention ("Paris, Texas") decides the bare ones after it ("Paris").
        for (var i = 0; i < mentions.Count; i++)
        {
            if (mentions[i].Qualifier.Length == 0 || choice[i] < 0)
            {
                continue;
            }

            for (var j = i + 1; j < mentions.Count; j++)
            {
                if (mentions[j].Qualifier.Length == 0 && mentions[j].Key == mentions[i].Key)
                {
                    choice[j] = choice[i];
                }
            }
        }

        FollowLists(mentions, choice, lists);
        return choice;
    }

    /// <summary>
    /// The other members of a mention's list, one per name, each as its plausible readings (null when it is in no list).
    /// A member is evidence only when all its plausible readings agree, so two ambiguous members cannot lock each other
    /// into a wrong country ("Leon and Granada" are in Spain and in Nicaragua: the article decides).
    /// </summary>
    private List<PlaceEntry[]>? Listed(IReadOnlyList<PlaceMention> mentions, int[] choice, int[]? lists, int i)
    {
        if (lists is null || lists[i] < 0)
        {
            return null;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal) { mentions[i].Key };
        var listed = new List<PlaceEntry[]>();
        for (var j = 0; j < mentions.Count; j++)
        {
            if (lists[j] == lists[i] && choice[j] >= 0 && keys.Add(mentions[j].Key))
            {
                listed.Add(Plausible(mentions[j], choice[j]));
            }
        }

        return listed;
    }

    /// <summary>
    /// The readings of a mention within <see cref="PlausibleMargin"/> of its strongest prior that are not small namesakes
    /// of it (the same test as <see cref="Best"/>: "Granada" the city of the Granada department counts), nor (below the
    /// country level) with under a twentieth of its people, nor GeoNames' alternate names beside a main name, with its
    /// current choice; only the choice when a qualifier fixed it.
    /// </summary>
    private PlaceEntry[] Plausible(PlaceMention mention, int chosen)
    {
        var entry = _gazetteer.Entries[chosen];
        if (mention.Qualifier.Length > 0 || mention.Targets.Length < 2)
        {
            return [entry];
        }

        var topTarget = mention.Targets.MaxBy(t => Prior(t));
        var topPrior = Prior(topTarget);
        var top = _gazetteer.Entries[topTarget.Entry];
        var topIsBig = top.Feature is PlaceFeature.Country or PlaceFeature.Admin1 || top.Extra || top.IsCapital;
        var anyMain = Array.Exists(mention.Targets, t => !t.AltName);
        var result = new List<PlaceEntry> { entry };
        foreach (var t in mention.Targets)
        {
            var e = _gazetteer.Entries[t.Entry];
            var seatOfTop = top.Feature == PlaceFeature.Admin1 && e.Country == top.Country && e.Admin1 == top.Name && e.Code == "PPLA";
            var small = e.Feature is PlaceFeature.City or PlaceFeature.Admin2 && e.Population < 100_000
                && (topIsBig || e.Population * 20 < top.Population) && !seatOfTop;
            // Florida, Uruguay and Virginia, South Africa beside the US states
            var dwarfed = top.Feature != PlaceFeature.Country && e.Feature != PlaceFeature.Country && e.Population * 20 < top.Population;
            if (t.Entry != chosen && !small && !dwarfed && !(t.AltName && anyMain) && Prior(t) >= topPrior - PlausibleMargin)
            {
                result.Add(e);
            }
        }

        return [.. result];
    }

    /// <summary>
    /// One sense per discourse: when every listed mention of a name that its list supports chose one entry
    /// ("storms in Georgia and Alabama"), the bare mentions of that name outside any list follow it ("Georgia's governor").
    /// </summary>
    private void FollowLists(IReadOnlyList<PlaceMention> mentions, int[] choice, int[]? lists)
    {
        if (lists is null || Array.TrueForAll(lists, l => l < 0))
        {
            return;
        }

        var decided = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < mentions.Count; i++)
        {
            if (lists[i] < 0 || choice[i] < 0 || mentions[i].Targets.Length < 2 || mentions[i].Qualifier.Length > 0
                || Agreement(_gazetteer.Entries[choice[i]], Listed(mentions, choice, lists, i)!) <= 0)
            {
                continue;
            }

            var key = mentions[i].Key;
            decided[key] = decided.TryGetValue(key, out var other) && other != choice[i] ? -1 : choice[i];
        }

        for (var i = 0; i < mentions.Count; i++)
        {
            if (lists[i] < 0 && mentions[i].Qualifier.Length == 0 && mentions[i].QualifierOf is null
                && decided.TryGetValue(mentions[i].Key, out var entry) && entry >= 0 && Array.Exists(mentions[i].Targets, t => t.Entry == entry))
            {
                choice[i] = entry;
            }
        }
    }

    /// <summary>The rank of a reading in a list: countries, first-level divisions, local places (cities, counties); -1 for the rest.</summary>
    private static int Level(PlaceEntry e) => e.Feature switch
    {
        PlaceFeature.Country => 0,
        PlaceFeature.Admin1 => 1,
        PlaceFeature.City or PlaceFeature.Admin2 => 2,
        _ => -1,
    };

    /// <summary>
    /// How many of the other list members agree with a reading: a country agrees with the countries of the list
    /// ("Russia and Georgia"); a division or a local place with the members of its own country at the same level
    /// ("Georgia and Alabama"); a city or county with two members of its country ("Pereira, Manizales and Armenia") or one
    /// of its own division. A list is of one kind: "Washington and Oregon" are states.
    /// </summary>
    private static int Agreement(PlaceEntry e, List<PlaceEntry[]> listed)
    {
        var level = Level(e);
        if (level < 0)
        {
            return 0;
        }

        var agree = 0;
        var sameDivision = 0;
        foreach (var member in listed)
        {
            // Only a member that is unambiguous at that level is evidence: all its plausible readings are countries, or
            // all lie in this reading's country ("Alabama"; not "Leon", which may be in Spain, Nicaragua or Mexico).
            if (level == 0 ? Array.TrueForAll(member, o => Level(o) == 0)
                : Array.TrueForAll(member, o => o.Country == e.Country) && Array.Exists(member, o => Level(o) == level))
            {
                agree++;
                if (level == 2 && Array.Exists(member, o => Level(o) == 2 && o.Admin1 == e.Admin1))
                {
                    sameDivision++;
                }
            }
        }

        return level == 2 && agree < 2 ? sameDivision : agree;
    }

    /// <summary>How many other list members may lie in a local place's own first-level division ("Paris, Tyler and Longview").</summary>
    private static int InOwnDivision(PlaceEntry e, List<PlaceEntry[]>? listed)
    {
        if (listed is null || e.Admin1 is null || Level(e) != 2)
        {
            return 0;
        }

        var n = 0;
        foreach (var member in listed)
        {
            if (Array.TrueForAll(member, o => o.Country == e.Country)
                && Array.Exists(member, o => Level(o) == 2 ? o.Admin1 == e.Admin1 : o.Feature == PlaceFeature.Admin1 && o.Name == e.Admin1))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Whether a division was named in the mention's sentence ("floods in Texas reached Paris").</summary>
    private static bool NamedNear(Dictionary<string, List<int>> named, string division, PlaceMention mention) =>
        named.TryGetValue(division, out var sentences) && sentences.Contains(mention.Sentence);

    /// <summary>The other places of the document as points: specific places (cities, divisions, landmarks) and wide ones (regions, seas).</summary>
    private sealed class Points
    {
        public List<(double Lat, double Lon)> Specific { get; } = [];
        public List<(double Lat, double Lon)> Wide { get; } = [];
    }

    /// <summary>A list member's readings within this much of its strongest prior are plausible (Georgia the state, 2.7 below the country, is not).</summary>
    private const double PlausibleMargin = 2;

    /// <summary>What one agreeing list member adds to a reading's score (about a country's lead over a big division).</summary>
    private const double ListWeight = 3;

    /// <summary>Radius within which another named place makes a candidate coherent with the article.</summary>
    private const double NearKm = 250;

    /// <summary>Radius of a region or sea named in the article ("Europe", "the Sahel", "the Red Sea") that favours the candidates inside it.</summary>
    private const double WideKm = 2500;

    private (Dictionary<string, double> Countries, Dictionary<string, double> Divisions, Dictionary<string, List<int>> Named) Context(
        IReadOnlyList<PlaceMention> mentions, int[] choice, string exceptKey, IReadOnlyDictionary<string, int> demonyms, Points? points = null)
    {
        var countries = new Dictionary<string, double>(StringComparer.Ordinal);
        var divisions = new Dictionary<string, double>(StringComparer.Ordinal);
        var named = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            // Neither the mention's own name nor a qualifier of another mention of it ("Georgia" in "Athens, Georgia"
            // says nothing about a bare "Athens" elsewhere in the article).
            if (choice[i] < 0 || m.Key == exceptKey || m.QualifierOf == exceptKey)
            {
                continue;
            }

            var e = _gazetteer.Entries[choice[i]];
            if (points is not null && seen.Add("\u0001" + m.Key))
            {
                if (e.Feature is PlaceFeature.City or PlaceFeature.Admin2 or PlaceFeature.Landmark
                    || (e.Feature == PlaceFeature.Admin1 && !e.Extra))
                {
                    points.Specific.Add((e.Lat, e.Lon));
                }
                else if (e.Feature is PlaceFeature.Region or PlaceFeature.Water)
                {
                    points.Wide.Add((e.Lat, e.Lon));
                }
            }

            var weight = m.IsDateline ? 3.0 : 1.0;
            if (e.Feature == PlaceFeature.Admin1 && e.Country is not null)
            {
                var key = e.Country + "|" + e.Name;
                if (!named.TryGetValue(key, out var offsets))
                {
                    named[key] = offsets = [];
                }

                offsets.Add(m.Sentence);
            }

            if (!seen.Add(m.Key) && !m.IsDateline)
            {
                continue; // each name counts once
            }

            if (e.Country is { } c)
            {
                countries[c] = countries.GetValueOrDefault(c) + weight;
                if (e.Feature != PlaceFeature.Country && e.Admin1 is { } a)
                {
                    var division = c + "|" + a;
                    divisions[division] = divisions.GetValueOrDefault(division) + (e.Feature == PlaceFeature.Admin1 ? 2 * weight : weight);
                }
            }
        }

        foreach (var (code, count) in demonyms)
        {
            countries[code] = countries.GetValueOrDefault(code) + Math.Min(count, 2);
        }

        return (countries, divisions, named);
    }

    /// <summary>How many of the article's other specific places lie near this entry; whether a named region or sea contains it.</summary>
    private static (int Near, bool InWide) Coherence(PlaceEntry e, Points? points)
    {
        if (points is null || e.Feature is PlaceFeature.Country or PlaceFeature.Region or PlaceFeature.Water)
        {
            return (0, false);
        }

        var near = 0;
        var lonScale = Math.Max(0.1, Math.Cos(e.Lat * Math.PI / 180));
        foreach (var (lat, lon) in points.Specific)
        {
            // a degree of latitude is 111 km: most points fail this box before any trigonometry
            if (Math.Abs(lat - e.Lat) < 2.3 && Math.Abs(lon - e.Lon) * lonScale < 2.3 && GeoDistance.Kilometres(lat, lon, e.Lat, e.Lon) <= NearKm)
            {
                near++;
            }
        }

        var inWide = false;
        foreach (var (lat, lon) in points.Wide)
        {
            if (GeoDistance.Kilometres(lat, lon, e.Lat, e.Lon) <= WideKm)
            {
                inWide = true;
                break;
            }
        }

        return (near, inWide);
    }

    private int Best(PlaceMention mention, Dictionary<string, double>? countries, Dictionary<string, double>? divisions, Dictionary<string, List<int>>? named = null,
        Points? points = null, List<PlaceEntry[]>? listed = null)
    {
        if (mention.Targets.Length == 0)
        {
            return -1;
        }

        // The strongest candidate by prior alone decides whether small namesakes may compete.
        var top = mention.Targets.MaxBy(t => Prior(t));
        var topEntry = _gazetteer.Entries[top.Entry];
        var topIsBig = topEntry.Feature is PlaceFeature.Country or PlaceFeature.Admin1 || topEntry.Extra || topEntry.IsCapital || top.Alias;
        var best = -1;
        var bestScore = double.NegativeInfinity;
        var namesArea = mention.Targets.Any(x => _gazetteer.Entries[x.Entry] is { Extra: true, Feature: PlaceFeature.Water or PlaceFeature.Region or PlaceFeature.Landmark });
        var namesWater = mention.Targets.Any(x => _gazetteer.Entries[x.Entry] is { Extra: true, Feature: PlaceFeature.Water });
        // GeoNames' alternate names never take a name from a country, a division, a capital, or Dyad's own regions and
        // aliases ("Benin"), nor from a division of its own country ("Florida"), except that division's seat.
        var mainBig = mention.Targets.Where(t => !t.AltName && (t.Alias || _gazetteer.Entries[t.Entry] is { Feature: PlaceFeature.Country or PlaceFeature.Admin1 } or { Extra: true } or { IsCapital: true }))
            .Select(t => _gazetteer.Entries[t.Entry]).ToList();
        // The nearest evidence wins: when the list supports some reading, the readings it does not support lose the
        // article's context ("Delegations from Armenia and Georgia" in a story from Atlanta: the country).
        var listSupports = listed is not null && mention.Targets.Any(t => Agreement(_gazetteer.Entries[t.Entry], listed) > 0);
        foreach (var target in mention.Targets)
        {
            var e = _gazetteer.Entries[target.Entry];
            if (target.AltName && mainBig.Exists(b => b.Feature != PlaceFeature.Admin1 || b.Extra
                || (b.Country == e.Country && !(e.Admin1 == b.Name && e.Code == "PPLA"))))
            {
                continue;
            }

            var qualified = Qualifies(mention, e);
            if (namesWater && !e.Extra && e.Feature is PlaceFeature.Admin1 or PlaceFeature.Admin2 && !mention.TypeWord && !qualified)
            {
                continue; // "Port Sudan on the Red Sea": the sea, whatever the country context; "Red Sea state" is the division
            }

            var division = e.Country + "|" + (e.Feature == PlaceFeature.Admin1 ? e.Name : e.Admin1);
            // A small namesake: a town under 100,000 people against a country, capital, region or a city twenty times its size.
            // (the seat of the division of the same name is no namesake: "Gao" the city of the Gao region)
            var seatOfTop = topEntry.Feature == PlaceFeature.Admin1 && e.Country == topEntry.Country && e.Admin1 == topEntry.Name && e.Code == "PPLA";
            var small = e.Feature is PlaceFeature.City or PlaceFeature.Admin2 && e.Population < 100_000
                && (topIsBig || e.Population * 20 < topEntry.Population) && !seatOfTop;
            // A country's name after a capital ("SAN JOSE, Costa Rica") confirms the capital; it frees no small namesake.
            var freedByQualifier = qualified && !(topEntry.IsCapital && topEntry.Country == e.Country && target.Entry != top.Entry);
            var (near, inWide) = Coherence(e, points);
            // ... unless a qualifier, its own division in the sentence, or two other places near it in the
            // article (Perth among Dundee, Stirling and Inverness) name it; a country's name stays the country.
            var coherent = (near >= 2 && topEntry.Feature != PlaceFeature.Country && !topEntry.IsCapital)
                || (mention.TypeWord && e.Feature == PlaceFeature.Admin2);
            // A list frees a small namesake only with strong evidence: two other members in its own division
            // ("Paris, Tyler and Longview"); one is not ("from Frankfurt to Chicago" is no Frankfort, Illinois).
            var freedByList = InOwnDivision(e, listed) >= 2;
            if (target.Entry != top.Entry && small && !freedByQualifier && !(named is not null && NamedNear(named, division, mention)) && !coherent && !freedByList)
            {
                continue;
            }

            var agree = listed is null ? 0 : Agreement(e, listed);
            var useContext = !listSupports || agree > 0;
            var score = Prior(target) + (qualified ? 20 : 0) + (useContext ? (2 * Math.Log(1 + near)) + (inWide ? 1.5 : 0) : 0);
            if (agree > 0)
            {
                score += ListWeight * Math.Log2(1 + agree); // names listed together are of one kind and one country
            }
            if (!e.Extra && !mention.TypeWord && !qualified && namesArea)
            {
                score -= 4; // "the Red Sea" is the sea, not the Egyptian governorate, unless "Red Sea Governorate"
            }

            if (mention.TypeWord && e.Feature is PlaceFeature.Admin1 or PlaceFeature.Admin2)
            {
                score += 3; // "Cagayan and Isabela provinces": the divisions, not the towns
            }

            if (e.Feature == PlaceFeature.Admin1 && !e.Extra && HasNamesakeCity(mention, e)) // (few divisions share a name: cheap)
            {
                score -= 3; // "Lagos", "Cordoba", "Sao Paulo": the city, not its state
            }

            if (mention.Qualifier.Length > 0 && !qualified)
            {
                score -= 5;
            }

            if (countries is not null && e.Country is { } c && useContext)
            {
                score += 2.5 * Math.Log(1 + countries.GetValueOrDefault(c));
            }

            if (divisions is not null && e.Feature != PlaceFeature.Country && useContext)
            {
                score += 2 * Math.Log(1 + divisions.GetValueOrDefault(division));
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = target.Entry;
            }
        }

        return best;
    }

    private bool HasNamesakeCity(PlaceMention mention, PlaceEntry division)
    {
        foreach (var target in mention.Targets)
        {
            var e = _gazetteer.Entries[target.Entry];
            // A city of 100,000 or the division's own seat of the same name ("Gao", "Kherson").
            if (e.Feature == PlaceFeature.City && e.Country == division.Country
                && (e.Population >= 100_000 || (e.Code == "PPLA" && e.Admin1 == division.Name)))
            {
                return true;
            }
        }

        return false;
    }

    private bool Qualifies(PlaceMention mention, PlaceEntry e)
    {
        foreach (var q in mention.Qualifier)
        {
            var qe = _gazetteer.Entries[q.Entry];
            if (q.Entry == e.Index)
            {
                return true;
            }

            if (qe.Feature == PlaceFeature.Country && qe.Country == e.Country && e.Feature != PlaceFeature.Country)
            {
                return true;
            }

            if (qe.Feature == PlaceFeature.Admin1 && qe.Country == e.Country && qe.Name == e.Admin1 && e.Feature != PlaceFeature.Admin1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How likely a bare name means this entry, before context.</summary>
    internal double Prior(NameTarget target)
    {
        var e = _gazetteer.Entries[target.Entry];
        var prior = e.Feature switch
        {
            PlaceFeature.Country => 10.0,
            PlaceFeature.Admin1 when e.Extra => 8.5,
            PlaceFeature.Admin1 => Math.Max(5.5, Math.Log10(e.Population + 1)) + 0.3,
            PlaceFeature.Admin2 => 3.5,
            PlaceFeature.City => Math.Log10(e.Population + 1) + CodeBonus(e.Code),
            _ => 9.0,
        };
        return prior + (target.Alias ? 2 : 0) - (target.AltName ? 1.5 : 0);
    }

    private static double CodeBonus(string code) => code switch
    {
        "PPLC" => 1.5,
        "PPLA" => 0.5,
        "PPLA2" => 0.2,
        "PPLX" or "PPLH" or "PPLQ" or "PPLW" => -1.5,
        _ => 0,
    };
}
