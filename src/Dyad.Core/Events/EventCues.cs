using System.Collections.Frozen;
using Dyad.Resources;

namespace Dyad.Events;

/// <summary>The cue word lists of <c>events/cues.txt</c>: each entry is a lowercase token sequence.</summary>
internal sealed class EventCues
{
    private static readonly Lazy<EventCues> Lazy = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private EventCues(Dictionary<string, string[][]> lists)
    {
        Negation = lists.GetValueOrDefault("negation", []);
        Denial = lists.GetValueOrDefault("denial", []);
        Hypothetical = lists.GetValueOrDefault("hypothetical", []);
        Future = lists.GetValueOrDefault("future", []);
        PairPersons = lists.GetValueOrDefault("pair-persons", []);
        PairGroups = lists.GetValueOrDefault("pair-groups", []);
        QuoteSelf = lists.GetValueOrDefault("quote-self", []);
        QuoteGroup = lists.GetValueOrDefault("quote-group", []);
        Relational = Words(lists, "relational");
        Topic = Words(lists, "topic");
        ClauseBreak = Words(lists, "clause-break");
        OfHeads = Words(lists, "of-heads");
        Determiners = Words(lists, "determiners");
        Verbs = Words(lists, "verbs");
        ConsultPersons = Words(lists, "consult-persons");
        RejectedThings = Words(lists, "rejected-things");
        Contexts = lists.GetValueOrDefault("contexts", [])
            .Where(w => w.Length >= 2)
            .Select(w => (Words: w[..^1], Context: w[^1]))
            .OrderByDescending(a => a.Words.Length)
            .ToArray();
        Agents = lists.GetValueOrDefault("agents", [])
            .Where(w => w.Length >= 2)
            .Select(w => (Words: w[..^1], Sector: w[^1]))
            .OrderByDescending(a => a.Words.Length)
            .ToArray();
        ContextsByFirstWord = Contexts.GroupBy(c => c.Words[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Agent nouns with the PLOVER sector they give ("troops" -> MIL), longest first.</summary>
    public (string[] Words, string Sector)[] Agents { get; }

    public static EventCues Default => Lazy.Value;

    public string[][] Negation { get; }
    public string[][] Denial { get; }
    public string[][] Hypothetical { get; }
    public string[][] Future { get; }
    public string[][] PairPersons { get; }
    public string[][] PairGroups { get; }
    public string[][] QuoteSelf { get; }
    public string[][] QuoteGroup { get; }
    public FrozenSet<string> Relational { get; }
    public FrozenSet<string> Topic { get; }
    public FrozenSet<string> ClauseBreak { get; }
    public FrozenSet<string> OfHeads { get; }
    public FrozenSet<string> Determiners { get; }
    public FrozenSet<string> Verbs { get; }
    public FrozenSet<string> ConsultPersons { get; }
    public FrozenSet<string> RejectedThings { get; }

    /// <summary>Words of a sentence that add a PLOVER context ("troops" -> military), longest first.</summary>
    public (string[] Words, string Context)[] Contexts { get; }

    /// <summary>The contexts by their first word.</summary>
    public FrozenDictionary<string, (string[] Words, string Context)[]> ContextsByFirstWord { get; }

    private static FrozenSet<string> Words(Dictionary<string, string[][]> lists, string name) =>
        lists.GetValueOrDefault(name, []).Select(w => string.Join(' ', w)).ToFrozenSet(StringComparer.Ordinal);

    private static EventCues Load()
    {
        var sections = EmbeddedData.ReadSections("events/cues.txt");
        return new EventCues(sections.ToDictionary(
            kv => kv.Key,
            kv => kv.Value.Select(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).OrderByDescending(w => w.Length).ToArray(),
            StringComparer.Ordinal));
    }
}
