namespace Dyad.Places;

/// <summary>
/// Finds the place names a sentence names together: a coordination or list ("Georgia and Alabama",
/// "Texas, Oklahoma or Kansas", "between Russia and Georgia", "from Georgia to Virginia"). Names in one
/// list are usually of one kind and, below the country level, of one country, so each is evidence for
/// the others' readings (<see cref="PlaceResolver"/>). Plain string tests on the short gap between two
/// mentions: no regular expression runs on the text.
/// </summary>
internal static class PlaceLists
{
    /// <summary>Words that may join two list members, alone or after a comma ("and", ", and", ", or").</summary>
    private static readonly string[] Joiners = ["and", "or", "nor", "&", "/", "as well as", "and also", "but not", "plus"];

    /// <summary>The longest gap between two members that can still be a joiner (", as well as the ").</summary>
    private const int MaxGap = 24;

    /// <summary>For each mention (sorted by start), the id of its list, or -1 when it is in none.</summary>
    public static int[] Find(string text, IReadOnlyList<PlaceMention> mentions)
    {
        var list = new int[mentions.Count];
        Array.Fill(list, -1);
        var next = 0;
        var previous = -1; // the last main mention (qualifiers belong to the mention they follow)
        var previousEnd = -1;
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (m.QualifierOf is not null && previous >= 0)
            {
                previousEnd = Math.Max(previousEnd, m.End); // "Springfield, Illinois, and Columbus, Ohio"
                continue;
            }

            if (previous >= 0 && previousEnd <= m.Start && m.Sentence == mentions[previous].Sentence
                && Joins(text, previousEnd, m.Start, mentions[previous].Start))
            {
                if (list[previous] < 0)
                {
                    list[previous] = next++;
                }

                list[i] = list[previous];
            }

            previous = i;
            previousEnd = m.End;
        }

        // A qualifier shares its mention's list only through that mention: it stays out of the list itself.
        return list;
    }

    /// <summary>Whether the text between two mentions joins them as members of one list.</summary>
    private static bool Joins(string text, int from, int to, int firstStart)
    {
        if (to - from > MaxGap)
        {
            return false;
        }

        var gap = text.AsSpan(from, to - from).Trim();
        if (gap.EndsWith(" the", StringComparison.OrdinalIgnoreCase) || gap.Equals("the", StringComparison.OrdinalIgnoreCase))
        {
            gap = gap[..^3].TrimEnd();
        }

        if (gap.Length == 0)
        {
            return false; // two names side by side are one name or a headline, not a list
        }

        if (gap is ",")
        {
            return true;
        }

        if (gap[0] == ',')
        {
            gap = gap[1..].TrimStart();
        }

        foreach (var joiner in Joiners)
        {
            if (gap.Equals(joiner, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        // "from Georgia to Virginia", "from the Black Sea to the Baltic"
        return gap.Equals("to", StringComparison.OrdinalIgnoreCase) && Before(text, firstStart).Equals("from", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The word before a position, skipping one "the".</summary>
    private static ReadOnlySpan<char> Before(string text, int start)
    {
        var word = WordBefore(text, start, out var wordStart);
        return word.Equals("the", StringComparison.OrdinalIgnoreCase) ? WordBefore(text, wordStart, out _) : word;
    }

    private static ReadOnlySpan<char> WordBefore(string text, int start, out int wordStart)
    {
        var end = start;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        wordStart = end;
        while (wordStart > 0 && char.IsLetter(text[wordStart - 1]))
        {
            wordStart--;
        }

        return text.AsSpan(wordStart, end - wordStart);
    }
}
