using Dyad.Text;

namespace Dyad.Tests.Text;

public sealed class OffsetsTests
{
    private static readonly int[] Starts = [0, 5, 5, 9, 20];

    [Theory]
    [InlineData(-1, 0, 0)]
    [InlineData(0, 0, 1)]
    [InlineData(3, 1, 1)]
    [InlineData(5, 1, 3)]
    [InlineData(6, 3, 3)]
    [InlineData(20, 4, 5)]
    [InlineData(99, 5, 5)]
    public void Counts_items_starting_before_and_at_or_before_an_offset(int offset, int before, int atOrBefore)
    {
        Assert.Equal(before, Offsets.CountStartingBefore<int>(Starts, offset, static s => s));
        Assert.Equal(atOrBefore, Offsets.CountStartingAtOrBefore<int>(Starts, offset, static s => s));
    }

    [Fact]
    public void An_empty_list_counts_nothing()
    {
        Assert.Equal(0, Offsets.CountStartingBefore<int>([], 7, static s => s));
        Assert.Equal(0, Offsets.CountStartingAtOrBefore<int>([], 7, static s => s));
    }

    [Fact]
    public void Each_sentence_gets_the_tokens_inside_it()
    {
        // "Hi there. Yes." with a stray token before the first sentence and one straddling the second's end.
        Token[] tokens =
        [
            new(0, 1, TokenKind.Symbol), new(2, 4, TokenKind.Word), new(5, 10, TokenKind.Word), new(10, 11, TokenKind.Punctuation),
            new(12, 15, TokenKind.Word), new(15, 17, TokenKind.Punctuation),
        ];
        Sentence[] sentences = [new(2, 11), new(12, 16), new(20, 25)];
        var ranges = Offsets.TokensOfSentences(tokens, sentences);
        Assert.Equal([new Range(1, 4), new Range(4, 5), new Range(6, 6)], ranges);
    }
}
