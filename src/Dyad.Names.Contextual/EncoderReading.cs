using System.IO.Compression;

namespace Dyad.Names.Contextual;

/// <summary>
/// The contextual reading of each word for <see cref="PerceptronNameRecognizer"/>: the encoder's
/// vector of the word in its sentence, read by a small network (best class, class levels) and
/// placed in a k-means class. The network and the classes are trained with the model that uses
/// them (<c>Dyad.Train ner --context yes</c>) and stored together in one file, with the encoder's
/// fine-tuned layers when it was trained with them (<c>--tuned DIR</c>, from <c>tools/finetune</c>),
/// whether that encoder reads case as token types, and whether the model was trained on the readings
/// of the encoder run in 8-bit integers (then it is run so by default).
/// </summary>
public sealed class EncoderReading : INameReading
{
    private const int Magic = 0x44525944; // "DYRD"
    private const int Version = 6;
    private readonly ContextEncoder _encoder;

    public EncoderReading(ContextEncoder encoder, ReadingNetwork network, VectorClasses classes, EncoderWeights? weights = null)
    {
        _encoder = encoder;
        Network = network;
        Classes = classes;
        Weights = weights;
    }

    /// <summary>The encoder weights this reading replaces (its fine-tuned layers), or null for the package's own.</summary>
    public EncoderWeights? Weights { get; }

    /// <summary>Whether the encoder reads capitalised words with token type 1 (<see cref="ContextEncoder.CaseTypes"/>).</summary>
    public bool CaseTypes => _encoder.CaseTypes;

    /// <summary>Whether the encoder runs in 8-bit integers (<see cref="ContextEncoder.Int8"/>).</summary>
    public bool Int8 => _encoder.Int8;

    public ReadingNetwork Network { get; }

    public VectorClasses Classes { get; }

    /// <summary>How many word pieces of the neighbouring sentences each side the encoder reads a sentence with (0: the sentence alone).</summary>
    public int Context { get; init; }

    public void Read(string text, ReadOnlySpan<Token> tokens, IReadOnlyList<Range> sentences, Span<ulong> values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sentences);
        var words = new string[sentences.Count][];
        for (var s = 0; s < sentences.Count; s++)
        {
            var (from, count) = (sentences[s].Start.Value, sentences[s].End.Value - sentences[s].Start.Value);
            words[s] = new string[count];
            for (var i = 0; i < count; i++)
            {
                words[s][i] = text.Substring(tokens[from + i].Start, tokens[from + i].Length);
            }
        }

        // One window at a time: the sentences of a document differ in length, and padding them to run
        // together cost more than it saved (bench corpus: 29.8–31.3 s against 27.2–27.9 s).
        var vectors = _encoder.Encode(words, new int[words.Length], Context, batch: 1);
        for (var s = 0; s < sentences.Count; s++)
        {
            var from = sentences[s].Start.Value;
            Fill(Network, Classes, vectors[s], values.Slice(from * FeatureExtractor.ReadingPerToken, words[s].Length * FeatureExtractor.ReadingPerToken));
        }
    }

    /// <summary>The reading values (<see cref="FeatureExtractor.ReadingPerToken"/> per word) of a sentence's vectors.</summary>
    public static void Fill(ReadingNetwork network, VectorClasses classes, float[][] vectors, Span<ulong> values)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(vectors);
        for (var i = 0; i < vectors.Length; i++)
        {
            var (best, levels) = network.Reading(ReadingNetwork.Input(vectors, i));
            values[i * FeatureExtractor.ReadingPerToken] = best;
            values[(i * FeatureExtractor.ReadingPerToken) + 1] = levels;
            values[(i * FeatureExtractor.ReadingPerToken) + 2] = (ulong)classes.Nearest(vectors[i]) + 1;
        }
    }

    /// <summary>Writes the encoder's replaced weights (if any), whether it reads case types, the context width, whether it runs in 8-bit integers, the network and the classes, gzip-compressed.</summary>
    public static void Save(Stream output, ReadingNetwork network, VectorClasses classes, EncoderWeights? weights = null, bool caseTypes = false, int context = 0, bool int8 = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(classes);
        using var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(weights is not null);
        weights?.Write(writer);
        writer.Write(caseTypes);
        writer.Write(context);
        writer.Write(int8);
        network.Write(writer);
        classes.Write(writer);
    }

    /// <summary>
    /// Reads a reading file (version 2; 3 with replaced encoder weights; 4 with case types too; 5 with the
    /// context width too; 6 with the encoder's precision too) and starts its encoder with that many threads,
    /// in 8-bit integers when the file says so and this CPU runs them exactly (<see cref="ContextEncoder.ExactInt8"/>),
    /// unless <paramref name="int8"/> says otherwise (to measure).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The encoder lives as long as the reading.")]
    public static EncoderReading Load(Stream compressed, int threads, bool? int8 = null)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new BinaryReader(new BufferedStream(gzip, 1 << 16));
        var version = reader.ReadInt32() == Magic ? reader.ReadInt32() : -1;
        if (version is not (>= 2 and <= Version))
        {
            throw new InvalidDataException($"not a Dyad contextual reading file (version 2 to {Version})");
        }

        var weights = version >= 3 && reader.ReadBoolean() ? EncoderWeights.Read(reader) : null;
        var caseTypes = version >= 4 && reader.ReadBoolean();
        var context = version >= 5 ? reader.ReadInt32() : 0;
        if (context is < 0 or > 250)
        {
            throw new InvalidDataException($"contextual reading file: {context} pieces of context each side (0 to 250)");
        }

        var trainedInt8 = version >= 6 && reader.ReadBoolean();
        var network = ReadingNetwork.Read(reader);
        var classes = VectorClasses.Read(reader);
        return new EncoderReading(ContextEncoder.FromPackage(threads, weights, caseTypes, int8 ?? (trainedInt8 && ContextEncoder.ExactInt8)), network, classes, weights) { Context = context };
    }
}
