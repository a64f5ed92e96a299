using Dyad.Names;

namespace Dyad.Train;

/// <summary>
/// Distributional word clusters from unlabelled text: each frequent lowercased word is a vector
/// of its left and right neighbours (log counts over the most frequent context words), and
/// spherical k-means (fixed seed) groups the words at two granularities.
/// </summary>
internal static class Clusters
{
    public static WordClusters Build(IEnumerable<string[]> sentences, int fineK, int coarseK, int seed)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var casing = new Dictionary<string, (int Lower, int Capital)>(StringComparer.Ordinal);
        var lowered = new List<string[]>();
        foreach (var words in sentences)
        {
            var lw = words.Select(w => w.ToLowerInvariant()).ToArray();
            lowered.Add(lw);
            for (var i = 0; i < lw.Length; i++)
            {
                var w = lw[i];
                counts[w] = counts.GetValueOrDefault(w) + 1;
                var first = words[i].Length > 0 ? words[i][0] : ' ';
                var (lower, capital) = casing.GetValueOrDefault(w);
                if (char.IsLower(first))
                {
                    casing[w] = (lower + 1, capital);
                }
                else if (char.IsUpper(first) && i > 0 && char.IsLetterOrDigit(words[i - 1][0]))
                {
                    casing[w] = (lower, capital + 1);
                }
            }
        }

        var byFrequency = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        const int contextSize = 500;
        var context = byFrequency.Take(contextSize).Select((p, i) => (p.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        var vocab = byFrequency.Where(p => p.Value >= 3).Select(p => p.Key).ToList();
        var index = vocab.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i, StringComparer.Ordinal);
        var dims = (2 * contextSize) + 2;
        var raw = new Dictionary<int, float>[vocab.Count];
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = [];
        }

        foreach (var s in lowered)
        {
            for (var i = 0; i < s.Length; i++)
            {
                if (!index.TryGetValue(s[i], out var v))
                {
                    continue;
                }

                var left = i > 0 ? (context.TryGetValue(s[i - 1], out var l) ? l : contextSize - 1) : 2 * contextSize;
                var right = i + 1 < s.Length ? (context.TryGetValue(s[i + 1], out var r) ? r : contextSize - 1) : (2 * contextSize) + 1;
                raw[v][left] = raw[v].GetValueOrDefault(left) + 1;
                var rd = right >= 2 * contextSize ? right : contextSize + right;
                raw[v][rd] = raw[v].GetValueOrDefault(rd) + 1;
            }
        }

        var vectors = raw.Select(d =>
        {
            var pairs = d.Select(p => (p.Key, MathF.Log(1 + p.Value))).ToArray();
            var norm = MathF.Sqrt(pairs.Sum(p => p.Item2 * p.Item2));
            return pairs.Select(p => (p.Key, p.Item2 / norm)).ToArray();
        }).ToArray();

        var fine = KMeans(vectors, dims, Math.Min(fineK, vectors.Length), seed);
        var coarse = KMeans(vectors, dims, Math.Min(coarseK, vectors.Length), seed + 1);
        var map = new Dictionary<ulong, (ushort, ushort)>();
        for (var i = 0; i < vocab.Count; i++)
        {
            var (lower, capital) = casing.GetValueOrDefault(vocab[i]);
            var usuallyLower = lower >= 2 && lower > 2 * capital ? WordClusters.UsuallyLowerBit : 0;
            map[WordClusters.KeyOf(vocab[i])] = ((ushort)(fine[i] + 1), (ushort)((coarse[i] + 1) | usuallyLower));
        }

        Console.WriteLine($"  {map.Values.Count(v => (v.Item2 & WordClusters.UsuallyLowerBit) != 0)} words usually written in lower case");

        Console.WriteLine($"  clusters: {vocab.Count} words, {fineK} fine, {coarseK} coarse");
        return new WordClusters(map);
    }

    private static int[] KMeans((int Dim, float Value)[][] vectors, int dims, int k, int seed)
    {
        var random = new Random(seed);
        var centroids = new float[k][];
        var order = Enumerable.Range(0, vectors.Length).OrderBy(_ => random.Next()).ToArray();
        for (var c = 0; c < k; c++)
        {
            centroids[c] = new float[dims];
            foreach (var (d, v) in vectors[order[c]])
            {
                centroids[c][d] = v;
            }
        }

        var assign = new int[vectors.Length];
        for (var iteration = 0; iteration < 15; iteration++)
        {
            for (var i = 0; i < vectors.Length; i++)
            {
                var best = -1f;
                var arg = 0;
                for (var c = 0; c < k; c++)
                {
                    var dot = 0f;
                    var centroid = centroids[c];
                    foreach (var (d, v) in vectors[i])
                    {
                        dot += centroid[d] * v;
                    }

                    if (dot > best)
                    {
                        best = dot;
                        arg = c;
                    }
                }

                assign[i] = arg;
            }

            foreach (var centroid in centroids)
            {
                Array.Clear(centroid);
            }

            for (var i = 0; i < vectors.Length; i++)
            {
                foreach (var (d, v) in vectors[i])
                {
                    centroids[assign[i]][d] += v;
                }
            }

            foreach (var centroid in centroids)
            {
                var norm = MathF.Sqrt(centroid.Sum(x => x * x));
                if (norm > 0)
                {
                    for (var d = 0; d < dims; d++)
                    {
                        centroid[d] /= norm;
                    }
                }
            }
        }

        return assign;
    }
}
