using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Dyad.Reading;

/// <summary>
/// Reads an HTML page: the article's title, date, byline and main body text, not its menus,
/// scripts, forms or footers. The body is the text of the article's paragraphs, joined by blank
/// lines. Nothing in the page is run or fetched.
/// </summary>
internal static class HtmlReader
{
    private static readonly string[] Noise =
    [
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
        "nav", "header", "footer", "aside", "form", "button", "select", "input", "textarea", "menu", "dialog",
        "figure", "figcaption",
    ];

    private static readonly string[] NoiseMarkers = ["nav", "menu", "footer", "sidebar", "cookie", "comment", "share", "related", "promo", "advert", "subscribe", "newsletter", "social", "breadcrumb"];

    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    public static ReadResult Read(string origin, string html)
    {
        if (HtmlScan.MaxNesting(html) > HtmlScan.MaxDepth)
        {
            var text = HtmlScan.StripTags(html);
            return text.Length == 0
                ? ReadResult.Fail(origin, $"HTML page nested deeper than {HtmlScan.MaxDepth} elements has no text")
                : ReadResult.Of(DocumentReader.Titled(origin, null, text));
        }

        using var document = Parser.ParseDocument(html);
        var title = Meta(document, "og:title") ?? document.QuerySelector("title")?.TextContent ?? document.QuerySelector("h1")?.TextContent;
        var date = DocumentReader.ParseDate(
            Meta(document, "article:published_time") ?? Meta(document, "date") ?? Meta(document, "pubdate")
            ?? Meta(document, "dc.date") ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime"));
        var byline = Meta(document, "author") ?? document.QuerySelector("[rel=author]")?.TextContent
            ?? document.QuerySelector(".byline")?.TextContent;
        var url = document.QuerySelector("link[rel=canonical]")?.GetAttribute("href") ?? Meta(document, "og:url");
        var source = Meta(document, "og:site_name");

        foreach (var tag in Noise)
        {
            foreach (var element in document.QuerySelectorAll(tag).ToList())
            {
                element.Remove();
            }
        }

        foreach (var element in document.QuerySelectorAll("[class],[id],[role]").ToList())
        {
            if (IsNoise(element))
            {
                element.Remove();
            }
        }

        var container = ChooseContainer(document);
        var body = container is null ? "" : ParagraphText(container);
        if (body.Length == 0)
        {
            var fallback = DocumentReader.CollapseSpaces(document.Body?.TextContent ?? "");
            body = fallback;
        }

        if (body.Length == 0)
        {
            return ReadResult.Fail(origin, "HTML page has no article text");
        }

        if (title is not null && body.StartsWith(DocumentReader.CollapseSpaces(title), StringComparison.Ordinal))
        {
            body = body[DocumentReader.CollapseSpaces(title).Length..].TrimStart();
        }

        return ReadResult.Of(DocumentReader.Titled(origin, title, body, date, byline, url, source));
    }

    /// <summary>Text of an HTML fragment (a feed item's description): paragraphs joined by blank lines.</summary>
    public static string FragmentText(string html)
    {
        if (html.IndexOf('<', StringComparison.Ordinal) < 0)
        {
            return DocumentReader.CollapseSpaces(System.Net.WebUtility.HtmlDecode(html));
        }

        if (HtmlScan.MaxNesting(html) > HtmlScan.MaxDepth)
        {
            return HtmlScan.StripTags(html);
        }

        using var document = Parser.ParseDocument("<html><body>" + html + "</body></html>");
        foreach (var tag in Noise)
        {
            foreach (var element in document.QuerySelectorAll(tag).ToList())
            {
                element.Remove();
            }
        }

        var body = document.Body is null ? "" : ParagraphText(document.Body);
        return body.Length > 0 ? body : DocumentReader.CollapseSpaces(document.Body?.TextContent ?? "");
    }

    private static string? Meta(IDocument document, string name)
    {
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (key is not null && key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                var content = meta.GetAttribute("content");
                if (!string.IsNullOrWhiteSpace(content))
                {
                    return content.Trim();
                }
            }
        }

        return null;
    }

    private static bool IsNoise(IElement element)
    {
        if (element.LocalName is "body" or "html" or "article" or "main")
        {
            return false;
        }

        var role = element.GetAttribute("role");
        if (role is "navigation" or "banner" or "contentinfo" or "complementary" or "search")
        {
            return true;
        }

        var marker = ((element.GetAttribute("class") ?? "") + " " + (element.GetAttribute("id") ?? "")).ToLowerInvariant();
        foreach (var word in NoiseMarkers)
        {
            if (marker.Contains(word, StringComparison.Ordinal) && !marker.Contains("article", StringComparison.Ordinal) && !marker.Contains("content", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static IElement? ChooseContainer(IDocument document)
    {
        var article = document.QuerySelectorAll("article").OrderByDescending(a => TextLength(a)).FirstOrDefault()
            ?? document.QuerySelector("main") ?? document.QuerySelector("[itemprop=articleBody]");
        if (article is not null && TextLength(article) > 0)
        {
            return article;
        }

        // The element whose own paragraphs hold the most text.
        IElement? best = null;
        var bestScore = 0;
        foreach (var p in document.QuerySelectorAll("p"))
        {
            var parent = p.ParentElement;
            if (parent is null)
            {
                continue;
            }

            var score = parent.Children.Where(c => c.LocalName == "p").Sum(c => c.TextContent.Length);
            if (score > bestScore)
            {
                bestScore = score;
                best = parent;
            }
        }

        return best ?? document.Body;
    }

    private static int TextLength(IElement element) => element.QuerySelectorAll("p").Sum(p => p.TextContent.Length);

    private static string ParagraphText(IElement container)
    {
        var blocks = container.QuerySelectorAll("p, h2, h3, h4, blockquote, li, pre").Where(e => !HasBlockAncestorWithin(e, container)).ToList();
        if (blocks.Count == 0)
        {
            return DocumentReader.CollapseSpaces(container.TextContent);
        }

        var builder = new StringBuilder();
        foreach (var block in blocks)
        {
            var text = DocumentReader.CollapseSpaces(block.TextContent);
            if (text.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append("\n\n");
            }

            builder.Append(text);
        }

        return builder.ToString();
    }

    private static bool HasBlockAncestorWithin(IElement element, IElement container)
    {
        for (var parent = element.ParentElement; parent is not null && parent != container; parent = parent.ParentElement)
        {
            if (parent.LocalName is "p" or "blockquote" or "li" or "pre")
            {
                return true;
            }
        }

        return false;
    }
}
