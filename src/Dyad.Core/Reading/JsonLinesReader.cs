using System.Collections.Immutable;
using System.Text.Json;

namespace Dyad.Reading;

/// <summary>
/// JSON Lines: one object per line with <c>id, url, date, title, text, source</c> (only text is
/// required). A malformed line is reported with its line number; the other lines are kept.
/// </summary>
internal static class JsonLinesReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowTrailingCommas = true };

    public static ReadResult Read(string origin, string text)
    {
        var documents = ImmutableArray.CreateBuilder<Document>();
        var errors = ImmutableArray.CreateBuilder<ReadError>();
        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            var where = $"{origin}:{lineNumber}";
            try
            {
                using var json = JsonDocument.Parse(line.ToString(), Options);
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new ReadError(where, "line is not a JSON object"));
                    continue;
                }

                var root = json.RootElement;
                var body = String(root, "text");
                if (string.IsNullOrWhiteSpace(body))
                {
                    errors.Add(new ReadError(where, "JSON line has no \"text\""));
                    continue;
                }

                var dateText = String(root, "date");
                var date = DocumentReader.ParseDate(dateText);
                if (dateText is not null && date is null)
                {
                    errors.Add(new ReadError(where, $"unreadable \"date\" '{dateText}' (expected YYYY-MM-DD)"));
                    continue;
                }

                documents.Add(DocumentReader.Titled(where, String(root, "title"), body, date,
                    String(root, "byline"), String(root, "url"), String(root, "source"), String(root, "id")));
            }
            catch (JsonException ex)
            {
                errors.Add(new ReadError(where, $"malformed JSON line: {ex.Message}"));
            }
        }

        if (documents.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ReadError(origin, "JSON Lines input has no lines"));
        }

        return new ReadResult(documents.DrainToImmutable(), errors.DrainToImmutable());
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
