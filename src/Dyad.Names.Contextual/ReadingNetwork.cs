using System.Numerics;

namespace Dyad.Names.Contextual;

/// <summary>
/// A small network over a word's contextual vector and its neighbours' (3 × 384 inputs): one hidden
/// layer of ReLU units and a softmax over O and begin/inside × PER, ORG, LOC, MISC. Trained by <c>Dyad.Train ner --context yes</c>;
/// its reading becomes hashed features of the perceptron (<see cref="Reading"/>).
/// </summary>
public sealed class ReadingNetwork
{
    public const int Classes = 9;
    private const int Hidden = 256;
    private const int D = 3 * ContextEncoder.Dim;

    /// <summary>The network's input for word i: its vector with its neighbours' (zeros beyond the sentence).</summary>
    public static float[] Input(float[][] vectors, int i)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var input = new float[D];
        if (i > 0)
        {
            vectors[i - 1].CopyTo(input, 0);
        }

        vectors[i].CopyTo(input, ContextEncoder.Dim);
        if (i + 1 < vectors.Length)
        {
            vectors[i + 1].CopyTo(input, 2 * ContextEncoder.Dim);
        }

        return input;
    }
    private readonly float[][] _w1;
    private readonly float[] _b1;
    private readonly float[][] _w2;
    private readonly float[] _b2;

    private ReadingNetwork(float[][] w1, float[] b1, float[][] w2, float[] b2) => (_w1, _b1, _w2, _b2) = (w1, b1, w2, b2);

    /// <summary>A network with small random weights (Glorot uniform), deterministic with the seed.</summary>
    public static ReadingNetwork Create(int seed)
    {
        var random = new Random(seed);
        float[] Row(int length, double limit) => [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() - 0.5) * 2 * limit))];
        var w1 = Enumerable.Range(0, Hidden).Select(_ => Row(D, Math.Sqrt(6.0 / (D + Hidden)))).ToArray();
        var w2 = Enumerable.Range(0, Classes).Select(_ => Row(Hidden, Math.Sqrt(6.0 / (Hidden + Classes)))).ToArray();
        return new ReadingNetwork(w1, new float[Hidden], w2, new float[Classes]);
    }

    /// <summary>The class to learn for a BILOU tag: 0 = O, 1 + 2 × class = begin or unit, 2 + 2 × class = inside or last.</summary>
    public static int Target(int tag) => tag == NameTags.O ? 0 : 1 + (2 * NameTags.Class(tag)) + (NameTags.Part(tag) is 1 or 4 ? 0 : 1);

    /// <summary>Stochastic gradient descent on the log loss, the items shuffled with the seed each epoch.</summary>
    public void Train(IEnumerable<(float[] Vector, int Class)> items, int epochs, int seed)
    {
        var data = items.ToArray();
        var random = new Random(seed);
        var h = new float[Hidden];
        var p = new float[Classes];
        var gh = new float[Hidden];
        var width = Vector<float>.Count;
        for (var e = 0; e < epochs; e++)
        {
            random.Shuffle(data);
            var rate = 0.02f / (1 + e);
            foreach (var (x, y) in data)
            {
                Forward(x, h, p);
                Array.Clear(gh);
                for (var c = 0; c < Classes; c++)
                {
                    var g = (c == y ? 1f : 0f) - p[c];
                    var row = _w2[c];
                    for (var k = 0; k < Hidden; k++)
                    {
                        gh[k] += g * row[k];
                        row[k] += rate * g * h[k];
                    }

                    _b2[c] += rate * g;
                }

                for (var k = 0; k < Hidden; k++)
                {
                    if (h[k] <= 0)
                    {
                        continue;
                    }

                    var g = rate * gh[k];
                    var row = _w1[k];
                    var step = new Vector<float>(g);
                    for (var d = 0; d + width <= D; d += width)
                    {
                        (new Vector<float>(row, d) + (step * new Vector<float>(x, d))).CopyTo(row, d);
                    }

                    _b1[k] += g;
                }
            }
        }
    }

    private void Forward(float[] x, float[] h, float[] p)
    {
        for (var k = 0; k < Hidden; k++)
        {
            h[k] = Math.Max(0, VectorClasses.Dot(_w1[k], x) + _b1[k]);
        }

        var max = float.MinValue;
        for (var c = 0; c < Classes; c++)
        {
            p[c] = VectorClasses.Dot(_w2[c], h) + _b2[c];
            max = Math.Max(max, p[c]);
        }

        var sum = 0f;
        for (var c = 0; c < Classes; c++)
        {
            p[c] = MathF.Exp(p[c] - max);
            sum += p[c];
        }

        for (var c = 0; c < Classes; c++)
        {
            p[c] /= sum;
        }
    }

    /// <summary>The class probabilities of one word.</summary>
    public float[] Probabilities(float[] x)
    {
        var p = new float[Classes];
        Forward(x, new float[Hidden], p);
        return p;
    }

    /// <summary>
    /// The two hashed values of one word's reading: its best class × confidence (4 levels), and
    /// P(PER), P(ORG), P(LOC), P(MISC) in three levels each. Never 0 (0 is "no reading").
    /// </summary>
    public (ulong Best, ulong Levels) Reading(float[] x)
    {
        var p = Probabilities(x);
        var best = 0;
        for (var c = 1; c < Classes; c++)
        {
            if (p[c] > p[best])
            {
                best = c;
            }
        }

        var confidence = p[best] < 0.5f ? 0 : p[best] < 0.8f ? 1 : p[best] < 0.95f ? 2 : 3;
        static ulong Level(float v) => v < 0.1f ? 0UL : v < 0.5f ? 1UL : 2UL;
        var levels = Level(p[1] + p[2]) + (3 * Level(p[3] + p[4])) + (9 * Level(p[5] + p[6])) + (27 * Level(p[7] + p[8]));
        return ((ulong)((best * 4) + confidence + 1), levels + 1);
    }

    /// <summary>The network trained with the encoder's fine-tuned layers (head.w1 [256, 1152], head.b1, head.w2 [9, 256], head.b2).</summary>
    public static ReadingNetwork FromTensors(EncoderWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        float[] Get(string name, int length) => weights.Find(name) is { } v && v.Length == length
            ? v
            : throw new InvalidDataException($"the tuned weights have no {name} of {length} values");
        var w1 = Get("head.w1", Hidden * D);
        var w2 = Get("head.w2", Classes * Hidden);
        return new ReadingNetwork(
            [.. Enumerable.Range(0, Hidden).Select(k => w1[(k * D)..((k + 1) * D)])],
            Get("head.b1", Hidden),
            [.. Enumerable.Range(0, Classes).Select(c => w2[(c * Hidden)..((c + 1) * Hidden)])],
            Get("head.b2", Classes));
    }

    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var row in _w1)
        {
            WriteFloats(writer, row);
        }

        WriteFloats(writer, _b1);
        foreach (var row in _w2)
        {
            WriteFloats(writer, row);
        }

        WriteFloats(writer, _b2);
    }

    public static ReadingNetwork Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var w1 = Enumerable.Range(0, Hidden).Select(_ => ReadFloats(reader, D)).ToArray();
        var b1 = ReadFloats(reader, Hidden);
        var w2 = Enumerable.Range(0, Classes).Select(_ => ReadFloats(reader, Hidden)).ToArray();
        var b2 = ReadFloats(reader, Classes);
        return new ReadingNetwork(w1, b1, w2, b2);
    }

    internal static void WriteFloats(BinaryWriter writer, float[] values)
    {
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    internal static float[] ReadFloats(BinaryReader reader, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }
}
