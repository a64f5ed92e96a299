using System.Runtime.CompilerServices;

namespace Dyad.Names;

/// <summary>
/// What the rest of the document says about a word's casing: whether it is written capitalised
/// inside ordinary sentences (not at their start), and whether it is written in lower case.
/// Helps with names at the start of a sentence and in headlines ("Seagal made headlines").
/// </summary>
public sealed class DocumentContext
{
    // Per word (lowercased hash): 1 capitalised inside a sentence, 2 written in lower case, the kinds << 8.
    private readonly UInt64Map _words = new(256);

    public static DocumentContext Empty { get; } = new();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddSentence(string text, ReadOnlySpan<Token> tokens)
    {
        if (FeatureExtractor.ModeOf(text, tokens) != LineMode.Normal)
        {
            return;
        }

        AddKinds(text, tokens);
        for (var i = 0; i < tokens.Length; i++)
        {
            var span = text.AsSpan(tokens[i].Start, tokens[i].Length);
            if (span.Length == 0 || !char.IsLetter(span[0]))
            {
                continue;
            }

            if (char.IsLower(span[0]))
            {
                _words.Or(Hashing.Lower(span), 2);
            }
            else if (i > 0 && !IsOpening(text, tokens[i - 1]))
            {
                _words.Or(Hashing.Lower(span), 1);
            }
        }
    }

    /// <summary>0: never seen otherwise; 1: capitalised inside sentences; 2: lower case; 3: both.</summary>
    public ulong Evidence(ulong lowerHash) => _words.Get(lowerHash) & 3;

    /// <summary>
    /// What the document says elsewhere about the kind of name a word belongs to: 1 a word of a
    /// capitalised run headed by an organisation word ("Hewitt Associates"), 2 by a facility or place
    /// word, 4 after a title or honorific ("Mr Hewitt"), 16 an acronym the document spells out
    /// ("Housing Authority of New Orleans ( HANO )", with 1 when the long form is an organisation's).
    /// </summary>
    public ulong Kinds(ulong lowerHash) => _words.Get(lowerHash) >> 8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddKinds(string text, ReadOnlySpan<Token> tokens)
    {
        var n = tokens.Length;
        var i = 0;
        while (i < n)
        {
            if (!FeatureExtractor.IsCapitalisedWord(text, tokens[i]))
            {
                i++;
                continue;
            }

            var end = FeatureExtractor.RunEnd(text, tokens, i);
            var head = HeadWords.KindOf(Hashing.Lower(text.AsSpan(tokens[end - 1].Start, tokens[end - 1].Length)));
            var bits = head == HeadWords.Org ? 1UL : head is HeadWords.Fac or HeadWords.Loc ? 2UL : 0UL;
            if (bits == 0 && end - i <= 3 && i > 0 && HeadWords.IsTitle(Hashing.Lower(text.AsSpan(tokens[i - 1].Start, tokens[i - 1].Length))))
            {
                bits = 4;
            }

            for (var k = i; k < end; k++)
            {
                if (bits != 0 && (k < end - 1 || bits == 4) && FeatureExtractor.IsCapitalisedWord(text, tokens[k]))
                {
                    Or(Hashing.Lower(text.AsSpan(tokens[k].Start, tokens[k].Length)), bits);
                }
            }

            // "Long Form ( LF )": the acronym, with the kind of the long form.
            if (end - i >= 2 && end + 2 < n && text[tokens[end].Start] == '(' && tokens[end].Length == 1
                && text[tokens[end + 2].Start] == ')' && tokens[end + 2].Length == 1)
            {
                var acronym = text.AsSpan(tokens[end + 1].Start, tokens[end + 1].Length);
                if (acronym.Length is >= 2 and <= 6 && IsUpperLetters(acronym) && acronym[0] == char.ToUpperInvariant(text[tokens[i].Start]))
                {
                    Or(Hashing.Lower(acronym), 16UL | (head == HeadWords.Org ? 1UL : 0UL));
                }
            }

            i = end;
        }
    }

    private void Or(ulong key, ulong bits) => _words.Or(key, (uint)bits << 8);

    private static bool IsUpperLetters(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOpening(string text, Token token) =>
        token.Length == 1 && text[token.Start] is '"' or '\u201c' or '\'' or '\u2018' or '(' or '[' or ':' or '-' or '\u2014';
}
