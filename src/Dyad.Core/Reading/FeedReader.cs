using System.Collections.Immutable;
using System.Xml;
using System.Xml.Linq;

namespace Dyad.Reading;

/// <summary>
/// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item or entry is a document. DTDs are refused
/// (no entity expansion, no external fetches). An item without text is reported; others are kept.
/// </summary>
internal static class FeedReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";

    public static ReadResult Read(string origin, string text)
    {
        XDocument xml;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersFromEntities = 1024,
            };
            using var stringReader = new StringReader(text);
            using var reader = XmlReader.Create(stringReader, settings);
            xml = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            return ReadResult.Fail(origin, $"malformed feed XML: {ex.Message}");
        }

        var root = xml.Root!;
        var isAtom = root.Name == Atom + "feed";
        var items = isAtom
            ? root.Elements(Atom + "entry").ToList()
            : root.Descendants().Where(e => e.Name.LocalName == "item").ToList();
        var source = isAtom
            ? (string?)root.Element(Atom + "title")
            : (string?)root.Element("channel")?.Element("title") ?? (string?)root.Element(Rss1 + "channel")?.Element(Rss1 + "title");

        var documents = ImmutableArray.CreateBuilder<Document>();
        var errors = ImmutableArray.CreateBuilder<ReadError>();
        var index = 0;
        foreach (var item in items)
        {
            index++;
            var where = $"{origin}#item{index}";
            var title = Child(item, "title");
            var html = isAtom
                ? Child(item, "content") ?? Child(item, "summary")
                : (string?)item.Element(Content + "encoded") ?? Child(item, "description");
            var body = html is null ? "" : HtmlReader.FragmentText(html);
            if (body.Length == 0)
            {
                errors.Add(new ReadError(where, "feed item has no text"));
                continue;
            }

            var link = isAtom
                ? (string?)item.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")
                : Child(item, "link");
            var date = DocumentReader.ParseDate(Child(item, "pubDate") ?? Child(item, "published") ?? Child(item, "updated") ?? (string?)item.Element(Dc + "date"));
            var author = isAtom ? (string?)item.Element(Atom + "author")?.Element(Atom + "name") : Child(item, "author") ?? (string?)item.Element(Dc + "creator");
            documents.Add(DocumentReader.Titled(where, title is null ? null : HtmlReader.FragmentText(title), body, date, author, link, source));
        }

        if (items.Count == 0)
        {
            errors.Add(new ReadError(origin, "feed has no items"));
        }

        return new ReadResult(documents.DrainToImmutable(), errors.DrainToImmutable());
    }

    private static string? Child(XElement item, string localName) =>
        (string?)item.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
}
