namespace Dyad.Storage.Sqlite;

/// <summary>
/// The snippet of a search hit on SQLite: a few words of the article's text around the first place
/// where a searched phrase (or else one of the searched words) appears, every searched word in it marked <c>[word]</c>, and
/// <c>...</c> where the text goes on before or after. FTS5's own <c>snippet()</c> tokenises every
/// page row's whole text to pick its best fragment (a third of a search's CPU on 100,000 articles,
/// docs/notes/web.md); this looks for the words with a vectorised case-insensitive search and reads
/// words only around the first one. Words are runs of letters and digits, as the index's tokenizer
/// reads them; case is ignored, accents are not (a word written with accents the query lacks is not
/// marked; the text then starts the snippet, as when a hit matched only the title).
/// </summary>
internal static class SearchSnippet
{
    /// <summary>Words in a snippet, as FTS5's snippet(..., 16) was asked for.</summary>
    public const int Words = 16;

    /// <summary>Words kept before the first searched word.</summary>
    private const int Before = 3;

    /// <summary>Characters a snippet reaches back before its first searched word, and its length beyond which no word is added (texts with huge "words").</summary>
    private const int MaxBack = 100;

    private const int MaxLength = 400;

    /// <summary>The searched words of FTS5 phrases (<see cref="SqliteStore.FtsPhrases"/>): runs of letters and digits, each once.</summary>
    public static string[] WordsOf(IEnumerable<string> phrases)
    {
        var words = new List<string>();
        foreach (var phrase in phrases)
        {
            foreach (var w in Split(phrase))
            {
                if (!words.Exists(x => x.Equals(w, StringComparison.OrdinalIgnoreCase)))
                {
                    words.Add(w);
                }
            }
        }

        return [.. words];
    }

    /// <summary>
    /// The phrases of two words or more, their words joined by one space (as news text mostly writes
    /// them), and the whole query's words in their order when there are several (typed without quotes).
    /// </summary>
    public static string[] PhrasesOf(IReadOnlyList<string> phrases)
    {
        var split = phrases.Select(Split).ToList();
        var found = split.Where(w => w.Count > 1).Select(w => string.Join(' ', w)).ToList();
        var all = split.SelectMany(w => w).ToList();
        if (all.Count > 1 && (split.Count > 1 || found.Count == 0))
        {
            found.Add(string.Join(' ', all));
        }

        return [.. found];
    }

    private static List<string> Split(string phrase)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= phrase.Length; i++)
        {
            var inWord = i < phrase.Length && char.IsLetterOrDigit(phrase[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(phrase[start..i]);
                start = -1;
            }
        }

        return words;
    }

    /// <summary>The snippet for FTS5 phrases: around the first quoted phrase found whole, else the first searched word.</summary>
    public static string Build(string text, IReadOnlyList<string> phrases, IReadOnlyList<string> words)
    {
        var first = phrases.Count > 0 ? FirstHit(text, phrases) : -1;
        return Build(text, words, first >= 0 ? first : FirstHit(text, words));
    }

    public static string Build(string text, IReadOnlyList<string> words) => Build(text, words, FirstHit(text, words));

    private static string Build(string text, IReadOnlyList<string> words, int first)
    {
        var start = first < 0 ? WordStart(text, 0) : first;
        if (start < 0)
        {
            return "";
        }

        for (var n = 0; first >= 0 && n < Before; n++)
        {
            var previous = PreviousWord(text, start);
            if (previous < 0 || first - previous > MaxBack)
            {
                break;
            }

            start = previous;
        }

        var sb = new System.Text.StringBuilder(160);
        if (WordStart(text, 0) < start)
        {
            sb.Append("...");
        }

        var at = start;
        var end = start;
        for (var n = 0; n < Words && at >= 0; n++)
        {
            var wordEnd = WordEnd(text, at);
            if (n > 0 && sb.Length + (wordEnd - end) > MaxLength)
            {
                break;
            }

            sb.Append(text, end, at - end);
            var word = text.AsSpan(at, wordEnd - at);
            if (IsSearched(word, words))
            {
                sb.Append('[').Append(word).Append(']');
            }
            else
            {
                sb.Append(word);
            }

            end = wordEnd;
            at = WordStart(text, wordEnd);
        }

        if (at >= 0)
        {
            sb.Append("...");
        }
        else
        {
            sb.Append(text, end, Math.Min(text.Length - end, 20)); // the end of the text: its closing punctuation
        }

        return sb.ToString();
    }

    /// <summary>The start of the first place where one of <paramref name="words"/> (words or phrases) stands whole in the text, or -1.</summary>
    private static int FirstHit(string text, IReadOnlyList<string> words)
    {
        var best = -1;
        foreach (var w in words)
        {
            var from = 0;
            while (from < text.Length)
            {
                var i = text.AsSpan(from, (best < 0 ? text.Length : Math.Min(text.Length, best + w.Length)) - from).IndexOf(w, StringComparison.OrdinalIgnoreCase);
                if (i < 0)
                {
                    break;
                }

                var s = from + i;
                var e = s + w.Length;
                if ((s == 0 || !char.IsLetterOrDigit(text[s - 1])) && (e == text.Length || !char.IsLetterOrDigit(text[e])))
                {
                    if (best < 0 || s < best)
                    {
                        best = s;
                    }

                    break;
                }

                from = s + 1;
            }
        }

        return best;
    }

    private static bool IsSearched(ReadOnlySpan<char> word, IReadOnlyList<string> words)
    {
        foreach (var w in words)
        {
            if (word.Equals(w, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The start of the first word at or after <paramref name="from"/>, or -1.</summary>
    private static int WordStart(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (char.IsLetterOrDigit(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static int WordEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsLetterOrDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>The start of the word before the one starting at <paramref name="start"/>, or -1.</summary>
    private static int PreviousWord(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && !char.IsLetterOrDigit(text[i]))
        {
            i--;
        }

        if (i < 0)
        {
            return -1;
        }

        while (i > 0 && char.IsLetterOrDigit(text[i - 1]))
        {
            i--;
        }

        return i;
    }
}
