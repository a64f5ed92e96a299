using System.Collections.Frozen;
using System.Collections.Immutable;
using Dyad.Resources;

namespace Dyad.Text;

/// <summary>
/// Splits news text into tokens with offsets. Keeps together what news writes as one unit:
/// abbreviations and initials with their period (U.S., Mr., a.m., J.), numbers with separators
/// (1,000.50; 15:00; 2025-01-17; 1/17/2025), hyphenated words (Asia-Pacific) and contractions;
/// splits the possessive 's and punctuation. Linear time, no regular expressions.
/// </summary>
public static class Tokenizer
{
    private static readonly Abbreviations Abbrev = Abbreviations.Instance;

    public static ImmutableArray<Token> Tokenize(string text) => Tokenize(text, 0, text.Length);

    public static ImmutableArray<Token> Tokenize(string text, int from, int to)
    {
        var tokens = ImmutableArray.CreateBuilder<Token>(Math.Max(16, (to - from) / 5));
        var i = from;
        while (i < to)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '\u200B' || c == '\uFEFF')
            {
                i++;
                continue;
            }

            int end;
            TokenKind kind;
            if (char.IsLetter(c))
            {
                end = ScanWord(text, i, to);
                kind = TokenKind.Word;
            }
            else if (char.IsDigit(c))
            {
                end = ScanNumber(text, i, to);
                kind = TokenKind.Number;
                if (end + 1 < to && IsHyphen(text[end]) && char.IsLetter(text[end + 1]))
                {
                    // 48-hour, 16th-century: a number joined to a word is one word
                    end = ScanWord(text, end + 1, to);
                    kind = TokenKind.Word;
                }
            }
            else if (IsApostrophe(c) && i + 1 < to && text[i + 1] is 's' or 'S' && (i + 2 >= to || !char.IsLetter(text[i + 2])))
            {
                end = i + 2;
                kind = TokenKind.Word;
            }
            else if (c == '.' && i + 2 < to && text[i + 1] == '.' && text[i + 2] == '.')
            {
                end = i + 3;
                kind = TokenKind.Punctuation;
            }
            else if (c == '-' && i + 1 < to && text[i + 1] == '-')
            {
                end = i + 2;
                kind = TokenKind.Punctuation;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < to && char.IsLowSurrogate(text[i + 1]))
            {
                end = i + 2;
                kind = TokenKind.Symbol;
            }
            else
            {
                end = i + 1;
                kind = char.IsPunctuation(c) ? TokenKind.Punctuation : TokenKind.Symbol;
            }

            tokens.Add(new Token(i, end, kind));
            i = end;
        }

        return tokens.DrainToImmutable();
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';

    private static int ScanWord(string text, int start, int to)
    {
        var i = start;
        while (true)
        {
            while (i < to && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark))
            {
                i++;
            }

            if (i + 1 >= to)
            {
                break;
            }

            var c = text[i];
            var next = text[i + 1];
            if (IsHyphen(c) && char.IsLetterOrDigit(next))
            {
                i++;
                continue;
            }

            if (IsApostrophe(c) && char.IsLetter(next))
            {
                // The possessive 's / 'S is its own token (CoNLL style); other contractions stay.
                var afterS = i + 2;
                var possessive = (next is 's' or 'S') && (afterS >= to || !char.IsLetter(text[afterS]));
                if (possessive)
                {
                    break;
                }

                i++;
                continue;
            }

            if (c == '.' && char.IsLetter(next) && IsDottedAbbreviation(text, start, i, to))
            {
                // U.S. / a.m. / e.g. / N.V.: letters separated by single periods.
                i++;
                continue;
            }

            break;
        }

        // Attach a final period to a known abbreviation, an initial, or a dotted abbreviation.
        if (i < to && text[i] == '.' && !(i + 1 < to && text[i + 1] == '.'))
        {
            var word = text.AsSpan(start, i - start);
            var isInitial = word.Length == 1 && char.IsUpper(word[0]);
            if (isInitial || word.Contains('.') || Abbrev.IsKnown(word))
            {
                i++;
            }
        }
        else if (i < to && IsApostrophe(text[i]) && i + 1 < to && text[i + 1] is 's' or 'S')
        {
            // Leave the possessive for the next token.
        }

        return i;
    }

    private static bool IsDottedAbbreviation(string text, int start, int dot, int to)
    {
        // Each part between periods is at most 3 letters: U.S.A, Ph.D, S.p.A, a.m
        if (dot - start > 3)
        {
            return false;
        }

        var j = dot + 1;
        var k = j;
        while (k < to && char.IsLetter(text[k]))
        {
            k++;
        }

        return k - j is >= 1 and <= 3 && k < to && text[k] == '.';
    }

    private static int ScanNumber(string text, int start, int to)
    {
        var i = start;
        while (i < to)
        {
            var c = text[i];
            if (char.IsDigit(c))
            {
                i++;
                continue;
            }

            if ((c is ',' or '.' or ':' or '/') && i + 1 < to && char.IsDigit(text[i + 1]))
            {
                i++;
                continue;
            }

            if (c == '-' && i + 1 < to && char.IsDigit(text[i + 1]) && LooksLikeIsoDate(text, start, i))
            {
                i++;
                continue;
            }

            if (char.IsLetter(c))
            {
                // 1990s, 3rd, 48th, 10am, 5km: digits followed by a short letter suffix
                var j = i;
                while (j < to && char.IsLetter(text[j]))
                {
                    j++;
                }

                if (j - i <= 3)
                {
                    i = j;
                }

                break;
            }

            break;
        }

        return i;
    }

    private static bool LooksLikeIsoDate(string text, int start, int hyphen)
    {
        // 2025-01-17: a 4-digit year then -MM, or yyyy-MM then -dd
        var len = hyphen - start;
        return len == 4 || (len == 7 && text[start + 4] == '-');
    }
}

/// <summary>The abbreviation lists, loaded once from <c>Resources/text</c>.</summary>
internal sealed class Abbreviations
{
    public static readonly Abbreviations Instance = new();

    private readonly FrozenSet<string> _titles;
    private readonly FrozenSet<string> _other;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _titleLookup;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _otherLookup;

    private Abbreviations()
    {
        var sections = EmbeddedData.ReadSections("text/abbreviations.txt");
        _titles = sections["title"].ToFrozenSet(StringComparer.Ordinal);
        _other = sections["other"].ToFrozenSet(StringComparer.Ordinal);
        _titleLookup = _titles.GetAlternateLookup<ReadOnlySpan<char>>();
        _otherLookup = _other.GetAlternateLookup<ReadOnlySpan<char>>();
        SentenceStarters = EmbeddedData.ReadDataLines("text/sentence-starters.txt").ToFrozenSet(StringComparer.Ordinal);
        StarterLookup = SentenceStarters.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public FrozenSet<string> SentenceStarters { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StarterLookup { get; }

    public bool IsKnown(ReadOnlySpan<char> word) => _titleLookup.Contains(word) || _otherLookup.Contains(word);

    /// <summary>A title or month abbreviation: a name or number follows, never a sentence end.</summary>
    public bool IsTitle(ReadOnlySpan<char> word) => _titleLookup.Contains(word);
}
