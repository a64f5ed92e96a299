using Dyad.Resources;

namespace Dyad.Names;

/// <summary>
/// Words that head a name of a kind, from <c>Resources/names/typing.txt</c> (<c>[org-word]</c>,
/// <c>[fac-word]</c>, <c>[loc-word]</c>, <c>[event-word]</c>), by lowercased hash: the model sees the
/// kind of the head of each capitalised run ("Northrop Grumman Corp", "Bank of England").
/// </summary>
internal static class HeadWords
{
    public const ulong None = 0, Org = 1, Fac = 2, Loc = 3, Event = 4;

    private static readonly Lazy<UInt64Map> Table = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<UInt64Map> Titles = new(LoadTitles, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A title or honorific before a person's name ("President", "Mr").</summary>
    public static bool IsTitle(ulong lowerHash) => Titles.Value.Contains(lowerHash);

    /// <summary>The kind of a word given its lowercased hash (<see cref="None"/> for most).</summary>
    public static ulong KindOf(ulong lowerHash) => Table.Value.Get(lowerHash);

    private static UInt64Map Load()
    {
        var sections = EmbeddedData.ReadSections("names/typing.txt");
        var table = new UInt64Map();
        foreach (var (section, kind) in new[] { ("event-word", Event), ("loc-word", Loc), ("fac-word", Fac), ("org-word", Org) })
        {
            foreach (var word in sections.GetValueOrDefault(section) ?? [])
            {
                table.Set(Hashing.Lower(word), (uint)kind);
            }
        }

        return table;
    }

    private static UInt64Map LoadTitles()
    {
        var titles = new UInt64Map();
        foreach (var word in EmbeddedData.ReadSections("names/typing.txt").Where(s => s.Key is "title" or "honorific").SelectMany(s => s.Value))
        {
            titles.Set(Hashing.Lower(word), 1);
        }

        return titles;
    }
}
