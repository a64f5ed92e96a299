using Dyad.Tone;

namespace Dyad.Pipeline;

/// <summary>The one place that lists Dyad's stages in order. Each stage issue adds its line here.</summary>
internal static class DefaultPipeline
{
    private static readonly Lazy<AnalysisPipeline> Lazy = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static AnalysisPipeline Instance => Lazy.Value;

    /// <summary>More than the three resources allocate while they load (about 180 MB in November 2026).</summary>
    private const long LoadingAllocations = 256L << 20;

    private static AnalysisPipeline Create()
    {
        // The large resources load in parallel: the knowledge base, the gazetteer and the names
        // model each take a few hundred milliseconds, so a command's first result comes sooner.
        // Nearly all they allocate stays alive, so collections during loading would only copy it
        // from generation to generation (they took about half the loading time): loading runs in a
        // no-GC region when the runtime grants one. If the loads allocate more, the region just ends.
        var noGc = StartNoGcRegion();
        try
        {
            Parallel.Invoke(
                () => _ = Knowledge.KnowledgeBase.Default,
                () => _ = Places.Gazetteer.Instance,
                () => _ = Names.PerceptronNameRecognizer.Default);
        }
        finally
        {
            if (noGc)
            {
                EndNoGcRegion();
            }
        }

        return Build();
    }

    private static bool StartNoGcRegion()
    {
        try
        {
            return GC.TryStartNoGCRegion(LoadingAllocations);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            return false; // a region is already open (the host's), or the runtime cannot grant this size
        }
    }

    private static void EndNoGcRegion()
    {
        if (System.Runtime.GCSettings.LatencyMode != System.Runtime.GCLatencyMode.NoGCRegion)
        {
            return; // already ended by a collection
        }

        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // the region ended in between: nothing to undo
        }
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
