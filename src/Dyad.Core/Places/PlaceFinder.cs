namespace Dyad.Places;

/// <summary>
/// Where something happened, for the events stage: the best place of a sentence or clause, else
/// the article's dateline place. A place after a locative preposition ("talks in Geneva") wins;
/// otherwise the most specific place (a landmark or city before a division, a region or a country:
/// a country named without a preposition is usually an actor, "Russia said").
/// </summary>
public static class PlaceFinder
{
    public static Place? InSentence(Analysis analysis, TextRange sentence)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        Place? best = null;
        var bestScore = 0.0;
        foreach (var place in analysis.Places)
        {
            if (place.Lat is null || !sentence.Covers(new TextRange(place.Start, place.End)))
            {
                continue;
            }

            var locative = AfterLocative(analysis.Text, place.Start);
            var score = (locative ? 3.0 : 0.0) + place.Feature switch
            {
                "landmark" or "city" => 2.0,
                "admin2" or "admin1" => 1.5,
                "region" or "water" => 1.0,
                _ => locative ? 0.5 : 0.0,
            };
            if (score > bestScore)
            {
                best = place;
                bestScore = score;
            }
        }

        return best ?? DatelinePlace(analysis);
    }

    /// <summary>The place the article's dateline names ("NEW DELHI, July 15 -"), if any.</summary>
    public static Place? DatelinePlace(Analysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (Dateline.Find(analysis) is not { } range)
        {
            return null;
        }

        foreach (var place in analysis.Places)
        {
            if (place.Start == range.Start && place.Lat is not null)
            {
                return place;
            }
        }

        return null;
    }

    /// <summary>The contract's event place for a resolved place.</summary>
    public static EventPlace ToEventPlace(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return new EventPlace(place.Name, place.GeonamesId, place.Country, place.Lat, place.Lon);
    }

    private static bool AfterLocative(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        // Skip "the" in "in the Gaza Strip".
        var (word, wordStart) = PreviousWord(text, i);
        if (word.Equals("the", StringComparison.OrdinalIgnoreCase))
        {
            i = wordStart - 1;
            while (i >= 0 && char.IsWhiteSpace(text[i]))
            {
                i--;
            }

            (word, _) = PreviousWord(text, i);
        }

        return word.Length > 0 && Gazetteer.Instance.Words.Locatives.Contains(word);
    }

    private static (string Word, int Start) PreviousWord(string text, int end)
    {
        var j = end;
        while (j >= 0 && char.IsLetter(text[j]))
        {
            j--;
        }

        return end < 0 || j == end ? ("", end) : (text.Substring(j + 1, end - j), j + 1);
    }
}
