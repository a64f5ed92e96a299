using Dyad.Pipeline;
using Dyad.Tone;

namespace Dyad.Tests.Tone;

public sealed class ToneTests
{
    private static double Tone(string text) =>
        new PipelineBuilder().UseTone().Build().Analyze(new Document { Text = text }).Tone!.Value;

    [Fact]
    public void Cooperative_text_is_positive_and_hostile_text_negative()
    {
        Assert.True(Tone("The leaders praised the successful agreement and welcomed the friendship.") > 0);
        Assert.True(Tone("Troops killed protesters and the ministry condemned the brutal attack.") < 0);
    }

    [Fact]
    public void Negation_flips_the_valence_of_the_next_word()
    {
        Assert.True(Tone("The talks were not successful.") < 0);
    }

    [Fact]
    public void Tone_is_a_percentage_of_words()
    {
        Assert.Equal(100.0, Tone("good great"));
        Assert.Equal(0.0, Tone(""));
        Assert.Equal(-50.0, Tone("war today"));
    }
}
