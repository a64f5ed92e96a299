using System.Collections.Immutable;

namespace Dyad.Text;

/// <summary>
/// Finds sentence boundaries in news text from its tokens. A sentence ends at a paragraph break,
/// at a headline-like line break, or after . ! ? … (with any closing quotes and brackets) when
/// what follows starts a sentence. Abbreviations and initials end a sentence only when a common
/// sentence starter follows ("in the U.S. The talks ..."), titles and months never do.
/// </summary>
public static class SentenceSplitter
{
    private static readonly Abbreviations Abbrev = Abbreviations.Instance;

    public static ImmutableArray<Sentence> Split(string text, ImmutableArray<Token> tokens)
    {
        var sentences = ImmutableArray.CreateBuilder<Sentence>();
        var start = -1;
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            if (start < 0)
            {
                start = token.Start;
            }

            var isLast = t == tokens.Length - 1;
            if (isLast || EndsSentence(text, tokens, t))
            {
                sentences.Add(new Sentence(start, token.End));
                start = -1;
            }
        }

        return sentences.DrainToImmutable();
    }

    private static bool EndsSentence(string text, ImmutableArray<Token> tokens, int t)
    {
        var token = tokens[t];
        var next = tokens[t + 1];
        var gap = text.AsSpan(token.End, next.Start - token.End);
        var newlines = gap.Count('\n');
        if (newlines >= 2)
        {
            return true;
        }

        var nextIsClosing = IsClosing(text[next.Start]) && next.Start == token.End;
        if (IsClosing(text[token.Start]) && token.Length == 1 && !nextIsClosing && t > 0)
        {
            // A closing quote or bracket ends the sentence when the token before it did.
            var before = tokens[t - 1];
            var straightOpening = text[token.Start] is '"' or '\'' && before.End < token.Start && IsOpeningQuote(text, token);
            if (!straightOpening && IsTerminal(text, before) && !text.AsSpan(before.End, token.Start - before.End).Contains('\n') && StartsSentence(text, next))
            {
                return true;
            }
        }

        if (newlines == 1 && StartsSentence(text, next) && !EndsWithContinuation(text, token) && LineIsShort(text, token.End))
        {
            return true;
        }

        if (!IsTerminal(text, token) && !EndsWithAbbreviationPeriod(text, token))
        {
            return false;
        }

        // Closing quotes and brackets belong to the sentence they end.
        if (IsClosing(text[next.Start]) && (next.Start == token.End || !IsOpeningQuote(text, next)))
        {
            return false;
        }

        if (EndsWithAbbreviationPeriod(text, token))
        {
            var word = text.AsSpan(token.Start, token.Length - 1);
            if (Abbrev.IsTitle(word))
            {
                return false;
            }

            return IsCommonStarter(text, next) || newlines > 0;
        }

        if (gap.Length == 0 && text[token.Start] == '.')
        {
            // "3.5" is one token; a period glued to the next word ("end.Next") is not a boundary
            // unless the next word is capitalised.
            return char.IsUpper(text[next.Start]);
        }

        return StartsSentence(text, next);
    }

    private static bool IsTerminal(string text, Token token) =>
        token.Kind == TokenKind.Punctuation && text[token.Start] is '.' or '!' or '?' or '…'
        && !(token.Length == 2 && text[token.Start] == '-');

    private static bool EndsWithAbbreviationPeriod(string text, Token token) =>
        token.Kind == TokenKind.Word && token.Length > 1 && text[token.End - 1] == '.';

    private static bool IsClosing(char c) => c is '"' or '\'' or '”' or '’' or '»' or ')' or ']' or '}';

    /// <summary>A straight quote glued to the word after it opens a quotation.</summary>
    private static bool IsOpeningQuote(string text, Token token) =>
        text[token.Start] is '"' or '\'' && token.End < text.Length && !char.IsWhiteSpace(text[token.End]);

    private static bool IsOpening(char c) => c is '"' or '\'' or '“' or '‘' or '«' or '„' or '(' or '[' or '-' or '—' or '–';

    private static bool StartsSentence(string text, Token next)
    {
        var c = text[next.Start];
        // "iPhone", "iOS", "eBay": a lower-case letter followed by a capital starts a sentence too.
        var camel = char.IsLower(c) && next.Length > 1 && char.IsUpper(text[next.Start + 1]);
        return char.IsUpper(c) || camel || char.IsDigit(c) || IsOpening(c) || (!char.IsLetter(c) && next.Kind != TokenKind.Punctuation);
    }

    private static bool IsCommonStarter(string text, Token next)
    {
        var c = text[next.Start];
        if (c is '"' or '“' or '‘' or '«')
        {
            return true;
        }

        return next.Kind == TokenKind.Word && Abbrev.StarterLookup.Contains(text.AsSpan(next.Start, next.Length));
    }

    private static bool EndsWithContinuation(string text, Token token) =>
        token.Kind == TokenKind.Punctuation && text[token.Start] is ',' or ';' or ':' or '(' or '-' or '–' or '—';

    private static bool LineIsShort(string text, int lineEnd)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, lineEnd - 1));
        return lineEnd - (lineStart + 1) <= 120;
    }
}
