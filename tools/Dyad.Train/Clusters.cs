using Dyad.Names;

namespace Dyad.Train;

/// <summary>
/// Distributional word clusters from unlabelled text (the training text, read without its labels),
/// at two granularities. Spherical k-means (fixed seed) over each frequent lowercased word's vector
/// of left and right neighbours (log counts over the most frequent context words), or Brown-style
/// classes by the exchange algorithm (class-bigram likelihood, deterministic). The default
/// (<c>exchange-coarse</c>): 256 fine k-means clusters and 32 coarse exchange classes.
/// </summary>
internal static class Clusters
{
    public static WordClusters Build(IEnumerable<string[]> sentences, int fineK, int coarseK, int seed, string method = "kmeans")
    {
        var fineExchange = method is "exchange" or "exchange-fine";
        var coarseExchange = method is "exchange" or "exchange-coarse";
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

        var fine = fineExchange ? Exchange(lowered, index, Math.Min(fineK, vocab.Count)) : KMeans(vectors, dims, Math.Min(fineK, vectors.Length), seed);
        var coarse = coarseExchange ? Exchange(lowered, index, Math.Min(coarseK, vocab.Count)) : KMeans(vectors, dims, Math.Min(coarseK, vectors.Length), seed + 1);
        var map = new Dictionary<ulong, (ushort, ushort)>();
        for (var i = 0; i < vocab.Count; i++)
        {
            var (lower, capital) = casing.GetValueOrDefault(vocab[i]);
            var usuallyLower = lower >= 2 && lower > 2 * capital ? WordClusters.UsuallyLowerBit : 0;
            map[WordClusters.KeyOf(vocab[i])] = ((ushort)(fine[i] + 1), (ushort)((coarse[i] + 1) | usuallyLower));
        }

        Console.WriteLine($"  {map.Values.Count(v => (v.Item2 & WordClusters.UsuallyLowerBit) != 0)} words usually written in lower case");

        Console.WriteLine($"  clusters ({method} (fine: {(fineExchange ? "exchange" : "k-means")}, coarse: {(coarseExchange ? "exchange" : "k-means")})): {vocab.Count} words, {fineK} fine, {coarseK} coarse");
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

    /// <summary>
    /// Brown-style word classes by the exchange algorithm (Kneser and Ney 1993; Martin, Liermann and
    /// Ney 1998): maximises the likelihood of the class bigram model of the text, sum over class
    /// pairs of N(c,d) log N(c,d) minus twice the sum over classes of N(c) log N(c), by moving one word
    /// at a time (in order of frequency) to the class that gains most, until an iteration moves few
    /// words. Deterministic: words start in class (frequency rank mod k); rare words and sentence
    /// boundaries are two fixed classes of their own.
    /// </summary>
    private static int[] Exchange(List<string[]> sentences, Dictionary<string, int> index, int k)
    {
        var v = index.Count;
        int unknown = v, boundary = v + 1, all = v + 2, classes = k + 2;
        var pairs = new Dictionary<long, int>();
        var unigram = new long[all];
        foreach (var s in sentences)
        {
            var previous = boundary;
            unigram[boundary]++;
            foreach (var word in s)
            {
                var id = index.TryGetValue(word, out var i) ? i : unknown;
                unigram[id]++;
                var key = ((long)previous * all) + id;
                pairs[key] = pairs.GetValueOrDefault(key) + 1;
                previous = id;
            }

            var end = ((long)previous * all) + boundary;
            pairs[end] = pairs.GetValueOrDefault(end) + 1;
        }

        var right = new List<(int Word, int Count)>[all];
        var left = new List<(int Word, int Count)>[all];
        for (var i = 0; i < all; i++)
        {
            (right[i], left[i]) = ([], []);
        }

        foreach (var (key, count) in pairs.OrderBy(p => p.Key))
        {
            var (a, b) = ((int)(key / all), (int)(key % all));
            right[a].Add((b, count));
            left[b].Add((a, count));
        }

        var cls = new int[all];
        for (var w = 0; w < v; w++)
        {
            cls[w] = w % k;
        }

        (cls[unknown], cls[boundary]) = (k, k + 1);
        var m = new long[classes * classes];
        var n = new long[classes];
        for (var w = 0; w < all; w++)
        {
            n[cls[w]] += unigram[w];
            foreach (var (x, c) in right[w])
            {
                m[(cls[w] * classes) + cls[x]] += c;
            }
        }

        static double F(long x) => x > 0 ? x * Math.Log(x) : 0;
        var r = new long[classes];
        var l = new long[classes];
        var rTouched = new List<int>();
        var lTouched = new List<int>();
        for (var iteration = 0; iteration < 20; iteration++)
        {
            var moved = 0;
            for (var w = 0; w < v; w++)
            {
                var a = cls[w];
                long self = 0;
                rTouched.Clear();
                lTouched.Clear();
                foreach (var (x, c) in right[w])
                {
                    if (x == w)
                    {
                        self += c;
                        continue;
                    }

                    if (r[cls[x]] == 0)
                    {
                        rTouched.Add(cls[x]);
                    }

                    r[cls[x]] += c;
                }

                foreach (var (x, c) in left[w])
                {
                    if (x == w)
                    {
                        continue;
                    }

                    if (l[cls[x]] == 0)
                    {
                        lTouched.Add(cls[x]);
                    }

                    l[cls[x]] += c;
                }

                Move(a, -1);
                var best = a;
                var bestGain = double.NegativeInfinity;
                for (var b = 0; b < k; b++)
                {
                    var gain = -2 * (F(n[b] + unigram[w]) - F(n[b]));
                    foreach (var d in rTouched)
                    {
                        if (d != b)
                        {
                            gain += F(m[(b * classes) + d] + r[d]) - F(m[(b * classes) + d]);
                        }
                    }

                    foreach (var c in lTouched)
                    {
                        if (c != b)
                        {
                            gain += F(m[(c * classes) + b] + l[c]) - F(m[(c * classes) + b]);
                        }
                    }

                    var bb = m[(b * classes) + b];
                    gain += F(bb + r[b] + l[b] + self) - F(bb);
                    if (gain > bestGain + 1e-9 || (b == a && gain >= bestGain - 1e-9))
                    {
                        bestGain = gain;
                        best = b;
                    }
                }

                Move(best, 1);
                if (best != a)
                {
                    cls[w] = best;
                    moved++;
                }

                foreach (var d in rTouched)
                {
                    r[d] = 0;
                }

                foreach (var c in lTouched)
                {
                    l[c] = 0;
                }

                void Move(int target, int sign)
                {
                    n[target] += sign * unigram[w];
                    foreach (var d in rTouched)
                    {
                        m[(target * classes) + d] += sign * r[d];
                    }

                    foreach (var c in lTouched)
                    {
                        m[(c * classes) + target] += sign * l[c];
                    }

                    m[(target * classes) + target] += sign * self;
                }
            }

            var objective = 0.0;
            foreach (var x in m)
            {
                objective += F(x);
            }

            foreach (var x in n)
            {
                objective -= 2 * F(x);
            }

            Console.WriteLine($"    exchange k={k} iteration {iteration + 1}: {moved} words moved, objective {objective:E6}");
            if (moved < v / 200)
            {
                break;
            }
        }

        return cls[..v];
    }
}
