using System.CommandLine;
using System.Globalization;
using Dyad.Cli.Commands;
using Dyad.Evaluation;

namespace Dyad.Cli.Eval;

/// <summary><c>dyad eval times</c>: TempEval-3 style scores on MEANTIME (.xml with token anchors) and TimeML (.tml/.xml with inline TIMEX3) files.</summary>
internal static class EvalTimes
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "MEANTIME or TimeML files or folders (.xml, .tml).", Arity = ArgumentArity.OneOrMore };
        var errors = new Option<bool>("--errors") { Description = "List every difference (missed, spurious, extent, type, value)." };
        var command = new Command("times", "Time expressions: relaxed and strict extent P/R/F1, type and value accuracy, value F1 (TempEval-3 style).") { paths, errors };
        command.SetAction(result =>
        {
            var files = EvalCommand.Files(result.GetValue(paths) ?? [], ".xml", ".tml");
            var showErrors = result.GetValue(errors);
            var total = new TimeScores();
            var documents = 0;
            foreach (var file in files)
            {
                var content = File.ReadAllText(file);
                var name = Path.GetFileNameWithoutExtension(file);
                GoldTimeDocument gold;
                try
                {
                    gold = content.Contains("<token ", StringComparison.Ordinal) && content.Contains("token_anchor", StringComparison.Ordinal)
                        ? TimeScorer.ReadMeantime(name, content)
                        : TimeScorer.ReadTimeMl(name, content);
                }
                catch (System.Xml.XmlException ex)
                {
                    Console.Error.WriteLine($"dyad: {file}: {ex.Message}");
                    continue;
                }

                var (scores, differences) = TimeScorer.Score(gold);
                total += scores;
                documents++;
                if (showErrors)
                {
                    foreach (var d in differences)
                    {
                        Console.WriteLine($"{name}\t{gold.Dct:yyyy-MM-dd}\t{d.Kind}\t{d.Text}\t{d.Expected}\t{d.Got}");
                    }
                }
            }

            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"documents {documents}  gold {total.Gold}  predicted {total.Predicted}"));
            Console.WriteLine($"relaxed extent: {total.Relaxed}");
            Console.WriteLine($"strict extent:  {total.Strict}");
            Console.WriteLine(string.Create(inv, $"type accuracy {total.TypeAccuracy:F4}  value accuracy {total.ValueAccuracy:F4}  (over relaxed matches)"));
            Console.WriteLine($"type F1:  {total.Type}");
            Console.WriteLine($"value F1: {total.Value}");
            return documents > 0 ? 0 : 1;
        });
        return command;
    }
}
