using System.Text;
using Dyad.Names.Contextual;

namespace Dyad.Train;

/// <summary>
/// <c>Dyad.Train encoder-data [--data DIR] [--out DIR]</c>: writes what <c>tools/finetune</c> needs to
/// fine-tune the encoder's layers for names: the package's ONNX file (<c>encoder.onnx</c>, read
/// for its weights) and the training and dev sentences as word pieces with each word's reading class
/// and case type (<c>train.jsonl</c>, <c>dev.jsonl</c>: one sentence a line, <c>{"o":0,"d":0,"p":[[ids of word 1],...],"y":[...],"c":[...]}</c>,
/// <c>"d"</c> the sentence's document number, −1 for a recased copy, read alone),
/// in the order <c>ner</c> reads them, cut into pieces by Dyad's own tokenizer; with <c>--augment</c>,
/// followed by the recased copies <c>ner</c> makes with the same seed, each with its original's
/// index <c>"o"</c> (a copy is in its original's half when the halves are fitted).
/// </summary>
internal static class EncoderData
{
    public static int Write(string data, string output, double augment, int seed)
    {
        Directory.CreateDirectory(output);
        var (model, _) = ContextEncoder.PackageFiles();
        File.WriteAllBytes(Path.Combine(output, "encoder.onnx"), model);
        using var encoder = ContextEncoder.FromPackage(1);
        var train = TrainingData.Load(data, TrainingData.TrainFiles);
        var copies = TrainingData.RecasedCopies(train, augment, new Random(seed));
        var documents = TrainingData.Documents(train);
        WriteSentences(encoder, [.. train.Select((s, i) => (i, documents[i], s)), .. copies.Select(c => (c.Origin, -1, c.Copy))], Path.Combine(output, "train.jsonl"));
        var dev = TrainingData.Load(data, [TrainingData.DevFile]);
        var devDocuments = TrainingData.Documents(dev);
        WriteSentences(encoder, [.. dev.Select((s, i) => (i, devDocuments[i], s))], Path.Combine(output, "dev.jsonl"));
        Console.WriteLine($"wrote {output}/encoder.onnx, train.jsonl ({train.Count} sentences, {copies.Count} recased copies) and dev.jsonl");
        return 0;
    }

    private static void WriteSentences(ContextEncoder encoder, List<(int Origin, int Document, TaggedSentence Sentence)> sentences, string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (var (origin, document, s) in sentences)
        {
            var line = new StringBuilder("{\"o\":");
            line.Append(origin.ToString(System.Globalization.CultureInfo.InvariantCulture));
            line.Append(",\"d\":");
            line.Append(document.ToString(System.Globalization.CultureInfo.InvariantCulture));
            line.Append(",\"p\":[");
            line.AppendJoin(',', s.Tokens.Select(t => "[" + string.Join(',', encoder.Pieces(s.Text[t.Start..t.End])) + "]"));
            line.Append("],\"y\":[");
            line.AppendJoin(',', s.Tags.Select(ReadingNetwork.Target));
            line.Append("],\"c\":[");
            line.AppendJoin(',', s.Tokens.Select(t => ContextEncoder.CaseType(s.Text[t.Start..t.End])));
            line.Append("]}");
            writer.WriteLine(line.ToString());
        }
    }
}
