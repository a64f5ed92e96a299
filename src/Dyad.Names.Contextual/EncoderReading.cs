using System.IO.Compression;

namespace Dyad.Names.Contextual;

/// <summary>
/// The contextual reading of each word for <see cref="PerceptronNameRecognizer"/>: the encoder's
/// vector of the word in its sentence, read by a small network (best class, class levels) and
/// placed in a k-means class. The network and the classes are trained with the model that uses
/// them (<c>Dyad.Train ner --context yes</c>) and stored together in one file.
/// </summary>
public sealed class EncoderReading : INameReading
{
    private const int Magic = 0x44525944; // "DYRD"
    private const int Version = 2;
    private readonly ContextEncoder _encoder;

    public EncoderReading(ContextEncoder encoder, ReadingNetwork network, VectorClasses classes)
    {
        _encoder = encoder;
        Network = network;
        Classes = classes;
    }

    public ReadingNetwork Network { get; }

    public VectorClasses Classes { get; }

    public void Read(string text, ReadOnlySpan<Token> tokens, Span<ulong> values)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new string[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            words[i] = text.Substring(tokens[i].Start, tokens[i].Length);
        }

        Fill(Network, Classes, _encoder.Encode([words])[0], values);
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

    /// <summary>Writes the network and the classes, gzip-compressed.</summary>
    public static void Save(Stream output, ReadingNetwork network, VectorClasses classes)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(classes);
        using var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip);
        writer.Write(Magic);
        writer.Write(Version);
        network.Write(writer);
        classes.Write(writer);
    }

    public static EncoderReading Load(Stream compressed, ContextEncoder encoder)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new BinaryReader(new BufferedStream(gzip, 1 << 16));
        if (reader.ReadInt32() != Magic || reader.ReadInt32() != Version)
        {
            throw new InvalidDataException("not a Dyad contextual reading file (version 2)");
        }

        var network = ReadingNetwork.Read(reader);
        var classes = VectorClasses.Read(reader);
        return new EncoderReading(encoder, network, classes);
    }
}
