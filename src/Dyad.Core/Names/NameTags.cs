namespace Dyad.Names;

/// <summary>
/// The tag set of the sequence model: O and BILOU tags for the four training classes
/// (PER, ORG, LOC, MISC). Tag 0 is O; class k has B = 1 + 4k, I = 2 + 4k, L = 3 + 4k, U = 4 + 4k.
/// </summary>
public static class NameTags
{
    public const int Count = 17;
    public const int O = 0;

    public static readonly string[] Classes = ["PER", "ORG", "LOC", "MISC"];

    public static int ClassOf(string label) => label switch
    {
        "PER" or "PERSON" => 0,
        "ORG" => 1,
        "LOC" or "GPE" or "FAC" => 2,
        "MISC" or "OTH" or "NORP" or "EVENT" => 3,
        _ => -1,
    };

    public static int Begin(int cls) => 1 + (4 * cls);

    public static int Inside(int cls) => 2 + (4 * cls);

    public static int Last(int cls) => 3 + (4 * cls);

    public static int Unit(int cls) => 4 + (4 * cls);

    /// <summary>0 = O, 1 = B, 2 = I, 3 = L, 4 = U.</summary>
    public static int Part(int tag) => tag == O ? 0 : 1 + ((tag - 1) % 4);

    public static int Class(int tag) => tag == O ? -1 : (tag - 1) / 4;

    private static readonly bool[] AllowedTable = BuildTable();

    /// <summary>Whether <paramref name="next"/> may follow <paramref name="previous"/> (-1 = sentence start).</summary>
    public static bool Allowed(int previous, int next) => AllowedTable[((previous + 1) * Count) + next];

    private static bool[] BuildTable()
    {
        var table = new bool[(Count + 1) * Count];
        for (var p = -1; p < Count; p++)
        {
            for (var n = 0; n < Count; n++)
            {
                table[((p + 1) * Count) + n] = Compute(p, n);
            }
        }

        return table;
    }

    private static bool Compute(int previous, int next)
    {
        var open = previous >= 0 && Part(previous) is 1 or 2;
        if (open)
        {
            return Class(next) == Class(previous) && Part(next) is 2 or 3;
        }

        return Part(next) is 0 or 1 or 4;
    }

    /// <summary>Whether a sentence may end after <paramref name="tag"/>.</summary>
    public static bool CanEnd(int tag) => Part(tag) is 0 or 3 or 4;

    /// <summary>Writes BILOU tags for the spans (token index ranges [start, end) with a class).</summary>
    public static void Encode(IEnumerable<(int Start, int End, int Class)> spans, Span<int> tags)
    {
        tags.Clear();
        foreach (var (start, end, cls) in spans)
        {
            if (cls < 0 || end <= start)
            {
                continue;
            }

            if (end - start == 1)
            {
                tags[start] = Unit(cls);
                continue;
            }

            tags[start] = Begin(cls);
            for (var i = start + 1; i < end - 1; i++)
            {
                tags[i] = Inside(cls);
            }

            tags[end - 1] = Last(cls);
        }
    }

    /// <summary>Reads spans back from a valid BILOU sequence.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static List<(int Start, int End, int Class)> Decode(ReadOnlySpan<int> tags)
    {
        var spans = new List<(int, int, int)>();
        var start = -1;
        for (var i = 0; i < tags.Length; i++)
        {
            switch (Part(tags[i]))
            {
                case 4:
                    spans.Add((i, i + 1, Class(tags[i])));
                    start = -1;
                    break;
                case 1:
                    start = i;
                    break;
                case 3 when start >= 0:
                    spans.Add((start, i + 1, Class(tags[i])));
                    start = -1;
                    break;
                case 0:
                    start = -1;
                    break;
            }
        }

        return spans;
    }
}
