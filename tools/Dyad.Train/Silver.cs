using System.Globalization;
using System.Text;
using Dyad.Names;
using Dyad.Names.Contextual;
using Dyad.Text;

namespace Dyad.Train;

/// <summary>
/// <c>Dyad.Train silver --in DIR --out FILE [--model M --reading R]</c>: reads every <c>.txt</c>
/// file of a folder as one document, finds its names with the contextual recogniser (the shipped
/// one, or the model and reading given), and writes them as a tab-separated BIO file
/// (<c>word \t tag</c>, a <c>-DOCSTART-</c> line before each document, a blank line after each
/// sentence) in the four training classes: unlabelled text labelled by the slow recogniser, for
/// the fast one to learn from (<c>ner --silver FILE</c>).
/// </summary>
internal static class Silver
{
    public static int Write(string input, string output, string? modelPath, string? readingPath)
    {
        var problem = !Directory.Exists(input) ? $"--in {input}: no such folder"
            : modelPath is not null && !File.Exists(modelPath) ? $"--model {modelPath}: no such file"
            : modelPath is not null && readingPath is null ? "--model needs --reading (the reading file written with that model)"
            : readingPath is not null && modelPath is null ? "--reading goes with --model"
            : readingPath is not null && !File.Exists(readingPath) ? $"--reading {readingPath}: no such file"
            : null;
        if (problem is not null)
        {
            Console.Error.WriteLine($"Dyad.Train silver: {problem}");
            return 2;
        }

        PerceptronNameRecognizer recognizer;
        if (modelPath is null)
        {
            recognizer = ContextualNames.Create();
        }
        else
        {
            using var modelFile = File.OpenRead(modelPath);
            using var readingFile = File.OpenRead(readingPath!);
            recognizer = ContextualNames.Create(NameModel.Load(modelFile), readingFile);
        }

        var files = Directory.EnumerateFiles(input, "*.txt").Order(StringComparer.Ordinal).ToList();
        var (words, names, sentencesWritten, failed) = (0, 0, 0, 0);
        using var writer = new StreamWriter(output, false, new UTF8Encoding(false));
        writer.NewLine = "\n";
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // One unreadable file is reported and skipped; the others are still labelled.
                Console.Error.WriteLine($"Dyad.Train silver: {file}: cannot be read ({e.Message}); skipped");
                failed++;
                continue;
            }

            var tokens = Tokenizer.Tokenize(text);
            var sentences = SentenceSplitter.Split(text, tokens);
            var mentions = recognizer.Recognize(text, tokens, sentences);
            var tags = new string[tokens.Length];
            Array.Fill(tags, "O");
            var t = 0;
            foreach (var mention in mentions)
            {
                while (t < tokens.Length && tokens[t].End <= mention.Start)
                {
                    t++;
                }

                var first = true;
                for (var i = t; i < tokens.Length && tokens[i].Start < mention.End; i++)
                {
                    tags[i] = (first ? "B-" : "I-") + NerScorer.Coarse(mention.Type);
                    first = false;
                }

                names++;
            }

            writer.WriteLine("-DOCSTART-\tO");
            writer.WriteLine();
            var next = 0;
            foreach (var sentence in sentences)
            {
                var any = false;
                for (; next < tokens.Length && tokens[next].Start < sentence.End; next++)
                {
                    if (tokens[next].End <= sentence.Start)
                    {
                        continue;
                    }

                    var word = text[tokens[next].Start..tokens[next].End];
                    if (word.Any(char.IsWhiteSpace))
                    {
                        word = string.Concat(word.Select(c => char.IsWhiteSpace(c) ? '_' : c));
                    }

                    writer.WriteLine($"{word}\t{tags[next]}");
                    words++;
                    any = true;
                }

                if (any)
                {
                    writer.WriteLine();
                    sentencesWritten++;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Path.GetFileName(file)}: {tokens.Length} tokens, {mentions.Length} names"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {output}: {files.Count - failed} documents ({failed} skipped), {sentencesWritten} sentences, {words} tokens, {names} names"));
        return files.Count > 0 && failed == 0 ? 0 : 1;
    }
}
