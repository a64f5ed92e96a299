using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dyad.Evaluation;
using Dyad.Names;
using Dyad.Pipeline;
using Dyad.Reading;
using Dyad.Text;

namespace Dyad.Cli.Commands;

/// <summary>
/// <c>dyad bench</c>: end-to-end throughput of the pipeline on a fixed corpus, with one core and
/// with all cores: words/s, documents/s, each stage's share of time, allocations per document and
/// peak resident memory. <c>dyad bench corpus</c> builds that corpus from ../shared/data and samples/.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var corpus = new Option<string>("--corpus") { Description = "Corpus JSON Lines file (built by 'dyad bench corpus').", DefaultValueFactory = _ => "bench/corpus/corpus.jsonl" };
        var rounds = new Option<int>("--rounds") { Description = "Passes over the corpus per measurement (after one warm-up pass).", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object." };
        var command = new Command("bench", "Measure the pipeline's throughput on the benchmark corpus (1 core and all cores).")
        {
            corpus, rounds, json, CreateCorpus(), CreateCompare(),
        };
        command.SetAction(result =>
        {
            var path = result.GetValue(corpus)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"dyad: {path}: no corpus; build it with 'dyad bench corpus --out {Path.GetDirectoryName(path)}'");
                return 2;
            }

            var read = DocumentReader.Read(path, File.ReadAllBytes(path), new ReaderOptions { MaxBytes = long.MaxValue });
            foreach (var error in read.Errors)
            {
                ExtractCommand.Report(error);
            }

            var figures = Measure(read.Documents, Math.Max(1, result.GetValue(rounds)));
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(figures));
            }
            else
            {
                Print(figures);
            }

            return 0;
        });
        return command;
    }

    internal sealed record Run(int Cores, double WordsPerSecond, double DocumentsPerSecond, double Seconds);

    internal sealed record Figures(int Documents, long Words, Run OneCore, Run AllCores, Dictionary<string, double> StageShare, double AllocatedBytesPerDocument, long PeakResidentBytes, double FirstResultMilliseconds)
    {
        public IngestRun[] Ingest { get; init; } = [];
    }

    /// <summary>
    /// Ingest into a new SQLite store: analysis on N cores, saves in batches of 200 on one writer.
    /// Storage share of the wall time, and of the CPU time (robust when other jobs load the machine):
    /// the process's CPU time during the saves, and the saving thread's own (Linux; NaN elsewhere),
    /// which leaves out what other threads do meanwhile (background re-compilation, idle pool workers).
    /// </summary>
    internal sealed record IngestRun(int Cores, double DocumentsPerSecond, double StorageShare, double StorageCpuShare)
    {
        public double SaverCpuShare { get; init; } = double.NaN;
    }

    private sealed class StageClock : IStageObserver
    {
        private readonly Dictionary<string, long> _ticks = [];

        public IReadOnlyDictionary<string, long> Ticks => _ticks;

        public void Observe(string stage, TimeSpan elapsed) =>
            _ticks[stage] = _ticks.GetValueOrDefault(stage) + elapsed.Ticks;
    }

    internal static Figures Measure(IReadOnlyList<Document> documents, int rounds)
    {
        var pipeline = AnalysisPipeline.Default;
        var started = Stopwatch.GetTimestamp();
        pipeline.Analyze(documents[0]);
        var firstResult = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var words = documents.Sum(d => (long)Tokenizer.Tokenize(d.Text).Count(t => t.Kind is TokenKind.Word or TokenKind.Number));
        foreach (var d in documents)
        {
            pipeline.Analyze(d); // warm-up
        }

        // The measured rounds start from a settled heap: the resources load without collections (see
        // DefaultPipeline), so the collections that promote them would otherwise fall in a measured round.
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var clock = new StageClock();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var d in documents)
            {
                pipeline.Analyze(d, clock);
            }
        }

        var one = watch.Elapsed.TotalSeconds;
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)(documents.Count * rounds);

        var cores = Environment.ProcessorCount;
        watch.Restart();
        for (var r = 0; r < rounds; r++)
        {
            Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = cores }, d => pipeline.Analyze(d));
        }

        var all = watch.Elapsed.TotalSeconds;
        // Warm-up, twice: the store's code is compiled (and re-compiled once hot) and SQLite loaded, as the
        // pipeline is warmed up above; with one warm-up the re-compilation still ran during the measured saves.
        MeasureIngest(documents, cores);
        MeasureIngest(documents, cores);
        var ingest = new[] { MeasureIngest(documents, 1), MeasureIngest(documents, cores) };
        var totalTicks = Math.Max(1, clock.Ticks.Values.Sum());
        var share = clock.Ticks.ToDictionary(kv => kv.Key, kv => Math.Round(100.0 * kv.Value / totalTicks, 1));
        return new Figures(
            documents.Count, words,
            new Run(1, words * rounds / one, documents.Count * rounds / one, one),
            new Run(cores, words * rounds / all, documents.Count * rounds / all, all),
            share, Math.Round(allocated), Process.GetCurrentProcess().PeakWorkingSet64, Math.Round(firstResult, 1))
        {
            Ingest = ingest,
        };
    }

    private static IngestRun MeasureIngest(IReadOnlyList<Document> documents, int cores)
    {
        var folder = Directory.CreateTempSubdirectory("dyad-bench-ingest-");
        try
        {
            using var store = Storage.Store.OpenSqlite(Path.Combine(folder.FullName, "bench.db"));
            var pipeline = AnalysisPipeline.Default;
            var watch = Stopwatch.StartNew();
            var cpuStart = ProcessCpu();
            var storageTicks = 0L;
            var storageCpu = TimeSpan.Zero;
            var saverCpu = 0.0;
            const int Batch = 200;
            for (var from = 0; from < documents.Count; from += Batch)
            {
                var slice = documents.Skip(from).Take(Batch).ToList();
                var analyses = new Analysis[slice.Count];
                Parallel.For(0, slice.Count, new ParallelOptions { MaxDegreeOfParallelism = cores }, i => analyses[i] = pipeline.Analyze(slice[i]));
                var saveStart = Stopwatch.GetTimestamp();
                var saveCpu = ProcessCpu();
                var saverStart = ThreadCpu.Seconds();
                store.Save(analyses);
                saverCpu += ThreadCpu.Seconds() - saverStart;
                storageCpu += ProcessCpu() - saveCpu; // the analysis is done meanwhile: only the saving thread has work
                storageTicks += Stopwatch.GetElapsedTime(saveStart).Ticks;
            }

            var seconds = watch.Elapsed.TotalSeconds;
            var cpu = ProcessCpu() - cpuStart;
            return new IngestRun(cores, documents.Count / seconds, Math.Round(100.0 * storageTicks / watch.Elapsed.Ticks, 1),
                Math.Round(100.0 * storageCpu.Ticks / Math.Max(1, cpu.Ticks), 1))
            {
                SaverCpuShare = Math.Round(100.0 * saverCpu / Math.Max(1e-9, cpu.TotalSeconds), 1),
            };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The process's CPU time, all threads: on Linux from <c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c>
    /// (nanoseconds), because <see cref="Process.TotalProcessorTime"/> reads /proc in 10 ms clock ticks,
    /// as coarse as a fifth of one save of the corpus.
    /// </summary>
    private static TimeSpan ProcessCpu()
    {
        if (ThreadCpu.ProcessSeconds() is var seconds && !double.IsNaN(seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static void Print(Figures f)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"corpus: {f.Documents} documents, {f.Words:N0} words"));
        foreach (var run in new[] { f.OneCore, f.AllCores })
        {
            Console.WriteLine(string.Create(c, $"{run.Cores} core(s): {run.WordsPerSecond:N0} words/s, {run.DocumentsPerSecond:N1} documents/s"));
        }

        foreach (var ingest in f.Ingest)
        {
            var saver = double.IsNaN(ingest.SaverCpuShare) ? "" : string.Create(c, $" (the saving thread's own: {ingest.SaverCpuShare:F1}%)");
            Console.WriteLine(string.Create(c, $"ingest into SQLite, {ingest.Cores} core(s) analysing: {ingest.DocumentsPerSecond:N1} documents/s, storage {ingest.StorageShare:F1}% of the time, {ingest.StorageCpuShare:F1}% of the CPU time{saver}"));
        }

        Console.WriteLine("stage share of time (1 core): " + string.Join(", ", f.StageShare.Select(kv => string.Create(c, $"{kv.Key} {kv.Value:F1}%"))));
        Console.WriteLine(string.Create(c, $"allocated per document: {f.AllocatedBytesPerDocument / 1024:N1} KB; peak resident memory: {f.PeakResidentBytes / (1024 * 1024):N0} MB; first document analysed in {f.FirstResultMilliseconds:N0} ms (pipeline load included)"));
    }

    private static Command CreateCompare()
    {
        var folder = new Argument<string>("folder") { Description = "Corpus folder with corpus.jsonl and peers.jsonl (written by bench/peers/peers.mjs).", DefaultValueFactory = _ => "bench/corpus" };
        var rounds = new Option<int>("--rounds") { Description = "Passes over the corpus.", DefaultValueFactory = _ => 3 };
        var shared = new Option<string>("--shared") { Description = "The shared data folder (gold for accuracy).", DefaultValueFactory = _ => "../shared" };
        var command = new Command("compare", "Print Dyad's words/s beside each peer's, one core each, on the same corpus, and accuracy on the same gold.") { folder, rounds, shared };
        command.SetAction(result =>
        {
            var dir = result.GetValue(folder)!;
            var corpusPath = Path.Combine(dir, "corpus.jsonl");
            var peersPath = Path.Combine(dir, "peers.jsonl");
            if (!File.Exists(corpusPath) || !File.Exists(peersPath))
            {
                Console.Error.WriteLine($"dyad: {dir}: needs corpus.jsonl and peers.jsonl; run bench/run.sh");
                return 2;
            }

            var documents = DocumentReader.Read(corpusPath, File.ReadAllBytes(corpusPath), new ReaderOptions { MaxBytes = long.MaxValue }).Documents;
            var dyad = Measure(documents, Math.Max(1, result.GetValue(rounds)));
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"corpus: {dyad.Documents} documents, {dyad.Words:N0} words; one core each"));
            Console.WriteLine(string.Create(c, $"{"dyad (all stages)",-24} {dyad.OneCore.WordsPerSecond,12:N0} words/s"));
            foreach (var line in File.ReadLines(peersPath).Where(l => l.Length > 0))
            {
                using var peer = JsonDocument.Parse(line);
                var name = peer.RootElement.GetProperty("peer").GetString();
                var speed = peer.RootElement.GetProperty("words_per_second").GetDouble();
                Console.WriteLine(string.Create(c, $"{name,-24} {speed,12:N0} words/s   dyad is {dyad.OneCore.WordsPerSecond / speed:N1}x"));
            }

            Accuracy(dir, result.GetValue(shared)!);
            return 0;
        });
        return command;
    }

    private static void Accuracy(string dir, string shared)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("accuracy on the same gold (exact span; relaxed = overlapping span)");
        var times = BenchGold.Times(shared);
        var dyadStrict = default(Score);
        var dyadRelaxed = default(Score);
        foreach (var gold in times)
        {
            var (scores, _) = TimeScorer.Score(gold);
            dyadStrict += scores.Strict;
            dyadRelaxed += scores.Relaxed;
        }

        Console.WriteLine(string.Create(c, $"  times, MEANTIME      {"dyad",-18} strict F1 {dyadStrict.F1:F3}  relaxed F1 {dyadRelaxed.F1:F3}"));
        foreach (var peer in new[] { "chrono-node", "compromise" })
        {
            var file = Path.Combine(dir, $"pred-{peer}-times.jsonl");
            if (!File.Exists(file))
            {
                continue;
            }

            var predictions = BenchGold.Predictions(file);
            var strict = default(Score);
            var relaxed = default(Score);
            foreach (var gold in times)
            {
                var (s, r) = BenchGold.TimeExtents(gold, predictions.GetValueOrDefault(gold.Name, []).Select(p => (p.Start, p.End)));
                strict += s;
                relaxed += r;
            }

            Console.WriteLine(string.Create(c, $"  times, MEANTIME      {peer,-18} strict F1 {strict.F1:F3}  relaxed F1 {relaxed.F1:F3}"));
        }

        var names = BenchGold.Names(shared);
        var compromise = Path.Combine(dir, "pred-compromise-names.jsonl");
        var peerNames = File.Exists(compromise) ? BenchGold.Predictions(compromise) : null;
        foreach (var set in names.Select(n => n.Set).Distinct())
        {
            var annotatedOnly = set == "MEANTIME";
            var dyadScores = new NerScores();
            var peerScores = new NerScores();
            foreach (var (_, gold) in names.Where(n => n.Set == set))
            {
                dyadScores.Add(BenchGold.NameScores(gold, NerScorer.Predict(gold, PerceptronNameRecognizer.Default, useSplitter: false), annotatedOnly));
                if (peerNames is not null)
                {
                    var predicted = peerNames.GetValueOrDefault(gold.Name, []).Select(p => new NameMention(p.Start, p.End, gold.Text[p.Start..p.End], p.Type));
                    peerScores.Add(BenchGold.NameScores(gold, predicted, annotatedOnly));
                }
            }

            Console.WriteLine(string.Create(c, $"  names, {set,-13} {"dyad",-18} F1 {dyadScores.Total.F1:F3}  (P {dyadScores.Total.Precision:F3}, R {dyadScores.Total.Recall:F3})"));
            if (peerNames is not null)
            {
                Console.WriteLine(string.Create(c, $"  names, {set,-13} {"compromise",-18} F1 {peerScores.Total.F1:F3}  (P {peerScores.Total.Precision:F3}, R {peerScores.Total.Recall:F3})"));
            }
        }
    }

    private static Command CreateCorpus()
    {
        var shared = new Option<string>("--shared") { Description = "The shared data folder.", DefaultValueFactory = _ => "../shared" };
        var output = new Option<string>("--out") { Description = "Folder to write corpus.jsonl into.", DefaultValueFactory = _ => "bench/corpus" };
        var command = new Command("corpus", "Build the benchmark corpus: MEANTIME and GUM news texts from ../shared/data plus this project's samples.") { shared, output };
        command.SetAction(result =>
        {
            var root = result.GetValue(shared)!;
            var folder = result.GetValue(output)!;
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "corpus.jsonl");
            var count = 0;
            using (var writer = new StreamWriter(path))
            {
                void Write(string id, string? date, string text, string source)
                {
                    var words = Tokenizer.Tokenize(text).Count(t => t.Kind is TokenKind.Word or TokenKind.Number);
                    writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?> { ["id"] = id, ["date"] = date, ["text"] = text, ["source"] = source, ["words"] = words }));
                    count++;
                }

                foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "data/meantime/intra-doc_annotation"), "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var (text, _, _) = GoldText.RebuildMeantime(GoldText.MeantimeTokens(File.ReadAllText(file)));
                    Write("meantime/" + Path.GetFileNameWithoutExtension(file), null, text, "MEANTIME");
                }

                foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "data/ner/gum/conllu"), "GUM_news_*.conllu").Order(StringComparer.Ordinal))
                {
                    foreach (var gold in GoldText.ReadConllu(File.ReadAllText(file), Path.GetFileNameWithoutExtension(file)))
                    {
                        Write("gum/" + gold.Name, null, gold.Text, "GUM");
                    }
                }

                foreach (var file in Directory.EnumerateFiles("samples").Order(StringComparer.Ordinal))
                {
                    foreach (var doc in DocumentReader.Read(file, File.ReadAllBytes(file)).Documents)
                    {
                        Write("samples/" + Path.GetFileName(file) + "/" + count, doc.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), doc.Text, "Dyad samples");
                    }
                }
            }

            BenchGold.WriteTexts(root, folder);
            Console.WriteLine($"wrote {count} documents to {path}, and the gold texts for the peers' accuracy");
            return 0;
        });
        return command;
    }
}

/// <summary>The calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>) and the process's; NaN elsewhere.</summary>
internal static class ThreadCpu
{
    public static double Seconds() => Clock(3);

    public static double ProcessSeconds() => Clock(2);

    private static double Clock(int clock)
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        try
        {
            return NativeMethods.clock_gettime(clock, out var t) == 0 ? t.Seconds + (t.Nanoseconds / 1e9) : double.NaN;
        }
        catch (EntryPointNotFoundException)
        {
            return double.NaN;
        }
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [System.Runtime.InteropServices.DllImport("libc", ExactSpelling = true)]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
        internal static extern int clock_gettime(int clock, out TimeSpec time);
    }
}
