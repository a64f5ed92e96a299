using BenchmarkDotNet.Running;

namespace Dyad.Bench;

/// <summary>
/// BenchmarkDotNet benchmarks of each stage and of the whole pipeline on the benchmark corpus
/// (build it first: <c>dyad bench corpus</c>). Run: <c>dotnet run -c Release --project bench/Dyad.Bench -- --filter '*'</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
