using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dyad.Cli.Commands;
using Dyad.Pipeline;
using Dyad.Places;

namespace Dyad.Cli.Eval;

/// <summary><c>dyad eval places</c>: toponym recognition P/R/F1 and accuracy within 161 km on JSONL or LGL/GeoWebNews-style XML gold.</summary>
internal static class EvalPlaces
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Gold .jsonl ({\"text\", \"toponyms\": [{\"start\", \"end\", \"lat\", \"lon\"}]}) or LGL/GeoWebNews-style .xml files or folders.", Arity = ArgumentArity.OneOrMore };
        var verbose = new Option<bool>("--verbose") { Description = "Print each missed, spurious or misplaced toponym." };
        var timing = new Option<bool>("--timing") { Description = "Print the gazetteer's load time and memory and the places stage's share of the pipeline's time." };
        var command = new Command("places", "Toponym recognition precision, recall and F1, and resolution accuracy within 161 km.") { paths, verbose, timing };
        command.SetAction(result =>
        {
            var files = EvalCommand.Files(result.GetValue(paths) ?? [], ".jsonl", ".xml");
            var showTiming = result.GetValue(timing);
            if (showTiming)
            {
                using var process = Process.GetCurrentProcess();
                var before = GC.GetTotalMemory(true);
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var gazetteer = Gazetteer.Load();
                watch.Stop();
                process.Refresh();
                var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
                var megabytes = (GC.GetTotalMemory(true) - before) / 1024.0 / 1024.0;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"gazetteer: {gazetteer.Entries.Count} entries, {gazetteer.NameCount} names, first load {watch.ElapsedMilliseconds} ms wall / {cpuMs:F0} ms CPU, {megabytes:F0} MB"));
                cpu = process.TotalProcessorTime;
                watch.Restart();
                _ = Gazetteer.Load();
                watch.Stop();
                process.Refresh();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"gazetteer: second load {watch.ElapsedMilliseconds} ms wall / {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU"));
                GC.KeepAlive(gazetteer);
            }

            var pipeline = AnalysisPipeline.Default;
            if (showTiming)
            {
                // Load the shared gazetteer and JIT the stages before timing them.
                _ = pipeline.Analyze(new Document { Text = "MOSCOW (Reuters) - Talks in Paris, Texas, and Springfield, Ill., ended." });
            }

            var observer = new Timings();
            var total = PlaceScore.Empty;
            var documents = 0;
            foreach (var file in files)
            {
                foreach (var gold in PlaceScorer.Read(file, File.ReadAllText(file)))
                {
                    var analysis = pipeline.Analyze(new Document { Text = gold.Text, Date = gold.Date, Id = gold.Id }, observer);
                    var score = PlaceScorer.Score(gold, analysis.Places);
                    total += score;
                    documents++;
                    if (result.GetValue(verbose))
                    {
                        Report(gold, analysis);
                    }
                }
            }

            Console.WriteLine($"documents {documents}  gold toponyms {total.Exact.TruePositives + total.Exact.FalseNegatives}");
            Console.WriteLine(total);
            if (showTiming)
            {
                Console.WriteLine(observer.Summary() + string.Create(CultureInfo.InvariantCulture, $"  ({documents} documents, {observer.Places.TotalMilliseconds / Math.Max(1, documents):F2} ms a document in places)"));
            }

            return documents > 0 ? 0 : 1;
        });
        return command;
    }

    private static void Report(GoldPlaces gold, Analysis analysis)
    {
        foreach (var t in gold.Toponyms)
        {
            var range = new TextRange(t.Start, t.End);
            var place = analysis.Places.FirstOrDefault(p => new TextRange(p.Start, p.End).Overlaps(range));
            var surface = gold.Text[t.Start..t.End];
            if (place is null)
            {
                Console.WriteLine($"{gold.Id}\tmissed\t{surface}");
            }
            else if (t.Lat is { } lat && t.Lon is { } lon && place.Lat is { } plat && place.Lon is { } plon)
            {
                var km = GeoDistance.Kilometres(lat, lon, plat, plon);
                if (km > PlaceScorer.ToleranceKm)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{gold.Id}\twrong\t{surface}\t{place.Name}/{place.Country}/{place.Feature}\t{km:F0} km"));
                }
            }
        }

        foreach (var p in analysis.Places)
        {
            var range = new TextRange(p.Start, p.End);
            if (!gold.Toponyms.Any(t => new TextRange(t.Start, t.End).Overlaps(range)))
            {
                Console.WriteLine($"{gold.Id}\tspurious\t{p.Text}\t{p.Name}/{p.Country}/{p.Feature}");
            }
        }
    }

    private sealed class Timings : IStageObserver
    {
        private readonly Dictionary<string, TimeSpan> _byStage = new(StringComparer.Ordinal);

        public TimeSpan Places => _byStage.GetValueOrDefault("places");

        public void Observe(string stage, TimeSpan elapsed) => _byStage[stage] = _byStage.GetValueOrDefault(stage) + elapsed;

        public string Summary()
        {
            var total = _byStage.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b);
            return string.Join("  ", _byStage.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Key} {p.Value.TotalMilliseconds:F0} ms ({(total.TotalMilliseconds == 0 ? 0 : 100 * p.Value.TotalMilliseconds / total.TotalMilliseconds):F0}%)")));
        }
    }
}
