using System.Collections.Immutable;

namespace Dyad.Places;

/// <summary>
/// Finds the dateline that opens a news body: "NEW DELHI, July 15 -", "MOSCOW (Reuters) —",
/// "SPRINGFIELD, Ill. —", "Kyiv, Jan 3 (AP) -". The dateline is the run of tokens from the body's
/// first word to a dash or colon within its first dozen tokens, when it starts with a capitalised word.
/// </summary>
public static class Dateline
{
    private const int MaxTokens = 14;

    /// <summary>The dateline's range (up to, not including, the dash), or null when the body has none.</summary>
    public static TextRange? Find(Analysis analysis)
    {
        var tokens = analysis.Tokens;
        var text = analysis.Text;
        var first = FirstBodyToken(tokens, analysis.Document.BodyStart);
        if (first < 0 || tokens[first].Kind != TokenKind.Word || !char.IsUpper(text[tokens[first].Start]))
        {
            return null;
        }

        for (var t = first + 1; t < tokens.Length && t < first + MaxTokens; t++)
        {
            var token = tokens[t];
            var gap = text.AsSpan(tokens[t - 1].End, token.Start - tokens[t - 1].End);
            if (gap.Contains('\n'))
            {
                // A dateline on its own line ("MOSCOW\n\nThe Kremlin said") counts only when it is short and all capitals.
                return t - first <= 4 && IsAllCaps(text, tokens, first, t) ? new TextRange(tokens[first].Start, tokens[t - 1].End) : null;
            }

            if (token.Kind == TokenKind.Punctuation && IsDash(text.AsSpan(token.Start, token.Length)))
            {
                return t - first >= 1 ? new TextRange(tokens[first].Start, tokens[t - 1].End) : null;
            }

            if (token.Kind == TokenKind.Punctuation && text[token.Start] == ':' && t - first <= 3 && IsAllCaps(text, tokens, first, t))
            {
                return new TextRange(tokens[first].Start, tokens[t - 1].End);
            }

            var abbreviation = text[token.Start] == '.' && tokens[t - 1].End == token.Start && tokens[t - 1].Kind == TokenKind.Word && tokens[t - 1].Length <= 5;
            if (token.Kind == TokenKind.Punctuation && text[token.Start] is '.' or '!' or '?' or '"' or '“' && !abbreviation)
            {
                return null;
            }
        }

        return null;
    }

    private static int FirstBodyToken(ImmutableArray<Token> tokens, int bodyStart)
    {
        for (var t = 0; t < tokens.Length; t++)
        {
            if (tokens[t].Start >= bodyStart)
            {
                return t;
            }
        }

        return -1;
    }

    private static bool IsDash(ReadOnlySpan<char> s) => s is "-" or "--" or "—" or "–" or "―";

    private static bool IsAllCaps(string text, ImmutableArray<Token> tokens, int from, int to)
    {
        for (var t = from; t < to; t++)
        {
            foreach (var c in text.AsSpan(tokens[t].Start, tokens[t].Length))
            {
                if (char.IsLower(c))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
