using Dyad.Tone;

namespace Dyad.Pipeline;

/// <summary>The one place that lists Dyad's stages in order. Each stage issue adds its line here.</summary>
internal static class DefaultPipeline
{
    private static readonly Lazy<AnalysisPipeline> Lazy = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static AnalysisPipeline Instance => Lazy.Value;

    private static AnalysisPipeline Create()
    {
        // The large resources load in parallel: the knowledge base, the gazetteer and the names
        // model each take a few hundred milliseconds, so a command's first result comes sooner.
        Parallel.Invoke(
            () => _ = Knowledge.KnowledgeBase.Default,
            () => _ = Places.Gazetteer.Instance,
            () => _ = Names.PerceptronNameRecognizer.Default);
        return Build();
    }

    private static AnalysisPipeline Build() =>
        new PipelineBuilder()
            .UseTimes()
            .UseNames()
            .UseKnowledge()
            .UsePlaces()
            .UseQuotes()
            .UseEvents()
            .UseTone()
            .Build();
}
