using System.CommandLine;
using System.Globalization;
using Dyad.Cli.Commands;
using Dyad.Evaluation;
using Dyad.Pipeline;

namespace Dyad.Cli.Eval;

/// <summary><c>dyad eval quotes</c>: quotation content P/R/F1 and speaker accuracy on brat attribution annotations (.ann + .txt).</summary>
internal static class EvalQuotes
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "brat .ann files (each beside its .txt) or folders.", Arity = ArgumentArity.OneOrMore };
        var verbose = new Option<bool>("--verbose") { Description = "List missed, spurious and misattributed quotes." };
        var command = new Command("quotes", "Quotation content precision/recall/F1 (>= 50% character overlap) and speaker accuracy on matched quotes.") { paths, verbose };
        command.SetAction(result =>
        {
            var files = EvalCommand.Files(result.GetValue(paths) ?? [], ".ann");
            var pipeline = AnalysisPipeline.Default;
            var total = QuoteScore.Empty;
            var documents = 0;
            var goldCount = 0;
            foreach (var ann in files)
            {
                var txt = Path.ChangeExtension(ann, ".txt");
                if (!File.Exists(txt))
                {
                    Console.Error.WriteLine($"dyad: {ann}: no {Path.GetFileName(txt)} beside it");
                    continue;
                }

                var text = File.ReadAllText(txt);
                var gold = BratAttribution.Read(File.ReadAllText(ann));
                var analysis = pipeline.Analyze(new Document { Text = text, Origin = txt });
                var (score, matches) = QuoteScorer.Score(text, gold, analysis.Quotes);
                total += score;
                documents++;
                goldCount += gold.Count;
                if (result.GetValue(verbose))
                {
                    Report(Path.GetFileName(txt), text, matches);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"documents {documents}  gold quotes {goldCount}"));
            Console.WriteLine($"content   {total.Content}");
            Console.WriteLine($"  direct    {total.Direct}");
            Console.WriteLine($"  reported  {total.Reported}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"speaker accuracy on matched contents {total.SpeakerAccuracy:F4}  ({total.SpeakersRight}/{total.Matched})"));
            return documents > 0 ? 0 : 1;
        });
        return command;
    }

    private static void Report(string name, string text, List<QuoteMatch> matches)
    {
        foreach (var m in matches)
        {
            if (m.Gold is not null && m.Predicted is not null && m.SpeakerRight)
            {
                continue;
            }

            var what = m.Gold is null ? "spurious" : m.Predicted is null ? "missed" : "speaker";
            var range = m.Gold?.Content ?? new TextRange(m.Predicted!.Start, m.Predicted.End);
            var gold = m.Gold is null ? "" : " gold speaker: " + string.Join(" | ", m.Gold.Sources.Select(s => text[s.Start..s.End]));
            var said = m.Predicted?.Speaker is { } s2 ? $" predicted: {text[s2.Start..s2.End]} ({s2.Name})" : m.Predicted is null ? "" : " predicted: none";
            Console.WriteLine($"{name}: {what}: {Clip(text[range.Start..range.End])}{gold}{said}");
        }
    }

    private static string Clip(string text) => (text.Length > 70 ? text[..70] + "…" : text).Replace('\n', ' ');
}
