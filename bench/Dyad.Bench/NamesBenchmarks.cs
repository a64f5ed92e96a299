using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Dyad.Names;
using Dyad.Pipeline;
using Dyad.Text;

namespace Dyad.Bench;

/// <summary>
/// The names recogniser alone over the benchmark corpus (tokens and sentences made beforehand), and
/// its two halves: the feature extraction (document context + hashed features of every sentence)
/// and the model's weight sums and Viterbi on features extracted beforehand. The "tokens/s" column is
/// the corpus's token count divided by the mean time (one thread: per core).
/// Run: <c>dotnet run -c Release --project bench/Dyad.Bench -- --filter '*NamesBenchmarks*'</c>
/// (add <c>--job short</c> for a quick figure).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TokensConfig))]
public class NamesBenchmarks
{
    private (string Text, Token[] Tokens, Sentence[] Sentences, Analysis Analysis)[] _documents = [];
    private (int[] Features, int Count)[] _features = [];
    private PerceptronNameRecognizer _recognizer = null!;
    private FeatureExtractor _extractor = null!;
    private NameModel _model = null!;

    /// <summary>Tokens in the corpus (what the recogniser sees, punctuation included).</summary>
    public static long Tokens { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var pipeline = AnalysisPipeline.Default;
        var index = pipeline.Stages.ToList().FindIndex(s => s.Name == "names");
        _documents = [.. Corpus.All.Select(d =>
        {
            var analysis = new Analysis(d);
            for (var i = 0; i < index; i++)
            {
                analysis = pipeline.Stages[i].Run(analysis);
            }

            return (analysis.Text, analysis.Tokens.ToArray(), analysis.Sentences.ToArray(), analysis);
        })];
        Tokens = _documents.Sum(d => (long)d.Tokens.Length);
        _recognizer = PerceptronNameRecognizer.Default;
        _model = NameModel.Default ?? throw new InvalidOperationException("No names model embedded.");
        _extractor = new FeatureExtractor(_model.Clusters, NameLexicon.Default, _model.BucketBits);
        var features = new List<(int[], int)>();
        foreach (var (text, tokens, sentences, _) in _documents)
        {
            var context = Context(text, tokens, sentences);
            foreach (var range in Ranges(tokens, sentences))
            {
                var n = range.End.Value - range.Start.Value;
                var f = new int[n * FeatureExtractor.PerToken];
                _extractor.Extract(text, tokens.AsSpan(range), f, context);
                features.Add((f, n));
            }
        }

        _features = [.. features];
    }

    [Benchmark(Description = "recognise (features, model, lexicon, document rules)")]
    public int Recognize()
    {
        var n = 0;
        foreach (var (text, _, _, analysis) in _documents)
        {
            n += _recognizer.Recognize(text, analysis.Tokens, analysis.Sentences).Length;
        }

        return n;
    }

    [Benchmark(Description = "features only (document context + extraction)")]
    public int Features()
    {
        var n = 0;
        var buffer = new int[300 * FeatureExtractor.PerToken];
        foreach (var (text, tokens, sentences, _) in _documents)
        {
            var context = Context(text, tokens, sentences);
            foreach (var range in Ranges(tokens, sentences))
            {
                var count = range.End.Value - range.Start.Value;
                if (buffer.Length < count * FeatureExtractor.PerToken)
                {
                    buffer = new int[count * FeatureExtractor.PerToken];
                }

                n += _extractor.Extract(text, tokens.AsSpan(range), buffer, context).Matches.Count;
            }
        }

        return n;
    }

    [Benchmark(Description = "model only (weight sums + Viterbi)")]
    public int Decode()
    {
        var n = 0;
        foreach (var (features, count) in _features)
        {
            n += _model.Decode(features, count)[0];
        }

        return n;
    }

    private static DocumentContext Context(string text, Token[] tokens, Sentence[] sentences)
    {
        var context = new DocumentContext();
        foreach (var range in Ranges(tokens, sentences))
        {
            context.AddSentence(text, tokens.AsSpan(range));
        }

        return context;
    }

    private static List<Range> Ranges(Token[] tokens, Sentence[] sentences)
    {
        var result = new List<Range>();
        foreach (var sentence in Offsets.TokensOfSentences(tokens, sentences))
        {
            var (first, end) = (sentence.Start.Value, sentence.End.Value);
            for (var from = first; from < end; from += 300)
            {
                result.Add(new Range(from, Math.Min(end, from + 300)));
            }
        }

        return result;
    }

    private sealed class TokensConfig : ManualConfig
    {
        public TokensConfig() => AddColumn(new TokensPerSecondColumn());
    }

    /// <summary>Corpus tokens divided by the mean time of one benchmark call.</summary>
    private sealed class TokensPerSecondColumn : IColumn
    {
        public string Id => "TokensPerSecond";

        public string ColumnName => "tokens/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Corpus tokens per second of the mean time, one thread";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            var mean = report?.ResultStatistics?.Mean;
            if (mean is null or 0)
            {
                return "-";
            }

            // The token count is not known in the host process until a setup ran there: count again.
            var tokens = Tokens > 0 ? Tokens : CountTokens();
            return (tokens / (mean.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        private static long CountTokens()
        {
            var pipeline = AnalysisPipeline.Default;
            var index = pipeline.Stages.ToList().FindIndex(s => s.Name == "names");
            Tokens = Corpus.All.Sum(d =>
            {
                var analysis = new Analysis(d);
                for (var i = 0; i < index; i++)
                {
                    analysis = pipeline.Stages[i].Run(analysis);
                }

                return (long)analysis.Tokens.Length;
            });
            return Tokens;
        }
    }
}
