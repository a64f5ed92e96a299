using System.Globalization;

namespace Dyad.Reading;

/// <summary>
/// The header format: a first line <c> date YYYY-MM-DD Title</c>, then an optional byline
/// paragraph starting with "By", then the body's paragraphs. The document's text is the title,
/// a blank line and the body (without the date prefix and without the byline).
/// </summary>
internal static class HeaderFormat
{
    private const string Prefix = "date ";

    public static bool Matches(ReadOnlySpan<char> trimmedStart) =>
        trimmedStart.StartsWith(Prefix, StringComparison.Ordinal)
        && trimmedStart.Length >= Prefix.Length + 10
        && DateOnly.TryParseExact(trimmedStart.Slice(Prefix.Length, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static ReadResult Read(string origin, string text)
    {
        var firstLineEnd = text.IndexOf('\n');
        var firstLine = (firstLineEnd < 0 ? text : text[..firstLineEnd]).TrimEnd('\r').TrimStart();
        var date = DateOnly.ParseExact(firstLine.AsSpan(Prefix.Length, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var title = firstLine[(Prefix.Length + 10)..].Trim();
        var rest = firstLineEnd < 0 ? "" : text[(firstLineEnd + 1)..];

        var position = SkipBlankLines(rest, 0);
        string? byline = null;
        var paragraphEnd = ParagraphEnd(rest, position);
        var firstParagraph = rest[position..paragraphEnd].Trim();
        if (firstParagraph.StartsWith("By ", StringComparison.OrdinalIgnoreCase) && !firstParagraph.Contains('\n') && firstParagraph.Length <= 200)
        {
            byline = firstParagraph;
            position = SkipBlankLines(rest, paragraphEnd);
        }

        var body = rest[position..].TrimEnd();
        if (body.Length == 0 && title.Length == 0)
        {
            return ReadResult.Fail(origin, "header format with neither a title nor a body");
        }

        return ReadResult.Of(DocumentReader.Titled(origin, title.Length == 0 ? null : title, body, date, byline));
    }

    private static int SkipBlankLines(string s, int i)
    {
        var lineStart = i;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '\n')
            {
                lineStart = i + 1;
            }
            else if (!char.IsWhiteSpace(c))
            {
                return lineStart;
            }

            i++;
        }

        return s.Length;
    }

    private static int ParagraphEnd(string s, int i)
    {
        while (i < s.Length)
        {
            var nl = s.IndexOf('\n', i);
            if (nl < 0)
            {
                return s.Length;
            }

            var j = nl + 1;
            while (j < s.Length && s[j] is ' ' or '\t' or '\r')
            {
                j++;
            }

            if (j >= s.Length || s[j] == '\n')
            {
                return nl;
            }

            i = j;
        }

        return s.Length;
    }
}
