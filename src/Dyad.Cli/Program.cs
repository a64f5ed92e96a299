using System.CommandLine;
using Dyad.Cli.Commands;

namespace Dyad.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Dyad: news articles to a verifiable record of international relations (who met whom, who said what, when, where).")
        {
            ExtractCommand.Create(),
            EvalCommand.Create(),
            BenchCommand.Create(),
            IngestCommand.Create(),
            ExportCommand.Create(),
            ServeCommand.Create(),
        };
        foreach (var query in QueryCommands.Create())
        {
            root.Subcommands.Add(query);
        }

        return root.Parse(args).Invoke();
    }
}
