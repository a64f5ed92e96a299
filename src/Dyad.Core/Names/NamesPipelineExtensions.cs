using Dyad.Names;

namespace Dyad.Pipeline;

/// <summary><c>UseNames()</c>, in the pipeline's namespace so that DefaultPipeline needs one line only.</summary>
public static class NamesPipelineExtensions
{
    /// <summary>Adds the names stage (the shipped recogniser unless another is given).</summary>
    public static PipelineBuilder UseNames(this PipelineBuilder builder, INameRecognizer? recognizer = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(new NamesStage(recognizer ?? PerceptronNameRecognizer.Default));
    }
}
