using Dyad.Tone;

namespace Dyad.Pipeline;

/// <summary>The one place that lists Dyad's stages in order. Each stage issue adds its line here.</summary>
internal static class DefaultPipeline
{
    private static readonly Lazy<AnalysisPipeline> Lazy = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static AnalysisPipeline Instance => Lazy.Value;

    /// <summary>
    /// A little more than the process has allocated when the three resources are loaded (175 MB in
    /// November 2026). Larger keeps more garbage before the first collection (peak memory); if the
    /// resources grow past it, the region ends early and loading is only slower.
    /// </summary>
    private const long LoadingAllocations = 192L << 20;

    private static AnalysisPipeline Create()
    {
        // The large resources load in parallel: the knowledge base, the gazetteer and the names
        // model each take a few hundred milliseconds, so a command's first result comes sooner.
        // Nearly all they allocate stays alive, so collections during loading would only copy it
        // from generation to generation (they took about half of the loading time). So loading
        // runs in a no-GC region when the runtime grants one. The region is not ended here: ending
        // it would start a collection of everything just loaded at once, in the way of the first
        // result. It ends by itself with the first collection, once the process has allocated
        // LoadingAllocations in all (a command on one article never gets there).
        StartNoGcRegion();
        Parallel.Invoke(
            () => _ = Knowledge.KnowledgeBase.Default,
            () => _ = Places.Gazetteer.Instance,
            () => _ = Names.PerceptronNameRecognizer.Default);
        return Build();
    }

    private static void StartNoGcRegion()
    {
        try
        {
            GC.TryStartNoGCRegion(LoadingAllocations);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            // A region is already open (the host's), or the runtime cannot grant this size: load as usual.
        }
    }

    /// <summary>Every stage in order; <paramref name="names"/> replaces the default names recogniser.</summary>
    public static AnalysisPipeline Build(Names.INameRecognizer? names = null) =>
        new PipelineBuilder()
            .UseTimes()
            .UseNames(names)
            .UseKnowledge()
            .UsePlaces()
            .UseQuotes()
            .UseEvents()
            .UseTone()
            .Build();
}
