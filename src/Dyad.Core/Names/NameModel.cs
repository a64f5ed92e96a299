using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using Dyad.Resources;

namespace Dyad.Names;

/// <summary>
/// A linear-chain tagger over hashed features: one weight per (feature bucket, tag) and tag
/// transition weights, decoded with Viterbi under BILOU constraints. Trained as an averaged
/// structured perceptron by <c>tools/Dyad.Train</c>; stored gzip-compressed with weights
/// quantised to 16 bits. Immutable and thread-safe once loaded.
/// </summary>
public sealed class NameModel
{
    public const string ResourcePath = "names/ner-model.bin.gz";
    private const string Magic = "DYADNER1";

    private static readonly Lazy<NameModel?> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    public NameModel(int bucketBits, float[] weights, float[] transitions, WordClusters clusters)
    {
        if (weights.Length != (1 << bucketBits) * NameTags.Count || transitions.Length != (NameTags.Count + 1) * NameTags.Count)
        {
            throw new ArgumentException("Weight arrays do not match the bucket count and tag set.");
        }

        BucketBits = bucketBits;
        Weights = weights;
        Transitions = transitions;
        Clusters = clusters;
    }

    /// <summary>The model shipped in Dyad.Core, or null when the resource is absent (before training).</summary>
    public static NameModel? Default => Embedded.Value;

    public int BucketBits { get; }

    /// <summary>Emission weights, indexed [bucket * tags + tag].</summary>
    public float[] Weights { get; }

    /// <summary>Transition weights, indexed [(previous + 1) * tags + next]; previous -1 is the sentence start.</summary>
    public float[] Transitions { get; }

    public WordClusters Clusters { get; }

    /// <summary>Best valid BILOU tag sequence for the features of n tokens.</summary>
    public int[] Decode(ReadOnlySpan<int> features, int n)
    {
        var tags = new int[n];
        Decode(features, n, Weights, Transitions, tags);
        return tags;
    }

    /// <summary>Viterbi over given weights (the trainer decodes with its own, changing weights).</summary>
    public static void Decode(ReadOnlySpan<int> features, int n, float[] weights, float[] transitions, Span<int> tags)
    {
        const int T = NameTags.Count;
        if (n == 0)
        {
            return;
        }

        var score = new float[n * T];
        var back = new int[n * T];
        Span<float> emit = stackalloc float[T];
        for (var i = 0; i < n; i++)
        {
            emit.Clear();
            var f = features.Slice(i * FeatureExtractor.PerToken, FeatureExtractor.PerToken);
            foreach (var bucket in f)
            {
                var row = weights.AsSpan(bucket * T, T);
                for (var t = 0; t < T; t++)
                {
                    emit[t] += row[t];
                }
            }

            for (var t = 0; t < T; t++)
            {
                var best = float.NegativeInfinity;
                var arg = -1;
                if (i == 0)
                {
                    if (NameTags.Allowed(-1, t))
                    {
                        best = transitions[t];
                    }
                }
                else
                {
                    for (var p = 0; p < T; p++)
                    {
                        var prev = score[((i - 1) * T) + p];
                        if (float.IsNegativeInfinity(prev) || !NameTags.Allowed(p, t))
                        {
                            continue;
                        }

                        var s = prev + transitions[((p + 1) * T) + t];
                        if (s > best)
                        {
                            best = s;
                            arg = p;
                        }
                    }
                }

                score[(i * T) + t] = float.IsNegativeInfinity(best) ? best : best + emit[t];
                back[(i * T) + t] = arg;
            }
        }

        var last = 0;
        var top = float.NegativeInfinity;
        for (var t = 0; t < T; t++)
        {
            var s = score[((n - 1) * T) + t];
            if (NameTags.CanEnd(t) && s > top)
            {
                top = s;
                last = t;
            }
        }

        for (var i = n - 1; i >= 0; i--)
        {
            tags[i] = last;
            last = i > 0 ? back[(i * T) + last] : 0;
            if (last < 0)
            {
                last = 0;
            }
        }
    }

    public void Save(Stream output)
    {
        using var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(BucketBits);
        writer.Write(NameTags.Count);
        writer.Write(Clusters.Count);
        foreach (var (key, (fine, coarse)) in Clusters.Map.OrderBy(p => p.Key))
        {
            writer.Write(key);
            writer.Write(fine);
            writer.Write(coarse);
        }

        foreach (var t in Transitions)
        {
            writer.Write(t);
        }

        var max = Weights.Max(MathF.Abs);
        var scale = max > 0 ? max / short.MaxValue : 1f;
        writer.Write(scale);
        var quantised = new short[Weights.Length];
        for (var i = 0; i < Weights.Length; i++)
        {
            quantised[i] = (short)MathF.Round(Weights[i] / scale);
        }

        // Tag-major order: the long zero runs of rare tags compress well.
        var buckets = 1 << BucketBits;
        var plane = new short[buckets];
        for (var t = 0; t < NameTags.Count; t++)
        {
            for (var b = 0; b < buckets; b++)
            {
                plane[b] = quantised[(b * NameTags.Count) + t];
            }

            writer.Write(MemoryMarshal.AsBytes(plane.AsSpan()));
        }
    }

    public static NameModel Load(Stream compressed)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var buffered = new BufferedStream(gzip, 1 << 16);
        using var reader = new BinaryReader(buffered, Encoding.UTF8);
        var magic = Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length));
        if (magic != Magic)
        {
            throw new InvalidDataException("Not a Dyad name model.");
        }

        var bits = reader.ReadInt32();
        var tagCount = reader.ReadInt32();
        if (tagCount != NameTags.Count || bits is < 10 or > 24)
        {
            throw new InvalidDataException("The name model's tag set or size does not match this version of Dyad.");
        }

        var clusterCount = reader.ReadInt32();
        var clusters = new Dictionary<ulong, (ushort, ushort)>(clusterCount);
        for (var i = 0; i < clusterCount; i++)
        {
            clusters[reader.ReadUInt64()] = (reader.ReadUInt16(), reader.ReadUInt16());
        }

        var transitions = new float[(tagCount + 1) * tagCount];
        for (var i = 0; i < transitions.Length; i++)
        {
            transitions[i] = reader.ReadSingle();
        }

        var scale = reader.ReadSingle();
        var buckets = 1 << bits;
        var weights = new float[buckets * tagCount];
        var plane = new short[buckets];
        for (var t = 0; t < tagCount; t++)
        {
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(plane.AsSpan()));
            for (var b = 0; b < buckets; b++)
            {
                weights[(b * tagCount) + t] = plane[b] * scale;
            }
        }

        return new NameModel(bits, weights, transitions, new WordClusters(clusters));
    }

    private static NameModel? LoadEmbedded()
    {
        if (!EmbeddedData.Exists(ResourcePath))
        {
            return null;
        }

        var name = "Dyad.Resources." + ResourcePath;
        using var stream = typeof(NameModel).Assembly.GetManifestResourceStream(name)!;
        return Load(stream);
    }
}
