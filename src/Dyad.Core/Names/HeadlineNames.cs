using System.Collections.Immutable;

namespace Dyad.Names;

/// <summary>
/// Headlines are written in title case ("Xi, Putin Reaffirm Ties as Trump Returns to White House"),
/// where capitals say nothing about names and the recogniser tends to run a name into the verbs
/// after it ("Putin Reaffirm Ties"). For a name on a title-case line, only the words that the
/// article also writes with a capital outside its headlines (or short name particles between
/// two such words) are kept; a name none of whose words the body confirms is left as it is.
/// </summary>
internal static class HeadlineNames
{
    private static readonly string[] Particles = ["of", "de", "del", "der", "van", "von", "bin", "al", "la", "le", "da", "do", "dos", "and", "the"];

    public static ImmutableArray<NameMention> Trim(string text, ImmutableArray<Token> tokens, ImmutableArray<NameMention> names)
    {
        if (names.IsDefaultOrEmpty)
        {
            return names;
        }

        var newlines = Newlines(text);
        var headlineLines = HeadlineLines(text, tokens, newlines);
        if (headlineLines.Count == 0 || !names.Any(n => headlineLines.Contains(LineStart(newlines, n.Start))))
        {
            return names;
        }

        var confirmed = BodyCapitalisedWords(text, tokens, headlineLines, newlines);
        var result = ImmutableArray.CreateBuilder<NameMention>(names.Length);
        foreach (var name in names)
        {
            if (!headlineLines.Contains(LineStart(newlines, name.Start)))
            {
                result.Add(name);
                continue;
            }

            var inside = tokens.Where(t => t.Start >= name.Start && t.End <= name.End && t.Kind is TokenKind.Word or TokenKind.Number).ToList();
            var keep = inside.Select(t => confirmed.Contains(text.Substring(t.Start, t.Length).ToLowerInvariant())).ToArray();
            if (!keep.Any(k => k) || keep.All(k => k))
            {
                result.Add(name);
                continue;
            }

            for (var i = 1; i < inside.Count - 1; i++)
            {
                var word = text.Substring(inside[i].Start, inside[i].Length);
                if (!keep[i] && keep[i - 1] && keep[i + 1] && Particles.Contains(word.ToLowerInvariant()))
                {
                    keep[i] = true;
                }
            }

            for (var i = 0; i < inside.Count; i++)
            {
                if (!keep[i])
                {
                    continue;
                }

                var j = i;
                while (j + 1 < inside.Count && keep[j + 1])
                {
                    j++;
                }

                var start = inside[i].Start;
                var end = inside[j].End;
                result.Add(name with { Start = start, End = end, Text = text[start..end] });
                i = j;
            }
        }

        return result.DrainToImmutable();
    }

    /// <summary>The start of the line holding <paramref name="offset"/>: one past the last newline before it.</summary>
    private static int LineStart(int[] newlines, int offset)
    {
        if (offset == 0)
        {
            return 0;
        }

        var i = Array.BinarySearch(newlines, offset - 1);
        var before = i >= 0 ? i : ~i - 1;
        return before < 0 ? 0 : newlines[before] + 1;
    }

    /// <summary>The offsets of every newline in the text, ascending (found once instead of per token).</summary>
    private static int[] Newlines(string text)
    {
        var result = new List<int>();
        var at = text.IndexOf('\n', StringComparison.Ordinal);
        while (at >= 0)
        {
            result.Add(at);
            at = text.IndexOf('\n', at + 1);
        }

        return [.. result];
    }

    /// <summary>
    /// Starts of the headline lines: no final punctuation, and most longer words (at least three)
    /// capitalised. A lead sentence full of names still ends with a period.
    /// </summary>
    private static HashSet<int> HeadlineLines(string text, ImmutableArray<Token> tokens, int[] newlines)
    {
        var lines = new HashSet<int>();
        var line = -1;
        int words = 0, capitalised = 0;
        foreach (var token in tokens)
        {
            var start = LineStart(newlines, token.Start);
            if (start != line)
            {
                if (words >= 3 && capitalised * 10 >= words * 6 && !EndsLikeASentence(text, line))
                {
                    lines.Add(line);
                }

                line = start;
                words = capitalised = 0;
            }

            if (token.Kind == TokenKind.Word && token.Length >= 4)
            {
                words++;
                if (char.IsUpper(text[token.Start]))
                {
                    capitalised++;
                }
            }
        }

        if (words >= 3 && capitalised * 10 >= words * 6 && !EndsLikeASentence(text, line))
        {
            lines.Add(line);
        }

        return lines;
    }

    private static bool EndsLikeASentence(string text, int lineStart)
    {
        var end = text.IndexOf('\n', lineStart);
        var line = text.AsSpan(lineStart, (end < 0 ? text.Length : end) - lineStart).TrimEnd();
        return line.Length > 0 && line[^1] is '.' or '!' or '?' or '"' or '”' or '’' or ')';
    }

    /// <summary>Lower-cased words written with a capital outside headlines, not at a sentence start.</summary>
    private static HashSet<string> BodyCapitalisedWords(string text, ImmutableArray<Token> tokens, HashSet<int> headlineLines, int[] newlines)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Word || !char.IsUpper(text[token.Start]) || headlineLines.Contains(LineStart(newlines, token.Start)))
            {
                continue;
            }

            var previous = tokens[i - 1];
            var sentenceStart = previous.Kind == TokenKind.Punctuation && text[previous.Start] is '.' or '!' or '?' or '"' or '“'
                || text.AsSpan(previous.End, token.Start - previous.End).Contains('\n');
            if (!sentenceStart)
            {
                words.Add(text.Substring(token.Start, token.Length).ToLowerInvariant());
            }
        }

        return words;
    }
}
