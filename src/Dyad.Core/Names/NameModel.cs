using System.Buffers;
using System.IO.Compression;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using System.Text;
using Dyad.Resources;

namespace Dyad.Names;

/// <summary>
/// A linear-chain tagger over hashed features: one weight per (feature bucket, tag) and tag
/// transition weights, decoded with Viterbi under BILOU constraints. Trained as an averaged
/// structured perceptron by <c>tools/Dyad.Train</c>; stored gzip-compressed and held in
/// memory with weights quantised to 16 bits. Immutable and thread-safe once loaded.
/// </summary>
public sealed class NameModel
{
    public const string ResourcePath = "names/ner-model.bin.gz";
    private const string Magic = "DYADNER2";

    private static readonly Lazy<NameModel?> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    public NameModel(int bucketBits, float[] weights, float[] transitions, WordClusters clusters)
        : this(bucketBits, Quantise(weights, out var scale), scale, transitions, clusters)
    {
    }

    private NameModel(int bucketBits, short[] weights, float scale, float[] transitions, WordClusters clusters)
    {
        if (weights.Length != (1 << bucketBits) * NameTags.Count || transitions.Length != (NameTags.Count + 1) * NameTags.Count)
        {
            throw new ArgumentException("Weight arrays do not match the bucket count and tag set.");
        }

        BucketBits = bucketBits;
        Weights = weights;
        (_present, _rank, _rows) = Compact(weights);
        Scale = scale;
        Transitions = transitions;
        Clusters = clusters;
    }

    // The non-zero weight rows packed together (about a quarter of the buckets), found through a
    // bit per bucket and the count of present rows before each 64-bucket word: a few MB that stay in
    // cache instead of the full table; a zero row adds nothing, so the sums are unchanged.
    private readonly ulong[] _present;
    private readonly int[] _rank;
    private readonly short[] _rows;

    /// <summary>The model shipped in Dyad.Core, or null when the resource is absent (before training).</summary>
    public static NameModel? Default => Embedded.Value;

    public int BucketBits { get; }

    /// <summary>Emission weights quantised to 16 bits (times <see cref="Scale"/>), indexed [bucket * tags + tag].</summary>
    public short[] Weights { get; }

    public float Scale { get; }

    /// <summary>Transition weights, indexed [(previous + 1) * tags + next]; previous -1 is the sentence start.</summary>
    public float[] Transitions { get; }

    public WordClusters Clusters { get; }

    /// <summary>Best valid BILOU tag sequence for the features of n tokens (the same number of features for each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int[] Decode(ReadOnlySpan<int> features, int n)
    {
        const int T = NameTags.Count;
        var tags = new int[n];
        var stride = n == 0 ? FeatureExtractor.PerToken : features.Length / n;
        var emissions = ArrayPool<float>.Shared.Rent(Math.Max(1, n * T));
        var offsetBuffer = ArrayPool<int>.Shared.Rent(Math.Max(1, n * stride));
        try
        {
            ref var weights = ref MemoryMarshal.GetArrayDataReference(_rows);
            var present = _present;
            var rank = _rank;
            var scale = Scale;
            // First the packed row of every feature (-1: a zero row), then the sums: the row loads
            // are then independent of each other and many are in flight at once.
            var offsets = offsetBuffer.AsSpan(0, n * stride);
            for (var f = 0; f < offsets.Length; f++)
            {
                var bucket = features[f];
                var word = present[bucket >> 6];
                var bit = 1UL << (bucket & 63);
                offsets[f] = (word & bit) == 0 ? -1 : (rank[bucket >> 6] + BitOperations.PopCount(word & (bit - 1))) * T;
            }

            for (var i = 0; i < n; i++)
            {
                // Integer sums are exact, so the vector order of addition changes nothing.
                var low = Vector256<int>.Zero;
                var high = Vector256<int>.Zero;
                var last = 0;
                foreach (var offset in offsets.Slice(i * stride, stride))
                {
                    if (offset < 0)
                    {
                        continue;
                    }

                    ref var row = ref Unsafe.Add(ref weights, offset);
                    var (l, h) = Vector256.Widen(Vector256.LoadUnsafe(ref row));
                    low += l;
                    high += h;
                    last += Unsafe.Add(ref row, 16);
                }

                var emit = emissions.AsSpan(i * T, T);
                for (var t = 0; t < 8; t++)
                {
                    emit[t] = low.GetElement(t) * scale;
                    emit[t + 8] = high.GetElement(t) * scale;
                }

                emit[16] = last * scale;
            }

            Viterbi(emissions, n, Transitions, tags);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(offsetBuffer);
            ArrayPool<float>.Shared.Return(emissions);
        }

        return tags;
    }

    private static (ulong[] Present, int[] Rank, short[] Rows) Compact(short[] weights)
    {
        const int T = NameTags.Count;
        var buckets = weights.Length / T;
        var present = new ulong[(buckets + 63) / 64];
        var rank = new int[present.Length];
        var count = 0;
        for (var b = 0; b < buckets; b++)
        {
            if ((b & 63) == 0)
            {
                rank[b >> 6] = count;
            }

            if (weights.AsSpan(b * T, T).ContainsAnyExcept((short)0))
            {
                present[b >> 6] |= 1UL << (b & 63);
                count++;
            }
        }

        var rows = new short[(count * T) + 16];
        var k = 0;
        for (var b = 0; b < buckets; b++)
        {
            if ((present[b >> 6] & (1UL << (b & 63))) != 0)
            {
                weights.AsSpan(b * T, T).CopyTo(rows.AsSpan(k * T, T));
                k++;
            }
        }

        return (present, rank, rows);
    }

    /// <summary>Viterbi over float weights (the trainer decodes with its own, changing weights).</summary>
    public static void Decode(ReadOnlySpan<int> features, int n, float[] weights, float[] transitions, Span<int> tags)
    {
        const int T = NameTags.Count;
        var emissions = new float[n * T];
        var stride = n == 0 ? FeatureExtractor.PerToken : features.Length / n;
        for (var i = 0; i < n; i++)
        {
            var emit = emissions.AsSpan(i * T, T);
            foreach (var bucket in features.Slice(i * stride, stride))
            {
                var row = weights.AsSpan(bucket * T, T);
                for (var t = 0; t < T; t++)
                {
                    emit[t] += row[t];
                }
            }
        }

        Viterbi(emissions, n, transitions, tags);
    }

    /// <summary>Best valid BILOU path given per-token emission scores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Viterbi(float[] emissions, int n, float[] transitions, Span<int> tags)
    {
        const int T = NameTags.Count;
        if (n == 0)
        {
            return;
        }

        var score = ArrayPool<float>.Shared.Rent(n * T);
        var back = ArrayPool<int>.Shared.Rent(n * T);
        try
        {
            for (var t = 0; t < T; t++)
            {
                var best = NameTags.Allowed(-1, t) ? transitions[t] : float.NegativeInfinity;
                score[t] = float.IsNegativeInfinity(best) ? best : best + emissions[t];
                back[t] = -1;
            }

            for (var i = 1; i < n; i++)
            {
                var previous = score.AsSpan((i - 1) * T, T);
                for (var t = 0; t < T; t++)
                {
                    var best = float.NegativeInfinity;
                    var arg = -1;
                    foreach (var p in Predecessors[t])
                    {
                        var prev = previous[p];
                        if (float.IsNegativeInfinity(prev))
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

                    score[(i * T) + t] = float.IsNegativeInfinity(best) ? best : best + emissions[(i * T) + t];
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
        finally
        {
            ArrayPool<float>.Shared.Return(score);
            ArrayPool<int>.Shared.Return(back);
        }
    }

    /// <summary>For each tag, the tags that may precede it, in ascending order (the order Viterbi breaks ties in).</summary>
    private static readonly int[][] Predecessors = BuildPredecessors();

    private static int[][] BuildPredecessors()
    {
        const int T = NameTags.Count;
        var result = new int[T][];
        for (var t = 0; t < T; t++)
        {
            var list = new List<int>();
            for (var p = 0; p < T; p++)
            {
                if (NameTags.Allowed(p, t))
                {
                    list.Add(p);
                }
            }

            result[t] = [.. list];
        }

        return result;
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

        writer.Write(Scale);
        writer.Write(MemoryMarshal.AsBytes(Weights.AsSpan()));
    }

    private static short[] Quantise(float[] weights, out float scale)
    {
        var max = weights.Length == 0 ? 0 : weights.Max(MathF.Abs);
        scale = max > 0 ? max / short.MaxValue : 1f;
        var quantised = new short[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            quantised[i] = (short)MathF.Round(weights[i] / scale);
        }

        return quantised;
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
        var weights = new short[(1 << bits) * tagCount];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(weights.AsSpan()));
        return new NameModel(bits, weights, scale, transitions, new WordClusters(clusters));
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
