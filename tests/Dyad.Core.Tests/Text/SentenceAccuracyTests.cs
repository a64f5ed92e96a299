using Dyad.Evaluation;

namespace Dyad.Tests.Text;

/// <summary>The target: sentence-boundary F1 of at least 0.98 on the MEANTIME and GUM news texts.</summary>
public sealed class SentenceAccuracyTests
{
    [SkippableFact]
    public void Meantime_sentence_boundary_f1_is_at_least_098()
    {
        var folder = SharedData.Require("data/meantime/intra-doc_annotation");
        var total = default(Score);
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml", SearchOption.AllDirectories))
        {
            var (text, _, sentences) = GoldText.RebuildMeantime(GoldText.MeantimeTokens(File.ReadAllText(file)));
            total += SentenceScorer.Score(new GoldSentences(file, text, sentences));
        }

        Assert.True(total.F1 >= 0.98, $"MEANTIME sentence F1 {total}");
    }

    [SkippableFact]
    public void Gum_news_sentence_boundary_f1_is_at_least_098()
    {
        var folder = SharedData.Require("data/ner/gum/conllu");
        var total = default(Score);
        foreach (var file in Directory.EnumerateFiles(folder, "GUM_news_*.conllu"))
        {
            foreach (var gold in GoldText.ReadConllu(File.ReadAllText(file), Path.GetFileName(file)))
            {
                total += SentenceScorer.Score(gold);
            }
        }

        Assert.True(total.F1 >= 0.98, $"GUM news sentence F1 {total}");
    }
}
