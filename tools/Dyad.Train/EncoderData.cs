using System.Text;
using Dyad.Names.Contextual;

namespace Dyad.Train;

/// <summary>
/// <c>Dyad.Train encoder-data [--data DIR] [--out DIR]</c>: writes what <c>tools/finetune</c> needs to
/// fine-tune the encoder's layers for names: the package's ONNX file (<c>encoder.onnx</c>, read
/// for its weights) and the training and dev sentences as word pieces with each word's reading class
/// and case type (<c>train.jsonl</c>, <c>dev.jsonl</c>: one sentence a line, <c>{"p":[[ids of word 1],...],"y":[...],"c":[...]}</c>),
/// in the order <c>ner</c> reads them, cut into pieces by Dyad's own tokenizer.
/// </summary>
internal static class EncoderData
{
    public static int Write(string data, string output)
    {
        Directory.CreateDirectory(output);
        var (model, _) = ContextEncoder.PackageFiles();
        File.WriteAllBytes(Path.Combine(output, "encoder.onnx"), model);
        using var encoder = ContextEncoder.FromPackage(1);
        WriteSentences(encoder, TrainingData.Load(data, TrainingData.TrainFiles), Path.Combine(output, "train.jsonl"));
        WriteSentences(encoder, TrainingData.Load(data, [TrainingData.DevFile]), Path.Combine(output, "dev.jsonl"));
        Console.WriteLine($"wrote {output}/encoder.onnx, train.jsonl and dev.jsonl");
        return 0;
    }

    private static void WriteSentences(ContextEncoder encoder, List<TaggedSentence> sentences, string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (var s in sentences)
        {
            var line = new StringBuilder("{\"p\":[");
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
