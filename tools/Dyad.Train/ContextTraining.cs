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

    /// <summary>
    /// The sentences that get readings: training sentences, recased copies of some of them (each with
    /// the index of its original), dev, and dev recased as title-case and all-caps headlines.
    /// </summary>
    internal sealed record Sentences(List<TaggedSentence> Train, List<(int Origin, TaggedSentence Copy)> Copies, List<TaggedSentence> Dev, List<TaggedSentence> DevTitle, List<TaggedSentence> DevUpper);

    internal sealed record Result(Sentences Read, ReadingNetwork Network, VectorClasses Classes, EncoderWeights? Weights = null, bool CaseTypes = false, int Context = 0, bool Int8 = false);

    /// <summary>
    /// The readings from the fine-tuned encoders in <paramref name="tuned"/> (tuned-0.bin, tuned-1.bin,
    /// tuned-all.bin). A trainer file holds the encoder's replaced weights, the reading network's
    /// (<c>head.</c>) and, when the encoder was tuned to read case as token types, <c>meta.case-types</c>.
    /// A recased copy is read by the same half's encoder as its original: as it is written when the
    /// encoder reads case, otherwise the original's reading is the copy's.
    /// </summary>
    public static Result AttachTuned(Sentences sentences, string tuned, int seed, Stopwatch clock, int? contextOption = null, bool int8 = false)
    {
        (EncoderWeights Encoder, ReadingNetwork Network, bool CaseTypes, int Context, int Folds) Fit(string which)
        {
            using var reader = new BinaryReader(File.OpenRead(Path.Combine(tuned, $"tuned-{which}.bin")));
            var all = EncoderWeights.ReadTrainerFile(reader);
            var encoder = all.Without(n => n.StartsWith("head.", StringComparison.Ordinal) || n.StartsWith("meta.", StringComparison.Ordinal));
            var context = all.Find("meta.context") is [var c] ? (int)c : 0;
            var folds = all.Find("meta.folds") is [var k] ? (int)k : 2;
            return (encoder, ReadingNetwork.FromTensors(all), all.Find("meta.case-types") is [1f], context, folds);
        }

        var (train, copies, dev, _, _) = sentences;
        var full = Fit("all");
        // The sentences are read with as much of their neighbours as the encoder was tuned with (finetune.py
        // --context, stored as meta.context), unless --doc-context says otherwise (to measure a mismatch).
        var context = contextOption ?? full.Context;
        float[][][] trainVectors, devVectors;
        VectorClasses classes;
        ulong[][] devReadings;
        List<TaggedSentence> devTitle, devUpper;
        using (var encoder = ContextEncoder.FromPackage(Environment.ProcessorCount, full.Encoder, full.CaseTypes, int8))
        {
            trainVectors = encoder.Encode([.. train.Select(TrainingData.Words)], TrainingData.Documents(train), context);
            devVectors = encoder.Encode([.. dev.Select(TrainingData.Words)], TrainingData.Documents(dev), context);
            Console.WriteLine($"  encoded {train.Count} training and {dev.Count} dev sentences with the tuned encoder{(full.CaseTypes ? " (case as token types)" : "")}{(context > 0 ? $" ({context} pieces of context each side)" : "")} ({clock.Elapsed.TotalSeconds:F0} s); dev word accuracy {Accuracy(full.Network, dev, devVectors):F4}");
            classes = VectorClasses.Train([.. trainVectors.SelectMany(v => v)], VectorClassCount, VectorClassIterations, seed);
            devReadings = [.. devVectors.Select(v => Values(full.Network, classes, v))];
            devTitle = Reread(encoder, full.Network, sentences.DevTitle);
            devUpper = Reread(encoder, full.Network, sentences.DevUpper);
        }

        var readings = new ulong[train.Count][];
        var copyReadings = new ulong[copies.Count][];
        // The parts are tools/finetune's (finetune.py --folds, 2 by default: the halves): by sentence, or by
        // document when sentences are read with their neighbours; fit k was trained on every part but the k-th.
        var documents = TrainingData.Documents(train);
        var first = Fit("0");
        var folds = first.Folds;
        int HalfOf(int i) => (context > 0 ? documents[i] : i) % folds;
        for (var half = 0; half < folds; half++)
        {
            var fit = half == 0 ? first : Fit(half.ToString(CultureInfo.InvariantCulture));
            if (fit.CaseTypes != full.CaseTypes || fit.Context != full.Context || fit.Folds != folds)
            {
                throw new InvalidDataException($"{tuned}: tuned-{half}.bin, tuned-0.bin and tuned-all.bin disagree on case types, context or folds");
            }

            var mine = Enumerable.Range(0, train.Count).Where(i => HalfOf(i) == half).ToList();
            using var encoder = ContextEncoder.FromPackage(Environment.ProcessorCount, fit.Encoder, fit.CaseTypes, int8);
            var vectors = encoder.Encode([.. train.Select(TrainingData.Words)], documents, context, i => HalfOf(i) == half);
            foreach (var i in mine)
            {
                readings[i] = Values(fit.Network, classes, vectors[i]);
            }

            if (fit.CaseTypes)
            {
                var myCopies = Enumerable.Range(0, copies.Count).Where(c => HalfOf(copies[c].Origin) == half).ToList();
                var copyVectors = encoder.Encode([.. myCopies.Select(c => TrainingData.Words(copies[c].Copy))]);
                for (var k = 0; k < myCopies.Count; k++)
                {
                    copyReadings[myCopies[k]] = Values(fit.Network, classes, copyVectors[k]);
                }
            }

            Console.WriteLine($"  part {half} of {folds}: {mine.Count} sentences read by the encoder tuned on the other parts ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        var read = new Sentences(
            [.. train.Select((s, i) => s with { Reading = readings[i] })],
            [.. copies.Select((c, k) => (c.Origin, c.Copy with { Reading = copyReadings[k] ?? readings[c.Origin] }))],
            [.. dev.Select((s, i) => s with { Reading = devReadings[i] })],
            devTitle,
            devUpper);
        return new Result(read, full.Network, classes, full.Encoder, full.CaseTypes, context, int8);

        // Dev recased: an encoder blind to case reads it as it reads dev.
        List<TaggedSentence> Reread(ContextEncoder encoder, ReadingNetwork network, List<TaggedSentence> recased)
        {
            if (!encoder.CaseTypes)
            {
                return [.. recased.Select((s, i) => s with { Reading = devReadings[i] })];
            }

            var vectors = encoder.Encode([.. recased.Select(TrainingData.Words)]);
            return [.. recased.Select((s, i) => s with { Reading = Values(network, classes, vectors[i]) })];
        }
    }

    /// <summary>The readings of the package's encoder (blind to case: a recased copy reads as its original).</summary>
    public static Result Attach(Sentences sentences, int seed, Stopwatch clock, bool int8 = false)
    {
        var (train, copies, dev, _, _) = sentences;
        using var encoder = ContextEncoder.FromPackage(Environment.ProcessorCount, int8: int8);
        var trainVectors = encoder.Encode([.. train.Select(TrainingData.Words)]);
        var devVectors = encoder.Encode([.. dev.Select(TrainingData.Words)]);
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
        var readings = trainVectors.Select((v, i) => Values(halves[i % 2], classes, v)).ToArray();
        var devReadings = devVectors.Select(v => Values(network, classes, v)).ToArray();
        var read = new Sentences(
            [.. train.Select((s, i) => s with { Reading = readings[i] })],
            [.. copies.Select(c => (c.Origin, c.Copy with { Reading = readings[c.Origin] }))],
            [.. dev.Select((s, i) => s with { Reading = devReadings[i] })],
            [.. sentences.DevTitle.Select((s, i) => s with { Reading = devReadings[i] })],
            [.. sentences.DevUpper.Select((s, i) => s with { Reading = devReadings[i] })]);
        return new Result(read, network, classes, Int8: int8);
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
