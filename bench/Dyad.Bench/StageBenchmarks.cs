using BenchmarkDotNet.Attributes;
using Dyad.Pipeline;

namespace Dyad.Bench;

/// <summary>
/// Each stage of the default pipeline on the whole corpus, given what the stages before it made.
/// New stages are benchmarked as soon as they are in the default pipeline.
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private AnalysisPipeline _pipeline = AnalysisPipeline.Default;
    private IStage _stage = null!;
    private Analysis[] _inputs = [];

    public static IEnumerable<string> Stages => AnalysisPipeline.Default.Stages.Select(s => s.Name);

    [ParamsSource(nameof(Stages))]
    public string Stage { get; set; } = "text";

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = AnalysisPipeline.Default;
        var index = _pipeline.Stages.ToList().FindIndex(s => s.Name == Stage);
        _stage = _pipeline.Stages[index];
        _inputs = Corpus.All.Select(d =>
        {
            var analysis = new Analysis(d);
            for (var i = 0; i < index; i++)
            {
                analysis = _pipeline.Stages[i].Run(analysis);
            }

            return analysis;
        }).ToArray();
    }

    [Benchmark(Description = "stage over the corpus")]
    public int Run()
    {
        var n = 0;
        foreach (var input in _inputs)
        {
            n += _stage.Run(input).Tokens.Length;
        }

        return n;
    }
}

/// <summary>The whole default pipeline over the corpus.</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private IReadOnlyList<Document> _documents = [];

    [GlobalSetup]
    public void Setup() => _documents = Corpus.All;

    [Benchmark(Description = "pipeline over the corpus")]
    public int Analyze()
    {
        var n = 0;
        foreach (var d in _documents)
        {
            n += AnalysisPipeline.Default.Analyze(d).Sentences.Length;
        }

        return n;
    }
}
