using Dyad.Pipeline;
using Dyad.Text;

namespace Dyad.Times
{

/// <summary>
/// Finds TIMEX3 time expressions (DATE, TIME, DURATION, SET) and resolves them against the
/// document's date (the DCT). Without a date, relative values stay unresolved in TIMEX3 style
/// (XXXX-01-17, PAST_REF). Never throws on bad text.
/// </summary>
public sealed class TimesStage : IStage
{
    public static readonly TimesStage Instance = new();

    private TimesStage()
    {
    }

    public string Name => "times";

    public Analysis Run(Analysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var text = analysis.Document.Text;
        if (string.IsNullOrEmpty(text))
        {
            return analysis;
        }

        var tokens = analysis.Tokens;
        var sentences = analysis.Sentences;
        if (tokens.IsDefaultOrEmpty)
        {
            tokens = Tokenizer.Tokenize(text);
            sentences = SentenceSplitter.Split(text, tokens);
        }

        if (sentences.IsDefaultOrEmpty)
        {
            sentences = tokens.IsEmpty ? [] : [new Sentence(tokens[0].Start, tokens[^1].End)];
        }

        try
        {
            return analysis with { Times = TimeScanner.Scan(text, tokens, sentences, analysis.Document.Date) };
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or InvalidOperationException or FormatException or OverflowException)
        {
            // A bug on odd text must not stop the pipeline: no times for this document.
            return analysis;
        }
    }
}

}

namespace Dyad.Pipeline
{
using Dyad.Times;

/// <summary>Adds the time stage to a pipeline (in the pipeline's namespace so builders need no extra using).</summary>
public static class TimesPipelineExtensions
{
    public static PipelineBuilder UseTimes(this PipelineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(TimesStage.Instance);
    }
}
}
