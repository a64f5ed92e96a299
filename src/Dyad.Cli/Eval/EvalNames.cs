using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dyad.Cli.Commands;
using Dyad.Names;

namespace Dyad.Cli.Eval;

/// <summary>
/// <c>dyad eval ner FILE...</c>: conlleval-style NER scores (exact span and type, P/R/F1 per type)
/// on CoNLL/IOB files (UNER TSV, CoNLL, GUM BIO; IOB1 or IOB2) and MEANTIME XML.
/// </summary>
internal static class EvalNames
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "IOB/CoNLL files (.iob2, .conll, .txt, .bio) or MEANTIME .xml files, or folders.", Arity = ArgumentArity.OneOrMore };
        var typesOption = new Option<string?>("--types") { Description = "Comma-separated CoNLL types to score (default: the types present in the gold files), e.g. PER,ORG,LOC." };
        var split = new Option<bool>("--split") { Description = "Use Dyad's sentence splitter instead of the gold sentences." };
        var errors = new Option<int>("--show-errors") { Description = "Print up to N false positives and negatives." };
        var modelClasses = new Option<bool>("--model-classes") { Description = "Keep the model's ORG for names the lexicon knows as places (Universal NER tags a country acting as ORG); default: Dyad's types." };
        var modelFile = new Option<string?>("--model") { Description = "Score another trained model file (.bin.gz from tools/Dyad.Train) instead of the embedded one." };
        var untyped = new Option<bool>("--untyped") { Description = "Score spans only, ignoring types (reported as PER)." };
        var contextual = new Option<bool>("--contextual") { Description = "Score the contextual recogniser (all-MiniLM-L6-v2 readings; slower, more accurate) instead of the default one." };
        var readingFile = new Option<string?>("--reading") { Description = "With --contextual and --model: the reading file (.bin.gz from tools/Dyad.Train ner --context yes) trained with that model." };
        var annotatedOnly = new Option<bool>("--annotated-only") { Description = "MEANTIME annotates only some entities: do not count predictions that overlap no annotated mention." };
        var encoder = new Option<string?>("--encoder") { Description = "With --contextual: run the encoder in float or int8 (8-bit integer matrix products) whatever the reading file was trained with (default: as trained)." };
        var breakdown = new Option<bool>("--breakdown") { Description = "Also count the kinds of mistakes (wrong type by gold and predicted type, wrong boundaries, missed, spurious) and the F1 with every type, then every boundary, right." };
        var command = new Command("ner", "Named-entity precision, recall and F1 (exact span and type) against CoNLL/IOB or MEANTIME gold.") { paths, typesOption, split, errors, modelClasses, annotatedOnly, untyped, modelFile, contextual, readingFile, breakdown, encoder };
        command.SetAction(result =>
        {
            var files = EvalCommand.Files(result.GetValue(paths) ?? [], ".iob2", ".iob", ".conll", ".txt", ".bio", ".xml");
            var golds = new List<NerGoldDocument>();
            foreach (var file in files)
            {
                var content = File.ReadAllText(file);
                if (file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                {
                    golds.Add(NerGold.FromMeantime(content, Path.GetFileNameWithoutExtension(file)));
                    continue;
                }

                var documents = IobCorpus.Read(content, Path.GetFileName(file));
                var scheme = IobCorpus.Scheme(documents.SelectMany(d => d.Sentences));
                golds.AddRange(documents.Select(d => NerGold.FromIob(d, scheme, MapGold)));
            }

            var types = result.GetValue(typesOption) is { } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
                : golds.SelectMany(g => g.Names).Select(n => n.Type).ToHashSet(StringComparer.Ordinal);
            if (result.GetValue(encoder) is { } precision && (precision is not ("int8" or "float") || !result.GetValue(contextual)))
            {
                Console.Error.WriteLine(result.GetValue(contextual)
                    ? $"dyad: --encoder {precision}: float or int8"
                    : "dyad: --encoder goes with --contextual (the default recogniser has no encoder)");
                return 2;
            }

            bool? int8 = result.GetValue(encoder) is { } chosen ? chosen == "int8" : null;
            if (ModelFilesProblem(result.GetValue(modelFile), result.GetValue(contextual), result.GetValue(readingFile)) is { } problem)
            {
                Console.Error.WriteLine($"dyad: {problem}");
                return 2;
            }

            PerceptronNameRecognizer recognizer;
            try
            {
                recognizer = Recognizer(result.GetValue(modelFile), result.GetValue(contextual), result.GetValue(readingFile), result.GetValue(modelClasses), int8);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                var named = string.Join(" or ", new[] { result.GetValue(modelFile), result.GetValue(readingFile) }.OfType<string>().DefaultIfEmpty("the embedded model"));
                Console.Error.WriteLine($"dyad: {named}: not a model or reading file Dyad can read ({e.Message})");
                return 2;
            }
            var total = new NerScores();
            var kinds = new NerErrorKinds();
            var shown = 0;
            var maxShown = result.GetValue(errors);
            var timer = Stopwatch.StartNew();
            var tokens = 0;
            foreach (var gold0 in golds)
            {
                var gold = gold0;
                var predicted = NerScorer.Predict(gold, recognizer, result.GetValue(split));
                if (result.GetValue(untyped))
                {
                    gold = gold with { Names = gold.Names.Where(n => types.Contains(n.Type)).Select(n => n with { Type = "PER" }).ToList() };
                    predicted = [.. predicted.Where(p => types.Contains(NerScorer.Coarse(p.Type))).Select(p => p with { Type = "PERSON" })];
                }

                tokens += Text.Tokenizer.Tokenize(gold.Text).Length;
                var mistakes = new List<(GoldName Name, bool FalsePositive)>();
                total.Add(NerScorer.Score(gold, predicted, result.GetValue(untyped) ? new HashSet<string> { "PER" } : types, result.GetValue(annotatedOnly), mistakes));
                kinds.Add(mistakes);
                foreach (var (name, falsePositive) in mistakes.OrderBy(m => m.Name.Start))
                {
                    if (shown++ < maxShown)
                    {
                        Console.WriteLine($"  {(falsePositive ? "FP" : "FN")} {name.Type} \"{gold.Text[name.Start..name.End]}\"  | {Context(gold.Text, name.Start, name.End)}");
                    }
                }
            }

            var seconds = timer.Elapsed.TotalSeconds;
            var schemes = string.Join(", ", golds.Select(g => g.Scheme).Distinct());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"documents {golds.Count} ({schemes}), gold names {golds.Sum(g => g.Names.Count(n => types.Contains(n.Type)))}, types {string.Join(",", types.Order(StringComparer.Ordinal))}, {tokens} tokens in {seconds:F2} s"));
            foreach (var (type, score) in total.ByType.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {type,-5} {score}");
            }

            Console.WriteLine($"  all   {total.Total}");
            if (result.GetValue(breakdown))
            {
                Console.WriteLine(kinds.Report(total.Total));
            }

            return golds.Count > 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Why the model options cannot be used (a missing file, a reading without its model), or null.</summary>
    internal static string? ModelFilesProblem(string? modelPath, bool contextual, string? readingPath)
    {
        if (modelPath is not null && !File.Exists(modelPath))
        {
            return $"--model {modelPath}: no such file";
        }

        if (readingPath is not null && !File.Exists(readingPath))
        {
            return $"--reading {readingPath}: no such file";
        }

        if (readingPath is not null && (!contextual || modelPath is null))
        {
            return "--reading goes with --contextual and --model (a reading file belongs to the model trained with it)";
        }

        return contextual && modelPath is not null && readingPath is null
            ? "--contextual --model needs --reading FILE (the reading file written with that model by Dyad.Train ner --context yes)"
            : null;
    }

    private static PerceptronNameRecognizer Recognizer(string? modelPath, bool contextual, string? readingPath, bool keepModelClass, bool? int8)
    {
        NameModel? model = null;
        if (modelPath is not null)
        {
            using var stream = File.OpenRead(modelPath);
            model = NameModel.Load(stream);
        }

        if (!contextual)
        {
            return new PerceptronNameRecognizer(model ?? NameModel.Default, NameLexicon.Default, keepModelClass);
        }

        if (model is null)
        {
            return int8 is { } precision
                ? Names.Contextual.ContextualNames.Create(keepModelClass, precision)
                : Names.Contextual.ContextualNames.Create(keepModelClass);
        }

        using var reading = File.OpenRead(readingPath!);
        return Names.Contextual.ContextualNames.Create(model, reading, keepModelClass, int8);
    }

    /// <summary>UNER's OTH and stray B-O: OTH is MISC, O is outside.</summary>
    private static string? MapGold(string type) => type switch
    {
        "PER" or "ORG" or "LOC" or "MISC" => type,
        "OTH" => "MISC",
        _ => null,
    };

    private static string Context(string text, int start, int end)
    {
        var from = Math.Max(0, start - 40);
        var to = Math.Min(text.Length, end + 40);
        return text[from..to].Replace('\n', ' ');
    }
}
