using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Dyad.Names.Contextual;

/// <summary>
/// Rewrites an ONNX model so that every product with a constant matrix (a <c>MatMul</c> whose second
/// input is a float initializer of rank 2: the encoder's attention and feed-forward weights) runs in
/// 8-bit integers: the matrix is stored as int8 with one scale per column (symmetric, zero point 0)
/// and the node becomes ONNX Runtime's <c>com.microsoft.DynamicQuantizeMatMul</c>, which quantises its
/// input row by row as it runs. Done on the model's bytes when the encoder is loaded, after the
/// fine-tuned weights are put in, so the shipped files stay the float weights.
/// </summary>
internal static class OnnxQuantizer
{
    private const int FloatType = 1;
    private const int Int8Type = 3;

    /// <summary>
    /// The rewritten model, and the names of the initializers it consumed (replaced by their int8
    /// form): a replacement for one of them must not be given to the session as well.
    /// </summary>
    /// <param name="replaced">Fine-tuned values of some initializers, used instead of the model's own.</param>
    public static (byte[] Model, HashSet<string> Consumed) Quantize(byte[] model, IReadOnlyDictionary<string, float[]> replaced)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(replaced);
        var fields = Protobuf.Fields(model, 0, model.Length).ToList();
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        var graphs = fields.Where(f => f.Number == 7 && f.Wire == 2)
            .ToDictionary(f => f.Start, f => Graph(model, f.ValueStart, f.End, replaced, consumed));

        // opset_import { domain: "com.microsoft", version: 1 } for the contrib operator.
        using var opset = new MemoryStream();
        Protobuf.WriteText(opset, 1, "com.microsoft");
        Protobuf.WriteNumber(opset, 2, 1);

        // The model is large (90 MB): it is written once, into an array of its final size, from the
        // original's bytes and the new fields.
        var size = fields.Sum(f => graphs.TryGetValue(f.Start, out var g) ? Protobuf.DelimitedSize(7, Length(g)) : f.End - f.Start)
            + Protobuf.DelimitedSize(8, opset.Length);
        var whole = new byte[size];
        using var output = new MemoryStream(whole);
        foreach (var f in fields)
        {
            if (graphs.TryGetValue(f.Start, out var graph))
            {
                Protobuf.WriteKey(output, 7, Length(graph));
                foreach (var piece in graph)
                {
                    output.Write(piece.Span);
                }
            }
            else
            {
                output.Write(model, f.Start, f.End - f.Start);
            }
        }

        Protobuf.WriteBytes(output, 8, opset.ToArray());
        return output.Position == size
            ? (whole, consumed)
            : throw new InvalidOperationException("the rewritten model's size was miscounted");

        static long Length(List<ReadOnlyMemory<byte>> pieces) => pieces.Sum(p => (long)p.Length);
    }

    /// <summary>The graph's fields, rewritten: slices of the original bytes where a field is kept, new fields where a product is quantised.</summary>
    private static List<ReadOnlyMemory<byte>> Graph(byte[] bytes, int start, int end, IReadOnlyDictionary<string, float[]> replaced, HashSet<string> consumed)
    {
        var fields = Protobuf.Fields(bytes, start, end).ToList();
        var matrices = new Dictionary<string, Protobuf.Field>(StringComparer.Ordinal);
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            if (f.Number == 5 && f.Wire == 2)
            {
                var (name, dims) = OnnxInitializers.Tensor(bytes, f.ValueStart, f.End);
                if (dims.Length == 2 && DataType(bytes, f) == FloatType)
                {
                    matrices[name] = f;
                }
            }
            else if (f.Number == 1 && f.Wire == 2)
            {
                foreach (var input in Node(bytes, f).Inputs)
                {
                    uses[input] = uses.GetValueOrDefault(input) + 1;
                }
            }
        }

        // A matrix is quantised when a plain MatMul is its only use.
        var products = fields.Where(f => f.Number == 1 && f.Wire == 2).Select(f => (Field: f, Node: Node(bytes, f)))
            .Where(n => n.Node is { OpType: "MatMul", Domain: "", Inputs.Count: 2 } && matrices.ContainsKey(n.Node.Inputs[1]) && uses[n.Node.Inputs[1]] == 1)
            .ToDictionary(n => n.Field.Start, n => n.Node);
        consumed.UnionWith(products.Values.Select(n => n.Inputs[1]));

        var pieces = new List<ReadOnlyMemory<byte>>(fields.Count + (3 * products.Count));
        foreach (var f in fields)
        {
            if (products.TryGetValue(f.Start, out var node))
            {
                var weights = node.Inputs[1];
                var tensor = matrices[weights];
                var dims = OnnxInitializers.Tensor(bytes, tensor.ValueStart, tensor.End).Dims;
                var values = replaced.TryGetValue(weights, out var tuned) ? tuned : Floats(bytes, tensor, checked((int)(dims[0] * dims[1])));
                var (quantised, scales) = PerColumn(values, (int)dims[0], (int)dims[1]);
                pieces.Add(Field(1, NodeBytes(node.Name, [node.Inputs[0], weights + "_int8", weights + "_scale", weights + "_zero"], node.Outputs)));
                pieces.Add(Field(5, TensorBytes(weights + "_int8", dims, Int8Type, MemoryMarshal.AsBytes(quantised.AsSpan()))));
                pieces.Add(Field(5, TensorBytes(weights + "_scale", [dims[1]], FloatType, MemoryMarshal.AsBytes(scales.AsSpan()))));
                pieces.Add(Field(5, TensorBytes(weights + "_zero", [dims[1]], Int8Type, new byte[dims[1]])));
            }
            else if (!(f.Number == 5 && f.Wire == 2 && consumed.Contains(OnnxInitializers.Tensor(bytes, f.ValueStart, f.End).Name)))
            {
                // (A consumed float matrix is left out: its int8 form was written with its node.)
                pieces.Add(bytes.AsMemory(f.Start, f.End - f.Start));
            }
        }

        return pieces;

        static byte[] Field(int number, byte[] content)
        {
            using var field = new MemoryStream(content.Length + 8);
            Protobuf.WriteBytes(field, number, content);
            return field.ToArray();
        }
    }

    /// <summary>Symmetric int8 per column of a row-major [rows × columns] matrix: each column's largest magnitude maps to 127.</summary>
    internal static (sbyte[] Values, float[] Scales) PerColumn(float[] matrix, int rows, int columns)
    {
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                scales[c] = Math.Max(scales[c], Math.Abs(matrix[(r * columns) + c]));
            }
        }

        for (var c = 0; c < columns; c++)
        {
            scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        }

        var values = new sbyte[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                values[(r * columns) + c] = (sbyte)Math.Clamp(MathF.Round(matrix[(r * columns) + c] / scales[c]), -127, 127);
            }
        }

        return (values, scales);
    }

    private sealed record NodeFields(string Name, string OpType, string Domain, List<string> Inputs, List<string> Outputs);

    private static NodeFields Node(byte[] bytes, Protobuf.Field node)
    {
        string name = "", op = "", domain = "";
        var inputs = new List<string>();
        var outputs = new List<string>();
        foreach (var f in Protobuf.Fields(bytes, node.ValueStart, node.End))
        {
            switch (f.Number)
            {
                case 1 when f.Wire == 2: inputs.Add(Protobuf.Text(bytes, f)); break;
                case 2 when f.Wire == 2: outputs.Add(Protobuf.Text(bytes, f)); break;
                case 3 when f.Wire == 2: name = Protobuf.Text(bytes, f); break;
                case 4 when f.Wire == 2: op = Protobuf.Text(bytes, f); break;
                case 7 when f.Wire == 2: domain = Protobuf.Text(bytes, f); break;
            }
        }

        return new NodeFields(name, op, domain, inputs, outputs);
    }

    private static byte[] NodeBytes(string name, IEnumerable<string> inputs, IEnumerable<string> outputs)
    {
        using var node = new MemoryStream();
        foreach (var input in inputs)
        {
            Protobuf.WriteText(node, 1, input);
        }

        foreach (var output in outputs)
        {
            Protobuf.WriteText(node, 2, output);
        }

        Protobuf.WriteText(node, 3, name + "_int8");
        Protobuf.WriteText(node, 4, "DynamicQuantizeMatMul");
        Protobuf.WriteText(node, 7, "com.microsoft");
        return node.ToArray();
    }

    private static byte[] TensorBytes(string name, long[] dims, int type, ReadOnlySpan<byte> raw)
    {
        using var tensor = new MemoryStream(raw.Length + 64);
        foreach (var d in dims)
        {
            Protobuf.WriteNumber(tensor, 1, d);
        }

        Protobuf.WriteNumber(tensor, 2, type);
        Protobuf.WriteText(tensor, 8, name);
        Protobuf.WriteBytes(tensor, 9, raw);
        return tensor.ToArray();
    }

    private static int DataType(byte[] bytes, Protobuf.Field tensor)
    {
        foreach (var f in Protobuf.Fields(bytes, tensor.ValueStart, tensor.End))
        {
            if (f.Number == 2 && f.Wire == 0)
            {
                var i = f.ValueStart;
                return (int)Protobuf.Varint(bytes, ref i);
            }
        }

        return 0;
    }

    /// <summary>A float tensor's values, from raw_data (9) or float_data (4, packed or not), little-endian.</summary>
    private static float[] Floats(byte[] bytes, Protobuf.Field tensor, int count)
    {
        var values = new List<float>(count);
        foreach (var f in Protobuf.Fields(bytes, tensor.ValueStart, tensor.End))
        {
            if ((f.Number == 9 || f.Number == 4) && f.Wire == 2)
            {
                for (var i = f.ValueStart; i + 4 <= f.End; i += 4)
                {
                    values.Add(BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i, 4)));
                }
            }
            else if (f.Number == 4 && f.Wire == 5)
            {
                values.Add(BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(f.ValueStart, 4)));
            }
        }

        return values.Count == count
            ? [.. values]
            : throw new InvalidDataException($"an ONNX matrix has {values.Count} values for {count} (external data is not read)");
    }
}
