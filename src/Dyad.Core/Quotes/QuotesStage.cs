using System.Collections.Immutable;
using Dyad.Pipeline;

namespace Dyad.Quotes;

/// <summary>
/// Quotations: who said what. Direct quotes by their marks and reported speech by its cues, each
/// with the speaker that attributes it (resolved to the document's entities where the names and
/// knowledge stages ran) and the cue word. Reads tokens, sentences, names and entities.
/// </summary>
public sealed class QuotesStage : IStage
{
    public static readonly QuotesStage Instance = new();

    private QuotesStage()
    {
    }

    public string Name => "quotes";

    public Analysis Run(Analysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.Text.Length == 0 || analysis.Tokens.IsDefaultOrEmpty)
        {
            return analysis with { Quotes = [] };
        }

        var finder = new QuoteFinder(analysis, QuoteLexicon.Instance);
        var found = finder.Find();
        var resolver = new SpeakerResolver(analysis, finder);
        var quotes = ImmutableArray.CreateBuilder<Quote>(found.Count);
        foreach (var f in found)
        {
            var speaker = resolver.Resolve(f.Attribution.Speaker);
            quotes.Add(new Quote(f.Start, f.End, analysis.Text[f.Start..f.End], f.Direct, speaker, f.Attribution.Cue));
        }

        return analysis with { Quotes = quotes.DrainToImmutable() };
    }
}
