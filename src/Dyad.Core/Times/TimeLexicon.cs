using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Dyad.Resources;
using Dyad.Text;

namespace Dyad.Times;

/// <summary>
/// A word list whose entries may span several tokens ("more than", "new year's day"). Entries are
/// tokenised with Dyad's tokenizer and matched token by token, ignoring case; longest entry first.
/// </summary>
internal sealed class WordTable<T>
{
    private readonly FrozenDictionary<string, (string[] More, T Value)[]> _byFirst;
    private readonly FrozenDictionary<string, (string[] More, T Value)[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public WordTable(IEnumerable<(string Words, T Value)> entries)
    {
        var map = new Dictionary<string, List<(string[] More, T Value)>>(StringComparer.Ordinal);
        foreach (var (words, value) in entries)
        {
            // One word is one key; several words are matched token by token as Dyad's tokenizer splits them.
            var parts = words.Contains(' ', StringComparison.Ordinal)
                ? Tokenizer.Tokenize(words).Select(t => words[t.Start..t.End]).ToArray()
                : [words];
            if (parts.Length == 0 || parts[0].Length == 0)
            {
                continue;
            }

            var key = parts[0].ToLowerInvariant();
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add((parts[1..], value));
        }

        _byFirst = map.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.OrderByDescending(e => e.More.Length).ToArray(),
            StringComparer.Ordinal);
        _lookup = _byFirst.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Keys are lower case with ordinal comparison (much faster than a case-insensitive comparer); words are lowered on the stack.</summary>
    private bool Find(ReadOnlySpan<char> word, out (string[] More, T Value)[] entries)
    {
        if (word.Length == 0 || word.Length > 32)
        {
            entries = [];
            return false;
        }

        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        return _lookup.TryGetValue(lower, out entries!);
    }

    public bool Contains(ReadOnlySpan<char> word) => Find(word, out _);

    /// <summary>A one-word entry's value.</summary>
    public bool TryGet(ReadOnlySpan<char> word, out T value)
    {
        if (Find(word, out var entries))
        {
            foreach (var entry in entries)
            {
                if (entry.More.Length == 0)
                {
                    value = entry.Value;
                    return true;
                }
            }
        }

        value = default!;
        return false;
    }

    /// <summary>The longest entry starting at token <paramref name="i"/> (before <paramref name="end"/>).</summary>
    public bool TryMatch(string text, ImmutableArray<Token> tokens, int i, int end, out int next, out T value)
    {
        if (i >= 0 && i < end && Find(text.AsSpan(tokens[i].Start, tokens[i].Length), out var entries))
        {
            foreach (var (rest, v) in entries)
            {
                if (i + rest.Length >= end && rest.Length > 0)
                {
                    continue;
                }

                var ok = true;
                for (var k = 0; k < rest.Length && ok; k++)
                {
                    var token = tokens[i + 1 + k];
                    ok = text.AsSpan(token.Start, token.Length).Equals(rest[k], StringComparison.OrdinalIgnoreCase);
                }

                if (ok)
                {
                    next = i + 1 + rest.Length;
                    value = v;
                    return true;
                }
            }
        }

        next = i;
        value = default!;
        return false;
    }
}

/// <summary>A fixed reading of a whole expression ("now" = DATE PRESENT_REF).</summary>
internal sealed record FixedTime(string Type, string Value);

/// <summary>The word lists and single-token patterns of the time stage, loaded once from <c>Resources/times</c>.</summary>
internal sealed class TimeLexicon
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    public static readonly TimeLexicon Instance = new();

    private TimeLexicon()
    {
        var s = EmbeddedData.ReadSections("times/lexicon.txt");
        Months = Ints(s, "month");
        AmbiguousMonths = Set(s, "ambiguous-month");
        Weekdays = Ints(s, "weekday");
        Numbers = Ints(s, "number");
        VagueNumbers = Set(s, "vague-number");
        Ordinals = Ints(s, "ordinal");
        Units = Strings(s, "unit");
        Seasons = Strings(s, "season");
        PartsOfDay = Strings(s, "part-of-day");
        Positions = Strings(s, "position");
        Approx = Strings(s, "approx");
        Deictic = Ints(s, "deictic");
        Relative = Ints(s, "relative");
        Anchors = Ints(s, "anchor");
        Phrases = new WordTable<FixedTime>(s["phrase"].Select(line =>
        {
            var parts = line.Split('|');
            return (parts[0], new FixedTime(parts[1], parts[2]));
        }));
        Holidays = Strings(s, "holiday");
        Zones = Strings(s, "zone");
        Meridiem = Strings(s, "meridiem");
        DatePrepositions = Set(s, "date-preposition");
        FutureCues = Set(s, "future-cue");
        PastCues = Set(s, "past-cue");
        WeekdayNameFollowers = Set(s, "weekday-name-follower");
        WeekdayNameBefore = Set(s, "weekday-name-before");
        YearNouns = Set(s, "year-noun");
        CountBefore = Set(s, "count-before");
        CountAfter = Set(s, "count-after");
        LabelBefore = Set(s, "label-before");
        UnitAdjectives = Set(s, "unit-adjective");
        Auxiliaries = Set(s, "auxiliary");
        Deadline = Set(s, "deadline");
        DayContext = Set(s, "day-context");

        // Starters: words that may begin a time. A word that only begins multi-word entries ("at least",
        // "more than") starts one only before one of its second words. After "the"/"a", any word of any entry.
        var starters = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "the", "every", "each", "per", "fiscal", "once", "twice", "half", "dozens", "hundreds", "thousands", "single", "multi", "over", "same" };
        var seconds = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase) { ["that"] = new(StringComparer.OrdinalIgnoreCase) { "day" } };
        var afterDeterminer = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "same", "following", "previous", "preceding", "next", "day", "weekend" };
        foreach (var section in new[] { "month", "weekday", "number", "vague-number", "ordinal", "unit", "season", "part-of-day", "position", "approx", "deictic", "relative", "phrase", "holiday" })
        {
            foreach (var line in s[section])
            {
                var words = Split(line).Words;
                var parts = words.Contains(' ', StringComparison.Ordinal)
                    ? Tokenizer.Tokenize(words).Select(t => words[t.Start..t.End]).ToArray()
                    : [words];
                afterDeterminer.UnionWith(parts);
                if (parts.Length == 1)
                {
                    starters.Add(parts[0]);
                }
                else
                {
                    if (!seconds.TryGetValue(parts[0], out var set))
                    {
                        seconds[parts[0]] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    }

                    set.Add(parts[1]);
                }

                if (section == "weekday")
                {
                    starters.Add(words + "s");
                    afterDeterminer.Add(words + "s");
                }
            }
        }

        afterDeterminer.UnionWith(starters);
        Starters = new WordTable<bool>(starters.Select(w => (w, true)));
        AfterDeterminer = new WordTable<bool>(afterDeterminer.Select(w => (w, true)));
        // One lookup per token: null = a starter; a table = starts only before one of these second words.
        StartWords = new WordTable<WordTable<bool>?>(starters.Select(w => (w, (WordTable<bool>?)null))
            .Concat(seconds.Where(kv => !starters.Contains(kv.Key))
                .Select(kv => (kv.Key, (WordTable<bool>?)new WordTable<bool>(kv.Value.Select(w => (w, true)))))));

        var patterns = EmbeddedData.ReadDataLines("times/patterns.txt")
            .Select(line => line.Split('|', 2))
            .ToDictionary(p => p[0], p => new Regex(p[1], RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Timeout), StringComparer.Ordinal);
        IsoDate = patterns["iso-date"];
        SlashDate = patterns["slash-date"];
        Clock = patterns["clock"];
        ClockMeridiem = patterns["clock-meridiem"];
        OrdinalDay = patterns["ordinal-day"];
        Decade = patterns["decade"];
        Quarter = patterns["quarter"];
        Half = patterns["half"];
        Fiscal = patterns["fiscal"];
        Military = patterns["military"];
    }

    /// <summary>Words that may begin a time expression (a fast filter before the rules run).</summary>
    public WordTable<bool> Starters { get; }

    /// <summary>Starters (value null) and words that begin only multi-word entries (value: the second words they need).</summary>
    public WordTable<WordTable<bool>?> StartWords { get; }

    /// <summary>Words that may follow "the", "a" or "an" in a time expression.</summary>
    public WordTable<bool> AfterDeterminer { get; }

    public WordTable<int> Months { get; }
    public WordTable<bool> AmbiguousMonths { get; }
    public WordTable<int> Weekdays { get; }
    public WordTable<int> Numbers { get; }
    public WordTable<bool> VagueNumbers { get; }
    public WordTable<int> Ordinals { get; }
    public WordTable<string> Units { get; }
    public WordTable<string> Seasons { get; }
    public WordTable<string> PartsOfDay { get; }
    public WordTable<string> Positions { get; }
    public WordTable<string> Approx { get; }
    public WordTable<int> Deictic { get; }
    public WordTable<int> Relative { get; }
    public WordTable<int> Anchors { get; }
    public WordTable<FixedTime> Phrases { get; }
    public WordTable<string> Holidays { get; }
    public WordTable<string> Zones { get; }
    public WordTable<string> Meridiem { get; }
    public WordTable<bool> DatePrepositions { get; }
    public WordTable<bool> FutureCues { get; }
    public WordTable<bool> PastCues { get; }
    public WordTable<bool> WeekdayNameFollowers { get; }
    public WordTable<bool> WeekdayNameBefore { get; }
    public WordTable<bool> YearNouns { get; }
    public WordTable<bool> CountBefore { get; }
    public WordTable<bool> CountAfter { get; }
    public WordTable<bool> LabelBefore { get; }
    public WordTable<bool> UnitAdjectives { get; }
    public WordTable<bool> Auxiliaries { get; }
    public WordTable<bool> Deadline { get; }
    public WordTable<bool> DayContext { get; }

    public Regex IsoDate { get; }
    public Regex SlashDate { get; }
    public Regex Clock { get; }
    public Regex ClockMeridiem { get; }
    public Regex OrdinalDay { get; }
    public Regex Decade { get; }
    public Regex Quarter { get; }
    public Regex Half { get; }
    public Regex Fiscal { get; }
    public Regex Military { get; }

    private static (string Words, string Value) Split(string line)
    {
        var bar = line.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (line, "") : (line[..bar], line[(bar + 1)..]);
    }

    private static WordTable<int> Ints(Dictionary<string, List<string>> s, string name) =>
        new(s[name].Select(Split).Select(p => (p.Words, int.Parse(p.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))));

    private static WordTable<string> Strings(Dictionary<string, List<string>> s, string name) =>
        new(s[name].Select(Split));

    private static WordTable<bool> Set(Dictionary<string, List<string>> s, string name) =>
        new(s[name].Select(line => (Split(line).Words, true)));
}
