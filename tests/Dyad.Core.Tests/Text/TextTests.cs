using Dyad.Text;

namespace Dyad.Tests.Text;

public sealed record SentenceCase(string Name, string Text, string[] Sentences)
{
    public override string ToString() => Name;
}

public sealed record TokenCase(string Text, string[] Tokens)
{
    public override string ToString() => Text;
}

public sealed class TextTests
{
    public static TheoryData<SentenceCase> SentenceCases => SpecFile.Theory<SentenceCase>("Sentences.json");

    public static TheoryData<TokenCase> TokenCases => SpecFile.Theory<TokenCase>("Tokens.json");

    [Theory]
    [MemberData(nameof(SentenceCases))]
    public void Splits_sentences(SentenceCase c)
    {
        var tokens = Tokenizer.Tokenize(c.Text);
        var sentences = SentenceSplitter.Split(c.Text, tokens).Select(s => c.Text[s.Start..s.End]).ToArray();
        Assert.Equal(c.Sentences, sentences);
    }

    [Theory]
    [MemberData(nameof(TokenCases))]
    public void Tokenizes(TokenCase c)
    {
        var tokens = Tokenizer.Tokenize(c.Text).Select(t => c.Text[t.Start..t.End]).ToArray();
        Assert.Equal(c.Tokens, tokens);
    }

    [Fact]
    public void Empty_and_whitespace_text_give_no_tokens_or_sentences()
    {
        Assert.Empty(Tokenizer.Tokenize(""));
        var tokens = Tokenizer.Tokenize(" \n\t ");
        Assert.Empty(tokens);
        Assert.Empty(SentenceSplitter.Split(" \n\t ", tokens));
    }

    [Fact]
    public void Pathological_text_is_handled_in_linear_time()
    {
        var text = string.Concat(Enumerable.Repeat("a.", 200_000)) + new string('.', 100_000) + new string('x', 100_000);
        var tokens = Tokenizer.Tokenize(text);
        var sentences = SentenceSplitter.Split(text, tokens);
        Assert.NotEmpty(tokens);
        Assert.NotEmpty(sentences);
        Assert.All(tokens, t => Assert.True(t.End > t.Start));
    }
}
