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

    /// <summary>
    /// The tokens of each sentence, as a range of token indexes per sentence (tokens before a sentence
    /// or straddling its end belong to none). Tokens and sentences are in text order.
    /// </summary>
    public static Range[] TokensOfSentences(ReadOnlySpan<Token> tokens, ReadOnlySpan<Sentence> sentences)
    {
        var result = new Range[sentences.Length];
        var t = 0;
        for (var i = 0; i < sentences.Length; i++)
        {
            while (t < tokens.Length && tokens[t].Start < sentences[i].Start)
            {
                t++;
            }

            var first = t;
            while (t < tokens.Length && tokens[t].End <= sentences[i].End)
            {
                t++;
            }

            result[i] = new Range(first, t);
        }

        return result;
    }

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
