using System.Diagnostics;
using System.Globalization;
using Dyad;
using Dyad.Pipeline;
using Dyad.Storage;

// Storage benchmark harness (not a unit test). See docs/notes/storage.md for the figures.
//   dotnet run -c Release --project bench/Dyad.StoreBench -- store  [--events 1000000] [--db /tmp/dyad-bench.db]
//   dotnet run -c Release --project bench/Dyad.StoreBench -- query  [--db /tmp/dyad-bench.db]
//   dotnet run -c Release --project bench/Dyad.StoreBench -- ingest [--docs 2000] [--db /tmp/dyad-ingest.db]
//   dotnet run -c Release --project bench/Dyad.StoreBench -- save [--corpus bench/corpus/corpus.jsonl] [--copies 8] [--rounds 5] [--db /tmp/dyad-save.db]
var mode = args.Length > 0 ? args[0] : "help";
string Arg(string name, string byDefault)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : byDefault;
}

switch (mode)
{
    case "store":
        Bench.BuildStore(Arg("--db", "/tmp/dyad-bench.db"), long.Parse(Arg("--events", "1000000"), CultureInfo.InvariantCulture));
        Bench.Queries(Arg("--db", "/tmp/dyad-bench.db"));
        break;
    case "query":
        Bench.Queries(Arg("--db", "/tmp/dyad-bench.db"));
        break;
    case "ingest":
        Bench.IngestShare(Arg("--db", "/tmp/dyad-ingest.db"), int.Parse(Arg("--docs", "2000"), CultureInfo.InvariantCulture));
        break;
    case "save":
        Bench.SaveCost(Arg("--db", "/tmp/dyad-save.db"), Arg("--corpus", "bench/corpus/corpus.jsonl"),
            int.Parse(Arg("--copies", "8"), CultureInfo.InvariantCulture), int.Parse(Arg("--rounds", "5"), CultureInfo.InvariantCulture));
        break;
    default:
        Console.WriteLine("usage: Dyad.StoreBench store|query|ingest|save [--db FILE] [--events N] [--docs N] [--corpus FILE] [--copies N] [--rounds N]");
        break;
}

internal static class Bench
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds, UserMicros, SystemSeconds, SystemMicros;
        [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, ref RUsage usage);

    /// <summary>CPU seconds used by the calling thread so far (Linux RUSAGE_THREAD).</summary>
    private static double ThreadCpu()
    {
        var u = new RUsage { Rest = new long[14] };
        return getrusage(1, ref u) == 0 ? u.UserSeconds + (u.UserMicros / 1e6) + u.SystemSeconds + (u.SystemMicros / 1e6) : double.NaN;
    }

    private static readonly string[] Countries =
    [
        "USA", "CHN", "RUS", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "IND", "TUR", "JPN", "PRK", "KOR", "PAK", "AFG", "SYR", "IRQ",
        "SAU", "EGY", "BRA", "MEX", "CAN", "AUS", "ITA", "ESP", "POL", "NGA", "ZAF", "ETH", "KEN", "SDN", "VEN", "COL", "ARG", "IDN",
        "PHL", "VNM", "THA", "MMR", "BGD", "LBN", "YEM", "QAT", "ARE", "JOR", "BLR", "GEO", "ARM", "AZE", "KAZ", "SRB", "HUN", "GRC",
        "NLD", "BEL", "SWE", "NOR", "FIN", "CHE",
    ];

    private static readonly string[] Sectors = ["GOV", "GOV", "GOV", "MIL", "MIL", "BUS", "MED", "OPP", "CVL", "JUD", "LEG"];

    private static readonly (string Type, string Cameo, int Quad, double Goldstein, string Verb)[] Types =
    [
        ("AGREE", "057", 1, 8.0, "signed a deal with"), ("CONSULT", "040", 1, 1.0, "met"), ("SUPPORT", "051", 1, 3.4, "praised"),
        ("CONCEDE", "080", 2, 5.0, "yielded to"), ("COOPERATE", "061", 2, 6.4, "cooperated with"), ("AID", "070", 2, 7.0, "sent aid to"),
        ("RETREAT", "087", 2, 9.0, "withdrew from"), ("REQUEST", "020", 1, 3.0, "asked"), ("ACCUSE", "112", 3, -2.0, "accused"),
        ("REJECT", "120", 3, -4.0, "rejected"), ("THREATEN", "130", 3, -4.4, "threatened"), ("PROTEST", "140", 3, -6.5, "protested against"),
        ("SANCTION", "163", 4, -8.0, "sanctioned"), ("MOBILIZE", "150", 4, -7.2, "mobilized against"), ("COERCE", "170", 4, -7.0, "coerced"),
        ("ASSAULT", "180", 4, -9.0, "attacked"), ("FIGHT", "190", 4, -10.0, "fought"),
    ];

    /// <summary>A Zipf-like pick: low indexes far more often, as news covers a few countries most.</summary>
    private static int Zipf(Random r, int n) => Math.Min(n - 1, (int)(Math.Pow(n + 1, r.NextDouble()) - 1));

    private static EventActor Actor(Random r)
    {
        var country = Countries[Zipf(r, Countries.Length)];
        var sector = Sectors[r.Next(Sectors.Length)];
        return new EventActor(null, $"{country} {sector}", country + sector, country, sector);
    }

    /// <summary>One invented article with <paramref name="events"/> events, one sentence each, as the events stage will emit them.</summary>
    internal static Analysis Article(Random r, int number, int events, DateOnly first, int days)
    {
        var date = first.AddDays(r.Next(days));
        var text = new System.Text.StringBuilder();
        var list = new List<(int Start, int End, EventActor S, EventActor T, int Type, int VerbAt, DateOnly Day)>();
        text.Append(CultureInfo.InvariantCulture, $"Report {number}.");
        for (var i = 0; i < events; i++)
        {
            var s = Actor(r);
            var t = Actor(r);
            while (t.Country == s.Country && r.Next(4) > 0)
            {
                t = Actor(r);
            }

            var type = r.Next(Types.Length);
            text.Append(' ');
            var start = text.Length;
            text.Append(s.Name).Append(' ');
            var verbAt = text.Length;
            text.Append(Types[type].Verb).Append(' ').Append(t.Name).Append('.');
            list.Add((start, text.Length, s, t, type, verbAt, date.AddDays(-r.Next(3))));
        }

        var document = new Document { Text = text.ToString(), Date = date, Source = "source" + r.Next(40).ToString(CultureInfo.InvariantCulture), Url = $"https://example.org/{number}" };
        var analysis = new Analysis(document);
        return analysis with
        {
            Sentences = [new Sentence(0, list.Count > 0 ? list[0].Start - 1 : text.Length), .. list.Select(e => new Sentence(e.Start, e.End))],
            Events = [.. list.Select((e, i) => new Event
            {
                Id = "v" + (i + 1).ToString(CultureInfo.InvariantCulture),
                Type = Types[e.Type].Type, Cameo = Types[e.Type].Cameo, QuadClass = Types[e.Type].Quad, Goldstein = Types[e.Type].Goldstein,
                Source = [e.S], Target = [e.T], Date = e.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Sentence = new TextRange(e.Start, e.End),
                Trigger = new SpanText(e.VerbAt, e.VerbAt + Types[e.Type].Verb.Length, Types[e.Type].Verb),
            })],
        };
    }

    public static void BuildStore(string path, long target)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(f);
        }

        using var store = Store.OpenSqlite(path);
        var r = new Random(20250122);
        var clock = Stopwatch.StartNew();
        var number = 0;
        long events = 0;
        while (events < target)
        {
            var batch = new List<Analysis>(500);
            for (var i = 0; i < 500; i++)
            {
                batch.Add(Article(r, number++, 10, new DateOnly(2016, 1, 1), 3653));
            }

            store.Save(batch);
            if (number % 10_000 == 0)
            {
                events = store.Counts().Events;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {number:N0} documents, {events:N0} merged events, {clock.Elapsed.TotalSeconds:0} s"));
            }
        }

        var counts = store.Counts();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cpu {self.TotalProcessorTime.TotalSeconds:0.0} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"built {path}: {counts.Documents:N0} documents, {counts.Events:N0} merged events from {counts.EventMentions:N0} reports in {clock.Elapsed.TotalSeconds:0.0} s ({counts.EventMentions / clock.Elapsed.TotalSeconds:N0} reports/s), {new FileInfo(path).Length / 1e6:N0} MB"));
    }

    public static void Queries(string path)
    {
        using var store = Store.OpenSqlite(path);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store {path}: {store.Counts().Events:N0} merged events"));
        Thread.Sleep(2000); // let the opening's background JIT finish
        Time("timeline RUS CHN --by month", () => store.Timeline(new TimelineQuery("RUS", "CHN") { By = Period.Month }).Count);
        Time("timeline USA CHN --by day", () => store.Timeline(new TimelineQuery("USA", "CHN") { By = Period.Day }).Count);
        Time("timeline USAGOV RUSGOV --by week", () => store.Timeline(new TimelineQuery("USAGOV", "RUSGOV") { By = Period.Week }).Count);
        Time("events --actor RUS", () => store.Events(new EventQuery { Actor = "RUS" }).Count);
        Time("events --actor USA (busiest)", () => store.Events(new EventQuery { Actor = "USA" }).Count);
        Time("events --actor CHNMIL --type FIGHT", () => store.Events(new EventQuery { Actor = "CHNMIL", Type = "FIGHT" }).Count);
        Time("events --actor \"RUS GOV\" (name)", () => store.Events(new EventQuery { Actor = "RUS GOV" }).Count);
    }

    private static void Time(string name, Func<int> query)
    {
        var first = Stopwatch.StartNew();
        var rows = query();
        var cold = first.Elapsed.TotalMilliseconds;
        for (var i = 0; i < 5; i++)
        {
            query(); // warm-up: let tiered JIT settle before timing
        }

        var times = new List<double>();
        var cpu = new List<double>();
        using var self = Process.GetCurrentProcess();
        for (var i = 0; i < 15; i++)
        {
            self.Refresh();
            var c0 = self.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            query();
            times.Add(sw.Elapsed.TotalMilliseconds);
            self.Refresh();
            cpu.Add((self.TotalProcessorTime - c0).TotalMilliseconds);
        }

        times.Sort();
        cpu.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-40} rows {rows,5}  first {cold,7:0.0} ms  median {times[times.Count / 2],7:0.0} ms  max {times[^1],7:0.0} ms  cpu median {cpu[cpu.Count / 2],6:0.0} ms"));
    }

    /// <summary>
    /// Ingest as <c>dyad ingest</c> does it (analysis on every core, one writer thread saving
    /// batches of 200) over invented ~3 KB articles; reports the writer's busy time against the wall time.
    /// Each article also carries 10 events, 8 entities and 2 quotes made by hand, the volume the NLP stages will add.
    /// </summary>
    public static void IngestShare(string path, int docs)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(f);
        }

        var r = new Random(7);
        var filler = "Officials said the talks covered trade, energy and security, and that both sides would meet again next month to continue the discussion. ";
        var documents = Enumerable.Range(0, docs).Select(i =>
        {
            var a = Article(r, i, 10, new DateOnly(2024, 1, 1), 365);
            var body = a.Text + " " + string.Concat(Enumerable.Repeat(filler, 20));
            return a with { Document = a.Document with { Text = body } };
        }).ToList();

        using var store = Store.OpenSqlite(path);
        var pipeline = AnalysisPipeline.Default;
        using var queue = new System.Collections.Concurrent.BlockingCollection<Analysis>(800);
        long storageTicks = 0;
        double storageCpu = 0;
        using var self = Process.GetCurrentProcess();
        var cpuStart = self.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var writer = new Thread(() =>
        {
            var batch = new List<Analysis>(200);
            foreach (var a in queue.GetConsumingEnumerable())
            {
                batch.Add(a);
                if (batch.Count == 200)
                {
                    var t = Stopwatch.GetTimestamp();
                    var c = ThreadCpu();
                    store.Save(batch);
                    storageCpu += ThreadCpu() - c;
                    storageTicks += Stopwatch.GetTimestamp() - t;
                    batch.Clear();
                }
            }

            var last = Stopwatch.GetTimestamp();
            var lastCpu = ThreadCpu();
            store.Save(batch);
            storageCpu += ThreadCpu() - lastCpu;
            storageTicks += Stopwatch.GetTimestamp() - last;
        });
        writer.Start();
        Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, template =>
        {
            var analysed = pipeline.Analyze(template.Document);
            var entities = template.Events.SelectMany(e => e.Source.Concat(e.Target)).DistinctBy(x => x.Code).Take(8)
                .Select((x, i) =>
                {
                    var at = analysed.Text.IndexOf(x.Name, StringComparison.Ordinal);
                    return new Entity
                    {
                        Id = "e" + i.ToString(CultureInfo.InvariantCulture), Name = x.Name, Type = "ORG", Country = x.Country, ActorCode = x.Code,
                        Mentions = [new Mention(at, at + x.Name.Length, x.Name, MentionKind.Name)],
                    };
                });
            var quoteAt = analysed.Text.IndexOf("the talks covered", StringComparison.Ordinal);
            queue.Add(analysed with
            {
                Events = template.Events,
                Entities = [.. entities],
                Quotes = [new Quote(quoteAt, quoteAt + 17, "the talks covered", false, null, null)],
            });
        });
        queue.CompleteAdding();
        writer.Join();
        var total = wall.Elapsed.TotalSeconds;
        var storage = storageTicks / (double)Stopwatch.Frequency;
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuStart).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest {docs:N0} articles (~{documents.Average(d => d.Text.Length) / 1000:0.0} KB, 10 events each) into {path}: {total:0.00} s wall ({docs / total:N0} docs/s); writer busy {storage:0.00} s = {100 * storage / total:0.0}% of the wall time; CPU: process {cpu:0.00} s, storage {storageCpu:0.00} s = {100 * storageCpu / cpu:0.0}% of ingest CPU; stages: {string.Join(", ", pipeline.Stages.Select(s => s.Name))}"));
    }

    /// <summary>
    /// The cost of saving the real pipeline's output: the benchmark corpus is analysed once (all
    /// cores), then saved in batches of 200 into a fresh store, <paramref name="copies"/> times over
    /// (each copy a new document id, so later copies report events already stored), once per round.
    /// Reports the writer's CPU time per document against the analysis CPU per document (one core):
    /// storage share = save / (analysis + save), the share of ingest CPU spent in storage.
    /// </summary>
    public static void SaveCost(string path, string corpus, int copies, int rounds)
    {
        var read = Dyad.Reading.DocumentReader.Read(corpus, File.ReadAllBytes(corpus), new Dyad.Reading.ReaderOptions { MaxBytes = long.MaxValue });
        var pipeline = AnalysisPipeline.Default;
        foreach (var d in read.Documents)
        {
            pipeline.Analyze(d); // warm-up
        }

        var cpu0 = ThreadCpu();
        var analyses = read.Documents.Select(d => pipeline.Analyze(d)).ToList();
        var analysisCpu = (ThreadCpu() - cpu0) / analyses.Count;
        var all = Enumerable.Range(0, copies).SelectMany(k => analyses.Select(a => k == 0 ? a : a with { Id = a.Id + "-" + k.ToString(CultureInfo.InvariantCulture) })).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{analyses.Count} documents x {copies}: per document {analyses.Average(a => a.Times.Length):0.0} times, {analyses.Average(a => a.Entities.Length):0.0} entities, {analyses.Average(a => a.Entities.Sum(e => e.Mentions.Length)):0.0} mentions, {analyses.Average(a => a.Quotes.Length):0.0} quotes, {analyses.Average(a => a.Places.Length):0.0} places, {analyses.Average(a => a.Events.Length):0.0} events, {analyses.Average(a => a.Text.Length):0} chars; analysis {analysisCpu * 1000:0.00} ms CPU per document (one core)"));
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(f);
            }

            using var store = Store.OpenSqlite(path);
            var wall = Stopwatch.StartNew();
            var cpu = ThreadCpu();
            var first = 0.0;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            int gc0 = GC.CollectionCount(0), gc1 = GC.CollectionCount(1), gc2 = GC.CollectionCount(2);
            for (var from = 0; from < all.Count; from += 200)
            {
                store.Save(all.GetRange(from, Math.Min(200, all.Count - from)));
                if (from == 0)
                {
                    first = ThreadCpu() - cpu;
                }
            }

            var saveCpu = (ThreadCpu() - cpu) / all.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  allocated {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / all.Count:0.0} KB per document saved; collections {GC.CollectionCount(0) - gc0}/{GC.CollectionCount(1) - gc1}/{GC.CollectionCount(2) - gc2} (gen 0/1/2)"));
            var firstCpu = first / Math.Min(200, all.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(round == 0 ? "cold " : "round")} {round}: save {saveCpu * 1000:0.000} ms CPU per document (first batch {firstCpu * 1000:0.000}), wall {wall.Elapsed.TotalMilliseconds / all.Count:0.000} ms; storage share {100 * saveCpu / (saveCpu + analysisCpu):0.0}% (first batch {100 * firstCpu / (firstCpu + analysisCpu):0.0}%)"));
        }
    }
}
