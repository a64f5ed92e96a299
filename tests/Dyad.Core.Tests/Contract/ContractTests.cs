using System.Text.Json;
using Dyad.Contract;
using Dyad.Pipeline;
using Dyad.Reading;

namespace Dyad.Tests.Contract;

public sealed class ContractTests
{
    public static TheoryData<string> ProjectSamples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(SharedData.RepoRoot, "samples")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    private static List<JsonElement> Extract(string path)
    {
        var result = DocumentReader.Read(path, File.ReadAllBytes(path));
        Assert.Empty(result.Errors);
        return result.Documents
            .Select(d => JsonDocument.Parse(ContractWriter.ToJson(AnalysisPipeline.Default.Analyze(d))).RootElement)
            .ToList();
    }

    [Theory]
    [MemberData(nameof(ProjectSamples))]
    public void Every_span_of_the_project_samples_points_at_its_text(string sample)
    {
        var documents = Extract(Path.Combine(SharedData.RepoRoot, "samples", sample));
        Assert.NotEmpty(documents);
        foreach (var doc in documents)
        {
            ContractChecks.AssertValid(doc);
            Assert.NotEmpty(doc.GetProperty("sentences").EnumerateArray());
        }
    }

    [SkippableFact]
    public void Shared_sample_reads_with_the_expected_document_fields_and_valid_spans()
    {
        var article = SharedData.Require("samples/xi-putin-2025-01-22.txt");
        var expected = JsonDocument.Parse(File.ReadAllText(SharedData.Require("samples/xi-putin-2025-01-22.expected.json"))).RootElement.GetProperty("document");
        var doc = Assert.Single(Extract(article));
        ContractChecks.AssertValid(doc);
        Assert.Equal(expected.GetProperty("date").GetString(), doc.GetProperty("date").GetString());
        Assert.Equal(expected.GetProperty("title").GetString(), doc.GetProperty("title").GetString());
        Assert.Equal(expected.GetProperty("byline").GetString(), doc.GetProperty("byline").GetString());

        var text = doc.GetProperty("text").GetString()!;
        Assert.StartsWith(expected.GetProperty("title").GetString() + "\n\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("By Staff", text, StringComparison.Ordinal);

        // Sentences are ordered, disjoint and cover every word of the text.
        var sentences = doc.GetProperty("sentences").EnumerateArray().Select(s => (s.GetProperty("start").GetInt32(), s.GetProperty("end").GetInt32())).ToList();
        Assert.True(sentences.Count >= 10, $"only {sentences.Count} sentences");
        for (var i = 1; i < sentences.Count; i++)
        {
            Assert.True(sentences[i].Item1 >= sentences[i - 1].Item2, "sentences overlap");
            Assert.True(string.IsNullOrWhiteSpace(text[sentences[i - 1].Item2..sentences[i].Item1]), "text between sentences is lost");
        }
    }
}
