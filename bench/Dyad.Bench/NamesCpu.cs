using System.Globalization;
using System.Runtime.InteropServices;

namespace Dyad.Bench;

/// <summary>
/// The <see cref="NamesBenchmarks"/> measured by the calling thread's CPU time (Linux
/// <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): warm-up rounds, then ROUNDS rounds of each; prints
/// the median, best and worst tokens per CPU-second. Wall-clock figures on a loaded 2-core machine
/// measure the other jobs; the thread's CPU time does not (cache sharing still shows).
/// </summary>
internal static class NamesCpu
{
    public static void Run(int rounds)
    {
        // First loads in this process (gunzip + parse; the JIT of the loading code included).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var model = Dyad.Names.NameModel.Default;
        var modelMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var gazetteer = Dyad.Names.NameGazetteer.Default;
        var gazetteerMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var lexicon = Dyad.Names.NameLexicon.Default;
        var lexiconMs = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load (wall): model {modelMs:F0} ms, gazetteer {gazetteerMs:F0} ms ({gazetteer.Count:N0} keys), lexicon {lexiconMs:F0} ms; model present: {model is not null}, lexicon present: {lexicon is not null}"));
        var bench = new NamesBenchmarks();
        bench.Setup();

        // The process's first collection promotes everything allocated so far (the corpus and its
        // analyses, every resource loaded): about 0.1 s once, which would otherwise land in whichever
        // round crosses the first allocation budget. Done here, before the rounds, as BenchmarkDotNet does.
        var gcStart = ThreadSeconds();
        GC.Collect();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"corpus: {Corpus.All.Count} documents, {NamesBenchmarks.Tokens:N0} tokens; {rounds} rounds after 5 warm-up rounds; first full GC after setup {(ThreadSeconds() - gcStart) * 1000:F0} ms CPU, heap {GC.GetTotalMemory(false) / 1e6:F0} MB"));
        (string Name, Func<int> Body)[] cases =
        [
            ("recognise", bench.Recognize),
            ("features", bench.Features),
            ("model", bench.Decode),
        ];
        foreach (var (_, body) in cases)
        {
            for (var i = 0; i < 5; i++)
            {
                body();
            }
        }

        foreach (var (name, body) in cases)
        {
            var rates = new List<double>();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            for (var r = 0; r < rounds; r++)
            {
                var start = ThreadSeconds();
                body();
                rates.Add(NamesBenchmarks.Tokens / (ThreadSeconds() - start));
            }

            var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)(NamesBenchmarks.Tokens * rounds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-10} rounds in order (k): {string.Join(' ', rates.Select(r => (r / 1000).ToString("F0", CultureInfo.InvariantCulture)))}"));
            rates.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-10} tokens per CPU-second: median {rates[rates.Count / 2]:N0}, best {rates[^1]:N0}, worst {rates[0]:N0}; {bytes:F0} bytes allocated per token; collections gen0/1/2 {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}"));
        }
    }

    private static double ThreadSeconds() =>
        ClockGetTime(3, out var t) == 0 ? t.Seconds + (t.Nanoseconds / 1e9) : throw new PlatformNotSupportedException("clock_gettime failed (Linux only).");

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static int ClockGetTime(int clock, out TimeSpec time) => NativeMethods.clock_gettime(clock, out time);

    private static class NativeMethods
    {
        [DllImport("libc", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int clock_gettime(int clock, out TimeSpec time);
    }
}
