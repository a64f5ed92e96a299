namespace Dyad.Names;

/// <summary>
/// What the rest of the document says about a word's casing: whether it is written capitalised
/// inside ordinary sentences (not at their start), and whether it is written in lower case.
/// Helps with names at the start of a sentence and in headlines ("Seagal made headlines").
/// </summary>
public sealed class DocumentContext
{
    private readonly HashSet<ulong> _capitalisedInside = [];
    private readonly HashSet<ulong> _lower = [];

    public static DocumentContext Empty { get; } = new();

    public void AddSentence(string text, ReadOnlySpan<Token> tokens)
    {
        if (FeatureExtractor.ModeOf(text, tokens) != LineMode.Normal)
        {
            return;
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            var span = text.AsSpan(tokens[i].Start, tokens[i].Length);
            if (span.Length == 0 || !char.IsLetter(span[0]))
            {
                continue;
            }

            if (char.IsLower(span[0]))
            {
                _lower.Add(Hashing.Lower(span));
            }
            else if (i > 0 && !IsOpening(text, tokens[i - 1]))
            {
                _capitalisedInside.Add(Hashing.Lower(span));
            }
        }
    }

    /// <summary>0: never seen otherwise; 1: capitalised inside sentences; 2: lower case; 3: both.</summary>
    public ulong Evidence(ulong lowerHash) =>
        (_capitalisedInside.Contains(lowerHash) ? 1UL : 0UL) | (_lower.Contains(lowerHash) ? 2UL : 0UL);

    private static bool IsOpening(string text, Token token) =>
        token.Length == 1 && text[token.Start] is '"' or '\u201c' or '\'' or '\u2018' or '(' or '[' or ':' or '-' or '\u2014';
}
