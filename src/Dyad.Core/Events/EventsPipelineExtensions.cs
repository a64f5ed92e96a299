using Dyad.Events;

namespace Dyad.Pipeline;

/// <summary>Adds the event stage to a pipeline (in the pipeline's namespace, like the builder).</summary>
public static class EventsPipelineExtensions
{
    public static PipelineBuilder UseEvents(this PipelineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(EventsStage.Instance);
    }
}
