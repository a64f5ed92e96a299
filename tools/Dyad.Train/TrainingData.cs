using Dyad.Names;

namespace Dyad.Train;

/// <summary>A training sentence as the tagger sees it: text, tokens, gold BILOU tags.</summary>
internal sealed record TaggedSentence(string Text, Token[] Tokens, int[] Tags)
{
    /// <summary>How the sentence's document writes each word elsewhere.</summary>
    public DocumentContext Context { get; init; } = DocumentContext.Empty;

    /// <summary>The contextual reading of each word (<see cref="FeatureExtractor.ReadingPerToken"/> values per token), with <c>--context yes</c>.</summary>
    public ulong[]? Reading { get; init; }
}

/// <summary>Reads the training corpora under the shared NER folder into tagged sentences.</summary>
internal static class TrainingData
{
    /// <summary>The training files, relative to the data folder (never UNER EWT test, UNER PUD or MEANTIME).</summary>
    public static readonly string[] TrainFiles =
    [
        "uner_en_ewt/en_ewt-ud-train.FIRSTCOMMIT-0c7ce0de.iob2",
        "wikigold/wikigold.conll.txt",
        "gum/bio",
    ];

    public const string DevFile = "uner_en_ewt/en_ewt-ud-dev.iob2";

    public static List<TaggedSentence> Load(string dataRoot, IEnumerable<string> relativePaths)
    {
        var sentences = new List<TaggedSentence>();
        foreach (var relative in relativePaths)
        {
            var path = Path.Combine(dataRoot, relative);
            var files = Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*.bio").Order(StringComparer.Ordinal).ToList()
                : [path];
            var count = 0;
            foreach (var file in files)
            {
                foreach (var document in IobCorpus.Read(File.ReadAllText(file), Path.GetFileName(file)))
                {
                    var context = new DocumentContext();
                    var converted = document.Sentences.Select(s => Convert(s.Tokens, IobCorpus.Spans(s.Tags, Map))).ToList();
                    foreach (var s in converted)
                    {
                        context.AddSentence(s.Text, s.Tokens);
                    }

                    sentences.AddRange(converted.Select(s => s with { Context = context }));
                    count += converted.Count;
                }
            }

            Console.WriteLine($"  {relative}: {count} sentences");
        }

        return sentences;
    }

    /// <summary>A sentence's words as written.</summary>
    public static string[] Words(TaggedSentence s) => [.. s.Tokens.Select(t => s.Text[t.Start..t.End])];

    /// <summary>A document number per sentence: consecutive sentences that share a document context (a sentence without one is alone).</summary>
    public static int[] Documents(List<TaggedSentence> sentences)
    {
        var documents = new int[sentences.Count];
        for (var i = 1; i < sentences.Count; i++)
        {
            var same = sentences[i].Context != DocumentContext.Empty && ReferenceEquals(sentences[i].Context, sentences[i - 1].Context);
            documents[i] = same ? documents[i - 1] : documents[i - 1] + 1;
        }

        return documents;
    }

    /// <summary>UNER's OTH (nationalities and other names) is MISC; anything else unknown is dropped.</summary>
    public static string? Map(string type) => type switch
    {
        "PER" or "ORG" or "LOC" or "MISC" => type,
        "OTH" => "MISC",
        _ => null,
    };

    public static TaggedSentence Convert(string[] words, List<IobSpan> spans)
    {
        var text = string.Join(' ', words);
        var tokens = new Token[words.Length];
        var offset = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            var kind = w.Length > 0 && char.IsLetter(w[0]) ? TokenKind.Word
                : w.Length > 0 && char.IsDigit(w[0]) ? TokenKind.Number
                : w.Length > 0 && char.IsPunctuation(w[0]) ? TokenKind.Punctuation : TokenKind.Symbol;
            tokens[i] = new Token(offset, offset + w.Length, kind);
            offset += w.Length + 1;
        }

        var tags = new int[words.Length];
        NameTags.Encode(spans.Select(s => (s.Start, s.End, NameTags.ClassOf(s.Type))), tags);
        return new TaggedSentence(text, tokens, tags);
    }

    /// <summary>
    /// Recased copies of some sentences, each with the index of its original: with the random
    /// draws in sentence order, a share <paramref name="augment"/> get an all-caps copy and as many a
    /// title-case copy (how <c>ner</c> teaches headlines; <c>encoder-data</c> makes the same ones).
    /// </summary>
    public static List<(int Origin, TaggedSentence Copy)> RecasedCopies(List<TaggedSentence> sentences, double augment, Random random)
    {
        var copies = new List<(int Origin, TaggedSentence Copy)>();
        for (var i = 0; i < sentences.Count; i++)
        {
            var r = random.NextDouble();
            if (r < augment)
            {
                copies.Add((i, Recase(sentences[i], upper: true)));
            }
            else if (r < 2 * augment)
            {
                copies.Add((i, Recase(sentences[i], upper: false)));
            }
        }

        return copies;
    }

    /// <summary>A copy in another casing (all caps, or headline title case), same offsets.</summary>
    public static TaggedSentence Recase(TaggedSentence s, bool upper)
    {
        var chars = s.Text.ToCharArray();
        if (upper)
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
            }
        }
        else
        {
            foreach (var t in s.Tokens)
            {
                if (t.Length > 3 && char.IsLetter(chars[t.Start]))
                {
                    chars[t.Start] = char.ToUpperInvariant(chars[t.Start]);
                }
            }
        }

        return s with { Text = new string(chars) };
    }
}
