using System.Collections.Immutable;
using Dyad.Names;
using Dyad.Text;

namespace Dyad.Tests.Names;

public sealed class TimeTailsTests
{
    private const string Text = "Leaders met at the Munich Security Conference on Friday and at Black Tuesday Books in May.";

    private static NameMention Name(string words, string type = "ORG")
    {
        var start = Text.IndexOf(words, StringComparison.Ordinal);
        return new NameMention(start, start + words.Length, words, type);
    }

    private static TimeExpression Time(string words)
    {
        var start = Text.IndexOf(words, StringComparison.Ordinal);
        return new TimeExpression(start, start + words.Length, words, "DATE", "2025-02-14", null);
    }

    [Theory]
    [InlineData("Friday")] // the word before the time is lower case
    [InlineData("on Friday")] // the time itself starts lower case
    public void A_name_stops_before_a_time_after_a_lower_case_word(string time)
    {
        var names = TimeTails.Trim(Text, Tokenizer.Tokenize(Text), [Time(time)], [Name("Munich Security Conference on Friday")]);
        var name = Assert.Single(names);
        Assert.Equal("Munich Security Conference", name.Text);
        Assert.Equal(Text[name.Start..name.End], name.Text);
    }

    [Fact]
    public void A_time_after_a_capitalised_word_stays_in_the_name()
    {
        var names = TimeTails.Trim(Text, Tokenizer.Tokenize(Text), [Time("Tuesday")], [Name("Black Tuesday")]);
        Assert.Equal("Black Tuesday", Assert.Single(names).Text);
    }

    [Fact]
    public void Names_without_times_are_unchanged()
    {
        ImmutableArray<NameMention> names = [Name("Munich Security Conference on Friday")];
        Assert.Equal(names, TimeTails.Trim(Text, Tokenizer.Tokenize(Text), [], names));
    }
}
