using Dyad.Tone;

namespace Dyad.Pipeline;

/// <summary>The one place that lists Dyad's stages in order. Each stage issue adds its line here.</summary>
internal static class DefaultPipeline
{
    private static readonly Lazy<AnalysisPipeline> Lazy = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static AnalysisPipeline Instance => Lazy.Value;

    private static AnalysisPipeline Create() =>
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
