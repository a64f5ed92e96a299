using Dyad.Pipeline;

namespace Dyad.Tests.Names;

public sealed class HeadlineNamesTests
{
    [Fact]
    public void Title_case_headline_names_do_not_swallow_the_verbs_after_them()
    {
        var title = "Erdogan Hosts Zelensky as Ankara Talks Resume";
        var body = "Turkish President Recep Tayyip Erdogan met Ukrainian President Volodymyr Zelensky in Ankara on Tuesday. Erdogan said the talks were useful.";
        var doc = new Document { Text = title + "\n\n" + body, Title = title, BodyStart = title.Length + 2, Date = new DateOnly(2025, 3, 4) };
        var names = new PipelineBuilder().UseNames().Build().Analyze(doc).Names;
        var inTitle = names.Where(n => n.End <= title.Length).Select(n => n.Text).ToList();
        Assert.DoesNotContain(inTitle, n => n.Contains("Hosts", StringComparison.Ordinal) || n.Contains("Talks", StringComparison.Ordinal));
        Assert.All(names, n => Assert.Equal(doc.Text[n.Start..n.End], n.Text));
    }
}
