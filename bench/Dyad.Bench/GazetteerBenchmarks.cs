using BenchmarkDotNet.Attributes;
using Dyad.Places;

namespace Dyad.Bench;

/// <summary>
/// Loading the places gazetteer from its embedded compact form (target: under 300 ms and 150 MB), and a
/// name lookup. Run: <c>dotnet run -c Release --project bench/Dyad.Bench -- --filter '*GazetteerBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class GazetteerBenchmarks
{
    private readonly Gazetteer _gazetteer = Gazetteer.Instance;

    [Benchmark(Description = "load the gazetteer")]
    public int Load() => Gazetteer.Load().NameCount;

    [Benchmark(Description = "look up 8 names")]
    public int Lookup()
    {
        var n = 0;
        foreach (var name in (string[])["Paris", "Springfield", "San Jose", "Hodeida", "Black Sea", "Kharkiv", "Nowhereville", "Isabela"])
        {
            n += _gazetteer.Lookup(Gazetteer.Key(name)).Length;
        }

        return n;
    }
}
