using System.Text.Json;
using System.Text.Json.Serialization;
using Dyad.Names;
using Dyad.Pipeline;
using Dyad.Reading;

namespace Dyad.Tests.Names;

public sealed class ExpectedName
{
    public string Text { get; set; } = "";

    [JsonConverter(typeof(OneOrManyConverter))]
    public string[] Type { get; set; } = [];

    public override string ToString() => $"{Text} ({string.Join("|", Type)})";
}

public sealed record NameCase(string Name, string Text, ExpectedName[] Names, string[]? NotNames, string? KnownFailure)
{
    public override string ToString() => Name;
}

/// <summary>Reads "type": "X" or "type": ["X", "Y"].</summary>
public sealed class OneOrManyConverter : JsonConverter<string[]>
{
    public override string[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? [reader.GetString()!] : JsonSerializer.Deserialize<string[]>(ref reader, options) ?? [];

    public override void Write(Utf8JsonWriter writer, string[] value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, options);
}

public sealed class NamesTests
{
    private static readonly AnalysisPipeline Pipeline = new PipelineBuilder().UseNames().Build();

    public static TheoryData<NameCase> Cases => SpecFile.Theory<NameCase>("Names.json");

    private static Analysis Analyse(string text) => Pipeline.Analyze(new Document { Text = text });

    [Fact]
    public void The_model_is_embedded_and_small()
    {
        Assert.True(Dyad.Resources.EmbeddedData.Exists(NameModel.ResourcePath));
        using var stream = typeof(NameModel).Assembly.GetManifestResourceStream("Dyad.Resources." + NameModel.ResourcePath)!;
        Assert.True(stream.Length < 30 * 1024 * 1024, $"model is {stream.Length} bytes");
        var model = NameModel.Load(stream);
        Assert.NotEmpty(model.Weights);
        Assert.True(PerceptronNameRecognizer.Default.HasModel);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Finds_names(NameCase c)
    {
        Skip.If(c.KnownFailure is not null, "known failure: " + c.KnownFailure);
        var analysis = Analyse(c.Text);
        var found = analysis.Names.Select(n => $"{n.Text}/{n.Type}").ToList();
        foreach (var expected in c.Names)
        {
            Assert.True(analysis.Names.Any(n => n.Text == expected.Text && expected.Type.Contains(n.Type)),
                $"expected {expected} in [{string.Join(", ", found)}]");
        }

        foreach (var not in c.NotNames ?? [])
        {
            Assert.DoesNotContain(analysis.Names, n => n.Text == not);
        }
    }

    [Fact]
    public void Names_point_at_the_text_and_do_not_overlap()
    {
        foreach (var c in SpecFile.Load<NameCase>("Names.json"))
        {
            var analysis = Analyse(c.Text);
            var previousEnd = 0;
            foreach (var n in analysis.Names)
            {
                Assert.Equal(analysis.Text[n.Start..n.End], n.Text);
                Assert.True(n.Start >= previousEnd, $"{n.Text} overlaps the name before it");
                Assert.Contains(n.Type, new[] { "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "MISC" });
                previousEnd = n.End;
            }
        }
    }

    [SkippableFact]
    public void Finds_the_names_of_the_shared_sample()
    {
        var path = SharedData.Require("samples/xi-putin-2025-01-22.txt");
        var document = DocumentReader.Read(path, File.ReadAllBytes(path)).Documents.Single();
        var names = Pipeline.Analyze(document).Names;

        void Has(string text, params string[] types) =>
            Assert.True(names.Any(n => n.Text == text && types.Contains(n.Type)),
                $"expected {text} ({string.Join("|", types)}) in [{string.Join(", ", names.Select(n => $"{n.Text}/{n.Type}"))}]");

        foreach (var person in new[] { "Vladimir Putin", "Xi Jinping", "Donald Trump", "Yury Ushakov", "Putin", "Ushakov" })
        {
            Has(person, "PERSON");
        }

        foreach (var place in new[] { "Russia", "China", "Moscow", "Beijing", "Taiwan", "Ukraine" })
        {
            Has(place, "GPE");
        }

        Has("Kremlin", "ORG", "FAC");
        Has("Power of Siberia", "FAC", "MISC");
        Has("Asia-Pacific", "LOC");
        Has("Russian", "NORP");
        Has("Chinese", "NORP");
        Assert.DoesNotContain(names, n => n.Text.StartsWith("President", StringComparison.Ordinal));
    }

    [Fact]
    public void A_surname_alone_is_the_person_named_in_full_elsewhere()
    {
        var analysis = Analyse("Steven Seagal visited Moscow in May. Seagal told reporters he was happy.");
        Assert.Contains(analysis.Names, n => n.Text == "Steven Seagal" && n.Type == "PERSON");
        Assert.Contains(analysis.Names, n => n.Text == "Seagal" && n.Type == "PERSON");
    }

    [Fact]
    public void Without_a_model_the_lexicon_still_finds_countries_and_demonyms()
    {
        var text = "Russian troops left Ukraine, the ministry said.";
        var tokens = Dyad.Text.Tokenizer.Tokenize(text);
        var names = new PerceptronNameRecognizer(null, NameLexicon.Default).Recognize(text, tokens, Dyad.Text.SentenceSplitter.Split(text, tokens));
        Assert.Contains(names, n => n.Text == "Ukraine" && n.Type == "GPE");
        Assert.Contains(names, n => n.Text == "Russian" && n.Type == "NORP");
    }

    [Fact]
    public void Bad_text_never_throws()
    {
        var texts = new[] { "", " ", "\u0000\u0001", new string('A', 50_000), string.Concat(Enumerable.Repeat("The Very Long Name Of ", 3_000)), "ÉTATS-UNIS : LE PRÉSIDENT" };
        foreach (var text in texts)
        {
            var analysis = Analyse(text);
            Assert.All(analysis.Names, n => Assert.Equal(text[n.Start..n.End], n.Text));
        }
    }

    [Fact]
    public void Iob_reader_reads_iob1_and_iob2_alike()
    {
        var iob1 = "-DOCSTART- O\n\nThe I-ORG\nMad I-ORG\nCapsule I-ORG\nmet O\nKojima I-PER\nMinoru I-PER\nin O\nJapan I-LOC\n. O\n";
        var iob2 = "# newdoc id = d1\n# text = x\n1\tThe\tB-ORG\t-\t-\n2\tMad\tI-ORG\t-\t-\n3\tCapsule\tI-ORG\t-\t-\n4\tmet\tO\t-\t-\n5\tKojima\tB-PER\t-\t-\n6\tMinoru\tI-PER\t-\t-\n7\tin\tO\t-\t-\n8\tJapan\tB-LOC\t-\t-\n9\t.\tB-O\t-\t-\n";
        var a = IobCorpus.Read(iob1, "a");
        var b = IobCorpus.Read(iob2, "b");
        Assert.Equal("IOB1", IobCorpus.Scheme(a.SelectMany(d => d.Sentences)));
        Assert.Equal("IOB2", IobCorpus.Scheme(b.SelectMany(d => d.Sentences)));
        var spansA = IobCorpus.Spans(a.Single().Sentences.Single().Tags, t => t);
        var spansB = IobCorpus.Spans(b.Single().Sentences.Single().Tags, t => t);
        Assert.Equal(spansA, spansB);
        Assert.Equal([new IobSpan(0, 3, "ORG"), new IobSpan(4, 6, "PER"), new IobSpan(7, 8, "LOC")], spansA);
    }

    [Fact]
    public void Scorer_counts_exact_span_and_coarse_type()
    {
        var document = IobCorpus.Read("Putin B-PER\nvisited O\nBeijing B-LOC\nand O\nthe O\nKremlin B-ORG\n", "x").Single();
        var gold = NerGold.FromIob(document, "IOB2", t => t);
        var predicted = new[]
        {
            new NameMention(0, 5, "Putin", "PERSON"),
            new NameMention(14, 21, "Beijing", "GPE"),
            new NameMention(30, 37, "Kremlin", "FAC"),
        };
        var scores = NerScorer.Score(gold, predicted, new HashSet<string> { "PER", "ORG", "LOC" });
        Assert.Equal(new Evaluation.Score(2, 1, 1), scores.Total);
    }

    [Fact]
    public void Error_kinds_tell_typing_from_boundaries_misses_and_spurious_names()
    {
        // Gold: "Putin" PER, "Beijing" LOC, "Kremlin" ORG, "Xi Jinping" PER.
        var document = IobCorpus.Read("Putin B-PER\nvisited O\nBeijing B-LOC\nand O\nthe O\nKremlin B-ORG\nsaw O\nXi B-PER\nJinping I-PER\ntoday O\n", "x").Single();
        var gold = NerGold.FromIob(document, "IOB2", t => t);
        var predicted = new[]
        {
            new NameMention(0, 5, "Putin", "PERSON"),             // right
            new NameMention(14, 21, "Beijing", "ORG"),            // typing: LOC → ORG
            new NameMention(26, 37, "the Kremlin", "ORG"),        // boundary (gold "Kremlin")
            new NameMention(42, 44, "Xi", "PERSON"),              // boundary (gold "Xi Jinping")
            new NameMention(53, 58, "today", "PERSON"),           // spurious
        };
        var errors = new List<(GoldName Name, bool FalsePositive)>();
        var scores = NerScorer.Score(gold, predicted, new HashSet<string> { "PER", "ORG", "LOC" }, errors: errors);
        var kinds = new NerErrorKinds();
        kinds.Add(errors);
        Assert.Equal(new Evaluation.Score(1, 4, 3), scores.Total);
        Assert.Equal(1, kinds.Typing[("LOC", "ORG")]);
        Assert.Single(kinds.Typing);
        Assert.Equal(2, kinds.BoundaryGold);
        Assert.Equal(2, kinds.BoundaryPredicted);
        Assert.Equal(0, kinds.Missed);
        Assert.Equal(1, kinds.Spurious);
        var (typesRight, boundariesRight) = kinds.Ceilings(scores.Total);
        Assert.Equal(new Evaluation.Score(2, 3, 2), typesRight);
        Assert.Equal(new Evaluation.Score(4, 1, 0), boundariesRight);
    }

    [Fact]
    public void Meantime_mentions_keep_the_name_only()
    {
        Assert.Equal((4, 5), NerGold.NamePart(["JSA", "Research", "defence", "analyst", "Paul", "Nesbit"]));
        Assert.Equal((1, 4), NerGold.NamePart(["the", "United", "States", "Air", "Force", "(", "USAF"]));
        Assert.Equal((1, 2), NerGold.NamePart(["Spokeswoman", "Sandy", "Angers"]));
    }
}
