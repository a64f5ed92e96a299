using System.Diagnostics;
using System.Globalization;
using Dyad.Names;
using Dyad.Names.Contextual;

namespace Dyad.Train;

/// <summary>
/// <c>dotnet run --project tools/Dyad.Train -c Release -- ner [--data DIR] [--out FILE] [--epochs N] [--bits B] [--seed S]</c>:
/// trains the names model (averaged structured perceptron over hashed features, BILOU tags,
/// Viterbi) on UNER EWT train, wikigold and GUM, reports F1 on UNER EWT dev after each epoch,
/// and writes the gzip model that Dyad.Core embeds.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "gazetteer")
        {
            return BuildGazetteer(
                args.Length > 2 && args[1] == "--out" ? args[2] : "src/Dyad.Core/Resources/names/gazetteer.bin.gz",
                args.Contains("--curated-people"));
        }

        if (args.Length > 0 && args[0] == "encoder-data")
        {
            var named = Enumerable.Range(1, Math.Max(0, args.Length - 2)).Where(i => i % 2 == 1).ToDictionary(i => args[i], i => args[i + 1], StringComparer.Ordinal);
            return EncoderData.Write(
                named.GetValueOrDefault("--data", "../shared/data/ner"),
                named.GetValueOrDefault("--out", "/tmp/dyad-encoder"),
                double.Parse(named.GetValueOrDefault("--augment", "0"), CultureInfo.InvariantCulture),
                int.Parse(named.GetValueOrDefault("--seed", "42"), CultureInfo.InvariantCulture));
        }

        if (args.Length > 0 && args[0] == "silver")
        {
            var named = Enumerable.Range(1, Math.Max(0, args.Length - 2)).Where(i => i % 2 == 1).ToDictionary(i => args[i], i => args[i + 1], StringComparer.Ordinal);
            if (!named.TryGetValue("--in", out var input) || !named.TryGetValue("--out", out var silverOut))
            {
                Console.Error.WriteLine("usage: Dyad.Train silver --in DIR (.txt files, one document each) --out FILE [--model M --reading R (default: the shipped contextual recogniser)]");
                return 2;
            }

            return Silver.Write(input, silverOut, named.GetValueOrDefault("--model"), named.GetValueOrDefault("--reading"));
        }

        if (args.Length == 0 || args[0] != "ner")
        {
            Console.Error.WriteLine("usage: Dyad.Train gazetteer [--out FILE] | encoder-data [--data DIR] [--out DIR] [--augment 0 (recased copies, as ner makes them)] [--seed 42] (for tools/finetune) | ner [--data ../shared/data/ner] [--out src/Dyad.Core/Resources/names/ner-model.bin.gz] [--epochs 8] [--bits 19] [--seed 42] [--augment 0.10] [--runs 3] [--clusters exchange-coarse|kmeans|exchange|exchange-fine] [--gazetteer FILE|none] [--repeat 1,1,1 (copies of EWT, wikigold, GUM)] [--train-dev no|yes] [--silver FILE (machine-labelled text from Dyad.Train silver, added to the training data of the default model)] [--cluster-text FILE (more text for the word clusters only; its labels are not read)] [--context no|yes --reading-out FILE [--int8 yes|no (the encoder reads the training text in 8-bit integers, as it will then run; no: in float)] [--tuned DIR (fine-tuned encoder layers from tools/finetune) [--doc-context N (word pieces of the neighbouring sentences each side; default: as the tuned files were trained, finetune.py --context)]] (the contextual model: src/Dyad.Names.Contextual/Resources/)]");
            return 2;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        var data = options.GetValueOrDefault("--data", "../shared/data/ner");
        var output = options.GetValueOrDefault("--out", "src/Dyad.Core/Resources/names/ner-model.bin.gz");
        var epochs = int.Parse(options.GetValueOrDefault("--epochs", "8"), CultureInfo.InvariantCulture);
        var bits = int.Parse(options.GetValueOrDefault("--bits", "19"), CultureInfo.InvariantCulture);
        var seed = int.Parse(options.GetValueOrDefault("--seed", "42"), CultureInfo.InvariantCulture);
        var augment = double.Parse(options.GetValueOrDefault("--augment", "0.10"), CultureInfo.InvariantCulture);
        var runs = int.Parse(options.GetValueOrDefault("--runs", "3"), CultureInfo.InvariantCulture);
        var repeats = options.GetValueOrDefault("--repeat", "1,1,1").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();

        foreach (var option in new[] { "--silver", "--cluster-text" })
        {
            if (options.TryGetValue(option, out var file) && !File.Exists(file))
            {
                Console.Error.WriteLine($"{option} {file}: no such file");
                return 2;
            }
        }

        var clock = Stopwatch.StartNew();
        Console.WriteLine($"training data under {Path.GetFullPath(data)}");
        var train = new List<TaggedSentence>();
        for (var f = 0; f < TrainingData.TrainFiles.Length; f++)
        {
            var part = TrainingData.Load(data, [TrainingData.TrainFiles[f]]);
            for (var r = 0; r < (f < repeats.Length ? repeats[f] : 1); r++)
            {
                train.AddRange(part);
            }
        }

        if (options.TryGetValue("--silver", out var silver))
        {
            if (options.GetValueOrDefault("--context", "no") == "yes")
            {
                Console.Error.WriteLine("--silver is for the default model (the contextual one would read every silver sentence with the encoder)");
                return 2;
            }

            train.AddRange(TrainingData.Load(data, [Path.GetFullPath(silver)]));
        }

        var dev = TrainingData.Load(data, [TrainingData.DevFile]);
        var trainDev = options.GetValueOrDefault("--train-dev", "no") == "yes";
        if (trainDev)
        {
            // The final model learns from every labelled sentence that is not a test set; choices are
            // made before, with dev (and held-out folds) out of training.
            train.AddRange(dev);
            Console.WriteLine("  EWT dev is in the training data: its F1 below is not a held-out figure");
        }

        var clusterMethod = options.GetValueOrDefault("--clusters", "exchange-coarse");
        IEnumerable<string[]> clusterText = train.Select(TrainingData.Words);
        if (options.TryGetValue("--cluster-text", out var more))
        {
            // More unlabelled text for the word clusters (and the words usually written in lower case): its labels are not read.
            clusterText = clusterText.Concat(TrainingData.Load(data, [Path.GetFullPath(more)]).Select(TrainingData.Words));
        }

        var clusters = Clusters.Build(clusterText, 256, 32, seed, clusterMethod);

        // Recased copies of some training sentences (all caps, title case), and of dev as headlines
        // without their documents, chosen before any reading is attached: an encoder that reads case
        // reads each copy as it is written.
        var random = new Random(seed);
        var copies = TrainingData.RecasedCopies(train, augment, random);

        var sentences = new ContextTraining.Sentences(train, copies, dev,
            [.. dev.Select(s => TrainingData.Recase(s, upper: false) with { Context = DocumentContext.Empty })],
            [.. dev.Select(s => TrainingData.Recase(s, upper: true) with { Context = DocumentContext.Empty })]);
        var context = options.GetValueOrDefault("--context", "no") == "yes";
        ContextTraining.Result? reading = null;
        if (context)
        {
            // The encoder reads the training text as it will read news: in 8-bit integers or in float (--int8).
            var int8 = options.GetValueOrDefault("--int8", "yes") == "yes";
            if (int8 && !ContextEncoder.ExactInt8)
            {
                Console.Error.WriteLine("warning: this CPU has no VNNI: ONNX Runtime's 8-bit products may saturate here, so the training text is read differently from a machine with VNNI (the shipped files were trained on one)");
            }

            reading = options.TryGetValue("--tuned", out var tuned)
                ? ContextTraining.AttachTuned(sentences, tuned, seed, clock, options.TryGetValue("--doc-context", out var pieces) ? int.Parse(pieces, CultureInfo.InvariantCulture) : null, int8)
                : ContextTraining.Attach(sentences, seed, clock, int8);
            sentences = reading.Read;
        }

        (train, dev) = (sentences.Train, sentences.Dev);
        var augmented = new List<TaggedSentence>(train);
        augmented.AddRange(sentences.Copies.Select(c => c.Copy));

        var gazetteerPath = options.GetValueOrDefault("--gazetteer", "src/Dyad.Core/Resources/names/gazetteer.bin.gz");
        var gazetteer = NameGazetteer.Empty;
        if (gazetteerPath != "none")
        {
            using var gazetteerFile = new BufferedStream(new System.IO.Compression.GZipStream(File.OpenRead(gazetteerPath), System.IO.Compression.CompressionMode.Decompress), 1 << 16);
            gazetteer = NameGazetteer.Load(gazetteerFile);
        }

        Console.WriteLine($"  gazetteer {gazetteerPath}: {gazetteer.Count} keys");
        var extractor = new FeatureExtractor(clusters, NameLexicon.Default, bits, gazetteer);
        var trainItems = augmented.Select(s => Featurise(extractor, s)).ToArray();
        var devItems = dev.Select(s => Featurise(extractor, s)).ToArray();
        var devTitle = sentences.DevTitle.Select(s => Featurise(extractor, s)).ToArray();
        var devUpper = sentences.DevUpper.Select(s => Featurise(extractor, s)).ToArray();
        Console.WriteLine($"  {trainItems.Length} training sentences ({trainItems.Length - train.Count} recased copies), {trainItems.Sum(i => i.Tags.Length)} tokens; features in {clock.Elapsed.TotalSeconds:F1} s");

        // Several runs that differ only in the order of the sentences, averaged: a linear model, so
        // this averages their scores and evens out the run-to-run spread of the perceptron.
        float[]? sumW = null;
        float[]? sumT = null;
        for (var run = 0; run < runs; run++)
        {
            var runRandom = run == 0 ? random : new Random(seed + (1000 * run));
            var perceptron = new Perceptron(bits);
            var order = Enumerable.Range(0, trainItems.Length).ToArray();
            for (var epoch = 1; epoch <= epochs; epoch++)
            {
                runRandom.Shuffle(order);
                var errors = 0;
                foreach (var i in order)
                {
                    errors += perceptron.Learn(trainItems[i].Features, trainItems[i].Tags) ? 1 : 0;
                }

                if (runs == 1 || epoch == epochs)
                {
                    var model = perceptron.Averaged(clusters);
                    var f1 = DevF1(model, devItems);
                    Console.WriteLine($"run {run + 1} epoch {epoch}: {errors} sentences wrong; EWT dev PER/ORG/LOC F1 {f1:F4}  ({clock.Elapsed.TotalSeconds:F0} s)");
                }
            }

            var (w, t) = perceptron.AveragedWeights();
            if (sumW is null || sumT is null)
            {
                (sumW, sumT) = (w, t);
            }
            else
            {
                for (var i = 0; i < w.Length; i++)
                {
                    sumW[i] += w[i];
                }

                for (var i = 0; i < t.Length; i++)
                {
                    sumT[i] += t[i];
                }
            }
        }

        for (var i = 0; i < sumW!.Length; i++)
        {
            sumW[i] /= runs;
        }

        for (var i = 0; i < sumT!.Length; i++)
        {
            sumT[i] /= runs;
        }

        var final = new NameModel(bits, sumW, sumT, clusters);
        if (runs > 1)
        {
            Console.WriteLine($"average of {runs} runs: EWT dev PER/ORG/LOC F1 {DevF1(final, devItems):F4}");
        }

        Console.WriteLine($"EWT dev recased as headlines: title case F1 {DevF1(final, devTitle):F4}, all caps F1 {DevF1(final, devUpper):F4}");

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        using (var file = File.Create(output))
        {
            final.Save(file);
        }

        Console.WriteLine($"wrote {output} ({new FileInfo(output).Length / 1024.0 / 1024.0:F1} MB) in {clock.Elapsed.TotalSeconds:F0} s");
        if (reading is not null)
        {
            var readingOut = options.GetValueOrDefault("--reading-out", "src/Dyad.Names.Contextual/Resources/reading.bin.gz");
            using (var file = File.Create(readingOut))
            {
                EncoderReading.Save(file, reading.Network, reading.Classes, reading.Weights, reading.CaseTypes, reading.Context, reading.Int8);
            }

            Console.WriteLine($"wrote {readingOut} ({new FileInfo(readingOut).Length / 1024.0 / 1024.0:F1} MB)");
        }

        return 0;
    }

    /// <summary>
    /// <c>Dyad.Train gazetteer [--out FILE] [--curated-people]</c>: derives the names gazetteer features table from the
    /// knowledge base and the places gazetteer embedded in Dyad.Core (run before <c>ner</c>).
    /// </summary>
    private static int BuildGazetteer(string output, bool curatedPeopleOnly)
    {
        var clock = Stopwatch.StartNew();
        var gazetteer = NameGazetteer.FromKnowledgeData(curatedPeopleOnly);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        using (var file = File.Create(output))
        {
            gazetteer.Save(file);
        }

        Console.WriteLine($"wrote {output}: {gazetteer.Count} keys ({new FileInfo(output).Length / 1024.0 / 1024.0:F1} MB) in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static (int[] Features, int[] Tags) Featurise(FeatureExtractor extractor, TaggedSentence s)
    {
        var features = new int[s.Tokens.Length * (s.Reading is null ? FeatureExtractor.PerToken : FeatureExtractor.PerTokenWithReading)];
        extractor.Extract(s.Text, s.Tokens, features, s.Context, s.Reading);
        return (features, s.Tags);
    }

    private static double DevF1(NameModel model, (int[] Features, int[] Tags)[] items)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (features, tags) in items)
        {
            var gold = NameTags.Decode(tags).Where(s => s.Class != 3).ToHashSet();
            var predicted = NameTags.Decode(model.Decode(features, tags.Length)).Where(s => s.Class != 3).ToHashSet();
            var hit = predicted.Count(gold.Contains);
            tp += hit;
            fp += predicted.Count - hit;
            fn += gold.Count - hit;
        }

        Console.WriteLine($"    tp {tp} fp {fp} fn {fn}");
        var p = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var r = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}

/// <summary>Averaged structured perceptron with lazy averaging (w - u / c).</summary>
internal sealed class Perceptron
{
    private const int T = NameTags.Count;
    private readonly int _bits;
    private readonly float[] _w;
    private readonly float[] _u;
    private readonly float[] _tw = new float[(T + 1) * T];
    private readonly float[] _tu = new float[(T + 1) * T];
    private int _c = 1;

    public Perceptron(int bits)
    {
        _bits = bits;
        _w = new float[(1 << bits) * T];
        _u = new float[_w.Length];
    }

    /// <summary>Decodes, updates on mistakes; true when the sentence was wrong.</summary>
    public bool Learn(int[] features, int[] gold)
    {
        var n = gold.Length;
        var stride = n == 0 ? FeatureExtractor.PerToken : features.Length / n;
        var predicted = new int[n];
        NameModel.Decode(features, n, _w, _tw, predicted);
        var wrong = false;
        for (var i = 0; i < n; i++)
        {
            var gp = i > 0 ? gold[i - 1] : -1;
            var pp = i > 0 ? predicted[i - 1] : -1;
            if (gold[i] != predicted[i])
            {
                wrong = true;
                for (var k = 0; k < stride; k++)
                {
                    var b = features[(i * stride) + k] * T;
                    _w[b + gold[i]] += 1;
                    _u[b + gold[i]] += _c;
                    _w[b + predicted[i]] -= 1;
                    _u[b + predicted[i]] -= _c;
                }
            }

            if (gold[i] != predicted[i] || gp != pp)
            {
                _tw[((gp + 1) * T) + gold[i]] += 1;
                _tu[((gp + 1) * T) + gold[i]] += _c;
                _tw[((pp + 1) * T) + predicted[i]] -= 1;
                _tu[((pp + 1) * T) + predicted[i]] -= _c;
            }
        }

        _c++;
        return wrong;
    }

    public NameModel Averaged(WordClusters clusters)
    {
        var (w, tw) = AveragedWeights();
        return new NameModel(_bits, w, tw, clusters);
    }

    public (float[] Weights, float[] Transitions) AveragedWeights()
    {
        var w = new float[_w.Length];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = _w[i] - (_u[i] / _c);
        }

        var tw = new float[_tw.Length];
        for (var i = 0; i < tw.Length; i++)
        {
            tw[i] = _tw[i] - (_tu[i] / _c);
        }

        return (w, tw);
    }
}
