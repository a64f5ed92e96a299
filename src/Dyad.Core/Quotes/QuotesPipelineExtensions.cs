using Dyad.Quotes;

namespace Dyad.Pipeline;

/// <summary>Adds the quotes stage to a pipeline (in the builder's namespace: no extra using needed).</summary>
public static class QuotesPipelineExtensions
{
    public static PipelineBuilder UseQuotes(this PipelineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(QuotesStage.Instance);
    }
}
