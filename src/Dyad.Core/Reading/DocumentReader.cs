namespace Dyad.Reading;

/// <summary>
/// Reads one input (bytes) into documents. The kind of input is decided from its content, not
/// its name: the header format, HTML, JSON Lines, RSS/Atom, else plain text. Never throws on bad
/// content: every problem comes back as a <see cref="ReadError"/> naming the input and the reason.
/// </summary>
public static class DocumentReader
{
    public static ReadResult Read(string origin, ReadOnlySpan<byte> bytes, ReaderOptions? options = null)
    {
        options ??= ReaderOptions.Default;
        if (bytes.Length == 0)
        {
            return ReadResult.Fail(origin, "empty file");
        }

        if (bytes.Length > options.MaxBytes)
        {
            return ReadResult.Fail(origin, $"file is {bytes.Length:N0} bytes, over the limit of {options.MaxBytes:N0} bytes (--max-size)");
        }

        var text = TextDecoding.Decode(bytes, out var reason);
        if (text is null)
        {
            return ReadResult.Fail(origin, reason ?? "not text");
        }

        return ReadText(origin, text, options);
    }

    public static ReadResult ReadText(string origin, string text, ReaderOptions? options = null)
    {
        options ??= ReaderOptions.Default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return ReadResult.Fail(origin, "empty file (only white space)");
        }

        ReadResult result;
        try
        {
            result = Detect(text) switch
            {
                InputKind.Header => HeaderFormat.Read(origin, text),
                InputKind.Html => HtmlReader.Read(origin, text),
                InputKind.JsonLines => JsonLinesReader.Read(origin, text),
                InputKind.Feed => FeedReader.Read(origin, text),
                _ => ReadResult.Of(new Document { Text = text, Origin = origin }),
            };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Readers report bad content themselves; this is the last guard so one input never stops the others.
            return ReadResult.Fail(origin, $"could not be read: {ex.Message}");
        }

        if (options.Date is { } date)
        {
            result = result with { Documents = [.. result.Documents.Select(d => d with { Date = date })] };
        }

        return result;
    }

    public static InputKind Detect(string text)
    {
        var span = text.AsSpan().TrimStart();
        if (HeaderFormat.Matches(span))
        {
            return InputKind.Header;
        }

        if (span.Length > 0 && span[0] == '<')
        {
            var head = span[..Math.Min(span.Length, 2048)];
            if (head.Contains("<rss", StringComparison.OrdinalIgnoreCase)
                || head.Contains("<feed", StringComparison.OrdinalIgnoreCase)
                || head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase))
            {
                return InputKind.Feed;
            }

            return InputKind.Html;
        }

        if (span.Length > 0 && span[0] == '{')
        {
            return InputKind.JsonLines;
        }

        var probe = span[..Math.Min(span.Length, 4096)];
        if (probe.Contains("<html", StringComparison.OrdinalIgnoreCase)
            || probe.Contains("<body", StringComparison.OrdinalIgnoreCase)
            || probe.Contains("<p>", StringComparison.OrdinalIgnoreCase))
        {
            return InputKind.Html;
        }

        return InputKind.PlainText;
    }

    /// <summary>A document whose text is the title, a blank line, then the body (the contract's rule).</summary>
    internal static Document Titled(string origin, string? title, string body, DateOnly? date = null,
        string? byline = null, string? url = null, string? source = null, string? id = null)
    {
        title = string.IsNullOrWhiteSpace(title) ? null : CollapseSpaces(title);
        var text = title is null ? body : title + "\n\n" + body;
        return new Document
        {
            Text = text,
            Title = title,
            Byline = string.IsNullOrWhiteSpace(byline) ? null : CollapseSpaces(byline),
            Date = date,
            Url = string.IsNullOrWhiteSpace(url) ? null : url.Trim(),
            Source = string.IsNullOrWhiteSpace(source) ? null : source.Trim(),
            Id = string.IsNullOrWhiteSpace(id) ? null : id.Trim(),
            BodyStart = title is null ? 0 : title.Length + 2,
            Origin = origin,
        };
    }

    internal static string CollapseSpaces(string s)
    {
        var builder = new System.Text.StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Parses the date part of ISO dates, ISO date-times and RFC 822/1123 dates.</summary>
    internal static DateOnly? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var v = value.Trim();
        if (v.Length >= 10 && DateOnly.TryParseExact(v.AsSpan(0, 10), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var iso))
        {
            return iso;
        }

        if (DateTimeOffset.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AllowWhiteSpaces | System.Globalization.DateTimeStyles.AssumeUniversal, out var dto))
        {
            return DateOnly.FromDateTime(dto.UtcDateTime);
        }

        // RFC 822 with a zone name .NET does not know ("Wed, 22 Jan 2025 10:00:00 EST"): drop the zone.
        var lastSpace = v.LastIndexOf(' ');
        if (lastSpace > 0 && DateTimeOffset.TryParse(v.AsSpan(0, lastSpace), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AllowWhiteSpaces | System.Globalization.DateTimeStyles.AssumeUniversal, out dto))
        {
            return DateOnly.FromDateTime(dto.UtcDateTime);
        }

        return null;
    }
}
