namespace Dyad.Names.Contextual;

/// <summary>
/// Named tensors that replace some of the package encoder's weights (its transformer layers, fine-tuned
/// for names by <c>tools/finetune</c>). Stored as half-precision floats: the values are rounded to
/// half precision when read, so the trainer and the shipped file see the same weights.
/// </summary>
public sealed class EncoderWeights
{
    private const int Magic = 0x57545944; // "DYTW"
    private const long MaxValues = 1 << 24; // the largest MiniLM tensor (the word-piece table) has 11.7 million

    public EncoderWeights(IReadOnlyList<(string Name, long[] Dims, float[] Values)> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        foreach (var (name, dims, values) in tensors)
        {
            if (dims.Aggregate(1L, (a, b) => a * b) != values.Length)
            {
                throw new InvalidDataException($"tensor {name}: {values.Length} values for dimensions [{string.Join(", ", dims)}]");
            }
        }

        Tensors = tensors;
    }

    public IReadOnlyList<(string Name, long[] Dims, float[] Values)> Tensors { get; }

    /// <summary>The tensor of that name, or null.</summary>
    public float[]? Find(string name) => Tensors.FirstOrDefault(t => t.Name == name).Values;

    /// <summary>These weights without the named tensors (the reading network's, stored in the same trainer file).</summary>
    public EncoderWeights Without(Func<string, bool> drop) => new([.. Tensors.Where(t => !drop(t.Name))]);

    /// <summary>
    /// Reads the trainer's file: "DYTW", a count, then per tensor its UTF-8 name (int32 length), its
    /// rank (int32), its dimensions (int64 each) and its float32 values, all little-endian.
    /// </summary>
    public static EncoderWeights ReadTrainerFile(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException("not a tuned-encoder weights file (DYTW)");
        }

        return ReadTensors(reader, r => System.Text.Encoding.UTF8.GetString(r.ReadBytes(r.ReadInt32())), r => r.ReadSingle());
    }

    /// <summary>Writes the tensors in half precision (the form stored in a reading file).</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Tensors.Count);
        foreach (var (name, dims, values) in Tensors)
        {
            writer.Write(name);
            writer.Write(dims.Length);
            foreach (var d in dims)
            {
                writer.Write(d);
            }

            foreach (var v in values)
            {
                writer.Write((Half)v);
            }
        }
    }

    public static EncoderWeights Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadTensors(reader, r => r.ReadString(), r => (float)r.ReadHalf());
    }

    private static EncoderWeights ReadTensors(BinaryReader reader, Func<BinaryReader, string> name, Func<BinaryReader, float> value)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > 10_000)
        {
            throw new InvalidDataException($"bad tensor count {count}");
        }

        var tensors = new List<(string, long[], float[])>(count);
        for (var t = 0; t < count; t++)
        {
            var key = name(reader);
            var dims = ReadDims(reader, key);
            var size = dims.Aggregate(1L, (a, b) => a * b);
            if (size > MaxValues)
            {
                throw new InvalidDataException($"tensor {key}: {size} values, more than an encoder layer holds");
            }

            var values = new float[size];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (float)(Half)value(reader);
            }

            tensors.Add((key, dims, values));
        }

        return new EncoderWeights(tensors);
    }

    private static long[] ReadDims(BinaryReader reader, string name)
    {
        var rank = reader.ReadInt32();
        if (rank is < 0 or > 4)
        {
            throw new InvalidDataException($"tensor {name}: bad rank {rank}");
        }

        var dims = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            dims[i] = reader.ReadInt64();
            if (dims[i] is < 0 or > 1 << 24)
            {
                throw new InvalidDataException($"tensor {name}: bad dimension {dims[i]}");
            }
        }

        return dims;
    }
}
