using System.Collections.Immutable;
using System.Diagnostics;

namespace Dyad.Pipeline;

/// <summary>Receives each stage's elapsed time (for benchmarks and profiling).</summary>
public interface IStageObserver
{
    void Observe(string stage, TimeSpan elapsed);
}

/// <summary>An immutable, thread-safe sequence of stages. Build it once, analyse many documents.</summary>
public sealed class AnalysisPipeline
{
    internal AnalysisPipeline(ImmutableArray<IStage> stages) => Stages = stages;

    public ImmutableArray<IStage> Stages { get; }

    /// <summary>The full pipeline with every stage Dyad has.</summary>
    public static AnalysisPipeline Default => DefaultPipeline.Instance;

    /// <summary>The full pipeline with another names recogniser (such as the contextual one).</summary>
    public static AnalysisPipeline WithNames(Names.INameRecognizer names) => DefaultPipeline.Build(names);

    public Analysis Analyze(Document document, IStageObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var analysis = new Analysis(document);
        foreach (var stage in Stages)
        {
            if (observer is null)
            {
                analysis = stage.Run(analysis);
                continue;
            }

            var start = Stopwatch.GetTimestamp();
            analysis = stage.Run(analysis);
            observer.Observe(stage.Name, Stopwatch.GetElapsedTime(start));
        }

        return analysis;
    }
}
