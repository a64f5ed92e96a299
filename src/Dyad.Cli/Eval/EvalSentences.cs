using System.CommandLine;
using Dyad.Cli.Commands;
using Dyad.Evaluation;

namespace Dyad.Cli.Eval;

/// <summary><c>dyad eval sentences</c>: sentence-boundary F1 on MEANTIME (.xml) and CoNLL-U (.conllu) files.</summary>
internal static class EvalSentences
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "MEANTIME .xml and CoNLL-U .conllu files or folders.", Arity = ArgumentArity.OneOrMore };
        var filter = new Option<string?>("--name-contains") { Description = "Only documents whose file or doc id contains this text (e.g. _news_)." };
        var showErrors = new Option<bool>("--errors") { Description = "Print each wrong or missed boundary with its context." };
        var command = new Command("sentences", "Sentence-boundary precision, recall and F1 against gold sentences.") { paths, filter, showErrors };
        command.SetAction(result =>
        {
            var files = EvalCommand.Files(result.GetValue(paths) ?? [], ".xml", ".conllu");
            var contains = result.GetValue(filter);
            var total = default(Score);
            var documents = 0;
            List<string>? errors = result.GetValue(showErrors) ? [] : null;
            foreach (var file in files)
            {
                var content = File.ReadAllText(file);
                var golds = file.EndsWith(".conllu", StringComparison.OrdinalIgnoreCase)
                    ? GoldText.ReadConllu(content, Path.GetFileNameWithoutExtension(file))
                    : [FromMeantime(file, content)];
                foreach (var gold in golds)
                {
                    if (contains is not null && !gold.Name.Contains(contains, StringComparison.Ordinal) && !file.Contains(contains, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    total += SentenceScorer.Score(gold, errors);
                    documents++;
                }
            }

            foreach (var error in errors ?? [])
            {
                Console.WriteLine(error);
            }

            Console.WriteLine($"documents {documents}  sentence boundaries: {total}");
            return documents > 0 ? 0 : 1;
        });
        return command;
    }

    private static GoldSentences FromMeantime(string file, string content)
    {
        var (text, _, sentences) = GoldText.RebuildMeantime(GoldText.MeantimeTokens(content));
        return new GoldSentences(Path.GetFileNameWithoutExtension(file), text, sentences);
    }
}
