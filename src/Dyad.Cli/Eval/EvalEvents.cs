using System.CommandLine;
using System.Globalization;
using Dyad.Cli.Commands;
using Dyad.Evaluation;
using Dyad.Pipeline;

namespace Dyad.Cli.Eval;

/// <summary>
/// <c>dyad eval events</c>: type recall, full-match recall (type, source and target) and precision against
/// sentence-level gold records (JSON Lines, see <see cref="EventGoldRecord"/>). Negated and hypothetical
/// events are not counted as predictions: they did not happen.
/// </summary>
internal static class EvalEvents
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Gold .jsonl files or folders.", Arity = ArgumentArity.OneOrMore };
        var verbose = new Option<bool>("--verbose") { Description = "Print each sentence whose events do not all match." };
        var command = new Command("events", "PLOVER event type recall, full-match recall and precision against sentence-level gold records.") { paths, verbose };
        command.SetAction(result =>
        {
            var files = EvalCommand.Files(result.GetValue(paths) ?? [], ".jsonl");
            var show = result.GetValue(verbose);
            var total = new EventScore();
            var byType = new SortedDictionary<string, EventScore>(StringComparer.Ordinal);
            var sentences = 0;
            foreach (var file in files)
            {
                var lineNumber = 0;
                foreach (var line in File.ReadLines(file))
                {
                    lineNumber++;
                    if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    EventGoldRecord record;
                    try
                    {
                        record = EventGoldRecord.Parse(line);
                    }
                    catch (System.Text.Json.JsonException e)
                    {
                        Console.Error.WriteLine($"dyad: {file}:{lineNumber}: {e.Message}");
                        continue;
                    }

                    var analysis = record.Entities is null
                        ? AnalysisPipeline.Default.Analyze(new Document { Text = record.Text, Date = EventGold.ParseDate(record.Date) })
                        : Dyad.Events.EventsStage.Instance.Run(EventGold.Build(record));
                    var predicted = EventGold.Happened(analysis.Events).ToList();
                    var before = (total.FullFound, total.PredictedCorrect);
                    total.Add(record.Events, predicted);
                    foreach (var g in record.Events)
                    {
                        var key = g.Type ?? g.Cameo ?? "?";
                        if (!byType.TryGetValue(key, out var s))
                        {
                            byType[key] = s = new EventScore();
                        }

                        s.Add([g], predicted.Where(p => EventGold.TypeMatches(p, g)).ToList());
                    }

                    sentences++;
                    var allFound = total.FullFound - before.FullFound == record.Events.Length && total.PredictedCorrect - before.PredictedCorrect == predicted.Count;
                    if (show && !allFound)
                    {
                        Console.WriteLine($"{file}:{lineNumber}: {record.Text}");
                        foreach (var g in record.Events)
                        {
                            Console.WriteLine($"   gold {g.Type ?? g.Cameo} {g.Source} -> {g.Target}");
                        }

                        foreach (var p in predicted)
                        {
                            Console.WriteLine($"   got  {p.Type} {p.Cameo} {string.Join('+', p.Source.Select(a => a.Code))} -> {string.Join('+', p.Target.Select(a => a.Code))} [{p.Trigger.Text}]");
                        }
                    }
                }
            }

            foreach (var (type, s) in byType)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type,-10} gold {s.Gold,4}  type recall {s.TypeRecall:F3}  full-match recall {s.FullRecall:F3}"));
            }

            Console.WriteLine($"sentences {sentences}  {total}");
            return sentences > 0 ? 0 : 1;
        });
        return command;
    }
}
