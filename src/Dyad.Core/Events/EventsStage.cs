using Dyad.Pipeline;

namespace Dyad.Events;

/// <summary>
/// Codes who did what to whom: PLOVER events with CAMEO codes, Goldstein scores, dates and places,
/// from the entities, times, places and quotes of the earlier stages. Without entities it codes nothing.
/// </summary>
public sealed class EventsStage : IStage
{
    public static readonly EventsStage Instance = new();

    private EventsStage()
    {
    }

    public string Name => "events";

    public Analysis Run(Analysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.Entities.IsDefaultOrEmpty || analysis.Tokens.IsDefaultOrEmpty || analysis.Sentences.IsDefaultOrEmpty)
        {
            return analysis;
        }

        if (analysis.Times.IsDefault || analysis.Places.IsDefault || analysis.Quotes.IsDefault)
        {
            analysis = analysis with
            {
                Times = analysis.Times.IsDefault ? [] : analysis.Times,
                Places = analysis.Places.IsDefault ? [] : analysis.Places,
                Quotes = analysis.Quotes.IsDefault ? [] : analysis.Quotes,
            };
        }

        try
        {
            var coder = new EventCoder(analysis, EventLexicon.Default, EventCues.Default);
            return analysis with { Events = coder.Code() };
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException or KeyNotFoundException)
        {
            // Bad spans from an earlier stage must not stop the document: no events rather than an exception.
            return analysis;
        }
    }
}
