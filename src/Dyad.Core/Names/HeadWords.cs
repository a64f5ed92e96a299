using System.Collections.Frozen;
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

    private static readonly Lazy<FrozenDictionary<ulong, ulong>> Table = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<FrozenSet<ulong>> Titles = new(
        () => EmbeddedData.ReadSections("names/typing.txt").Where(s => s.Key is "title" or "honorific").SelectMany(s => s.Value).Select(w => Hashing.Lower(w)).ToFrozenSet(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A title or honorific before a person's name ("President", "Mr").</summary>
    public static bool IsTitle(ulong lowerHash) => Titles.Value.Contains(lowerHash);

    /// <summary>The kind of a word given its lowercased hash (<see cref="None"/> for most).</summary>
    public static ulong KindOf(ulong lowerHash) => Table.Value.GetValueOrDefault(lowerHash);

    private static FrozenDictionary<ulong, ulong> Load()
    {
        var sections = EmbeddedData.ReadSections("names/typing.txt");
        var table = new Dictionary<ulong, ulong>();
        foreach (var (section, kind) in new[] { ("event-word", Event), ("loc-word", Loc), ("fac-word", Fac), ("org-word", Org) })
        {
            foreach (var word in sections.GetValueOrDefault(section) ?? [])
            {
                table[Hashing.Lower(word)] = kind;
            }
        }

        return table.ToFrozenDictionary();
    }
}
