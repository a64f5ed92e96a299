namespace Dyad.Names.Contextual;

/// <summary>
/// The names and shapes of an ONNX model's initializers, read from the protobuf bytes without a
/// protobuf library (ModelProto.graph = 7, GraphProto.initializer = 5, TensorProto.dims = 1,
/// TensorProto.name = 8). ONNX Runtime accepts replacement initializers it does not have, or of
/// another shape, without a word; this is what <see cref="ContextEncoder"/> checks them against.
/// </summary>
internal static class OnnxInitializers
{
    public static Dictionary<string, long[]> Shapes(byte[] model)
    {
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (field, start, end) in Protobuf.Delimited(model, 0, model.Length))
        {
            if (field != 7)
            {
                continue;
            }

            foreach (var (graphField, tensorStart, tensorEnd) in Protobuf.Delimited(model, start, end))
            {
                if (graphField == 5)
                {
                    var (name, dims) = Tensor(model, tensorStart, tensorEnd);
                    shapes[name] = dims;
                }
            }
        }

        return shapes;
    }

    /// <summary>A TensorProto's name and dimensions (packed or not).</summary>
    public static (string Name, long[] Dims) Tensor(byte[] bytes, int start, int end)
    {
        var name = "";
        var dims = new List<long>();
        foreach (var f in Protobuf.Fields(bytes, start, end))
        {
            if (f.Number == 1 && f.Wire == 0)
            {
                var i = f.ValueStart;
                dims.Add((long)Protobuf.Varint(bytes, ref i));
            }
            else if (f.Number == 1 && f.Wire == 2)
            {
                var j = f.ValueStart;
                while (j < f.End)
                {
                    dims.Add((long)Protobuf.Varint(bytes, ref j));
                }
            }
            else if (f.Number == 8 && f.Wire == 2)
            {
                name = Protobuf.Text(bytes, f);
            }
        }

        return (name, [.. dims]);
    }
}
