#:project ../../src/Dyad.Core/Dyad.Core.csproj
// Stage timings of the default pipeline over the quote gold texts and the seed article.
// Run from the repository root: dotnet run -c Release tools/quotes-bench/QuotesBench.cs [ROUNDS]
using System.Diagnostics;
using System.Globalization;
using Dyad;
using Dyad.Pipeline;

var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var files = Directory.GetFiles("data/quotes-gold", "*.txt", SearchOption.AllDirectories).ToList();
if (File.Exists("../shared/samples/xi-putin-2025-01-22.txt"))
{
    files.Add("../shared/samples/xi-putin-2025-01-22.txt");
}

var docs = files.Select(f => new Document { Text = File.ReadAllText(f) }).ToList();
var chars = docs.Sum(d => d.Text.Length);
var pipeline = AnalysisPipeline.Default;
for (var i = 0; i < 20; i++)
{
    foreach (var d in docs)
    {
        pipeline.Analyze(d);
    }
}

var observer = new StageTimes();
var watch = Stopwatch.StartNew();
for (var i = 0; i < rounds; i++)
{
    foreach (var d in docs)
    {
        pipeline.Analyze(d, observer);
    }
}

watch.Stop();
var total = observer.Times.Values.Sum(t => t.TotalMilliseconds);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{docs.Count} docs, {chars} chars, {rounds} rounds: {watch.Elapsed.TotalMilliseconds:F0} ms, {chars * (double)rounds / watch.Elapsed.TotalSeconds / 1e6:F2} M chars/s"));
foreach (var (stage, time) in observer.Times)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {stage,-10} {time.TotalMilliseconds,9:F1} ms {100 * time.TotalMilliseconds / total,6:F1}% {1000 * time.TotalMilliseconds / (rounds * docs.Count),8:F1} us/doc"));
}

internal sealed class StageTimes : IStageObserver
{
    public Dictionary<string, TimeSpan> Times { get; } = [];

    public void Observe(string stage, TimeSpan elapsed) => Times[stage] = Times.GetValueOrDefault(stage) + elapsed;
}
