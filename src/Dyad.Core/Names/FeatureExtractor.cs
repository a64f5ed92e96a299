using System.Buffers;
using System.Runtime.CompilerServices;

namespace Dyad.Names;

/// <summary>Sentence casing: ordinary prose, a title-case headline, or an all-caps line.</summary>
public enum LineMode : byte { Normal, Title, Upper }

/// <summary>
/// Turns a sentence's tokens into hashed feature indices, a fixed number per token: words and
/// their neighbours (±2, lowercased), word shapes, prefixes and suffixes, word clusters,
/// capitalisation in context (sentence start, headline or all-caps line, how the document writes
/// the word elsewhere) and gazetteer matches.
/// Used alike by training and recognition, so both see the same features.
/// </summary>
public sealed class FeatureExtractor
{
    public const int PerToken = 42;

    /// <summary>Values per token of an <see cref="INameReading"/>: best class, class levels, vector class.</summary>
    public const int ReadingPerToken = 3;

    /// <summary>Features per token when a reading is given: the 42 and 5 made from the reading.</summary>
    public const int PerTokenWithReading = PerToken + 5;

    private static readonly ulong Start1 = Hashing.Lower("<s>");
    private static readonly ulong Start2 = Hashing.Lower("<s2>");
    private static readonly ulong End1 = Hashing.Lower("</s>");
    private static readonly ulong End2 = Hashing.Lower("</s2>");
    private static readonly ulong NoGaz = Hashing.Lower("<nogaz>");

    private readonly WordClusters _clusters;
    private readonly NameLexicon _lexicon;
    private readonly NameGazetteer _gazetteer;
    private readonly ulong _mask;

    public FeatureExtractor(WordClusters clusters, NameLexicon lexicon, int bucketBits, NameGazetteer? gazetteer = null)
    {
        _clusters = clusters;
        _lexicon = lexicon;
        _gazetteer = gazetteer ?? NameGazetteer.Default;
        BucketBits = bucketBits;
        _mask = (1UL << bucketBits) - 1;
    }

    public int BucketBits { get; }

    public NameLexicon Lexicon => _lexicon;

    /// <summary>The casing of a sentence: all-caps line, title-case headline, or normal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static LineMode ModeOf(string text, ReadOnlySpan<Token> tokens)
    {
        int words = 0, upper = 0, long4 = 0, capital4 = 0;
        foreach (var t in tokens)
        {
            var span = text.AsSpan(t.Start, t.Length);
            if (t.Kind != TokenKind.Word || span.Length < 2 || !char.IsLetter(span[0]))
            {
                continue;
            }

            words++;
            if (IsAllUpper(span))
            {
                upper++;
            }

            if (span.Length >= 4)
            {
                long4++;
                if (char.IsUpper(span[0]))
                {
                    capital4++;
                }
            }
        }

        if (words >= 2 && upper * 10 >= words * 8)
        {
            return LineMode.Upper;
        }

        return long4 >= 2 && capital4 * 4 >= long4 * 3 ? LineMode.Title : LineMode.Normal;
    }

    /// <summary>
    /// Fills <paramref name="features"/> (tokens × <see cref="PerToken"/>, or ×
    /// <see cref="PerTokenWithReading"/> when <paramref name="reading"/> is given: tokens ×
    /// <see cref="ReadingPerToken"/> values) and returns the lexicon matches of the sentence and its line mode.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (List<LexiconMatch> Matches, LineMode Mode) Extract(string text, ReadOnlySpan<Token> tokens, Span<int> features, DocumentContext? context = null, ReadOnlySpan<ulong> reading = default)
    {
        var n = tokens.Length;
        var scratch = ArrayPool<ulong>.Shared.Rent(Math.Max(1, n * 9));
        try
        {
            return Extract(text, tokens, features, context, scratch.AsSpan(0, n * 9), reading);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(scratch);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (List<LexiconMatch> Matches, LineMode Mode) Extract(string text, ReadOnlySpan<Token> tokens, Span<int> features, DocumentContext? context, Span<ulong> scratch, ReadOnlySpan<ulong> reading)
    {
        var n = tokens.Length;
        var lower = scratch[..n];
        var exact = scratch.Slice(n, n);
        var shape = scratch.Slice(2 * n, n);
        var fine = scratch.Slice(3 * n, n);
        var coarse = scratch.Slice(4 * n, n);
        var gaz = scratch.Slice(5 * n, n);
        var kb = scratch.Slice(6 * n, n);
        var parts = scratch.Slice(7 * n, n);
        var heads = scratch.Slice(8 * n, n);
        context ??= DocumentContext.Empty;
        var mode = ModeOf(text, tokens);
        var usuallyLower = 0UL;
        for (var i = 0; i < n; i++)
        {
            lower[i] = Hashing.Lower(text.AsSpan(tokens[i].Start, tokens[i].Length));
            var (f, c, u) = _clusters.Get(lower[i]);
            fine[i] = f;
            coarse[i] = c + 100_000UL;
            gaz[i] = NoGaz;
            if ((u || (f == 0 && mode != LineMode.Normal && InflectedLower(text.AsSpan(tokens[i].Start, tokens[i].Length)))) && i < 64)
            {
                usuallyLower |= 1UL << i;
            }
        }

        if (mode != LineMode.Normal)
        {
            text = Recase(text, tokens, mode, lower, usuallyLower, context);
        }

        for (var i = 0; i < n; i++)
        {
            var span = text.AsSpan(tokens[i].Start, tokens[i].Length);
            exact[i] = Hashing.Exact(span);
            shape[i] = Shape(span);
        }

        _gazetteer.Match(text, tokens, lower, kb, parts);
        HeadOfRuns(text, tokens, lower, heads);
        var matches = _lexicon.Match(text, tokens, lower);
        foreach (var m in matches)
        {
            for (var i = m.Start; i < m.End; i++)
            {
                var part = m.End - m.Start == 1 ? 4UL : i == m.Start ? 1UL : i == m.End - 1 ? 3UL : 2UL;
                gaz[i] = Hashing.Mix(part, (ulong)m.Flags);
            }
        }

        var modeValue = (ulong)mode;
        var read = !reading.IsEmpty;
        var stride = read ? PerTokenWithReading : PerToken;
        for (var i = 0; i < n; i++)
        {
            var o = features.Slice(i * stride, stride);
            var lw0 = lower[i];
            var lwm1 = i > 0 ? lower[i - 1] : Start1;
            var lwm2 = i > 1 ? lower[i - 2] : i > 0 ? Start1 : Start2;
            var lwp1 = i + 1 < n ? lower[i + 1] : End1;
            var lwp2 = i + 2 < n ? lower[i + 2] : i + 1 < n ? End1 : End2;
            var sh0 = shape[i];
            var shm1 = i > 0 ? shape[i - 1] : Start1;
            var shp1 = i + 1 < n ? shape[i + 1] : End1;
            var span = text.AsSpan(tokens[i].Start, tokens[i].Length);
            var k = 0;
            o[k++] = F(0, 0);
            o[k++] = F(1, lw0);
            o[k++] = F(2, lwm1);
            o[k++] = F(3, lwp1);
            o[k++] = F(4, lwm2);
            o[k++] = F(5, lwp2);
            o[k++] = F(6, Hashing.Mix(lwm1, lw0));
            o[k++] = F(7, Hashing.Mix(lw0, lwp1));
            o[k++] = F(8, sh0);
            o[k++] = F(9, shm1);
            o[k++] = F(10, shp1);
            o[k++] = F(11, Hashing.Mix(Hashing.Mix(shm1, sh0), shp1));
            var prefix = Hashing.Seed;
            for (var a = 1; a <= 4; a++)
            {
                if (a <= span.Length)
                {
                    // The same FNV-1a value as Hashing.Lower(span[..a]), carried on from the shorter prefix.
                    prefix = (prefix ^ Hashing.LowerChar(span[a - 1])) * Hashing.Prime;
                    o[k++] = F(11 + a, prefix);
                }
                else
                {
                    o[k++] = F(11 + a, 1);
                }
            }

            for (var a = 1; a <= 4; a++)
            {
                o[k++] = F(15 + a, a <= span.Length ? Hashing.Lower(span[^a..]) : 1);
            }

            o[k++] = F(20, fine[i]);
            o[k++] = F(21, i > 0 ? fine[i - 1] : Start1);
            o[k++] = F(22, i + 1 < n ? fine[i + 1] : End1);
            o[k++] = F(23, coarse[i]);
            o[k++] = F(24, Hashing.Mix(lwm1, sh0));
            o[k++] = F(25, Hashing.Mix(sh0, lwp1));
            o[k++] = F(26, Hashing.Mix(Hashing.Mix(sh0, i == 0 ? 1UL : 2UL), modeValue));
            o[k++] = F(27, gaz[i]);
            o[k++] = F(28, i > 0 ? gaz[i - 1] : Start1);
            o[k++] = F(29, i + 1 < n ? gaz[i + 1] : End1);
            o[k++] = F(30, Hashing.Mix(fine[i], sh0));
            o[k++] = F(31, exact[i]);
            o[k++] = F(32, Hashing.Mix(gaz[i], modeValue));
            o[k++] = F(33, Hashing.Mix(Hashing.Mix(i > 0 ? coarse[i - 1] : Start1, coarse[i]), i + 1 < n ? coarse[i + 1] : End1));
            var capital = span.Length > 0 && char.IsUpper(span[0]) ? 1UL : 0UL;
            var evidence = context.Evidence(lw0);
            o[k++] = F(34, Hashing.Mix(Hashing.Mix(capital, evidence), Hashing.Mix(i == 0 ? 1UL : 0UL, modeValue)));
            o[k++] = F(35, Hashing.Mix(Hashing.Mix(evidence, capital), gaz[i]));
            o[k++] = F(36, kb[i]);
            o[k++] = F(37, i > 0 ? kb[i - 1] : Start1);
            o[k++] = F(38, i + 1 < n ? kb[i + 1] : End1);
            o[k++] = F(39, Hashing.Mix(Hashing.Mix(parts[i], capital), Hashing.Mix(i > 0 ? parts[i - 1] : 4UL, i + 1 < n ? parts[i + 1] : 4UL)));
            o[k++] = F(40, heads[i]);
            o[k++] = F(41, Hashing.Mix(context.Kinds(lw0), capital));
            if (read)
            {
                var best = reading[i * ReadingPerToken];
                o[k++] = F(42, best);
                o[k++] = F(43, reading[(i * ReadingPerToken) + 1]);
                o[k++] = F(44, reading[(i * ReadingPerToken) + 2]);
                o[k++] = F(45, Hashing.Mix(i > 0 ? reading[(i - 1) * ReadingPerToken] : 99UL, i + 1 < n ? reading[(i + 1) * ReadingPerToken] : 99UL));
                o[k++] = F(46, Hashing.Mix(best, Hashing.Mix(capital, sh0)));
            }
        }

        return (matches, mode);
    }

    /// <summary>
    /// A headline or all-caps line written as ordinary prose would be, so that capitals mean names
    /// again: words the training text usually writes in lower case (or that the document writes only
    /// in lower case) are lowered, other words of an all-caps line become capitalised (short ones,
    /// possibly acronyms, stay as they are); words inside a multi-word dictionary name, or written
    /// capitalised elsewhere in the document, are kept. A title-case line is only recased when at
    /// least two of its inner words are ordinary words (a sentence dense with names is left alone).
    /// The offsets stay the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Recase(string text, ReadOnlySpan<Token> tokens, LineMode mode, ReadOnlySpan<ulong> lower, ulong usuallyLower, DocumentContext context)
    {
        var n = Math.Min(tokens.Length, 64);
        var keep = 0UL;
        foreach (var m in _lexicon.Match(text, tokens, lower))
        {
            if (m.End - m.Start > 1)
            {
                for (var i = m.Start; i < m.End && i < 64; i++)
                {
                    keep |= 1UL << i;
                }
            }
        }

        var lowerWords = 0UL;
        var ordinary = 0;
        for (var i = 0; i < n; i++)
        {
            if (tokens[i].Kind != TokenKind.Word || (keep & (1UL << i)) != 0)
            {
                continue;
            }

            var evidence = context.Evidence(lower[i]);
            if ((evidence & 1) != 0)
            {
                continue;
            }

            if ((usuallyLower & (1UL << i)) != 0 || evidence == 2)
            {
                lowerWords |= 1UL << i;
                if (i > 0 && tokens[i].Length >= 4 && char.IsUpper(text[tokens[i].Start]))
                {
                    ordinary++;
                }
            }
        }

        if (mode == LineMode.Title && ordinary < 2)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < n; i++)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.Word)
            {
                continue;
            }

            if ((lowerWords & (1UL << i)) != 0)
            {
                for (var k = t.Start; k < t.End; k++)
                {
                    chars[k] = char.ToLowerInvariant(chars[k]);
                }
            }
            else if (mode == LineMode.Upper && t.Length > 3)
            {
                for (var k = t.Start + 1; k < t.End; k++)
                {
                    chars[k] = char.ToLowerInvariant(chars[k]);
                }
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// Per token, the kind of head of the capitalised run it is in (words with capitals, joined by
    /// of/and/&amp;/for/the/'s/hyphens, at most 8 tokens): the kind of the run's last word ("Northrop
    /// Grumman Corp") and of its first word before "of" ("Bank of England"), with the token's place
    /// in the run; 0 outside runs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HeadOfRuns(string text, ReadOnlySpan<Token> tokens, ReadOnlySpan<ulong> lower, Span<ulong> heads)
    {
        var n = tokens.Length;
        heads.Clear();
        var i = 0;
        while (i < n)
        {
            if (!IsCapitalisedWord(text, tokens[i]))
            {
                i++;
                continue;
            }

            var end = RunEnd(text, tokens, i);
            var last = HeadWords.KindOf(lower[end - 1]);
            var first = end - i > 2 && text.AsSpan(tokens[i + 1].Start, tokens[i + 1].Length).Equals("of", StringComparison.OrdinalIgnoreCase)
                ? HeadWords.KindOf(lower[i]) : HeadWords.None;
            if (last != HeadWords.None || first != HeadWords.None)
            {
                for (var k = i; k < end; k++)
                {
                    var place = k == end - 1 ? 1UL : k == i ? 2UL : 3UL;
                    heads[k] = Hashing.Mix(Hashing.Mix(last + 1, (first * 8) + 1), place + (end - i == 1 ? 4UL : 0UL));
                }
            }

            i = end;
        }
    }

    /// <summary>The end of the capitalised run that starts at token <paramref name="i"/> (a capitalised word).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int RunEnd(string text, ReadOnlySpan<Token> tokens, int i)
    {
        var n = tokens.Length;
        var end = i + 1;
        while (end < n && end - i < 8)
        {
            if (IsCapitalisedWord(text, tokens[end]))
            {
                end++;
            }
            else if (end + 1 < n && IsGlue(text.AsSpan(tokens[end].Start, tokens[end].Length)) && IsCapitalisedWord(text, tokens[end + 1]))
            {
                end += 2;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsCapitalisedWord(string text, Token t) =>
        t.Kind == TokenKind.Word && t.Length > 0 && char.IsUpper(text[t.Start]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsGlue(ReadOnlySpan<char> word) =>
        word is "of" or "and" or "&" or "for" or "the" or "'s" or "-" or "de" or "du" or "des" or "la";

    /// <summary>An unknown word whose stem (without -s, -es, -ed, -ing) is usually written in lower case ("Seeks").</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool InflectedLower(ReadOnlySpan<char> word)
    {
        if (word.Length < 5)
        {
            return false;
        }

        var tail = word[^1];
        return (tail is 's' or 'S' && _clusters.Get(Hashing.Lower(word[..^1])).UsuallyLower)
            || (tail is 's' or 'S' or 'd' or 'D' && _clusters.Get(Hashing.Lower(word[..^2])).UsuallyLower)
            || (tail is 'g' or 'G' && word.Length > 6 && _clusters.Get(Hashing.Lower(word[..^3])).UsuallyLower);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int F(int template, ulong value) => (int)(Hashing.Mix(((ulong)template + 1) * 0x9E3779B97F4A7C15UL, value) & _mask);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsAllUpper(ReadOnlySpan<char> span)
    {
        var letters = 0;
        foreach (var c in span)
        {
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c))
                {
                    return false;
                }

                letters++;
            }
        }

        return letters > 0;
    }

    /// <summary>Short word shape: X for upper, x for lower, d for digits, runs folded ("Xx", "X.X.", "dd" → "d").</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong Shape(ReadOnlySpan<char> span)
    {
        var h = Hashing.Seed;
        var last = '\0';
        var length = 0;
        foreach (var ch in span)
        {
            var c = char.IsUpper(ch) ? 'X' : char.IsLower(ch) ? 'x' : char.IsDigit(ch) ? 'd' : char.IsLetter(ch) ? 'l' : ch;
            if (c == last)
            {
                continue;
            }

            last = c;
            h = Hashing.Mix(h, c);
            length++;
        }

        // Distinguish short from long words of the same shape (US vs NATO vs Xx initials).
        var size = span.Length switch { 1 => 1UL, 2 => 2UL, 3 => 3UL, <= 5 => 5UL, _ => 9UL };
        return Hashing.Mix(h, size);
    }
}
