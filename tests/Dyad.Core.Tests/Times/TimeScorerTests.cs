using Dyad.Evaluation;

namespace Dyad.Tests.Times;

public sealed class TimeScorerTests
{
    private const string TimeMl = """
        <?xml version="1.0" ?>
        <TimeML>
        <DOCID>test</DOCID>
        <DCT><TIMEX3 tid="t0" type="DATE" value="2025-01-22" temporalFunction="false" functionInDocument="CREATION_TIME">2025-01-22</TIMEX3></DCT>
        <TEXT>The minister resigned <TIMEX3 tid="t1" type="DATE" value="2025-01-20">Monday</TIMEX3> after talks that lasted <TIMEX3 tid="t2" type="DURATION" value="P5Y">five years</TIMEX3>. He spoke <TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">this morning</TIMEX3>.</TEXT>
        </TimeML>
        """;

    [Fact]
    public void Reads_timeml_text_dct_and_inline_timexes()
    {
        var gold = TimeScorer.ReadTimeMl("test", TimeMl);
        Assert.Equal(new DateOnly(2025, 1, 22), gold.Dct);
        Assert.Equal(3, gold.Times.Count);
        Assert.All(gold.Times, t => Assert.False(string.IsNullOrWhiteSpace(gold.Text[t.Start..t.End])));
        Assert.Equal("Monday", gold.Text[gold.Times[0].Start..gold.Times[0].End]);
        Assert.Equal("five years", gold.Text[gold.Times[1].Start..gold.Times[1].End]);
    }

    [Fact]
    public void Scores_strict_relaxed_type_and_value_like_tempeval3()
    {
        var gold = TimeScorer.ReadTimeMl("test", TimeMl);
        var (scores, differences) = TimeScorer.Score(gold);

        // Dyad reads "this morning" as TIME 2025-01-22TMO: the extent matches, the type and value do not.
        Assert.Equal(3, scores.Gold);
        Assert.Equal(3, scores.Predicted);
        Assert.Equal(3, scores.StrictMatches);
        Assert.Equal(3, scores.RelaxedMatches);
        Assert.Equal(2, scores.TypeCorrect);
        Assert.Equal(2, scores.ValueCorrect);
        Assert.Equal(2.0 / 3, scores.Value.F1, 6);
        Assert.Contains(differences, d => d.Kind == "value" && d.Text == "this morning");
    }

    [Fact]
    public void Relaxed_match_counts_an_overlap()
    {
        const string xml = """
            <TimeML><DCT><TIMEX3 type="DATE" value="2025-01-22" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
            <TEXT>Prices rose <TIMEX3 type="DATE" value="2025">earlier this year</TIMEX3> and <TIMEX3 type="DATE" value="2024">in 2024</TIMEX3>.</TEXT></TimeML>
            """;
        var (scores, _) = TimeScorer.Score(TimeScorer.ReadTimeMl("overlap", xml));
        Assert.Equal(2, scores.RelaxedMatches);
        Assert.Equal(1, scores.StrictMatches); // "2024" inside the gold "in 2024"
        Assert.Equal(2, scores.ValueCorrect);
    }

    [SkippableFact]
    public void Meantime_files_read_with_token_offsets_and_scope()
    {
        var folder = SharedData.Require("data/meantime/intra-doc_annotation");
        var file = Directory.EnumerateFiles(folder, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var gold = TimeScorer.ReadMeantime(Path.GetFileNameWithoutExtension(file), File.ReadAllText(file));
        Assert.NotNull(gold.Dct);
        Assert.NotEmpty(gold.Times);
        Assert.True(gold.AnnotatedUntil <= gold.Text.Length);
        Assert.All(gold.Times, t => Assert.True(t.Start >= 0 && t.End <= gold.Text.Length && t.End > t.Start));
    }
}
