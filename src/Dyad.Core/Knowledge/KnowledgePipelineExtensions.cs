using Dyad.Knowledge;

namespace Dyad.Pipeline;

/// <summary>The knowledge stage's <c>UseKnowledge()</c>, beside <see cref="PipelineBuilder"/>.</summary>
public static class KnowledgePipelineExtensions
{
    /// <summary>Adds the knowledge stage (linking, roles at the document's date, coreference, metonymy).</summary>
    public static PipelineBuilder UseKnowledge(this PipelineBuilder builder, KnowledgeBase? knowledgeBase = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(new KnowledgeStage(knowledgeBase));
    }
}
