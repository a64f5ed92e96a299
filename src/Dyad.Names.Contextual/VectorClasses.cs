using System.Numerics;

namespace Dyad.Names.Contextual;

/// <summary>Classes of contextual vectors by spherical k-means (cosine), deterministic with the seed.</summary>
public sealed class VectorClasses
{
    private const int SampleSize = 60_000;
    private readonly float[][] _centroids;

    private VectorClasses(float[][] centroids) => _centroids = centroids;

    public int Count => _centroids.Length;

    /// <summary>k classes from a seeded sample of the vectors, a fixed number of iterations.</summary>
    public static VectorClasses Train(IReadOnlyList<float[]> vectors, int k, int iterations, int seed)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var random = new Random(seed);
        var sample = vectors.OrderBy(_ => random.Next()).Take(Math.Min(vectors.Count, SampleSize)).Select(Normalised).ToArray();
        var centroids = sample.Take(k).Select(v => (float[])v.Clone()).ToArray();
        var classes = new VectorClasses(centroids);
        var assigned = new int[sample.Length];
        for (var it = 0; it < iterations; it++)
        {
            Parallel.For(0, sample.Length, i => assigned[i] = classes.Nearest(sample[i]));
            var sums = Enumerable.Range(0, centroids.Length).Select(_ => new float[ContextEncoder.Dim]).ToArray();
            for (var i = 0; i < sample.Length; i++)
            {
                var s = sums[assigned[i]];
                for (var d = 0; d < s.Length; d++)
                {
                    s[d] += sample[i][d];
                }
            }

            for (var c = 0; c < centroids.Length; c++)
            {
                if (sums[c].Any(v => v != 0))
                {
                    centroids[c] = Normalised(sums[c]);
                }
            }
        }

        return classes;
    }

    /// <summary>The class whose centroid is closest in angle to the vector (which need not be normalised).</summary>
    public int Nearest(float[] vector)
    {
        var best = 0;
        var bestScore = float.MinValue;
        for (var c = 0; c < _centroids.Length; c++)
        {
            var s = Dot(_centroids[c], vector);
            if (s > bestScore)
            {
                bestScore = s;
                best = c;
            }
        }

        return best;
    }

    public static float Dot(float[] a, float[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var sum = Vector<float>.Zero;
        var width = Vector<float>.Count;
        var i = 0;
        for (; i + width <= a.Length; i += width)
        {
            sum += new Vector<float>(a, i) * new Vector<float>(b, i);
        }

        var s = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    public static float[] Normalised(float[] v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var norm = MathF.Sqrt(Dot(v, v));
        return [.. v.Select(x => x / Math.Max(norm, 1e-6f))];
    }

    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_centroids.Length);
        foreach (var c in _centroids)
        {
            ReadingNetwork.WriteFloats(writer, c);
        }
    }

    public static VectorClasses Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var k = reader.ReadInt32();
        if (k is < 1 or > 65_536)
        {
            throw new InvalidDataException($"vector classes: {k} classes");
        }

        return new VectorClasses([.. Enumerable.Range(0, k).Select(_ => ReadingNetwork.ReadFloats(reader, ContextEncoder.Dim))]);
    }
}
