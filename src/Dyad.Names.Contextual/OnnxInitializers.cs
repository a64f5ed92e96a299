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
        foreach (var (field, start, end) in Fields(model, 0, model.Length))
        {
            if (field != 7)
            {
                continue;
            }

            foreach (var (graphField, tensorStart, tensorEnd) in Fields(model, start, end))
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

    private static (string Name, long[] Dims) Tensor(byte[] bytes, int start, int end)
    {
        var name = "";
        var dims = new List<long>();
        var i = start;
        while (i < end)
        {
            var key = Varint(bytes, ref i);
            var (field, wire) = ((int)(key >> 3), (int)(key & 7));
            if (field == 1 && wire == 0)
            {
                dims.Add((long)Varint(bytes, ref i));
            }
            else if (field == 1 && wire == 2)
            {
                var length = (int)Varint(bytes, ref i);
                var packedEnd = i + length;
                var j = i;
                while (j < packedEnd)
                {
                    dims.Add((long)Varint(bytes, ref j));
                }

                i = packedEnd;
            }
            else if (field == 8 && wire == 2)
            {
                var length = (int)Varint(bytes, ref i);
                name = System.Text.Encoding.UTF8.GetString(bytes, i, length);
                i += length;
            }
            else
            {
                Skip(bytes, wire, ref i);
            }
        }

        return (name, [.. dims]);
    }

    /// <summary>The length-delimited fields between start and end: (field number, content start, content end).</summary>
    private static IEnumerable<(int Field, int Start, int End)> Fields(byte[] bytes, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            var key = Varint(bytes, ref i);
            var wire = (int)(key & 7);
            if (wire == 2)
            {
                var length = (int)Varint(bytes, ref i);
                if (length < 0 || i + length > end)
                {
                    throw new InvalidDataException("not an ONNX model (a field runs past its end)");
                }

                yield return ((int)(key >> 3), i, i + length);
                i += length;
            }
            else
            {
                Skip(bytes, wire, ref i);
            }
        }
    }

    private static void Skip(byte[] bytes, int wire, ref int i)
    {
        switch (wire)
        {
            case 0:
                Varint(bytes, ref i);
                break;
            case 1:
                i += 8;
                break;
            case 2:
                var length = (int)Varint(bytes, ref i);
                i += length;
                break;
            case 5:
                i += 4;
                break;
            default:
                throw new InvalidDataException($"not an ONNX model (wire type {wire})");
        }
    }

    private static ulong Varint(byte[] bytes, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (i >= bytes.Length)
            {
                throw new InvalidDataException("not an ONNX model (truncated)");
            }

            var b = bytes[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("not an ONNX model (a number too long)");
    }
}
