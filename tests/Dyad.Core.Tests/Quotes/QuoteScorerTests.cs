using Dyad.Evaluation;

namespace Dyad.Tests.Quotes;

public sealed class QuoteScorerTests
{
    private const string Text = "“We agree,” Putin said. Lavrov said the talks failed. The banner read: “Never again.”";

    private const string Ann =
        "T1\tContent 1 9\tWe agree\n" +
        "T2\tSource 12 17\tPutin\n" +
        "T3\tCue 18 22\tsaid\n" +
        "E1\tAttribution:T3 Source:T2 Content:T1\n" +
        "A1\tDirect T1\n" +
        "T4\tSource 24 30\tLavrov\n" +
        "T5\tContent 36 39;40 52\tthe talks failed\n" +
        "R1\tAttribution Arg1:T4 Arg2:T5\n" +
        "T6\tContent 71 83\tNever again.\n" +
        "A2\tType T6 Direct\n" +
        "#1\tAnnotatorNotes T1\tignored\n" +
        "bad line\n";

    [Fact]
    public void Reads_spans_events_relations_and_attributes()
    {
        var gold = BratAttribution.Read(Ann);
        Assert.Equal(3, gold.Count);
        Assert.Equal(new TextRange(1, 9), gold[0].Content);
        Assert.Equal([new TextRange(12, 17)], gold[0].Sources);
        Assert.Equal([new TextRange(18, 22)], gold[0].Cues);
        Assert.True(gold[0].Direct);
        Assert.Equal(new TextRange(36, 52), gold[1].Content); // discontinuous span: its extent
        Assert.Equal([new TextRange(24, 30)], gold[1].Sources); // relation in either argument order
        Assert.Null(gold[1].Direct);
        Assert.Empty(gold[2].Sources); // unknown speaker
        Assert.True(gold[2].Direct);
    }

    [Fact]
    public void Scores_overlap_matches_and_speakers()
    {
        var gold = BratAttribution.Read(Ann);
        Quote[] predicted =
        [
            new(1, 9, "We agree", true, new QuoteSpeaker(null, "Vladimir Putin", 12, 17), null),
            new(36, 45, "the talks", false, new QuoteSpeaker(null, "Lavrov", 24, 30), null), // 9 of 16 gold chars: a match
            new(71, 83, "Never again.", true, new QuoteSpeaker(null, "Lavrov", 24, 30), null), // gold speaker unknown: wrong
            new(60, 66, "banner", true, null, null), // spurious
        ];
        var (score, _) = QuoteScorer.Score(Text, gold, predicted);
        Assert.Equal(new Score(3, 1, 0), score.Content);
        Assert.Equal(2, score.SpeakersRight);
        Assert.Equal(3, score.Matched);
    }

    [Fact]
    public void Less_than_half_overlap_is_no_match()
    {
        var gold = BratAttribution.Read(Ann);
        Quote[] predicted = [new(36, 40, "the ", false, null, null), new(0, 60, Text[..60], true, null, null)];
        var (score, _) = QuoteScorer.Score(Text, gold, predicted);
        Assert.Equal(0, score.Content.TruePositives);
        Assert.Equal(2, score.Content.FalsePositives);
        Assert.Equal(3, score.Content.FalseNegatives);
    }

    [Fact]
    public void Speaker_by_surname_counts()
    {
        var gold = new GoldQuote(new TextRange(1, 9), [new TextRange(12, 17)], [], true);
        var predicted = new Quote(1, 9, "We agree", true, new QuoteSpeaker("e1", "Vladimir Putin", 60, 62), null);
        Assert.True(QuoteScorer.SpeakerRight(Text, gold, predicted));
    }
}
