using Dyad.Pipeline;

namespace Dyad.Names;

/// <summary>The names stage: fills <see cref="Analysis.Names"/> with the recogniser's mentions.</summary>
public sealed class NamesStage : IStage
{
    public NamesStage(INameRecognizer recognizer)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        Recognizer = recognizer;
    }

    public INameRecognizer Recognizer { get; }

    public string Name => "names";

    public Analysis Run(Analysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var names = Recognizer.Recognize(analysis.Text, analysis.Tokens, analysis.Sentences);
        names = HeadlineNames.Trim(analysis.Text, analysis.Tokens, names);
        return analysis with { Names = TimeTails.Trim(analysis.Text, analysis.Tokens, analysis.Times, names) };
    }
}
