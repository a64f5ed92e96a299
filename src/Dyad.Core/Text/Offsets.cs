namespace Dyad.Text;

/// <summary>Binary searches over items sorted by their start offset (tokens, sentences, mentions, ranges).</summary>
public static class Offsets
{
    /// <summary>How many items start before <paramref name="offset"/>: the index of the first one starting at or after it.</summary>
    public static int CountStartingBefore<T>(ReadOnlySpan<T> items, int offset, Func<T, int> start) =>
        Count(items, offset, start, inclusive: false);

    /// <summary>How many items start at or before <paramref name="offset"/>: the last such item is at the result minus one.</summary>
    public static int CountStartingAtOrBefore<T>(ReadOnlySpan<T> items, int offset, Func<T, int> start) =>
        Count(items, offset, start, inclusive: true);

    private static int Count<T>(ReadOnlySpan<T> items, int offset, Func<T, int> start, bool inclusive)
    {
        int lo = 0, hi = items.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = start(items[mid]);
            if (s < offset || (inclusive && s == offset))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
