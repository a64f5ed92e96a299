using Dyad.Pipeline;

namespace Dyad.Text;

/// <summary>The first stage: tokens and sentences. Always present in a pipeline.</summary>
public sealed class TextStage : IStage
{
    public static readonly TextStage Instance = new();

    private TextStage()
    {
    }

    public string Name => "text";

    public Analysis Run(Analysis analysis)
    {
        var text = analysis.Document.Text;
        var tokens = Tokenizer.Tokenize(text);
        var sentences = SentenceSplitter.Split(text, tokens);
        return analysis with { Tokens = tokens, Sentences = sentences };
    }
}
