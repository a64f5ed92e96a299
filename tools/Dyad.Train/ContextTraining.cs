using System.Diagnostics;
using System.Globalization;
using Dyad.Names;
using Dyad.Names.Contextual;

namespace Dyad.Train;

/// <summary>
/// <c>ner --context yes</c>: encodes the training and dev sentences with the encoder, trains the
/// reading network and the vector classes on the training text, and attaches each sentence's
/// reading. The training sentences' readings come from two networks trained on the other half
/// (cross-fitting), so the perceptron learns how far to trust a reading of text the network has
/// not seen; dev and the shipped file use the network trained on all of it. With <c>--tuned DIR</c>
/// the networks and the encoder's fine-tuned layers come from <c>tools/finetune</c> (its two halves and
/// its fit on all the training text), and only the vector classes are trained here.
/// </summary>
internal static class ContextTraining
{
    private const int NetworkEpochs = 3;
    private const int VectorClassCount = 256;
    private const int VectorClassIterations = 8;

    internal sealed record Result(List<TaggedSentence> Train, List<TaggedSentence> Dev, ReadingNetwork Network, VectorClasses Classes, EncoderWeights? Weights = null, bool CaseTypes = false);

    private static string[] Words(TaggedSentence s) => [.. s.Tokens.Select(t => s.Text[t.Start..t.End])];

    /// <summary>
    /// The readings from the fine-tuned encoders in <paramref name="tuned"/> (tuned-0.bin, tuned-1.bin,
    /// tuned-all.bin). A trainer file holds the encoder's replaced weights, the reading network's
    /// (<c>head.</c>) and, when the encoder was tuned to read case as token types, <c>meta.case-types</c>.
    /// </summary>
    public static Result AttachTuned(List<TaggedSentence> train, List<TaggedSentence> dev, string tuned, int seed, Stopwatch clock)
    {
        (EncoderWeights Encoder, ReadingNetwork Network, bool CaseTypes) Fit(string which)
        {
            using var reader = new BinaryReader(File.OpenRead(Path.Combine(tuned, $"tuned-{which}.bin")));
            var all = EncoderWeights.ReadTrainerFile(reader);
            var encoder = all.Without(n => n.StartsWith("head.", StringComparison.Ordinal) || n.StartsWith("meta.", StringComparison.Ordinal));
            return (encoder, ReadingNetwork.FromTensors(all), all.Find("meta.case-types") is [1f]);
        }

        var full = Fit("all");
        float[][][] trainVectors, devVectors;
        using (var encoder = ContextEncoder.FromPackage(Environment.ProcessorCount, full.Encoder, full.CaseTypes))
        {
            trainVectors = encoder.Encode([.. train.Select(Words)]);
            devVectors = encoder.Encode([.. dev.Select(Words)]);
        }

        Console.WriteLine($"  encoded {train.Count} training and {dev.Count} dev sentences with the tuned encoder{(full.CaseTypes ? " (case as token types)" : "")} ({clock.Elapsed.TotalSeconds:F0} s); dev word accuracy {Accuracy(full.Network, dev, devVectors):F4}");
        var classes = VectorClasses.Train([.. trainVectors.SelectMany(v => v)], VectorClassCount, VectorClassIterations, seed);
        var readings = new ulong[train.Count][];
        for (var half = 0; half < 2; half++)
        {
            var fit = Fit(half.ToString(CultureInfo.InvariantCulture));
            if (fit.CaseTypes != full.CaseTypes)
            {
                throw new InvalidDataException($"{tuned}: tuned-{half}.bin and tuned-all.bin disagree on case types");
            }

            var mine = Enumerable.Range(0, train.Count).Where(i => i % 2 == half).ToList();
            using var encoder = ContextEncoder.FromPackage(Environment.ProcessorCount, fit.Encoder, fit.CaseTypes);
            var vectors = encoder.Encode([.. mine.Select(i => Words(train[i]))]);
            for (var k = 0; k < mine.Count; k++)
            {
                readings[mine[k]] = Values(fit.Network, classes, vectors[k]);
            }

            Console.WriteLine($"  half {half}: {mine.Count} sentences read by the encoder tuned on the other half ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        var newTrain = train.Select((s, i) => s with { Reading = readings[i] }).ToList();
        var newDev = dev.Select((s, i) => s with { Reading = Values(full.Network, classes, devVectors[i]) }).ToList();
        return new Result(newTrain, newDev, full.Network, classes, full.Encoder, full.CaseTypes);
    }

    public static Result Attach(List<TaggedSentence> train, List<TaggedSentence> dev, int seed, Stopwatch clock)
    {
        using var encoder = ContextEncoder.FromPackage(Environment.ProcessorCount);
        var trainVectors = encoder.Encode([.. train.Select(Words)]);
        var devVectors = encoder.Encode([.. dev.Select(Words)]);
        Console.WriteLine($"  encoded {train.Count} training and {dev.Count} dev sentences ({clock.Elapsed.TotalSeconds:F0} s)");
        var classes = VectorClasses.Train([.. trainVectors.SelectMany(v => v)], VectorClassCount, VectorClassIterations, seed);
        IEnumerable<(float[], int)> Items(Func<int, bool> which) =>
            Enumerable.Range(0, train.Count).Where(which).SelectMany(i => trainVectors[i].Select((v, k) => (ReadingNetwork.Input(trainVectors[i], k), ReadingNetwork.Target(train[i].Tags[k]))));
        var halves = new ReadingNetwork[2];
        for (var half = 0; half < 2; half++)
        {
            var h = half;
            halves[half] = ReadingNetwork.Create(seed + half);
            halves[half].Train(Items(i => i % 2 != h), NetworkEpochs, seed + half);
        }

        var network = ReadingNetwork.Create(seed);
        network.Train(Items(_ => true), NetworkEpochs, seed);
        Console.WriteLine($"  reading network and {classes.Count} vector classes ({clock.Elapsed.TotalSeconds:F0} s); dev word accuracy {Accuracy(network, dev, devVectors):F4}");
        var newTrain = train.Select((s, i) => s with { Reading = Values(halves[i % 2], classes, trainVectors[i]) }).ToList();
        var newDev = dev.Select((s, i) => s with { Reading = Values(network, classes, devVectors[i]) }).ToList();
        return new Result(newTrain, newDev, network, classes);
    }

    private static ulong[] Values(ReadingNetwork network, VectorClasses classes, float[][] vectors)
    {
        var values = new ulong[vectors.Length * FeatureExtractor.ReadingPerToken];
        EncoderReading.Fill(network, classes, vectors, values);
        return values;
    }

    private static double Accuracy(ReadingNetwork network, List<TaggedSentence> sentences, float[][][] vectors)
    {
        int right = 0, all = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            for (var k = 0; k < vectors[i].Length; k++)
            {
                var p = network.Probabilities(ReadingNetwork.Input(vectors[i], k));
                right += Array.IndexOf(p, p.Max()) == ReadingNetwork.Target(sentences[i].Tags[k]) ? 1 : 0;
                all++;
            }
        }

        return all == 0 ? 0 : (double)right / all;
    }
}
