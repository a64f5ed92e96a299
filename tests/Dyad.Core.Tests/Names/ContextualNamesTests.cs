using Dyad.Names;
using Dyad.Names.Contextual;
using Dyad.Pipeline;
using Dyad.Reading;

namespace Dyad.Tests.Names;

/// <summary>The opt-in contextual recogniser (all-MiniLM-L6-v2 readings + its own perceptron).</summary>
public sealed class ContextualNamesTests
{
    private static readonly Lazy<ContextEncoder> Encoder = new(() => ContextEncoder.FromPackage(1));
    private static readonly Lazy<AnalysisPipeline> Pipeline = new(() => new PipelineBuilder().UseNames(ContextualNames.Create()).Build());

    private const string TwoLeaders = "Russian President Vladimir Putin held talks with Chinese leader Xi Jinping in Beijing on Tuesday, the Kremlin said.";

    private static List<string> Names(string text) =>
        [.. Pipeline.Value.Analyze(new Document { Text = text }).Names.Select(n => $"{n.Text}/{n.Type}")];

    public static TheoryData<NameCase> Cases => NamesTests.Cases;

    /// <summary>The names case file, read by the contextual recogniser (the same expectations as the default one).</summary>
    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Finds_the_names_of_the_case_file(NameCase c)
    {
        Skip.If(c.KnownFailure is not null, "known failure: " + c.KnownFailure);
        var found = Names(c.Text);
        foreach (var expected in c.Names)
        {
            Assert.True(expected.Type.Any(t => found.Contains($"{expected.Text}/{t}")), $"expected {expected} in [{string.Join(", ", found)}]");
        }

        foreach (var not in c.NotNames ?? [])
        {
            Assert.DoesNotContain(found, n => n.StartsWith(not + "/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Words_become_lower_case_word_pieces_without_accents()
    {
        var encoder = Encoder.Value;
        Assert.Equal(encoder.Pieces("putin"), encoder.Pieces("Putin"));
        Assert.Equal(encoder.Pieces("Zelensky"), encoder.Pieces("Zélensky"));
        Assert.Equal(3, encoder.Pieces("Xi's").Count); // xi ' s
        Assert.True(encoder.Pieces("Ushakov").Count > 1);
        Assert.Single(encoder.Pieces(""));
        Assert.True(encoder.Pieces(new string('q', 5_000)).Count <= 20);
        Assert.True(encoder.Pieces(string.Concat(Enumerable.Repeat("a.", 500))).Count <= 20);
    }

    [Fact]
    public void Every_word_gets_a_vector_also_in_sentences_longer_than_a_window()
    {
        var encoder = Encoder.Value;
        var longSentence = Enumerable.Range(0, 700).Select(i => i % 7 == 0 ? "Moscow" : "word").ToArray();
        var vectors = encoder.Encode([["Putin", "met", "Xi", "."], longSentence, []]);
        Assert.Equal(4, vectors[0].Length);
        Assert.All(vectors[0], v => Assert.Equal(ContextEncoder.Dim, v.Length));
        Assert.Equal(700, vectors[1].Length);
        Assert.All(vectors[1], v => Assert.NotNull(v));
        Assert.Empty(vectors[2]);
    }

    [Fact]
    public void The_same_word_reads_differently_in_different_sentences()
    {
        var vectors = Encoder.Value.Encode([["Jordan", "scored", "40", "points", "."], ["Jordan", "closed", "its", "border", "."]]);
        Assert.True(VectorClasses.Dot(VectorClasses.Normalised(vectors[0][0]), VectorClasses.Normalised(vectors[1][0])) < 0.99f);
    }

    [Fact]
    public void A_sentence_read_with_its_documents_neighbours_reads_differently_and_alone_as_before()
    {
        var encoder = Encoder.Value;
        string[][] sentences = [["Jordan", "scored", "40", "points", "."], ["Jordan", "signed", "a", "new", "contract", "."], ["Jordan", "closed", "its", "border", "."]];
        var alone = encoder.Encode(sentences);
        var sameDocument = encoder.Encode(sentences, [0, 0, 0], context: 32);
        var apart = encoder.Encode(sentences, [0, 1, 2], context: 32);
        var noContext = encoder.Encode(sentences, [0, 0, 0], context: 0);
        for (var s = 0; s < sentences.Length; s++)
        {
            Assert.Equal(alone[s], apart[s]);
            Assert.Equal(alone[s], noContext[s]);
            Assert.Equal(sentences[s].Length, sameDocument[s].Length);
            Assert.True(VectorClasses.Dot(VectorClasses.Normalised(alone[s][0]), VectorClasses.Normalised(sameDocument[s][0])) < 0.9999f);
        }

        // Only the sentences asked for are run; the others are context only.
        var middle = encoder.Encode(sentences, [0, 0, 0], context: 32, read: i => i == 1);
        Assert.Null(middle[0]);
        Assert.Null(middle[2]);
        Assert.Equal(sameDocument[1], middle[1]);
    }

    [Fact]
    public void A_sentence_filling_a_window_gets_no_context_and_a_long_document_is_read_whole()
    {
        var encoder = Encoder.Value;
        var longSentence = Enumerable.Range(0, 700).Select(i => i % 7 == 0 ? "Moscow" : "word").ToArray();
        string[][] sentences = [["Putin", "met", "Xi", "."], longSentence, ["Xi", "left", "."]];
        var alone = encoder.Encode(sentences);
        var read = encoder.Encode(sentences, [0, 0, 0], context: 250);
        Assert.Equal(alone[1], read[1]);
        Assert.All(read[1], v => Assert.NotNull(v));
        Assert.NotEqual(alone[0][0], read[0][0]);
    }

    /// <summary>Records what the recogniser asks of a reading.</summary>
    private sealed class RecordingReading : INameReading
    {
        public List<(int Tokens, Range[] Sentences)> Calls { get; } = [];

        public void Read(string text, ReadOnlySpan<Token> tokens, IReadOnlyList<Range> sentences, Span<ulong> values)
        {
            Calls.Add((tokens.Length, [.. sentences]));
            values.Fill(1);
        }
    }

    [Fact]
    public void The_recogniser_asks_its_reading_once_per_document_for_every_sentence_in_order()
    {
        var reading = new RecordingReading();
        var recognizer = new PerceptronNameRecognizer(NameModel.Default, NameLexicon.Default, reading: reading);
        var pipeline = new PipelineBuilder().UseNames(recognizer).Build();
        var analysis = pipeline.Analyze(new Document { Text = TwoLeaders + " Xi thanked Putin. " + string.Join(' ', Enumerable.Repeat("word", 700)) + "." });
        var (tokens, sentences) = Assert.Single(reading.Calls);
        Assert.Equal(analysis.Tokens.Length, tokens);
        Assert.True(sentences.Length >= 4); // two short sentences, and the long one in chunks of at most 300 tokens
        Assert.Equal(0, sentences[0].Start.Value);
        for (var i = 1; i < sentences.Length; i++)
        {
            Assert.True(sentences[i].Start.Value >= sentences[i - 1].End.Value);
        }

        Assert.All(sentences, r => Assert.InRange(r.End.Value - r.Start.Value, 1, 300));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_reading_file_round_trips(bool caseTypes)
    {
        var context = caseTypes ? 32 : 0;
        var int8 = caseTypes;
        var network = ReadingNetwork.Create(1);
        var random = new Random(7);
        var vectors = Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, ContextEncoder.Dim).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).ToList();
        var sentence = vectors.ToArray();
        network.Train(vectors.Select((_, i) => (ReadingNetwork.Input(sentence, i), i % ReadingNetwork.Classes)), 1, 1);
        var classes = VectorClasses.Train(vectors, 8, 3, 1);
        using var file = new MemoryStream();
        EncoderReading.Save(file, network, classes, caseTypes: caseTypes, context: context, int8: int8);
        var bytes = file.ToArray();
        var loaded = EncoderReading.Load(new MemoryStream(bytes), 1);
        Assert.Equal(caseTypes, loaded.CaseTypes);
        Assert.Equal(context, loaded.Context);
        Assert.Equal(int8 && ContextEncoder.ExactInt8, loaded.Int8); // a CPU without VNNI reads in float
        Assert.Equal(!int8, EncoderReading.Load(new MemoryStream(bytes), 1, int8: !int8).Int8);
        var before = new ulong[vectors.Count * FeatureExtractor.ReadingPerToken];
        var after = new ulong[before.Length];
        EncoderReading.Fill(network, classes, [.. vectors], before);
        EncoderReading.Fill(loaded.Network, loaded.Classes, [.. vectors], after);
        Assert.Equal(before, after);
        Assert.DoesNotContain(0UL, before);
    }

    [Fact]
    public void Replaced_encoder_weights_round_trip_in_half_precision_and_change_the_vectors()
    {
        const string Name = "encoder.layer.5.output.LayerNorm.bias";
        string[][] sentence = [["Jordan", "closed", "its", "border", "."]];
        var zero = new EncoderWeights([(Name, [ContextEncoder.Dim], new float[ContextEncoder.Dim])]);
        var bias = Enumerable.Range(0, ContextEncoder.Dim).Select(i => (i % 7) * 0.25f).ToArray();
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            new EncoderWeights([(Name, [ContextEncoder.Dim], bias)]).Write(writer);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var read = EncoderWeights.Read(reader);
        Assert.Equal(bias, read.Find(Name));

        // The last layer's output bias is added after its normalisation: replacing it moves every
        // vector by the difference between the two biases, and nothing else.
        using var zeroed = ContextEncoder.FromPackage(1, zero);
        using var replaced = ContextEncoder.FromPackage(1, read);
        var a = zeroed.Encode(sentence)[0];
        var b = replaced.Encode(sentence)[0];
        var original = Encoder.Value.Encode(sentence)[0];
        for (var w = 0; w < a.Length; w++)
        {
            Assert.NotEqual(original[w], a[w]);
            for (var d = 0; d < ContextEncoder.Dim; d++)
            {
                Assert.Equal(bias[d], b[w][d] - a[w][d], 3);
            }
        }
    }

    [Fact]
    public void A_matrix_in_int8_keeps_each_column_within_half_a_step_of_its_scale()
    {
        var random = new Random(3);
        const int Rows = 40, Columns = 7;
        var matrix = Enumerable.Range(0, Rows * Columns).Select(i => (float)(random.NextDouble() - 0.5) * (1 + (i % Columns))).ToArray();
        matrix[5] = 0; // a column whose largest value is not in the first row
        var zeros = new float[Rows * 2];
        var (values, scales) = OnnxQuantizer.PerColumn(matrix, Rows, Columns);
        for (var c = 0; c < Columns; c++)
        {
            var largest = Enumerable.Range(0, Rows).Max(r => Math.Abs(matrix[(r * Columns) + c]));
            Assert.Equal(largest / 127f, scales[c], 6);
            Assert.Contains(Enumerable.Range(0, Rows), r => Math.Abs(values[(r * Columns) + c]) == 127);
            for (var r = 0; r < Rows; r++)
            {
                Assert.InRange(matrix[(r * Columns) + c] - (values[(r * Columns) + c] * scales[c]), -scales[c] / 2 - 1e-6f, (scales[c] / 2) + 1e-6f);
            }
        }

        var (zeroValues, zeroScales) = OnnxQuantizer.PerColumn(zeros, Rows, 2);
        Assert.All(zeroValues, v => Assert.Equal(0, v));
        Assert.All(zeroScales, s => Assert.Equal(1f, s));
    }

    [Fact]
    public void The_encoder_in_int8_reads_nearly_as_in_float_and_keeps_fine_tuned_weights()
    {
        // Every matrix product of the six layers becomes an int8 one; the vectors stay close to the float
        // encoder's, and a replaced matrix is the one that is quantised (not the package's).
        var (model, _) = ContextEncoder.PackageFiles();
        var (rewritten, consumed) = OnnxQuantizer.Quantize(model, new Dictionary<string, float[]>());
        Assert.Equal(36, consumed.Count);
        Assert.True(rewritten.Length < model.Length * 0.8, $"{rewritten.Length} bytes against {model.Length}");
        Assert.DoesNotContain(consumed, n => OnnxInitializers.Shapes(rewritten).ContainsKey(n));

        string[][] sentences = [["Putin", "met", "Xi", "Jinping", "in", "Beijing", "."], ["The", "Kremlin", "said", "talks", "went", "well", "."]];
        using var int8 = ContextEncoder.FromPackage(1, int8: true);
        Assert.True(int8.Int8);
        var exact = Encoder.Value.Encode(sentences);
        var close = int8.Encode(sentences);
        for (var s = 0; s < sentences.Length; s++)
        {
            for (var w = 0; w < sentences[s].Length; w++)
            {
                Assert.InRange(Cosine(exact[s][w], close[s][w]), 0.95, 1.0001);
                Assert.NotEqual(exact[s][w], close[s][w]);
            }
        }

        // A zeroed attention output matrix in the last layer: float and int8 encoders agree it changed the vectors.
        var name = consumed.First(n => OnnxInitializers.Shapes(model)[n] is [384, 384]);
        var zeroed = new EncoderWeights([(name, [384, 384], new float[384 * 384])]);
        using var zeroedInt8 = ContextEncoder.FromPackage(1, zeroed, int8: true);
        using var zeroedFloat = ContextEncoder.FromPackage(1, zeroed);
        var a = zeroedInt8.Encode(sentences)[0];
        var b = zeroedFloat.Encode(sentences)[0];
        for (var w = 0; w < a.Length; w++)
        {
            Assert.InRange(Cosine(a[w], b[w]), 0.95, 1.0001);
            Assert.True(Cosine(a[w], close[0][w]) < Cosine(a[w], b[w]), "the replaced matrix was not the one quantised");
        }
    }

    [SkippableFact]
    public void The_kernels_cpu_flags_are_read_for_vnni()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64,
            "the CPU flags are read from /proc/cpuinfo on x86-64 Linux only");
        Assert.True(ContextEncoder.LinuxCpuFlag("fpu"));
        Assert.False(ContextEncoder.LinuxCpuFlag("no_such_flag"));
        Assert.False(ContextEncoder.LinuxCpuFlag("flags"));
        Assert.Equal(System.Runtime.Intrinsics.X86.AvxVnni.IsSupported || ContextEncoder.LinuxCpuFlag("avx512_vnni") || System.Runtime.Intrinsics.X86.Avx10v1.IsSupported, ContextEncoder.ExactInt8);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    [Theory]
    [InlineData("Putin", 1)]
    [InlineData("NATO", 1)]
    [InlineData("U.S.", 1)]
    [InlineData("Élysée", 1)]
    [InlineData("\"Kremlin", 1)]
    [InlineData("iPhone", 0)]
    [InlineData("'s", 0)]
    [InlineData("2025", 0)]
    [InlineData("", 0)]
    public void A_word_s_case_type_is_whether_its_first_letter_is_a_capital(string word, int type) =>
        Assert.Equal(type, ContextEncoder.CaseType(word));

    [Fact]
    public void An_encoder_reading_case_types_sees_capitals_that_its_lower_case_pieces_lose()
    {
        // A token-type table whose two rows differ: type 1 (capitalised words) then changes the
        // vectors, type 0 everywhere (the package's reading, or lower-case text) does not.
        const string Table = "embeddings.token_type_embeddings.weight";
        var rows = Enumerable.Range(0, 2 * ContextEncoder.Dim).Select(i => i < ContextEncoder.Dim ? 0f : ((i % 5) - 2) * 0.1f).ToArray();
        var weights = new EncoderWeights([(Table, [2, ContextEncoder.Dim], rows)]);
        using var cased = ContextEncoder.FromPackage(1, weights, caseTypes: true);
        using var blind = ContextEncoder.FromPackage(1, weights);
        Assert.True(cased.CaseTypes);
        Assert.False(blind.CaseTypes);
        string[][] sentences = [["Turkey", "talks", "resumed", "."], ["turkey", "talks", "resumed", "."]];
        var c = cased.Encode(sentences);
        var b = blind.Encode(sentences);
        Assert.Equal(b[0][0], b[1][0]);
        Assert.NotEqual(c[0][0], c[1][0]);
        Assert.NotEqual(c[0][1], c[1][1]);
        Assert.Equal(b[1][0], c[1][0]);
        Assert.Equal(b[1][3], c[1][3]);
    }

    [Fact]
    public void The_shipped_reading_replaces_the_encoders_fine_tuned_layers_but_not_its_embeddings()
    {
        using var stream = typeof(ContextualNames).Assembly.GetManifestResourceStream(ContextualNames.ReadingResource)!;
        var reading = EncoderReading.Load(stream, 1);
        Assert.NotNull(reading.Weights);
        var names = reading.Weights.Tensors.Select(t => t.Name).ToList();
        Assert.Contains(names, n => n.StartsWith("encoder.layer.5.", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("embeddings.", StringComparison.Ordinal) || n.StartsWith("pooler.", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("head.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("no.such.initializer", 4, false)]
    [InlineData("encoder.layer.5.output.LayerNorm.bias", 4, false)]
    [InlineData("encoder.layer.5.output.LayerNorm.bias", 4, true)]
    [InlineData("a matrix", 4, true)] // a matrix the int8 encoder quantises, of the wrong size
    public void A_reading_whose_weights_do_not_fit_the_encoder_is_refused_with_a_reason(string name, int length, bool int8)
    {
        if (name == "a matrix")
        {
            name = OnnxInitializers.Shapes(ContextEncoder.PackageFiles().Model).First(p => p.Value is [384, 1536]).Key;
        }

        var network = ReadingNetwork.Create(1);
        var classes = VectorClasses.Train([new float[ContextEncoder.Dim], Enumerable.Repeat(1f, ContextEncoder.Dim).ToArray()], 2, 1, 1);
        using var file = new MemoryStream();
        EncoderReading.Save(file, network, classes, new EncoderWeights([(name, [length], new float[length])]), int8: int8);
        file.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => EncoderReading.Load(file, 1));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weights_file_claiming_a_huge_tensor_is_refused_before_allocating_it()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(1);
            writer.Write("huge");
            writer.Write(2);
            writer.Write(1L << 24);
            writer.Write(1L << 24);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var error = Assert.Throws<InvalidDataException>(() => EncoderWeights.Read(reader));
        Assert.Contains("huge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_reading_is_refused_with_a_reason()
    {
        using var file = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Compress, leaveOpen: true))
        {
            gzip.Write("not a reading"u8);
        }

        file.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => EncoderReading.Load(file, 1));
        Assert.Contains("reading", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finds_and_types_names_in_news()
    {
        var names = Names(TwoLeaders);
        Assert.Contains("Vladimir Putin/PERSON", names);
        Assert.Contains("Xi Jinping/PERSON", names);
        Assert.Contains("Beijing/GPE", names);
        Assert.Contains("Russian/NORP", names);
        Assert.DoesNotContain(names, n => n.StartsWith("President", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Finds_the_people_and_places_of_the_shared_sample()
    {
        var path = SharedData.Require("samples/xi-putin-2025-01-22.txt");
        var document = DocumentReader.Read(path, File.ReadAllBytes(path)).Documents.Single();
        var names = Pipeline.Value.Analyze(document).Names.Select(n => $"{n.Text}/{n.Type}").ToList();
        foreach (var expected in new[] { "Vladimir Putin/PERSON", "Xi Jinping/PERSON", "Yury Ushakov/PERSON", "Moscow/GPE", "Beijing/GPE", "Russia/GPE", "China/GPE" })
        {
            Assert.True(names.Contains(expected), $"expected {expected} in [{string.Join(", ", names)}]");
        }
    }

    [Fact]
    public void Eval_model_options_that_cannot_work_are_refused_with_a_reason()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Contains("no such file", Dyad.Cli.Eval.EvalNames.ModelFilesProblem("/nonexistent/model.bin.gz", false, null), StringComparison.Ordinal);
            Assert.Contains("no such file", Dyad.Cli.Eval.EvalNames.ModelFilesProblem(file, true, "/nonexistent/reading.bin.gz"), StringComparison.Ordinal);
            Assert.Contains("needs --reading", Dyad.Cli.Eval.EvalNames.ModelFilesProblem(file, true, null), StringComparison.Ordinal);
            Assert.Contains("--reading goes with", Dyad.Cli.Eval.EvalNames.ModelFilesProblem(null, true, file), StringComparison.Ordinal);
            Assert.Contains("--reading goes with", Dyad.Cli.Eval.EvalNames.ModelFilesProblem(file, false, file), StringComparison.Ordinal);
            Assert.Null(Dyad.Cli.Eval.EvalNames.ModelFilesProblem(file, true, file));
            Assert.Null(Dyad.Cli.Eval.EvalNames.ModelFilesProblem(null, true, null));
            Assert.Null(Dyad.Cli.Eval.EvalNames.ModelFilesProblem(file, false, null));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Bad_text_never_throws()
    {
        foreach (var text in new[] { "", " ", "\u0000\u0001\uFFFF", new string('A', 20_000), string.Concat(Enumerable.Repeat("The Very Long Name Of ", 1_000)), "ÉTATS-UNIS : LE PRÉSIDENT" })
        {
            var analysis = Pipeline.Value.Analyze(new Document { Text = text });
            Assert.All(analysis.Names, n => Assert.Equal(text[n.Start..n.End], n.Text));
        }
    }
}
