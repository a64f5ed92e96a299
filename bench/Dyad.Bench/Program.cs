using BenchmarkDotNet.Running;

namespace Dyad.Bench;

/// <summary>
/// BenchmarkDotNet benchmarks of each stage and of the whole pipeline on the benchmark corpus
/// (build it first: <c>dyad bench corpus</c>). Run: <c>dotnet run -c Release --project bench/Dyad.Bench -- --filter '*'</c>.
/// <c>-- names-cpu [ROUNDS]</c> runs the names benchmarks without BenchmarkDotNet and reports tokens
/// per second of the thread's own CPU time (robust when other jobs load the machine).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "names-cpu")
        {
            NamesCpu.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
