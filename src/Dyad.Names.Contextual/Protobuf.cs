namespace Dyad.Names.Contextual;

/// <summary>
/// The little of the protobuf wire format that reading and rewriting an ONNX model needs, without a
/// protobuf library: the fields of a message as byte ranges, and writers for the fields Dyad adds.
/// </summary>
internal static class Protobuf
{
    /// <summary>One field of a message: its number, wire type, where it starts (its key), where its value starts (after a length) and where it ends.</summary>
    public readonly record struct Field(int Number, int Wire, int Start, int ValueStart, int End);

    /// <summary>Every field of the message between <paramref name="start"/> and <paramref name="end"/>, in order.</summary>
    public static IEnumerable<Field> Fields(byte[] bytes, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            var fieldStart = i;
            var key = Varint(bytes, ref i);
            var wire = (int)(key & 7);
            var valueStart = i;
            switch (wire)
            {
                case 0:
                    Varint(bytes, ref i);
                    break;
                case 1:
                    i += 8;
                    break;
                case 2:
                    var length = (long)Varint(bytes, ref i);
                    if (length < 0 || i + length > end)
                    {
                        throw new InvalidDataException("not an ONNX model (a field runs past its end)");
                    }

                    valueStart = i;
                    i += (int)length;
                    break;
                case 5:
                    i += 4;
                    break;
                default:
                    throw new InvalidDataException($"not an ONNX model (wire type {wire})");
            }

            if (i > end)
            {
                throw new InvalidDataException("not an ONNX model (truncated)");
            }

            yield return new Field((int)(key >> 3), wire, fieldStart, valueStart, i);
        }
    }

    /// <summary>The length-delimited fields only, as (field number, content start, content end).</summary>
    public static IEnumerable<(int Field, int Start, int End)> Delimited(byte[] bytes, int start, int end) =>
        Fields(bytes, start, end).Where(f => f.Wire == 2).Select(f => (f.Number, f.ValueStart, f.End));

    public static ulong Varint(byte[] bytes, ref int i)
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

    public static string Text(byte[] bytes, Field field) => System.Text.Encoding.UTF8.GetString(bytes, field.ValueStart, field.End - field.ValueStart);

    /// <summary>The bytes a length-delimited field of that number and content length takes.</summary>
    public static long DelimitedSize(int field, long length) => VarintSize((ulong)field << 3) + VarintSize((ulong)length) + length;

    private static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    public static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }

    public static void WriteNumber(Stream output, int field, long value)
    {
        WriteVarint(output, (ulong)field << 3);
        WriteVarint(output, (ulong)value);
    }

    public static void WriteBytes(Stream output, int field, ReadOnlySpan<byte> value)
    {
        WriteKey(output, field, value.Length);
        output.Write(value);
    }

    /// <summary>The key and length of a length-delimited field, for a value written after it in pieces.</summary>
    public static void WriteKey(Stream output, int field, long length)
    {
        WriteVarint(output, ((ulong)field << 3) | 2);
        WriteVarint(output, (ulong)length);
    }

    public static void WriteText(Stream output, int field, string value) => WriteBytes(output, field, System.Text.Encoding.UTF8.GetBytes(value));
}
