using System.CommandLine;
using Dyad.Cli.Eval;

namespace Dyad.Cli.Commands;

/// <summary><c>dyad eval ...</c>: scorers that read public gold formats and print precision, recall and F1.</summary>
internal static class EvalCommand
{
    public static Command Create() => new("eval", "Score Dyad against gold-standard data.")
    {
        EvalSentences.Create(),
        EvalPlaces.Create(),
        EvalQuotes.Create(),
        EvalLinks.Create(),
        EvalEvents.Create(),
        EvalTimes.Create(),
        EvalNames.Create(),
    };

    /// <summary>The files under the given paths (folders recursively) that have one of the extensions.</summary>
    internal static List<string> Files(IEnumerable<string> paths, params string[] extensions)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                Console.Error.WriteLine($"dyad: {path}: no such file or folder");
            }
        }

        return files;
    }
}
