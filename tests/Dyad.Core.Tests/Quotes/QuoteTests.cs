using System.Text;
using Dyad.Pipeline;
using Dyad.Quotes;
using Dyad.Reading;

namespace Dyad.Tests.Quotes;

public sealed record ExpectedQuote(string Text, bool Direct, string? Speaker, string? Cue, string? Entity);

public sealed record QuoteCase(string Name, string Text, ExpectedQuote[] Quotes, EntitySpec[]? Entities)
{
    public override string ToString() => Name;
}

public sealed class QuoteTests
{
    public static TheoryData<QuoteCase> Cases => SpecFile.Theory<QuoteCase>("Quotes.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Finds_quotes_and_speakers(QuoteCase c)
    {
        var analysis = QuoteFixture.Analyze(c.Text, c.Entities);
        var actual = analysis.Quotes.Select(q => Describe(c.Text, q, c.Entities is not null)).ToArray();
        var expected = c.Quotes.Select(e => Describe(e, c.Entities is not null)).ToArray();
        Assert.Equal(string.Join("\n", expected), string.Join("\n", actual));
        foreach (var q in analysis.Quotes)
        {
            Assert.Equal(c.Text[q.Start..q.End], q.Text);
            if (q.Speaker is not null)
            {
                Assert.InRange(q.Speaker.Start, 0, q.Speaker.End);
                Assert.InRange(q.Speaker.End, q.Speaker.Start, c.Text.Length);
            }

            if (q.Cue is not null)
            {
                Assert.Equal(c.Text[q.Cue.Start..q.Cue.End], q.Cue.Text);
            }
        }

        // Cues are checked where the case gives one.
        for (var i = 0; i < c.Quotes.Length && i < analysis.Quotes.Length; i++)
        {
            if (c.Quotes[i].Cue is { } cue)
            {
                Assert.Equal(cue, analysis.Quotes[i].Cue?.Text);
            }
        }
    }

    private static string Describe(ExpectedQuote e, bool withEntities) =>
        $"{(e.Direct ? "direct" : "reported")} [{e.Text}] by {e.Speaker ?? "-"}{(withEntities ? " = " + (e.Entity ?? "-") : "")}";

    private static string Describe(string text, Quote q, bool withEntities) =>
        $"{(q.Direct ? "direct" : "reported")} [{q.Text}] by {(q.Speaker is null ? "-" : text[q.Speaker.Start..q.Speaker.End])}{(withEntities ? " = " + (q.Speaker?.EntityId ?? "-") : "")}";

    [Fact]
    public void Case_file_has_at_least_150_cases() => Assert.True(SpecFile.Load<QuoteCase>("Quotes.json").Length >= 150);

    [Fact]
    public void Default_pipeline_runs_the_quotes_stage()
    {
        var names = AnalysisPipeline.Default.Stages.Select(s => s.Name).ToArray();
        Assert.Contains("quotes", names);
    }

    [Fact]
    public void Random_and_pathological_text_never_throws_and_keeps_offsets()
    {
        var random = new Random(7);
        const string alphabet = "ab Cd said told, according to.\"'“”‘’«»„: \n\n he The official";
        for (var n = 0; n < 2000; n++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 200);
            for (var i = 0; i < length; i++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var text = builder.ToString();
            EntitySpec[]? entities = n % 2 == 0 ? null : [new("e1", "X", "PERSON", ["he", "The official", "Cd said", "ab"]), new("e2", "Y", "ORG", ["official", "The"])];
            var analysis = QuoteFixture.Analyze(text, entities);
            foreach (var q in analysis.Quotes)
            {
                Assert.Equal(text[q.Start..q.End], q.Text);
                Assert.True(q.Speaker is null || (q.Speaker.Start >= 0 && q.Speaker.End <= text.Length && q.Speaker.Start < q.Speaker.End));
            }
        }
    }

    [Fact]
    public void Long_text_is_handled_in_linear_time()
    {
        var unit = "“We will respond,” he said, adding that Russia was ready. The so-called “reset” failed, according to the official. 'Yes' \"\" ";
        var text = string.Concat(Enumerable.Repeat(unit, 5000)) + new string('"', 20000) + string.Concat(Enumerable.Repeat("' ", 20000));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var analysis = QuoteFixture.Analyze(text);
        watch.Stop();
        Assert.True(analysis.Quotes.Length >= 5000);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [SkippableFact]
    public void Seed_article_has_all_eight_expected_quotes()
    {
        var samples = SharedData.Require("samples/xi-putin-2025-01-22.txt");
        var expectedPath = SharedData.Require("samples/xi-putin-2025-01-22.expected.json");
        var read = DocumentReader.Read(samples, File.ReadAllBytes(samples), new ReaderOptions());
        var document = Assert.Single(read.Documents);
        var analysis = AnalysisPipeline.Default.Analyze(document);
        using var expected = System.Text.Json.JsonDocument.Parse(File.ReadAllText(expectedPath));
        var entities = expected.RootElement.GetProperty("entities").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("mentions").EnumerateArray().Select(m => m.GetString()!).ToArray());
        var failures = new List<string>();
        foreach (var q in expected.RootElement.GetProperty("quotes").EnumerateArray())
        {
            var startsWith = q.GetProperty("starts_with").GetString()!;
            var direct = q.GetProperty("direct").GetBoolean();
            var speaker = q.GetProperty("speaker").GetString()!;
            var match = analysis.Quotes.FirstOrDefault(a => Unquoted(a.Text).StartsWith(startsWith, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                failures.Add($"no quote starting with '{startsWith}'");
                continue;
            }

            if (match.Direct != direct)
            {
                failures.Add($"'{startsWith}': direct {match.Direct}, expected {direct}");
            }

            if (!IsSpeaker(analysis, match, speaker, entities[speaker]))
            {
                var said = match.Speaker is null ? "none" : analysis.Text[match.Speaker.Start..match.Speaker.End];
                failures.Add($"'{startsWith}': speaker '{said}', expected {speaker}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// With entities (names and knowledge stages merged): the speaker's entity is the output entity that
    /// has every expected mention. Without: the speaker mention's text is one of the person's mentions.
    /// </summary>
    private static bool IsSpeaker(Analysis analysis, Quote quote, string name, string[] mentions)
    {
        if (quote.Speaker is null)
        {
            return false;
        }

        if (!analysis.Entities.IsDefaultOrEmpty)
        {
            var entity = analysis.Entities.FirstOrDefault(e => mentions.All(m => e.Mentions.Any(x => string.Equals(x.Text, m, StringComparison.OrdinalIgnoreCase))));
            return entity is not null && quote.Speaker.EntityId == entity.Id;
        }

        var text = analysis.Text[quote.Speaker.Start..quote.Speaker.End];
        return mentions.Contains(text, StringComparer.OrdinalIgnoreCase) || string.Equals(text, name, StringComparison.OrdinalIgnoreCase);
    }

    private static string Unquoted(string text) => text.TrimStart('"', '\'', '“', '”', '‘', '’', '«', '»', '„', ' ');
}
