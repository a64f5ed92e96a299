using System.Globalization;
using System.Text.Json;
using Dyad.Pipeline;
using Dyad.Reading;

namespace Dyad.Tests.Times;

public sealed record ExpectedTime(string Text, string Type, string Value, string? Mod)
{
    public override string ToString() => $"{Text} {Type} {Value}{(Mod is null ? "" : " " + Mod)}";
}

public sealed record TimeCase(string Text, string? Dct, ExpectedTime[] Times)
{
    public override string ToString() => $"{Dct ?? "no DCT"}: {Text}";
}

public sealed class TimesTests
{
    private static readonly AnalysisPipeline Pipeline = new PipelineBuilder().UseTimes().Build();

    public static TheoryData<TimeCase> Cases => SpecFile.Theory<TimeCase>("Times.json");

    private static Analysis Analyse(string text, string? dct) =>
        Pipeline.Analyze(new Document
        {
            Text = text,
            Date = dct is null ? null : DateOnly.ParseExact(dct, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Finds_and_resolves_times(TimeCase c)
    {
        var analysis = Analyse(c.Text, c.Dct);
        var got = analysis.Times.Select(t => new ExpectedTime(t.Text, t.Type, t.Value, t.Mod).ToString()).ToArray();
        Assert.Equal(c.Times.Select(t => t.ToString()).ToArray(), got);
        Assert.All(analysis.Times, t => Assert.Equal(t.Text, c.Text[t.Start..t.End]));
    }

    [Fact]
    public void Has_at_least_300_cases() => Assert.True(SpecFile.Load<TimeCase>("Times.json").Length >= 300);

    [Fact]
    public void Stage_is_in_the_default_pipeline() =>
        Assert.Contains(AnalysisPipeline.Default.Stages, s => s.Name == "times");

    [Fact]
    public void Runs_without_the_text_stage_tokens()
    {
        var analysis = Dyad.Times.TimesStage.Instance.Run(new Analysis(new Document { Text = "The talks ended on Friday.", Date = new DateOnly(2025, 1, 22) }));
        Assert.Single(analysis.Times);
        Assert.Equal("2025-01-17", analysis.Times[0].Value);
    }

    [Fact]
    public void Bad_text_never_throws()
    {
        var texts = new[]
        {
            string.Concat(Enumerable.Repeat("May March 2000 2000s '9 the end of the of the every each ", 2000)),
            string.Concat(Enumerable.Repeat("12:99 99/99/9999 2025-13-45 31 February 2023 Q9 FY 0000 ", 500)),
            new string('9', 100_000),
            "\u0000\uFFFF\uD800 January \uDC00 17",
            "February 30 and April 31, 2024; 29 February 2023",
            string.Concat(Enumerable.Repeat("Monday and March 3 and the past year and 2020 ", 2_000)),
        };
        foreach (var text in texts)
        {
            foreach (var dct in new DateOnly?[] { null, new DateOnly(2024, 2, 29), new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31) })
            {
                var analysis = Pipeline.Analyze(new Document { Text = text, Date = dct });
                Assert.All(analysis.Times, t => Assert.Equal(t.Text, text[t.Start..t.End]));
            }
        }
    }

    [SkippableFact]
    public void Seed_article_expected_times_are_found()
    {
        var samples = SharedData.Require("samples");
        var textPath = Path.Combine(samples, "xi-putin-2025-01-22.txt");
        var expectedPath = Path.Combine(samples, "xi-putin-2025-01-22.expected.json");
        Skip.IfNot(File.Exists(textPath) && File.Exists(expectedPath), "the seed sample is absent");

        var read = DocumentReader.Read(textPath, File.ReadAllBytes(textPath));
        var document = Assert.Single(read.Documents);
        var analysis = AnalysisPipeline.Default.Analyze(document);

        using var expected = JsonDocument.Parse(File.ReadAllText(expectedPath));
        foreach (var time in expected.RootElement.GetProperty("times").EnumerateArray())
        {
            var text = time.GetProperty("text").GetString()!;
            var types = OneOrMany(time.GetProperty("type"));
            var values = OneOrMany(time.GetProperty("value"));
            var found = analysis.Times.Where(t => t.Text == text).ToList();
            Assert.True(found.Count > 0, $"'{text}' was not found; got: {string.Join(", ", analysis.Times.Select(t => t.Text))}");
            Assert.Contains(found, t => types.Contains(t.Type) && values.Contains(t.Value));
        }
    }

    private static string[] OneOrMany(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : [element.GetString()!];
}
