using System.Text.Json;

namespace Dyad.Tests.Contract;

/// <summary>Checks that hold for every document Dyad writes (docs/output-contract.md).</summary>
public static class ContractChecks
{
    private static readonly string[] Arrays = ["sentences", "entities", "times", "quotes", "places", "events"];

    public static void AssertValid(JsonElement doc)
    {
        foreach (var field in new[] { "id", "url", "source", "date", "title", "byline", "language", "text", "tone" })
        {
            Assert.True(doc.TryGetProperty(field, out _), $"missing field '{field}'");
        }

        foreach (var array in Arrays)
        {
            Assert.True(doc.TryGetProperty(array, out var value) && value.ValueKind == JsonValueKind.Array, $"'{array}' must be an array");
        }

        var text = doc.GetProperty("text").GetString()!;
        foreach (var span in Spans(doc))
        {
            var start = span.GetProperty("start").GetInt32();
            var end = span.GetProperty("end").GetInt32();
            Assert.InRange(start, 0, text.Length);
            Assert.InRange(end, start, text.Length);
            if (span.TryGetProperty("text", out var spanText) && spanText.ValueKind == JsonValueKind.String)
            {
                Assert.Equal(spanText.GetString(), text[start..end]);
            }
        }
    }

    /// <summary>Every object in the document that carries start and end offsets.</summary>
    public static IEnumerable<JsonElement> Spans(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("start", out var s) && s.ValueKind == JsonValueKind.Number && element.TryGetProperty("end", out _))
            {
                yield return element;
            }

            foreach (var property in element.EnumerateObject())
            {
                foreach (var span in Spans(property.Value))
                {
                    yield return span;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var span in Spans(item))
                {
                    yield return span;
                }
            }
        }
    }
}
