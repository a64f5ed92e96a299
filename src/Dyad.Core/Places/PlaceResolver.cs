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
    public int[] Resolve(IReadOnlyList<PlaceMention> mentions, IReadOnlyDictionary<string, int> demonyms)
    {
        var choice = new int[mentions.Count];
        for (var i = 0; i < mentions.Count; i++)
        {
            choice[i] = Best(mentions[i], null, null);
        }

        for (var round = 0; round < Rounds; round++)
        {
            var changed = false;
            for (var i = 0; i < mentions.Count; i++)
            {
                var (countries, divisions, named) = Context(mentions, choice, mentions[i].Key, demonyms);
                var best = Best(mentions[i], countries, divisions, named);
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

        return choice;
    }

    /// <summary>Whether a division was named in the mention's sentence ("floods in Texas reached Paris").</summary>
    private static bool NamedNear(Dictionary<string, List<int>> named, string division, PlaceMention mention) =>
        named.TryGetValue(division, out var sentences) && sentences.Contains(mention.Sentence);

    private (Dictionary<string, double> Countries, Dictionary<string, double> Divisions, Dictionary<string, List<int>> Named) Context(
        IReadOnlyList<PlaceMention> mentions, int[] choice, string exceptKey, IReadOnlyDictionary<string, int> demonyms)
    {
        var countries = new Dictionary<string, double>(StringComparer.Ordinal);
        var divisions = new Dictionary<string, double>(StringComparer.Ordinal);
        var named = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (choice[i] < 0 || m.Key == exceptKey)
            {
                continue;
            }

            var e = _gazetteer.Entries[choice[i]];
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

    private int Best(PlaceMention mention, Dictionary<string, double>? countries, Dictionary<string, double>? divisions, Dictionary<string, List<int>>? named = null)
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
        foreach (var target in mention.Targets)
        {
            var e = _gazetteer.Entries[target.Entry];
            var qualified = Qualifies(mention, e);
            var division = e.Country + "|" + (e.Feature == PlaceFeature.Admin1 ? e.Name : e.Admin1);
            // A small namesake: a town under 100,000 people against a country, capital, region or a city twenty times its size.
            var small = e.Feature is PlaceFeature.City or PlaceFeature.Admin2 && e.Population < 100_000
                && (topIsBig || e.Population * 20 < topEntry.Population);
            if (target.Entry != top.Entry && small && !qualified && !(named is not null && NamedNear(named, division, mention)))
            {
                continue;
            }

            var score = Prior(target) + (qualified ? 20 : 0);
            if (e.Feature == PlaceFeature.Admin1 && !e.Extra && HasNamesakeCity(mention, e))
            {
                score -= 3; // "Lagos", "Cordoba", "Sao Paulo": the city, not its state
            }

            if (mention.Qualifier.Length > 0 && !qualified)
            {
                score -= 5;
            }

            if (countries is not null && e.Country is { } c)
            {
                score += 2.5 * Math.Log(1 + countries.GetValueOrDefault(c));
            }

            if (divisions is not null && e.Feature != PlaceFeature.Country)
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
            if (e.Feature == PlaceFeature.City && e.Country == division.Country && e.Population >= 100_000)
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
        return prior + (target.Alias ? 2 : 0);
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
